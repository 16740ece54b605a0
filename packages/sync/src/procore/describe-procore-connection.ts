import type { ProcoreConnectionBody } from '@connector/contract';
import type { Database } from '@connector/db';
import { getProcoreConnection } from './get-procore-connection.ts';
import { RECONCILED_AT_CURSOR } from './reconcile-procore.ts';

/** The Connection screen's Procore side, in the API's shape (tsc checks it against @connector/contract). */
export async function describeProcoreConnection(db: Database, companyId: string): Promise<ProcoreConnectionBody> {
  const [connection, hook, lastDelivery, cursor] = await Promise.all([
    getProcoreConnection(db, companyId),
    db.prisma.procoreWebhookHook.findUnique({ where: { companyId } }),
    db.prisma.procoreWebhookDelivery.findFirst({ where: { companyId }, orderBy: { receivedAt: 'desc' }, select: { receivedAt: true } }),
    db.prisma.syncCursor.findUnique({ where: { companyId_name: { companyId, name: RECONCILED_AT_CURSOR } } }),
  ]);
  return {
    ...connection,
    webhooks: hook
      ? {
          destinationUrl: hook.destinationUrl,
          // Display only: a damaged procore_webhook_hooks.triggers (not a list) counts as none rather than failing the screen.
          triggers: Array.isArray(hook.triggers) ? hook.triggers.length : 0,
          lastDeliveryAt: lastDelivery?.receivedAt.toISOString() ?? null,
        }
      : null,
    lastReconciledAt: cursor?.value ?? null,
  };
}
