import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { summaryApi } from '@connector/contract';
import type { SummaryService } from '@connector/sync';
import { resolveMember } from '../plugins/resolve-member.ts';

/** The first screen's daily summary (issue 18): the same object the daily e-mail carries, for every member. */
export async function summaryRoutes(app: FastifyInstance, options: { summaries: SummaryService }) {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get('/api/companies/:companyId/summary', { schema: summaryApi.read }, async (request) => options.summaries.read(resolveMember(request).companyId));
}
