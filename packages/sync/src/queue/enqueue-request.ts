import type { Database, Prisma } from '@connector/db';
import { buildRequestMessage, isWriteRequest, QbxmlBuildError, type QbxmlRequest } from '@connector/qbxml';
import { AppError } from '../errors/app-error.ts';
import { writeAudit } from '../audit/write-audit.ts';
import { getCompany } from '../companies/create-company.ts';
import { PRIORITY } from './request-status.ts';

export interface EnqueueRequestInput {
  companyId: string;
  request: QbxmlRequest;
  /** Stable key of the work (e.g. `vendor-add:procore:123`): enqueueing it again while open returns the open one. */
  dedupeKey: string;
  priority?: number;
  requestedBy: string;
}

export interface EnqueueRequestResult {
  request: Awaited<ReturnType<Database['prisma']['queuedRequest']['findFirstOrThrow']>>;
  /** false when an open request with the same key already existed (a double click). */
  created: boolean;
}

/**
 * Puts one QuickBooks request on the company's queue for QBWC's next poll. The qbXML is built once
 * here so a record QuickBooks would refuse (a name over the limit, a missing field) fails now, with
 * the reason, instead of at 3 a.m. in the Web Connector.
 */
export async function enqueueRequest(db: Database, input: EnqueueRequestInput): Promise<EnqueueRequestResult> {
  await getCompany(db, input.companyId);
  return enqueueRequestIn(db.prisma, input);
}

/**
 * The same inside a caller's transaction (the export pipeline queues the next request while it applies
 * QuickBooks' answer, so the Web Connector gets it in the same session). The company must exist.
 */
export async function enqueueRequestIn(tx: Prisma.TransactionClient, input: EnqueueRequestInput): Promise<EnqueueRequestResult> {
  const dedupeKey = input.dedupeKey.trim();
  if (!dedupeKey || dedupeKey.length > 200) throw new AppError('VALIDATION', 'A dedupe key is 1–200 characters.');
  try {
    buildRequestMessage({ requests: [{ requestId: 'validate', request: input.request }] });
  } catch (error) {
    if (error instanceof QbxmlBuildError) {
      throw new AppError('QBXML_INVALID', error.message, { field: error.field, limit: error.limit, qbxmlCode: error.code });
    }
    throw error;
  }
  const priority = input.priority ?? (isWriteRequest(input.request) ? PRIORITY.list : PRIORITY.read);

  // ON CONFLICT against the partial unique index (company_id, dedupe_key) WHERE status IN
  // ('queued','sent'): two clicks racing on two server instances still yield one open request.
  const inserted = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO queued_requests (id, company_id, kind, payload, dedupe_key, status, priority, requested_by, created_at, updated_at)
    VALUES (gen_random_uuid(), ${input.companyId}::uuid, ${input.request.type}, ${JSON.stringify(input.request)}::jsonb,
            ${dedupeKey}, 'queued', ${priority}, ${input.requestedBy}, now(), now())
    ON CONFLICT (company_id, dedupe_key) WHERE status IN ('queued', 'sent') DO NOTHING
    RETURNING id`;
  const created = inserted.length === 1;
  const request = await tx.queuedRequest.findFirstOrThrow({
    where: created ? { id: inserted[0]!.id, companyId: input.companyId } : { companyId: input.companyId, dedupeKey, status: { in: ['queued', 'sent'] } },
  });
  if (created) {
    await writeAudit(tx, {
      companyId: input.companyId,
      actor: input.requestedBy,
      action: 'request.queued',
      direction: 'to_quickbooks',
      subjectType: 'queued_request',
      subjectId: request.id,
      detail: { kind: request.kind, dedupeKey },
    });
  }
  return { request, created };
}
