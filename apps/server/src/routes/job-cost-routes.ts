import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { jobCostApi } from '@connector/contract';
import type { Database } from '@connector/db';
import {
  buildJobCostReport,
  buildOwnerReconciliation,
  jobCostReportCsv,
  ownerReconciliationCsv,
  listJobCostProjects,
  listUnattributedCostLines,
  type ProcoreService,
} from '@connector/sync';
import { resolveActor } from '../plugins/resolve-actor.ts';
import { resolveMember } from '../plugins/resolve-member.ts';

/** Job costs and the reconciliation report (QuickBooks to Procore): JSON and CSV. Any member of the company may read them. */
export async function jobCostRoutes(app: FastifyInstance, options: { db: Database; procore: ProcoreService }) {
  const { db, procore } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/api/companies/:companyId/job-costs', { schema: jobCostApi.projects }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    return listJobCostProjects(db, companyId, () => procore.clientFor(companyId));
  });

  // The lines behind "Cost not in Procore", with what to do about each: one project's, those on no project ('none'), or all.
  api.get('/api/companies/:companyId/job-costs/unattributed-lines', { schema: jobCostApi.unattributedLines }, async (request) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    const { projectId, limit, offset } = request.query;
    return listUnattributedCostLines(db, { companyId, ...(projectId !== undefined ? { projectId } : {}), limit, offset });
  });

  // The owner side of one project and its CSV (`…/job-costs/owner/123.csv`), issue 21. Its Procore figures are our copy,
  // so a Procore outage leaves only the margin empty (procoreError), not the whole answer.
  api.get('/api/companies/:companyId/job-costs/owner/:projectId', { schema: jobCostApi.owner }, async (request, reply) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    const csv = request.params.projectId.endsWith('.csv');
    const projectId = request.params.projectId.replace(/\.csv$/, '');
    const owner = await buildOwnerReconciliation(db, { companyId, procoreProjectId: projectId, client: () => procore.clientFor(companyId) });
    if (!csv) return owner;
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="owner-${projectId}.csv"`);
    return ownerReconciliationCsv([owner]);
  });

  // One route for the report and its CSV (`…/job-costs/123.csv`): the same figures, two renderings.
  api.get('/api/companies/:companyId/job-costs/:projectId', { schema: jobCostApi.report }, async (request, reply) => {
    const { companyId } = resolveMember(request);
    resolveActor(request);
    const csv = request.params.projectId.endsWith('.csv');
    const projectId = request.params.projectId.replace(/\.csv$/, '');
    const report = await buildJobCostReport(db, { companyId, procoreProjectId: projectId, client: await procore.clientFor(companyId) });
    if (!csv) return report;
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="job-costs-${projectId}.csv"`);
    return jobCostReportCsv(report);
  });
}
