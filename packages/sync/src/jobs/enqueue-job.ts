import type { Prisma } from '@connector/db';

export interface EnqueueJobInput {
  companyId: string;
  kind: string;
  payload: Prisma.InputJsonValue;
  /** While a job with this key is queued, enqueueing again returns that job (a burst becomes one job). */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

type JobWriter = Pick<Prisma.TransactionClient, '$queryRaw'>;

/**
 * Adds a durable job. INSERT … ON CONFLICT on the partial unique index of queued dedupe keys makes
 * "already queued" an answer, not an error, even when two webhook deliveries race.
 */
export async function enqueueJob(db: JobWriter, input: EnqueueJobInput, attempt = 0): Promise<{ id: string; created: boolean }> {
  const payload = JSON.stringify(input.payload);
  const runAt = input.runAt ?? new Date();
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    INSERT INTO jobs (id, company_id, kind, payload, dedupe_key, status, run_at, max_attempts, updated_at)
    VALUES (gen_random_uuid(), ${input.companyId}::uuid, ${input.kind}, ${payload}::jsonb, ${input.dedupeKey ?? null},
            'queued', ${runAt}, ${input.maxAttempts ?? 8}, now())
    ON CONFLICT (company_id, dedupe_key) WHERE status = 'queued' AND dedupe_key IS NOT NULL DO NOTHING
    RETURNING id`;
  if (rows[0]) return { id: rows[0].id, created: true };
  const existing = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM jobs WHERE company_id = ${input.companyId}::uuid AND dedupe_key = ${input.dedupeKey ?? null} AND status = 'queued' LIMIT 1`;
  if (!existing[0]) {
    // The queued twin started running between our INSERT and SELECT: queue again so this change is not lost.
    if (attempt >= 3) throw new Error(`could not queue job ${input.kind} (${input.dedupeKey}): its twin keeps changing state`);
    return enqueueJob(db, input, attempt + 1);
  }
  return { id: existing[0].id, created: false };
}
