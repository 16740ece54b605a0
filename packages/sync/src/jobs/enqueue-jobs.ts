import type { Prisma } from '@connector/db';
import { enqueueJob, type EnqueueJobInput } from './enqueue-job.ts';

type JobWriter = Pick<Prisma.TransactionClient, '$queryRaw'>;

/**
 * enqueueJob for many jobs of one company in one INSERT (issue 19: a bulk approval queued 1,000 jobs in 1,000
 * statements). The same ON CONFLICT on the partial unique index of queued dedupe keys; a job whose key is already
 * queued goes through enqueueJob itself, which finds that twin (or queues again if the twin started meanwhile).
 * Every input needs a dedupe key (the answer is matched by it) and the same company.
 */
export async function enqueueJobs(db: JobWriter, inputs: ReadonlyArray<EnqueueJobInput & { dedupeKey: string }>): Promise<void> {
  if (inputs.length === 0) return;
  const companyId = inputs[0]!.companyId;
  if (inputs.some((i) => i.companyId !== companyId)) throw new Error('enqueueJobs: one company per call');
  const runAt = new Date();
  const rows = JSON.stringify(
    inputs.map((i) => ({
      kind: i.kind,
      payload: i.payload,
      dedupe_key: i.dedupeKey,
      run_at: (i.runAt ?? runAt).toISOString(),
      max_attempts: i.maxAttempts ?? 8,
    })),
  );
  const inserted = await db.$queryRaw<Array<{ dedupe_key: string }>>`
    INSERT INTO jobs (id, company_id, kind, payload, dedupe_key, status, run_at, max_attempts, updated_at)
    SELECT gen_random_uuid(), ${companyId}::uuid, x.kind, x.payload, x.dedupe_key, 'queued', x.run_at, x.max_attempts, now()
    FROM jsonb_to_recordset(${rows}::jsonb) AS x(kind text, payload jsonb, dedupe_key text, run_at timestamptz, max_attempts int)
    ON CONFLICT (company_id, dedupe_key) WHERE status = 'queued' AND dedupe_key IS NOT NULL DO NOTHING
    RETURNING dedupe_key`;
  const queued = new Set(inserted.map((r) => r.dedupe_key));
  for (const input of inputs) if (!queued.has(input.dedupeKey)) await enqueueJob(db, input);
}
