import type { Prisma } from '@connector/db';
import { checkSettingsChange, DEFAULT_COMPANY_SETTINGS } from '@connector/contract';
import { readText } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';
import type { AppliedResponse } from '../qbwc/receive-response-xml.ts';
import { readCompanySettings, readOrNull, readRequestResult } from '../stored/read-stored.ts';
import { RETAINAGE_RECEIVABLE_SETUP_KEY } from './create-retainage-receivable-item.ts';

/**
 * After QuickBooks' answers, inside the Web Connector call's transaction (run-after-responses.ts): the Retainage
 * Receivable item the connector created (create-retainage-receivable-item.ts) — or the one QuickBooks already had, after
 * 3100 — becomes the setting, unless a person chose one meanwhile (their choice stands). A failed creation is in the
 * exception queue with QuickBooks' code and message, like any request; the setting stays empty.
 */
export async function applySetupResponses(tx: Prisma.TransactionClient, companyId: string, applied: readonly AppliedResponse[]): Promise<void> {
  const done = applied.filter((a) => a.dedupeKey === RETAINAGE_RECEIVABLE_SETUP_KEY && a.outcome === 'done');
  if (done.length === 0) return;
  const row = await tx.queuedRequest.findFirst({ where: { companyId, id: done[0]!.requestRowId, status: 'done' } });
  const record = row ? readOrNull(() => readRequestResult(row))?.record : null;
  const listId = record ? readText(record, 'ListID') : undefined;
  const fullName = record ? (readText(record, 'FullName') ?? readText(record, 'Name')) : undefined;
  if (!listId || !fullName) return;

  const stored = await tx.companySettings.findUnique({ where: { companyId } });
  const current = { ...DEFAULT_COMPANY_SETTINGS, ...(stored ? readCompanySettings(stored.values, companyId) : {}) };
  if (current.retainageReceivableItem) return;
  const item = { listId, fullName };
  const { merged, problems } = checkSettingsChange(current, { retainageReceivableItem: item });
  if (Object.keys(problems).length > 0) return;
  await tx.companySettings.upsert({
    where: { companyId },
    create: { companyId, values: merged as never, updatedBy: 'qbwc' },
    update: { values: merged as never, updatedBy: 'qbwc' },
  });
  await writeAudit(tx, {
    companyId,
    actor: 'qbwc',
    action: 'settings.changed',
    direction: 'from_quickbooks',
    outcome: 'ok',
    subjectType: 'queued_request',
    subjectId: row!.id,
    detail: { changed: { retainageReceivableItem: item }, matchedExisting: readOrNull(() => readRequestResult(row!))?.matchedExisting === true },
  });
}
