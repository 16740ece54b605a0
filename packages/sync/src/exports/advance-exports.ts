import { Prisma } from '@connector/db';
import {
  mapBudget,
  mapChangeOrder,
  mapCommitment,
  mapCostCodes,
  mapCustomer,
  mapProject,
  mapRequisition,
  mapVendor,
  planDependencies,
  type Dependency,
  type MappingContext,
  type MappingFailure,
  type MappingResult,
  type OwnerInvoiceRequests,
  type QbListLink,
} from '@connector/mapping';
import type { QbxmlRequest } from '@connector/qbxml';
import { writeAudit } from '../audit/write-audit.ts';
import { isAppError } from '../errors/app-error.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { PREPARE_EXPORT_JOB } from '../jobs/job-kinds.ts';
import { readExportOptions, readStoredExportSource } from '../stored/read-stored.ts';
import { enqueueRequestIn } from '../queue/enqueue-request.ts';
import { PRIORITY } from '../queue/request-status.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { QB_CHANGED, settleExport, type ExportOptions } from './settle-export.ts';
import { storeFieldDifferences } from './store-field-differences.ts';
import { lockExportPlanning } from './lock-export-planning.ts';
import { PlanningPassRows } from './planning-pass-rows.ts';
import { titleFor } from './export-record-types.ts';
import type { ExportRecordType } from './export-workflow.ts';
import { ExportLinks, LINK_TYPES, standardCostCodeId } from './load-export-links.ts';
import { loadVendorCurrencies } from './load-vendor-currencies.ts';
import { findSourceRecord, isListType, listSource, type ExportSource } from './read-export-source.ts';
import {
  mapOwnerInvoiceExport,
  ownerInvoiceDedupeKey,
  ownerInvoiceSettingsOf,
  previewOwnerInvoice,
  type OwnerInvoiceSettings,
} from './map-owner-invoice-export.ts';
import { mapPrimeExport, primeContractIdOf } from './map-prime-contract-export.ts';

type Tx = Prisma.TransactionClient;
type Row = Prisma.ExportRecordGetPayload<object>;

export const EXPORT_ACTOR = 'connector';

/** A change order or invoice whose commitment a person has not approved for export: resumes by itself once it is. */
export const COMMITMENT_NOT_APPROVED = 'COMMITMENT_NOT_APPROVED';
/** A prime contract change order whose prime contract a person has not approved for export (issue 21): resumes by itself once it is. */
export const PRIME_CONTRACT_NOT_APPROVED = 'PRIME_CONTRACT_NOT_APPROVED';

/** Lists before transactions, purchase orders before what changes or bills them (docs/qbxml.md#dependency-order, 3140). */
const PRIORITY_BY_TYPE: Record<ExportRecordType, number> = {
  vendor: PRIORITY.list,
  project: PRIORITY.list,
  cost_code: PRIORITY.list,
  budget: PRIORITY.transaction,
  commitment: PRIORITY.transaction,
  change_order: PRIORITY.dependentTransaction,
  invoice: PRIORITY.dependentTransaction,
  owner_invoice: PRIORITY.transaction,
  prime_contract: PRIORITY.transaction,
  prime_change_order: PRIORITY.dependentTransaction,
};

/** Settings, the company file's country and closing date, and every link: what the mappers need, loaded once per pass. */
export async function loadMappingContext(tx: Tx, companyId: string) {
  const settings = await getCompanySettings({ prisma: tx } as never, companyId);
  // The company's edition with what its Web Connector reported, in one read.
  const company = await tx.company.findUnique({
    where: { id: companyId },
    select: {
      accountingEdition: true,
      qbwcConnection: { select: { qbCountry: true, qbClosingDate: true, qbMultiCurrencyOn: true, qbHomeCurrency: true } },
    },
  });
  const connection = company?.qbwcConnection ?? null;
  const links = await ExportLinks.load(tx, companyId);
  const edition: Pick<MappingContext, 'accountingEdition'> = company?.accountingEdition === 'online' ? { accountingEdition: 'online' } : {};
  const mappingSettings: MappingContext['settings'] = {
    itemType: settings.itemType,
    itemNameRule: settings.itemNameRule,
    useProcoreContractNumber: settings.useProcoreContractNumber,
    invoiceRetainageItem: settings.invoiceRetainageItem,
    itemExpenseAccount: settings.itemExpenseAccount,
    itemIncomeAccount: settings.itemIncomeAccount,
    classByCostCode: settings.classByCostCode,
  };
  const qbCountry = connection?.qbCountry ?? '';
  const closing = connection?.qbClosingDate ? { qbClosingDate: connection.qbClosingDate } : {};
  // Multi-currency on: each vendor's QuickBooks currency, so a commitment or invoice for a foreign-currency vendor is
  // refused (mapping/check-vendor-currency.ts). QuickBooks names the home currency in the HCP whenever multi-currency is
  // on; should it not, a US file's home currency is the US dollar, and any other file's vendors count as unknown.
  const vendorCurrencies = connection?.qbMultiCurrencyOn ? await loadVendorCurrencies(tx, companyId) : null;
  const home = connection?.qbHomeCurrency ?? (connection?.qbCountry === 'US' ? 'US Dollar' : null);
  const currency: Pick<MappingContext, 'currency'> = vendorCurrencies
    ? { currency: { home: home ?? 'the home currency', vendorCurrency: (listId) => (home === null ? null : (vendorCurrencies.get(listId) ?? null)) } }
    : {};
  const context = (source: ExportSource, lookup?: MappingContext['links']): MappingContext => ({
    settings: mappingSettings,
    qbCountry,
    ...edition,
    ...closing,
    ...currency,
    links: lookup ?? links.lookup(source.costCodeMap),
  });
  return { links, context, qbCountry, owner: ownerInvoiceSettingsOf(settings) };
}

export interface AdvanceResult {
  settled: number;
  queuedRequests: number;
  waiting: number;
  failed: number;
}

/**
 * Moves a company's exports forward, inside the caller's transaction:
 * 1. settles exports whose QuickBooks request finished (links, synced/failed, exceptions);
 * 2. plans the queued ones: what each still needs in QuickBooks becomes an export of its own (vendor,
 *    job, items), and a record whose dependencies are all there gets its request queued.
 * Called after approvals and after every QuickBooks answer, so a commitment's vendor, job, items and
 * the purchase order itself go in one Web Connector session where possible.
 */
export async function advanceExports(tx: Tx, companyId: string, now = new Date(), options: { settle?: boolean } = {}): Promise<AdvanceResult> {
  const result: AdvanceResult = { settled: 0, queuedRequests: 0, waiting: 0, failed: 0 };
  // This runs after every QuickBooks answer (large read syncs included): with no export in progress there
  // is nothing to settle or plan, so the links are not even loaded.
  const active = await tx.exportRecord.findFirst({
    where: { companyId, OR: [{ status: 'queued' }, { status: 'failed', errorCode: QB_CHANGED, fieldDifferences: { equals: Prisma.DbNull } }] },
    select: { id: true },
  });
  if (!active) return result;
  // Every planning pass holds the company's planning lock (lock-export-planning.ts); a caller that took it first keeps it.
  await lockExportPlanning(tx, companyId);
  const { links, context, owner } = await loadMappingContext(tx, companyId);

  // 1. Settle what QuickBooks answered.
  const settledKeys: string[] = [];
  const replan = new Set<string>();
  // Only QuickBooks' answers finish requests: a pass after an approval (options.settle false) skips this.
  if (options.settle !== false) {
    const finished = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT er.id FROM export_records er JOIN queued_requests qr ON qr.id = er.request_id AND qr.company_id = er.company_id
      WHERE er.company_id = ${companyId}::uuid AND er.status = 'queued' AND qr.status IN ('done', 'failed', 'cancelled')`;
    // Their rows and requests in two queries (settleExport reads one export's otherwise, two statements per answer).
    const finishedRows = finished.length === 0 ? [] : await tx.exportRecord.findMany({ where: { companyId, id: { in: finished.map((f) => f.id) } } });
    const rowsById = new Map(finishedRows.map((r) => [r.id, r]));
    const requestIds = finishedRows.flatMap((r) => (r.requestId ? [r.requestId] : []));
    const requests = requestIds.length === 0 ? [] : await tx.queuedRequest.findMany({ where: { companyId, id: { in: requestIds } } });
    const requestsById = new Map(requests.map((r) => [r.id, r]));
    for (const { id } of finished) {
      const loaded = { row: rowsById.get(id) ?? null, requests: requestsById };
      const outcome = await settleExport(tx, { companyId, exportId: id, links, now, loaded });
      if (!outcome) continue;
      result.settled += 1;
      if (outcome.key) settledKeys.push(outcome.key);
      if (outcome.replanSelf) replan.add(id);
    }
    // 3200 exceptions read QuickBooks' version back (settle-export queued the query): store the difference.
    await storeFieldDifferences(tx, companyId);
  }
  // Rows left waiting for records that are no longer on their way (failed while being read from Procore,
  // dismissed, rejected, or a commitment only sent to accounting, which needs a person): planning them again
  // says what became of the wait, so none waits forever.
  const released = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT er.id FROM export_records er
    WHERE er.company_id = ${companyId}::uuid AND er.status = 'queued' AND er.request_id IS NULL AND cardinality(er.waiting_on) > 0
      AND NOT EXISTS (
        SELECT 1 FROM export_records b
        WHERE b.company_id = er.company_id AND b.status IN ('approved', 'queued') AND (b.record_type || ':' || b.procore_id) = ANY(er.waiting_on))`;
  for (const { id } of released) replan.add(id);
  // A change order or invoice that waited for a person to approve its commitment (COMMITMENT_NOT_APPROVED, in the
  // exception queue meanwhile) goes on by itself once that commitment is on its way or in QuickBooks. It goes back
  // through export.prepare (status approved), so Procore is read again: deleted or no longer approved there while it
  // waited, it must not reach QuickBooks from the copy read before (docs/data-safety.md, removed-in-procore-stays-out;
  // found by the simulation, seed 7157).
  const revived = await tx.$queryRaw<Array<{ id: string; record_type: string; procore_id: string; title: string }>>`
    UPDATE export_records er SET status = 'approved', error_code = NULL, error_message = NULL, waiting_on = '{}', request_id = NULL,
      version = er.version + 1, updated_at = ${now}
    WHERE er.company_id = ${companyId}::uuid AND er.status = 'failed' AND er.error_code IN (${COMMITMENT_NOT_APPROVED}, ${PRIME_CONTRACT_NOT_APPROVED})
      AND EXISTS (
        SELECT 1 FROM export_records c
        WHERE c.company_id = er.company_id AND c.record_type IN ('commitment', 'prime_contract') AND c.status IN ('approved', 'queued', 'synced')
          AND (c.record_type || ':' || c.procore_id) = ANY(er.waiting_on))
    RETURNING er.id, er.record_type, er.procore_id, er.title`;
  for (const row of revived) {
    await enqueueJob(tx, { companyId, kind: PREPARE_EXPORT_JOB, payload: { exportId: row.id }, dedupeKey: `export.prepare:${row.id}` });
    await writeAudit(tx, {
      companyId,
      actor: EXPORT_ACTOR,
      action: 'export.resumed',
      outcome: 'ok',
      direction: 'internal',
      subjectType: `export_${row.record_type}`,
      subjectId: row.procore_id,
      detail: {
        title: row.title,
        reason: row.record_type === 'prime_change_order' ? 'its prime contract was approved for export' : 'its commitment was approved for export',
      },
    });
  }
  // A record that failed only because something it needs failed (DEPENDENCY_FAILED) goes on by itself once every
  // record it waits for is on its way again or in QuickBooks — retried on its own, say — as the exception's words
  // promise ("fix that exception, and this one resumes"). Before, it stayed failed until retried itself (issue 18,
  // item 9). A chain (invoice → commitment → vendor) resumes a level per round; the depth is bounded by the record types.
  // Like a revived COMMITMENT_NOT_APPROVED row above, it goes back through export.prepare (status approved, its waits
  // cleared), so Procore is read again: deleted or set back to pending there while it waited, it must not reach
  // QuickBooks from the copy read before (docs/data-safety.md, removed-in-procore-stays-out; regression in
  // apps/server/test/export-e2e.test.ts, "set back to pending in Procore while it waited on a failed dependency").
  for (let round = 0; round < 4; round++) {
    const resumed = await tx.$queryRaw<Array<{ id: string; record_type: string; procore_id: string; title: string }>>`
      UPDATE export_records er SET status = 'approved', error_code = NULL, error_message = NULL, waiting_on = '{}', request_id = NULL,
        version = er.version + 1, updated_at = ${now}
      WHERE er.company_id = ${companyId}::uuid AND er.status = 'failed' AND er.error_code = 'DEPENDENCY_FAILED' AND cardinality(er.waiting_on) > 0
        AND NOT EXISTS (
          SELECT 1 FROM unnest(er.waiting_on) AS w(key)
          WHERE NOT EXISTS (
                  SELECT 1 FROM export_records d
                  WHERE d.company_id = er.company_id AND (d.record_type || ':' || d.procore_id) = w.key AND d.status IN ('approved', 'queued', 'synced'))
            AND NOT EXISTS (
                  SELECT 1 FROM record_links l WHERE l.company_id = er.company_id AND (l.procore_type || ':' || l.procore_id) = w.key))
      RETURNING er.id, er.record_type, er.procore_id, er.title`;
    if (resumed.length === 0) break;
    for (const row of resumed) {
      await enqueueJob(tx, { companyId, kind: PREPARE_EXPORT_JOB, payload: { exportId: row.id }, dedupeKey: `export.prepare:${row.id}` });
      await writeAudit(tx, {
        companyId,
        actor: EXPORT_ACTOR,
        action: 'export.resumed',
        outcome: 'ok',
        direction: 'internal',
        subjectType: `export_${row.record_type}`,
        subjectId: row.procore_id,
        detail: { title: row.title, reason: 'what it waited for is on its way to QuickBooks again' },
      });
    }
  }

  // 2. Plan: rows waiting for something that just settled, and rows never planned (requestId null, no waits).
  const candidates = await tx.exportRecord.findMany({
    where: {
      companyId,
      status: 'queued',
      requestId: null,
      OR: [{ waitingOn: { isEmpty: true } }, ...(settledKeys.length > 0 ? [{ waitingOn: { hasSome: settledKeys } }] : []), { id: { in: [...replan] } }],
    },
    orderBy: { createdAt: 'asc' },
  });
  // The rows this pass reads and writes (planning-pass-rows.ts): each read once, read again only once the pass wrote it.
  const pass = new PlanningPassRows(companyId);
  const queued = (row: Row) => ({ row, readAt: pass.stamp() });
  const work = candidates.map(queued);
  const seen = new Set(candidates.map((r) => r.id));
  await pass.prefetch(tx, dependencyKeysOf(candidates, context));
  try {
    while (work.length > 0) {
      const { row, readAt } = work.shift()!;
      const fresh = pass.isCurrent(row.id, readAt) ? row : await readAgain(tx, pass, row.id);
      if (!fresh || fresh.status !== 'queued' || fresh.requestId) continue;
      // Planning writes this row (and the dependency rows ensureDependency tells the pass of): before, so a look-up of its
      // key meanwhile reads the database; after, so it is read again if it comes round again in this pass.
      pass.wrote(fresh);
      const outcome = await planOne(tx, fresh, { links, context, owner, now, pass });
      pass.wrote(fresh);
      if (outcome.kind === 'queued') result.queuedRequests += 1;
      if (outcome.kind === 'waiting') result.waiting += 1;
      if (outcome.kind === 'failed') {
        result.failed += 1;
        // Whatever waits for this record learns now that it cannot come (and says so), in this same pass.
        await pass.flush(tx);
        const dependents = await tx.exportRecord.findMany({
          where: { companyId, status: 'queued', requestId: null, waitingOn: { has: `${fresh.recordType}:${fresh.procoreId}` } },
        });
        for (const dependent of dependents) if (!work.some((w) => w.row.id === dependent.id)) work.push(queued(dependent));
      }
      if (outcome.kind === 'linked') {
        // Records waiting for this one (planned earlier in this pass or before) can go now: re-plan them.
        for (const dependent of outcome.newRows ?? []) if (!work.some((w) => w.row.id === dependent.id)) work.push(queued(dependent));
        continue;
      }
      for (const dep of outcome.newRows ?? []) {
        if (!seen.has(dep.id)) {
          seen.add(dep.id);
          work.push(queued(dep));
        }
      }
    }
  } catch (error) {
    // A damaged stored value that reaches the caller does not end the transaction (a Web Connector answer records it and
    // goes on: run-after-responses.ts), so the waits planned before it are written, as they were one at a time before.
    if (isAppError(error) && error.code === 'STORED_VALUE_INVALID') await pass.flush(tx);
    throw error;
  }
  await pass.flush(tx);
  return result;
}

/** A row as the database holds it now, the pass's waits written first. */
async function readAgain(tx: Tx, pass: PlanningPassRows, id: string): Promise<Row | null> {
  await pass.flush(tx);
  return tx.exportRecord.findUnique({ where: { id } });
}

/**
 * The dependency exports planning the candidates will look up (planExport's planDependencies → ensureDependency), so the
 * pass reads them in one query instead of one per record and dependency. Only a hint: a row whose stored value cannot be
 * read here is left to planOne, which fails it naming the row; a key missed here is read when it is looked up.
 */
function dependencyKeysOf(rows: readonly Row[], context: PlanEnv['context']): Array<{ recordType: string; procoreId: string }> {
  const keys: Array<{ recordType: string; procoreId: string }> = [];
  for (const row of rows) {
    try {
      const source = readStoredExportSource(row);
      if (!source) continue;
      const type = source.record.type;
      if (type === 'project' || type === 'owner_invoice' || type === 'prime_contract' || type === 'prime_change_order') continue;
      const ctx = context(source);
      for (const dep of planDependencies(source.record, ctx.links)) {
        const target = dependencyTarget(dep, source);
        if (!('refusal' in target)) keys.push(target);
      }
    } catch {
      continue;
    }
  }
  return keys;
}

type PlanOutcome = { kind: 'queued' | 'waiting' | 'failed' | 'skipped' | 'linked'; newRows?: Row[] };

/**
 * planExport, with a damaged stored value it reads (our copy of the Procore record, a link's lines: read-stored.ts)
 * failing this export alone, naming the row — not the whole pass, which runs inside a Web Connector answer.
 */
type PlanEnv = { links: ExportLinks; context: (s: ExportSource) => MappingContext; owner: OwnerInvoiceSettings; now: Date; pass: PlanningPassRows };

async function planOne(tx: Tx, row: Row, env: PlanEnv): Promise<PlanOutcome> {
  try {
    return await planExport(tx, row, env);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'STORED_VALUE_INVALID') throw error;
    return fail(tx, row, 'STORED_VALUE_INVALID', `${row.title}: ${error.message}`);
  }
}

async function planExport(tx: Tx, row: Row, env: PlanEnv): Promise<PlanOutcome> {
  const recordType = row.recordType as ExportRecordType;
  let source: ExportSource | null = readStoredExportSource(row);
  if (!source) {
    if (!isListType(recordType)) return { kind: 'skipped' }; // being read from Procore (export.prepare job)
    const record = await findSourceRecord(tx, row.companyId, recordType, row.procoreId);
    if (!record)
      return fail(
        tx,
        row,
        'PROCORE_RECORD_MISSING',
        `${row.title}: the connector has no copy of this Procore record (deleted in Procore, or not read yet). Refresh from Procore, then retry.`,
      );
    source = listSource(recordType, record);
    await tx.exportRecord.update({ where: { id: row.id }, data: { source: source as never } });
  }
  const ctx = env.context(source);

  // Linked to an entry already in QuickBooks (Jobs / Vendors / Items screens, or an earlier export) and no
  // field chosen to change there: nothing is sent — no Add, no Mod (data safety: linked records are not overwritten).
  const link = linkedListEntry(source, ctx);
  if (link && chosenFields(row).length === 0) return settleLinked(tx, row, link, env.pass);

  if (recordType === 'project') return planProject(tx, row, source, ctx);

  // What must be in QuickBooks first, as exports of their own.
  // The purchase order first: while its commitment waits for a person's approval nothing else is queued for this
  // record (no job or item is created in QuickBooks for a change order that may never go).
  // An owner invoice: the mapping decides from the start (what it needs first is in its MISSING_DEPENDENCY answer,
  // the job and every item together; which invoice is left to send follows from the links).
  const ownerInvoice = source.record.type === 'owner_invoice' ? mapOwnerInvoiceExport(source.record, ctx, env.owner, readExportOptions(row), env.links) : null;
  // A prime contract or its change order (issue 21): the mapping decides too (a change order names its prime contract
  // alone while the estimate is not in QuickBooks; the contract names its job and items together).
  const prime =
    source.record.type === 'prime_contract' || source.record.type === 'prime_change_order' ? mapPrimeExport(source.record, ctx, env.owner, env.links) : null;
  const decided = ownerInvoice ?? prime;
  const first = (d: Dependency) => d.kind === 'purchase_order' || d.kind === 'prime_contract';
  const deps = (
    decided
      ? !decided.ok && decided.refusal.code === 'MISSING_DEPENDENCY'
        ? (decided.refusal.dependencies ?? [])
        : []
      : planDependencies(source.record, ctx.links)
  ).sort((a, b) => Number(first(b)) - Number(first(a)));
  if (deps.length > 0) {
    const waits: string[] = [];
    const newRows: Row[] = [];
    const blocked: Array<{ message: string; code?: string }> = [];
    for (const dep of deps) {
      const target = dependencyTarget(dep, source);
      if ('refusal' in target) return fail(tx, row, 'MISSING_DEPENDENCY', `${row.title}: ${target.refusal}`);
      const outcome = await ensureDependency(tx, row, target, dep, env.pass);
      if (outcome.kind === 'failed' && (outcome.code === COMMITMENT_NOT_APPROVED || outcome.code === PRIME_CONTRACT_NOT_APPROVED)) {
        // Nothing failed and nothing needs a retry: in the exception queue so that a person sees what to approve.
        const what = outcome.code === COMMITMENT_NOT_APPROVED ? 'commitment' : 'prime contract';
        const message = `${row.title} waits for ${outcome.message}. It goes to QuickBooks by itself once that ${what} is approved for export.`;
        return fail(tx, row, outcome.code, message, { waitingOn: [target.key] });
      }
      waits.push(target.key);
      if (outcome.kind === 'failed') blocked.push(outcome);
      else if (outcome.row) newRows.push(outcome.row);
    }
    if (blocked.length > 0) {
      // Every key is kept so that retrying this record retries each failed dependency too.
      const message = `${row.title} waits for ${blocked.map((b) => b.message).join('; and for ')}. Resolve ${blocked.length > 1 ? 'those' : 'that'} first (retrying this record retries ${blocked.length > 1 ? 'them' : 'it'} too).`;
      return fail(tx, row, 'DEPENDENCY_FAILED', message, { waitingOn: [...new Set(waits)] });
    }
    env.pass.wait(row, [...new Set(waits)]);
    return { kind: 'waiting', newRows };
  }

  // One write at a time per QuickBooks transaction (data safety): a change order's PurchaseOrderMod and an
  // invoice's BillAdd received against the PO both change the PO, and each needs the EditSequence (and the
  // TxnLineIDs) the previous write returned, which only the link holds once that write is settled.
  const turn =
    source.record.type === 'prime_change_order' ? await waitForEstimateTurn(tx, row, source, env.pass) : await waitForTurn(tx, row, source, env.pass);
  if (turn) {
    env.pass.wait(row, [turn]);
    return { kind: 'waiting' };
  }

  if (ownerInvoice) return queueOwnerInvoice(tx, row, ownerInvoice, env.links);
  if (prime && (source.record.type === 'prime_contract' || source.record.type === 'prime_change_order')) {
    if (prime.ok) {
      await queueRequest(tx, row, prime, `export:${recordType}:${row.procoreId}`, PRIORITY_BY_TYPE[recordType]);
      return { kind: 'queued' };
    }
    if (prime.refusal.code === 'ALREADY_EXPORTED') return settlePrimeLinked(tx, row, env.links, primeContractIdOf(source.record), env.pass);
    return fail(tx, row, prime.refusal.code, prime.refusal.message);
  }
  const mapped = mapRecord(source, ctx, readExportOptions(row), env);
  if (!mapped.ok) return fail(tx, row, mapped.refusal.code, mapped.refusal.message);
  await queueRequest(tx, row, mapped, `export:${recordType}:${row.procoreId}`, PRIORITY_BY_TYPE[recordType]);
  return { kind: 'queued' };
}

/**
 * An owner invoice becomes up to two QuickBooks invoices (the progress invoice, and the retainage released this period
 * on its own: map-owner-invoice.ts), written one request at a time, each with its own dedupe key and link. After each
 * is settled (settle-export.ts) the export is planned again: the mapping, told which invoices are linked already,
 * answers with what is left — the release — or ALREADY_EXPORTED once nothing is, and the export is synced on those
 * links. Nothing linked is ever added again (data safety).
 */
async function queueOwnerInvoice(tx: Tx, row: Row, mapped: OwnerInvoiceRequests | MappingFailure, links: ExportLinks): Promise<PlanOutcome> {
  if (!mapped.ok) {
    if (mapped.refusal.code === 'ALREADY_EXPORTED') return settleOwnerInvoiceLinked(tx, row, links);
    return fail(tx, row, mapped.refusal.code, mapped.refusal.message);
  }
  const part = mapped.invoice ? 'invoice' : 'retainage_release';
  const preview = previewOwnerInvoice(mapped);
  if (!preview.ok) return fail(tx, row, preview.refusal.code, preview.refusal.message);
  await queueRequest(tx, row, preview, ownerInvoiceDedupeKey(part, row.procoreId), PRIORITY_BY_TYPE.owner_invoice);
  return { kind: 'queued' };
}

/** Every invoice the owner invoice becomes is linked: synced on them, nothing sent. */
async function settleOwnerInvoiceLinked(tx: Tx, row: Row, links: ExportLinks): Promise<PlanOutcome> {
  const invoice = links.get(LINK_TYPES.ownerInvoice, row.procoreId);
  const release = links.get(LINK_TYPES.ownerInvoiceRetainageRelease, row.procoreId);
  await markSyncedOnLink(tx, row, invoice ?? release, {
    invoice: invoice ? { qbId: invoice.qbId, refNumber: invoice.qbName } : null,
    retainageRelease: release ? { qbId: release.qbId, refNumber: release.qbName } : null,
  });
  return { kind: 'linked', newRows: [] };
}

/**
 * The export is synced on what is already linked in QuickBooks (its own parts written by this export — settle-export
 * set qbId — or linked some other way, in which case nothing was sent), audited with what it is linked to.
 */
async function markSyncedOnLink(tx: Tx, row: Row, link: { qbId: string; editSequence: string | null } | undefined, detail: Record<string, unknown>) {
  await tx.exportRecord.update({
    where: { id: row.id },
    data: {
      status: 'synced',
      qbId: row.qbId ?? link?.qbId ?? null,
      editSequence: row.editSequence ?? link?.editSequence ?? null,
      waitingOn: [],
      errorCode: null,
      errorMessage: null,
      version: { increment: 1 },
    },
  });
  await writeAudit(tx, {
    companyId: row.companyId,
    actor: EXPORT_ACTOR,
    action: row.qbId ? 'export.synced' : 'export.already_linked',
    direction: 'internal',
    outcome: 'ok',
    subjectType: `export_${row.recordType}`,
    subjectId: row.procoreId,
    detail: { title: row.title, ...detail } as Prisma.InputJsonValue,
  });
}

/**
 * A prime contract whose estimate is linked, or a change order whose lines are all on it (the mapping answered
 * ALREADY_EXPORTED): synced on the estimate link, nothing sent (data safety: a linked estimate is never written again
 * but by a change order's new lines or a person's conflict resolution). What waits for it moves on.
 */
async function settlePrimeLinked(tx: Tx, row: Row, links: ExportLinks, contractId: number | null, pass: PlanningPassRows): Promise<PlanOutcome> {
  const link = contractId === null ? undefined : links.get(LINK_TYPES.primeContract, contractId);
  await markSyncedOnLink(tx, row, link, { estimate: link ? { qbId: link.qbId, refNumber: link.qbName } : null, sent: 'nothing' });
  await pass.flush(tx);
  const dependents = await tx.exportRecord.findMany({
    where: { companyId: row.companyId, status: 'queued', requestId: null, waitingOn: { has: `${row.recordType}:${row.procoreId}` } },
  });
  return { kind: 'linked', newRows: dependents };
}

/**
 * Whose turn it is on a prime contract's estimate (issue 21), as waitForTurn is on a purchase order: one EstimateMod at a
 * time, each built on the EditSequence and lines the previous one returned (only the link holds them once it is settled).
 * A change order waits while another of the same prime contract has a request in QuickBooks' queue, and behind every
 * one approved before it (approval time, then Procore number: approved in one bulk action, they go by number).
 */
async function waitForEstimateTurn(tx: Tx, row: Row, source: ExportSource, pass: PlanningPassRows): Promise<string | null> {
  if (source.record.type !== 'prime_change_order') return null;
  const contractId = source.record.changeOrder.contract_id;
  if (contractId == null) return null;
  await pass.flush(tx);
  const others = await tx.$queryRaw<TurnRow[]>`
    SELECT er.id, er.record_type, er.procore_id, er.status, er.request_id, er.decided_at,
      COALESCE(er.source->'record'->'changeOrder'->>'number', pr.data->>'number') AS number
    FROM export_records er
    LEFT JOIN procore_records pr ON pr.company_id = er.company_id AND pr.procore_id = er.procore_id AND pr.resource_type = 'prime_change_order'
    WHERE er.company_id = ${row.companyId}::uuid AND er.id <> ${row.id}::uuid
      AND er.record_type = 'prime_change_order' AND er.status IN ('approved', 'queued')
      AND COALESCE(er.source->'record'->'changeOrder'->>'contract_id', pr.data->>'contract_id') = ${String(contractId)}`;
  if (others.length === 0) return null;
  const keyOf = (r: TurnRow) => `${r.record_type}:${r.procore_id}`;
  const inFlight = others.find((r) => r.status === 'queued' && r.request_id !== null);
  if (inFlight) return keyOf(inFlight);
  const number = source.record.changeOrder.number;
  const me: TurnRow = {
    id: row.id,
    record_type: row.recordType,
    procore_id: row.procoreId,
    status: row.status,
    request_id: null,
    decided_at: row.decidedAt,
    number: number == null ? null : String(number),
  };
  const before = others.filter((r) => compareTurns(r, me) < 0).sort(compareTurns);
  return before[0] ? keyOf(before[0]) : null;
}

/** The commitment whose purchase order a record's request writes: change orders (Mod) and invoices (bill received against it). */
function purchaseOrderOf(source: ExportSource): number | null {
  const record = source.record;
  if (record.type === 'change_order') return record.changeOrder.contract_id ?? null;
  if (record.type === 'invoice') return record.requisition.commitment_id ?? null;
  return null;
}

type TurnRow = {
  id: string;
  record_type: string;
  procore_id: string;
  status: string;
  request_id: string | null;
  decided_at: Date | null;
  number: string | null;
};

/**
 * Whose turn it is on a purchase order: the export key this row must wait for, or null when it may write now.
 * It waits while another change order or invoice of the same commitment has a request in QuickBooks' queue
 * (queued, sent, or the read-back of a 3200), and behind every one approved before it — approval order,
 * then Procore number (approved together, e.g. in one bulk action, they go by number), so change order lines
 * land on the PO in that order. Records of the commitment that are not read from Procore yet count by our
 * copy of Procore (procore_records). The waiting row is planned again when the one it waits for settles
 * (or fails: a failed record does not hold the turn).
 */
async function waitForTurn(tx: Tx, row: Row, source: ExportSource, pass: PlanningPassRows): Promise<string | null> {
  const commitmentId = purchaseOrderOf(source);
  if (commitmentId === null) return null;
  await pass.flush(tx);
  const others = await tx.$queryRaw<TurnRow[]>`
    SELECT er.id, er.record_type, er.procore_id, er.status, er.request_id, er.decided_at,
      COALESCE(er.source->'record'->'changeOrder'->>'number', er.source->'record'->'requisition'->>'number', pr.data->>'number') AS number
    FROM export_records er
    LEFT JOIN procore_records pr ON pr.company_id = er.company_id AND pr.procore_id = er.procore_id
      AND pr.resource_type = (CASE er.record_type WHEN 'change_order' THEN 'commitment_change_order' ELSE 'requisition' END)
    WHERE er.company_id = ${row.companyId}::uuid AND er.id <> ${row.id}::uuid
      AND er.record_type IN ('change_order', 'invoice') AND er.status IN ('approved', 'queued')
      AND COALESCE(er.source->'record'->'changeOrder'->>'contract_id', er.source->'record'->'requisition'->>'commitment_id',
                   pr.data->>'contract_id', pr.data->>'commitment_id') = ${String(commitmentId)}`;
  if (others.length === 0) return null;
  const keyOf = (r: TurnRow) => `${r.record_type}:${r.procore_id}`;
  const inFlight = others.find((r) => r.status === 'queued' && r.request_id !== null);
  if (inFlight) return keyOf(inFlight);
  const record = source.record;
  const number = record.type === 'change_order' ? record.changeOrder.number : record.type === 'invoice' ? record.requisition.number : null;
  const me: TurnRow = {
    id: row.id,
    record_type: row.recordType,
    procore_id: row.procoreId,
    status: row.status,
    request_id: null,
    decided_at: row.decidedAt,
    number: number == null ? null : String(number),
  };
  const before = others.filter((r) => compareTurns(r, me) < 0).sort(compareTurns);
  return before[0] ? keyOf(before[0]) : null;
}

/** Approval time (none: last), then Procore number (digits as numbers), then type and id: a total order. */
export function compareTurns(
  a: { decided_at: Date | null; number: string | null; record_type: string; procore_id: string },
  b: { decided_at: Date | null; number: string | null; record_type: string; procore_id: string },
): number {
  const at = (d: Date | null) => (d === null ? Number.POSITIVE_INFINITY : new Date(d).getTime());
  if (at(a.decided_at) !== at(b.decided_at)) return at(a.decided_at) < at(b.decided_at) ? -1 : 1;
  if (a.number !== b.number) {
    if (a.number === null) return 1;
    if (b.number === null) return -1;
    const byNumber = a.number.localeCompare(b.number, 'en', { numeric: true });
    if (byNumber !== 0) return byNumber;
  }
  if (a.record_type !== b.record_type) return a.record_type < b.record_type ? -1 : 1;
  return a.procore_id.localeCompare(b.procore_id, 'en', { numeric: true });
}

/** A project becomes a job under a customer: the customer chosen at export, or a new one made first. */
async function planProject(tx: Tx, row: Row, source: ExportSource, ctx: MappingContext): Promise<PlanOutcome> {
  if (source.record.type !== 'project') return { kind: 'skipped' };
  const project = source.record.project;
  // A project linked to a job needs no customer: the job keeps the one it has in QuickBooks.
  if (!ctx.links.job(project.id) && !ctx.links.customerForProject(project.id)) {
    const chosen = readExportOptions(row).customerName;
    const mapped = mapCustomer({ name: chosen ?? project.name, projectId: project.id });
    if (!mapped.ok) return fail(tx, row, mapped.refusal.code, mapped.refusal.message);
    await queueRequest(tx, row, mapped, `export:customer-for-project:${row.procoreId}`, PRIORITY.list);
    return { kind: 'queued' };
  }
  const mapped = mapProject({ project, fields: chosenFields(row) }, ctx);
  if (!mapped.ok) return fail(tx, row, mapped.refusal.code, mapped.refusal.message);
  await queueRequest(tx, row, mapped, `export:project:${row.procoreId}`, PRIORITY.list);
  return { kind: 'queued' };
}

export function mapRecord(
  source: ExportSource,
  ctx: MappingContext,
  options: ExportOptions,
  extra: { owner: OwnerInvoiceSettings; links: ExportLinks },
): MappingResult {
  const record = source.record;
  // Linked list records: only the fields a person chose at send go over QuickBooks' values.
  const fields = options.fields ?? [];
  switch (record.type) {
    case 'vendor':
      return mapVendor({ ...record, fields }, ctx);
    case 'cost_code': {
      const [mapping] = mapCostCodes([record.costCode], ctx, { fields });
      return mapping!.result;
    }
    case 'budget':
      return mapBudget(record, ctx);
    case 'commitment':
      return mapCommitment({ ...record, typedRefNumber: options.refNumber ?? null }, ctx);
    case 'change_order':
      return mapChangeOrder(record, ctx);
    case 'invoice':
      return mapRequisition(record, ctx);
    case 'project':
      return mapProject({ ...record, fields }, ctx);
    case 'owner_invoice':
      return previewOwnerInvoice(mapOwnerInvoiceExport(record, ctx, extra.owner, options, extra.links));
    case 'prime_contract':
    case 'prime_change_order':
      return mapPrimeExport(record, ctx, extra.owner, extra.links);
  }
}

/** The fields a person chose to send over a linked QuickBooks entry (options.fields at send), or none. */
export function chosenFields(row: { id: string; options: unknown }): string[] {
  return readExportOptions(row).fields ?? [];
}

/** The QuickBooks entry a vendor, project or cost code is linked to, or null (transactions: always null). */
export function linkedListEntry(source: ExportSource, ctx: MappingContext): QbListLink | null {
  const record = source.record;
  if (record.type === 'vendor') return ctx.links.vendor(record.vendor.id);
  if (record.type === 'project') return ctx.links.job(record.project.id);
  if (record.type === 'cost_code') return ctx.links.item(record.costCode.id);
  return null;
}

/** Already in QuickBooks, nothing chosen to change: synced on the link, with nothing sent; whatever waits for it moves on. */
async function settleLinked(tx: Tx, row: Row, link: QbListLink, pass: PlanningPassRows): Promise<PlanOutcome> {
  await tx.exportRecord.update({
    where: { id: row.id },
    data: {
      status: 'synced',
      qbId: link.listId,
      editSequence: link.editSequence,
      waitingOn: [],
      errorCode: null,
      errorMessage: null,
      version: { increment: 1 },
    },
  });
  await writeAudit(tx, {
    companyId: row.companyId,
    actor: EXPORT_ACTOR,
    action: 'export.already_linked',
    direction: 'internal',
    outcome: 'ok',
    subjectType: `export_${row.recordType}`,
    subjectId: row.procoreId,
    detail: { title: row.title, qbId: link.listId, qbName: link.fullName, sent: 'nothing' },
  });
  await pass.flush(tx);
  const dependents = await tx.exportRecord.findMany({
    where: { companyId: row.companyId, status: 'queued', requestId: null, waitingOn: { has: `${row.recordType}:${row.procoreId}` } },
  });
  return { kind: 'linked', newRows: dependents };
}

async function queueRequest(tx: Tx, row: Row, mapped: Extract<MappingResult, { ok: true }>, dedupeKey: string, priority: number): Promise<void> {
  // Read before anything is queued: a damaged row must fail its export with no request of its own left to send.
  const options = readExportOptions(row);
  const { request } = await enqueueRequestIn(tx, {
    companyId: row.companyId,
    request: mapped.request as QbxmlRequest,
    dedupeKey,
    priority,
    requestedBy: row.decidedBy ?? row.sentBy ?? EXPORT_ACTOR,
  });
  await tx.exportRecord.update({
    where: { id: row.id },
    data: {
      requestId: request.id,
      waitingOn: [],
      preview: mapped.preview as never,
      options: { ...options, lineKeys: mapped.lineKeys ?? null, action: mapped.action } as never,
      errorCode: null,
      errorMessage: null,
      version: { increment: 1 },
    },
  });
  await writeAudit(tx, {
    companyId: row.companyId,
    actor: EXPORT_ACTOR,
    action: 'export.request_queued',
    direction: 'to_quickbooks',
    outcome: 'ok',
    subjectType: `export_${row.recordType}`,
    subjectId: row.procoreId,
    detail: { requestId: request.id, kind: request.kind, title: row.title, ...(mapped.linked ? { fields: chosenFields(row), chosenBy: row.sentBy } : {}) },
  });
}

async function fail(tx: Tx, row: Row, errorCode: string, errorMessage: string, extra: { waitingOn?: string[] } = {}): Promise<PlanOutcome> {
  await tx.exportRecord.update({
    where: { id: row.id },
    data: { status: 'failed', errorCode, errorMessage, qbStatusCode: null, qbStatusMessage: null, waitingOn: extra.waitingOn ?? [], version: { increment: 1 } },
  });
  await writeAudit(tx, {
    companyId: row.companyId,
    actor: EXPORT_ACTOR,
    action: 'export.failed',
    outcome: 'error',
    direction: 'internal',
    subjectType: `export_${row.recordType}`,
    subjectId: row.procoreId,
    detail: { errorCode, message: errorMessage, title: row.title },
  });
  return { kind: 'failed' };
}

type DependencyTarget = { recordType: ExportRecordType; procoreId: string; key: string } | { refusal: string };

/** The export a missing dependency is: items are made from standard cost codes, jobs (and their customer) from projects. */
function dependencyTarget(dep: Dependency, source: ExportSource): DependencyTarget {
  switch (dep.kind) {
    case 'vendor':
      return target('vendor', dep.procoreId);
    case 'customer':
    case 'job':
      return target('project', dep.procoreId);
    case 'purchase_order':
      return target('commitment', dep.procoreId);
    case 'prime_contract':
      return target('prime_contract', dep.procoreId);
    case 'item': {
      const standardId = source.record.type === 'cost_code' ? dep.procoreId : standardCostCodeId(source.costCodeMap ?? {}, dep.procoreId);
      if (standardId === null) {
        return {
          refusal: `${dep.label} is a cost code of this project only (not from the company's standard cost codes), so it has no QuickBooks item. Add it to the standard cost code list in Procore, or change the line's cost code, then retry.`,
        };
      }
      return target('cost_code', standardId);
    }
  }
}

function target(recordType: ExportRecordType, id: number): DependencyTarget {
  return { recordType, procoreId: String(id), key: `${recordType}:${id}` };
}

const WAITABLE = ['queued'];

/**
 * Makes sure the dependency is on its way: queues its export (approval of the record that needs it covers
 * it), or reports why it cannot come. A purchase order is never exported on the side: its commitment
 * must be sent and approved on its own.
 */
async function ensureDependency(
  tx: Tx,
  dependent: Row,
  t: { recordType: ExportRecordType; procoreId: string; key: string },
  dep: Dependency,
  pass: PlanningPassRows,
): Promise<{ kind: 'waiting'; row?: Row } | { kind: 'failed'; message: string; code?: string }> {
  const existing = await pass.find(tx, t.recordType, t.procoreId);
  if (existing && WAITABLE.includes(existing.status)) return { kind: 'waiting' };
  if (existing && (existing.status === 'failed' || existing.status === 'dismissed')) {
    const cause =
      existing.errorCode === 'DEPENDENCY_FAILED'
        ? `it is blocked by another failed export (see the exception for "${existing.title}")`
        : (existing.errorMessage ?? existing.status).replace(/\.$/, '');
    return { kind: 'failed', message: `${dep.label}, which could not be exported: ${cause}` };
  }
  if (existing?.status === 'synced') {
    return { kind: 'failed', message: `${dep.label}: it was exported, but the connector no longer holds its QuickBooks link. Re-link it, then retry.` };
  }
  if (t.recordType === 'prime_contract') {
    // Like a purchase order, the contract value estimate is never exported on the side: its prime contract is sent and
    // approved on its own (a person checks the contract value before it is the job's in QuickBooks).
    if (existing?.status === 'approved') return { kind: 'waiting' };
    const where =
      existing?.status === 'sent_to_accounting'
        ? 'it is sent to accounting, not approved yet'
        : existing?.status === 'rejected'
          ? 'it was rejected'
          : 'it has not been sent to accounting';
    return {
      kind: 'failed',
      code: PRIME_CONTRACT_NOT_APPROVED,
      message: `${dep.label}, which is not in QuickBooks yet (${where}): approve that prime contract for export (a change order is added to its estimate)`,
    };
  }
  if (t.recordType === 'commitment') {
    if (existing?.status === 'approved') return { kind: 'waiting' }; // being read from Procore: queued next
    // Waiting silently for a person would leave approved work neither in QuickBooks nor in the exception queue
    // (data safety, found by the simulation: apps/server/test/simulation/histories/co-waits-on-unapproved-commitment.json).
    const where =
      existing?.status === 'sent_to_accounting'
        ? 'it is sent to accounting, not approved yet'
        : existing?.status === 'rejected'
          ? 'it was rejected'
          : 'it has not been sent to accounting';
    return {
      kind: 'failed',
      code: COMMITMENT_NOT_APPROVED,
      message: `${dep.label}, which is not in QuickBooks yet (${where}): approve that commitment for export (a change order or invoice is added to its purchase order)`,
    };
  }
  const record = await findSourceRecord(tx, dependent.companyId, t.recordType, t.procoreId);
  if (!record)
    return {
      kind: 'failed',
      message: `${dep.label}, which the connector has not read from Procore (deleted there, or not synced yet). Refresh from Procore, then retry.`,
    };
  const title = titleFor(t.recordType, record.data);
  const by = `${EXPORT_ACTOR} (needed by ${dependent.title})`;
  // A wait of that row not written yet is written first, so the writes reach the row in the order they were made.
  if (existing && pass.waits(existing.id)) await pass.flush(tx);
  const row = existing
    ? await tx.exportRecord.update({
        where: { id: existing.id },
        data: { status: 'queued', decidedBy: by, decidedAt: new Date(), decisionComment: null, errorCode: null, errorMessage: null, version: { increment: 1 } },
      })
    : await tx.exportRecord.create({
        data: {
          companyId: dependent.companyId,
          recordType: t.recordType,
          procoreId: t.procoreId,
          procoreProjectId: record.procoreProjectId,
          title,
          status: 'queued',
          sentBy: dependent.sentBy,
          sentAt: new Date(),
          decidedBy: by,
          decidedAt: new Date(),
        },
      });
  pass.wrote(row, row);
  await writeAudit(tx, {
    companyId: dependent.companyId,
    actor: EXPORT_ACTOR,
    action: 'export.dependency_queued',
    outcome: 'ok',
    direction: 'internal',
    subjectType: `export_${t.recordType}`,
    subjectId: t.procoreId,
    detail: { title, neededBy: { type: dependent.recordType, procoreId: dependent.procoreId, title: dependent.title }, from: existing?.status ?? 'not_synced' },
  });
  return { kind: 'waiting', row };
}
