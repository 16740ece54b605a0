import type { Prisma } from '@connector/db';
import type { AuditInput } from '../audit/write-audit.ts';

/**
 * What applying one answer changes on its queued_requests row. Only the fields given are written; the others keep
 * their value (as Prisma's update({ data }) does).
 */
export interface RequestRowUpdate {
  status?: string;
  result?: Prisma.InputJsonValue;
  priority?: number;
  iteratorId?: string | null;
  iteratorSessionId?: string | null;
  iteratorRemaining?: number | null;
  recordsReceived?: number;
  deferredInSessionId?: string | null;
  statusCode?: number | null;
  statusSeverity?: string | null;
  statusMessage?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  completedAt?: Date | null;
  updatedAt?: Date;
}

/** Collects the row updates and audit entries of one QuickBooks answer; flush() writes them. */
export interface AnswerWrites {
  update(rowId: string, data: RequestRowUpdate): void;
  audit(entry: AuditInput): void;
  flush(): Promise<void>;
}

/**
 * receiveResponseXML applies every request of a message (up to QBWC_BATCH_SIZE) in one transaction. Writing each
 * request's new state and its audit entry as they are decided cost two SQL statements per request, each a round trip
 * with Prisma's and the driver's CPU on it — most of the server's cost per write (issue 19: 3.1 statements and
 * ≈ 4 ms of CPU per VendorAdd). Here they are collected and written at the end with one UPDATE … FROM
 * jsonb_to_recordset and one multi-row INSERT, whatever the message size. Same rows, same values: every update names
 * a different row (one per request of the message), and audit entries of one transaction share their `at` (now()).
 */
export function batchAnswerWrites(tx: Prisma.TransactionClient, companyId: string): AnswerWrites {
  const updates: Array<{ id: string; d: Record<string, unknown> }> = [];
  const audits: AuditInput[] = [];
  return {
    update(rowId, data) {
      const d: Record<string, unknown> = {};
      for (const [field, column] of COLUMNS) if (data[field] !== undefined) d[column] = data[field];
      updates.push({ id: rowId, d });
    },
    audit(entry) {
      audits.push(entry);
    },
    async flush() {
      if (updates.length > 0) {
        const rows = JSON.stringify(updates.splice(0));
        // `d ? 'column'`: the column is written only when the update gives it (a JSON null writes SQL NULL).
        await tx.$executeRaw`
          UPDATE queued_requests q SET
            status = CASE WHEN x.d ? 'status' THEN x.d->>'status' ELSE q.status END,
            result = CASE WHEN x.d ? 'result' THEN x.d->'result' ELSE q.result END,
            priority = CASE WHEN x.d ? 'priority' THEN (x.d->>'priority')::int ELSE q.priority END,
            iterator_id = CASE WHEN x.d ? 'iterator_id' THEN x.d->>'iterator_id' ELSE q.iterator_id END,
            iterator_session_id = CASE WHEN x.d ? 'iterator_session_id' THEN (x.d->>'iterator_session_id')::uuid ELSE q.iterator_session_id END,
            iterator_remaining = CASE WHEN x.d ? 'iterator_remaining' THEN (x.d->>'iterator_remaining')::int ELSE q.iterator_remaining END,
            records_received = CASE WHEN x.d ? 'records_received' THEN (x.d->>'records_received')::int ELSE q.records_received END,
            deferred_in_session_id = CASE WHEN x.d ? 'deferred_in_session_id' THEN (x.d->>'deferred_in_session_id')::uuid ELSE q.deferred_in_session_id END,
            status_code = CASE WHEN x.d ? 'status_code' THEN (x.d->>'status_code')::int ELSE q.status_code END,
            status_severity = CASE WHEN x.d ? 'status_severity' THEN x.d->>'status_severity' ELSE q.status_severity END,
            status_message = CASE WHEN x.d ? 'status_message' THEN x.d->>'status_message' ELSE q.status_message END,
            error_code = CASE WHEN x.d ? 'error_code' THEN x.d->>'error_code' ELSE q.error_code END,
            error_message = CASE WHEN x.d ? 'error_message' THEN x.d->>'error_message' ELSE q.error_message END,
            completed_at = CASE WHEN x.d ? 'completed_at' THEN (x.d->>'completed_at')::timestamptz ELSE q.completed_at END,
            updated_at = CASE WHEN x.d ? 'updated_at' THEN (x.d->>'updated_at')::timestamptz ELSE q.updated_at END
          FROM jsonb_to_recordset(${rows}::jsonb) AS x(id uuid, d jsonb)
          WHERE q.company_id = ${companyId}::uuid AND q.id = x.id`;
      }
      if (audits.length > 0) {
        // One INSERT from a JSON array rather than Prisma's createMany: createMany's query plan is compiled afresh on
        // every call (Prisma 7 caches plans for every action but createMany and createManyAndReturn — the
        // client's request()), and compiling a 26-row plan was the largest single cost of an answer in a CPU
        // profile of bench-round-trips.ts (issue 19). Same columns as writeAudit: a random UUID (as Prisma's uuid()),
        // `at` from this process's clock when written (as Prisma's now()), the defaults for direction and outcome, and
        // no detail as SQL NULL (`->` of a missing key); inserted in the order they were collected.
        const entries = audits.splice(0).map((entry) => ({
          company_id: entry.companyId,
          actor: entry.actor,
          action: entry.action,
          direction: entry.direction ?? 'internal',
          outcome: entry.outcome ?? 'info',
          subject_type: entry.subjectType ?? null,
          subject_id: entry.subjectId ?? null,
          ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
        }));
        await tx.$executeRaw`
          INSERT INTO audit_entries (id, company_id, at, actor, action, direction, outcome, subject_type, subject_id, detail)
          SELECT gen_random_uuid(), x.company_id, ${new Date()}, x.actor, x.action, x.direction, x.outcome, x.subject_type, x.subject_id,
                 e.d->'detail'
            FROM jsonb_array_elements(${JSON.stringify(entries)}::jsonb) WITH ORDINALITY AS e(d, n),
                 jsonb_to_record(e.d) AS x(company_id uuid, actor text, action text, direction text, outcome text, subject_type text, subject_id text)
           ORDER BY e.n`;
      }
    },
  };
}

const COLUMNS: ReadonlyArray<readonly [keyof RequestRowUpdate, string]> = [
  ['status', 'status'],
  ['result', 'result'],
  ['priority', 'priority'],
  ['iteratorId', 'iterator_id'],
  ['iteratorSessionId', 'iterator_session_id'],
  ['iteratorRemaining', 'iterator_remaining'],
  ['recordsReceived', 'records_received'],
  ['deferredInSessionId', 'deferred_in_session_id'],
  ['statusCode', 'status_code'],
  ['statusSeverity', 'status_severity'],
  ['statusMessage', 'status_message'],
  ['errorCode', 'error_code'],
  ['errorMessage', 'error_message'],
  ['completedAt', 'completed_at'],
  ['updatedAt', 'updated_at'],
];
