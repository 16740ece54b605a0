import type { Database, Prisma } from '@connector/db';
import { buildRequestMessage, isWriteRequest, QbxmlBuildError, type QbxmlRequest } from '@connector/qbxml';
import { AppError } from '../errors/app-error.ts';
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

/** What callers of enqueueRequest read of the queued row. */
export interface QueuedRequestRef {
  id: string;
  kind: string;
  status: string;
}

export interface EnqueueRequestResult {
  request: QueuedRequestRef;
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
  // ('queued','sent'): two clicks racing on two server instances still yield one open request. The row and its
  // audit entry (writeAudit's `request.queued`) are one statement, and it returns what callers read (issue 19: the
  // insert, a read back and the audit were three statements per queued request).
  const detail = JSON.stringify({ kind: input.request.type, dedupeKey });
  const inserted = await tx.$queryRaw<QueuedRequestRef[]>`
    WITH inserted AS (
      INSERT INTO queued_requests (id, company_id, kind, payload, dedupe_key, status, priority, requested_by, created_at, updated_at)
      VALUES (gen_random_uuid(), ${input.companyId}::uuid, ${input.request.type}, ${JSON.stringify(input.request)}::jsonb,
              ${dedupeKey}, 'queued', ${priority}, ${input.requestedBy}, now(), now())
      ON CONFLICT (company_id, dedupe_key) WHERE status IN ('queued', 'sent') DO NOTHING
      RETURNING id, kind, status
    ), audited AS (
      INSERT INTO audit_entries (id, company_id, at, actor, action, direction, outcome, subject_type, subject_id, detail)
      SELECT gen_random_uuid(), ${input.companyId}::uuid, ${new Date()}, ${input.requestedBy}, 'request.queued', 'to_quickbooks', 'info',
             'queued_request', inserted.id::text, ${detail}::jsonb
        FROM inserted
    )
    SELECT id::text AS id, kind, status FROM inserted`;
  if (inserted.length === 1) return { request: inserted[0]!, created: true };
  const open = await tx.queuedRequest.findFirstOrThrow({
    where: { companyId: input.companyId, dedupeKey, status: { in: ['queued', 'sent'] } },
    select: { id: true, kind: true, status: true },
  });
  return { request: open, created: false };
}
