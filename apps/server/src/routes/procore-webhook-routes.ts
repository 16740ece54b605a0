import type { FastifyInstance } from 'fastify';
import { receiveProcoreWebhook, type ProcoreService, type WebhookDelivery } from '@connector/sync';

/**
 * Procore webhook deliveries (POST /webhooks/procore/:companyId). Answers fast (two inserts; the work
 * happens in a job), so Procore's 5-second limit is never at risk, and 2xx for duplicates so Procore
 * stops retrying them.
 */
export async function procoreWebhookRoutes(app: FastifyInstance, options: { procore: ProcoreService }) {
  const { procore } = options;
  app.post<{ Params: { companyId: string }; Body: WebhookDelivery }>(
    '/webhooks/procore/:companyId',
    {
      bodyLimit: 64 * 1024,
      schema: {
        params: { type: 'object', required: ['companyId'], properties: { companyId: { type: 'string', maxLength: 64 } } },
        body: {
          type: 'object',
          required: ['ulid', 'resource_name', 'resource_id', 'event_type', 'company_id'],
          properties: {
            ulid: { type: 'string', minLength: 10, maxLength: 64 },
            resource_name: { type: 'string', maxLength: 128 },
            resource_id: { anyOf: [{ type: 'integer' }, { type: 'string', maxLength: 64 }] },
            event_type: { type: 'string', enum: ['create', 'update', 'delete'] },
            company_id: { anyOf: [{ type: 'integer' }, { type: 'string', maxLength: 64 }] },
            project_id: { anyOf: [{ type: 'integer' }, { type: 'string', maxLength: 64 }, { type: 'null' }] },
            metadata: { type: ['object', 'null'] },
          },
        },
        response: { 200: { type: 'object', properties: { outcome: { type: 'string' } } } },
      },
    },
    async (request) => {
      const { outcome } = await receiveProcoreWebhook(procore.db, {
        companyId: request.params.companyId,
        authorization: request.headers.authorization,
        delivery: request.body,
        ourClientIds: procore.ourClientIds,
      });
      request.log.info({ ulid: request.body.ulid, resource: request.body.resource_name, outcome }, 'Procore webhook');
      return { outcome };
    },
  );
}
