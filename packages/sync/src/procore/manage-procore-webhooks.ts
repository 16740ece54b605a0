import { randomBytes } from 'node:crypto';
import type { Database } from '@connector/db';
import type { ProcoreClient } from '@connector/procore';
import { writeAudit } from '../audit/write-audit.ts';
import { procoreFailure } from './procore-failure.ts';
import { SYNCED_RESOURCES, WEBHOOK_EVENT_TYPES } from './procore-resources.ts';
import type { ProcoreSettings } from './procore-settings.ts';
import { hashWebhookSecret } from './receive-procore-webhook.ts';

// One namespace for our hooks, so we find (and never duplicate) our own hook in a company.
const HOOK_NAMESPACE = 'procore-quickbooks-connector';

/**
 * Registers (or re-registers) the company's Procore webhook hook and a trigger per synced resource and event type.
 * A new secret each registration: re-registering is how an admin rotates it.
 */
export async function registerProcoreWebhooks(
  db: Database,
  settings: ProcoreSettings,
  client: ProcoreClient,
  companyId: string,
  actor: string,
): Promise<{ procoreHookId: string; destinationUrl: string; triggers: number }> {
  const destinationUrl = `${settings.webhookBaseUrl}/${companyId}`;
  const secret = randomBytes(32).toString('base64url');
  const destinationHeaders = { Authorization: `Bearer ${secret}` };
  try {
    const existing = (await client.webhooks.listHooks()).find((h) => h.namespace === HOOK_NAMESPACE);
    const hook = existing
      ? await client.webhooks.updateHook(existing.id, { destinationUrl, destinationHeaders })
      : await client.webhooks.createHook({ namespace: HOOK_NAMESPACE, destinationUrl, destinationHeaders });
    // Store the hash before adding triggers, so deliveries the triggers cause are accepted at once.
    const have = existing ? await client.webhooks.listTriggers(hook.id) : [];
    const triggers: Array<{ resourceName: string; eventType: string; procoreTriggerId: string }> = [];
    await db.prisma.procoreWebhookHook.upsert({
      where: { companyId },
      create: { companyId, procoreHookId: String(hook.id), destinationUrl, secretHash: hashWebhookSecret(secret).toString('hex'), triggers: [] },
      update: { procoreHookId: String(hook.id), destinationUrl, secretHash: hashWebhookSecret(secret).toString('hex') },
    });
    for (const resource of SYNCED_RESOURCES) {
      for (const eventType of WEBHOOK_EVENT_TYPES) {
        const found = have.find((t) => t.resource_name === resource.resourceName && t.event_type === eventType);
        const trigger = found ?? (await client.webhooks.createTrigger(hook.id, { resourceName: resource.resourceName, eventType }));
        triggers.push({ resourceName: resource.resourceName, eventType, procoreTriggerId: String(trigger.id) });
      }
    }
    await db.prisma.procoreWebhookHook.update({ where: { companyId }, data: { triggers } });
    await writeAudit(db.prisma, {
      companyId,
      actor,
      action: 'procore.webhooks-registered',
      outcome: 'ok',
      detail: { procoreHookId: String(hook.id), destinationUrl, triggers: triggers.length },
    });
    return { procoreHookId: String(hook.id), destinationUrl, triggers: triggers.length };
  } catch (error) {
    throw procoreFailure(error, 'register the Procore webhooks');
  }
}

/** Deletes the company's hook in Procore (when there is one) and forgets its secret whatever Procore answers. */
export async function unregisterProcoreWebhooks(db: Database, clientFor: (companyId: string) => Promise<ProcoreClient>, companyId: string, actor: string) {
  const stored = await db.prisma.procoreWebhookHook.findUnique({ where: { companyId } });
  if (!stored) return;
  try {
    const client = await clientFor(companyId);
    await client.webhooks.deleteHook(stored.procoreHookId);
  } finally {
    // Forget the secret either way: deliveries to a disconnected company are refused.
    await db.prisma.procoreWebhookHook.delete({ where: { companyId } });
    await writeAudit(db.prisma, { companyId, actor, action: 'procore.webhooks-removed', outcome: 'ok', detail: { procoreHookId: stored.procoreHookId } });
  }
}
