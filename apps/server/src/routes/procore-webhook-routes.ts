import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { procoreWebhookApi } from '@connector/contract';
import { receiveProcoreWebhook, type ProcoreService } from '@connector/sync';

/**
 * Procore webhook deliveries (POST /webhooks/procore/:companyId). Answers fast (two inserts; the work
 * happens in a job), so Procore's 5-second limit is never at risk, and 2xx for duplicates so Procore
 * stops retrying them.
 */
export async function procoreWebhookRoutes(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { procore } = options;
  app
    .withTypeProvider<TypeBoxTypeProvider>()
    .post('/webhooks/procore/:companyId', { bodyLimit: 64 * 1024, schema: procoreWebhookApi.receive }, async (request) => {
      const { outcome } = await receiveProcoreWebhook(procore.db, {
        companyId: request.params.companyId,
        authorization: request.headers.authorization,
        delivery: request.body,
        ourClientIds: procore.ourClientIds,
      });
      request.log.info({ ulid: request.body.ulid, resource: request.body.resource_name, outcome }, 'Procore webhook');
      return { outcome };
    });
}
