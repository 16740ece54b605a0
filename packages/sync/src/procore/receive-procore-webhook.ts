import { createHash, timingSafeEqual } from 'node:crypto';
import type { Database } from '@connector/db';
import { AppError } from '../errors/app-error.ts';
import { enqueueJob } from '../jobs/enqueue-job.ts';
import { resourceByName } from './procore-resources.ts';

export const APPLY_PROCORE_CHANGE_JOB = 'procore.apply-change';

export interface WebhookDelivery {
  ulid: string;
  resource_name: string;
  resource_id: number | string;
  event_type: string;
  company_id: number | string;
  project_id?: number | string | null;
  timestamp?: string;
  metadata?: { source_application_id?: string | null } | null;
}

export type WebhookOutcome = 'queued' | 'duplicate' | 'echo' | 'ignored';

export const hashWebhookSecret = (secret: string) => createHash('sha256').update(secret).digest();

/**
 * Accepts one Procore webhook delivery. Deliveries are unsigned, so the hook carries a secret in the
 * Authorization header we set when creating it (docs/procore-api.md#webhooks); it is compared in constant time against
 * its stored hash. The work done here is two inserts, well within Procore's 5-second answer window;
 * the change itself is fetched later by a durable job. The same ulid twice is answered 200 without a
 * second job; a change made by our own app (an echo of our write) is recorded and ignored.
 */
export async function receiveProcoreWebhook(
  db: Database,
  input: { companyId: string; authorization: string | undefined; delivery: WebhookDelivery; ourClientIds: ReadonlySet<string> },
): Promise<{ outcome: WebhookOutcome; jobId?: string }> {
  const hook = /^[0-9a-f-]{36}$/i.test(input.companyId)
    ? await db.prisma.procoreWebhookHook.findUnique({ where: { companyId: input.companyId }, include: { company: true } })
    : null;
  const presented = /^Bearer (.+)$/.exec(input.authorization ?? '')?.[1];
  if (!hook || !presented || !timingSafeEqual(hashWebhookSecret(presented), Buffer.from(hook.secretHash, 'hex'))) {
    throw new AppError('WEBHOOK_UNAUTHORIZED');
  }
  const d = input.delivery;
  if (String(d.company_id) !== hook.company.procoreCompanyId) {
    throw new AppError('VALIDATION', `This delivery is for Procore company ${d.company_id}, not ${hook.company.procoreCompanyId}.`);
  }
  const resource = resourceByName(d.resource_name);
  const sourceApp = d.metadata?.source_application_id ?? null;
  const outcome: WebhookOutcome = sourceApp && input.ourClientIds.has(sourceApp) ? 'echo' : resource ? 'queued' : 'ignored';

  return db.prisma.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO procore_webhook_deliveries (id, company_id, ulid, resource_name, resource_id, event_type, procore_project_id, outcome, payload)
      VALUES (gen_random_uuid(), ${hook.companyId}::uuid, ${d.ulid}, ${d.resource_name}, ${String(d.resource_id)}, ${d.event_type},
              ${d.project_id == null ? null : String(d.project_id)}, ${outcome}, ${JSON.stringify(d)}::jsonb)
      ON CONFLICT (company_id, ulid) DO NOTHING
      RETURNING id`;
    if (!inserted[0]) return { outcome: 'duplicate' as const };
    if (outcome !== 'queued' || !resource) return { outcome };
    const job = await enqueueJob(tx, {
      companyId: hook.companyId,
      kind: APPLY_PROCORE_CHANGE_JOB,
      payload: {
        resourceType: resource.resourceType,
        resourceId: String(d.resource_id),
        projectId: d.project_id == null ? null : String(d.project_id),
        eventType: d.event_type,
        ulid: d.ulid,
      },
      // Several events for one record while a job waits collapse into it: the job fetches the latest.
      dedupeKey: `${resource.resourceType}:${d.resource_id}:${d.event_type === 'delete' ? 'delete' : 'upsert'}`,
    });
    await tx.procoreWebhookDelivery.update({ where: { id: inserted[0].id }, data: { jobId: job.id } });
    return { outcome, jobId: job.id };
  });
}
