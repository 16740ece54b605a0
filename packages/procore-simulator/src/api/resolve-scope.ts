import { ApiError, badRequest, notFound } from '../http/api-error.ts';
import type { Project } from '../model/records.ts';
import type { ApiContext } from './api-context.ts';

// Scoping rules (API-CONTRACT.md "Conventions"): a company the token does not belong to → 403; records of
// another company or project → 404 "Not Found", never 403.

export function parseId(value: unknown, name: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw badRequest(`${name} is required and must be an integer`);
  return n;
}

/** A path id: malformed ids cannot name a record, so they are 404 like unknown ones. */
export function pathId(ctx: ApiContext, name: string): number {
  const text = ctx.params[name] ?? '';
  if (!/^\d+$/.test(text)) throw notFound();
  return Number(text);
}

/** The company an endpoint works on: an explicit company_id (path, query or body) or else the header's. */
export function resolveCompany(ctx: ApiContext, explicit?: unknown): number {
  const header = ctx.headerCompanyId;
  const raw = explicit ?? ctx.query.get('company_id') ?? ctx.body['company_id'];
  const companyId = raw === undefined || raw === null || raw === '' ? header : parseId(raw, 'company_id');
  if (companyId === null) throw badRequest('company_id is required');
  if (!ctx.store.companies.has(companyId) || !ctx.store.isMember(companyId)) {
    throw new ApiError(403, { errors: 'You do not have access to this company' });
  }
  return companyId;
}

/** The project named by `explicit` or `project_id` (query or body); it must belong to the header company. */
export function resolveProject(ctx: ApiContext, explicit?: unknown): Project {
  const raw = explicit ?? ctx.query.get('project_id') ?? ctx.body['project_id'];
  if (raw === undefined || raw === null || raw === '') throw badRequest('project_id is required');
  const projectId = typeof raw === 'string' && !/^\d+$/.test(raw) ? NaN : Number(raw);
  const project = Number.isSafeInteger(projectId) ? ctx.store.projects.get(projectId) : undefined;
  if (project === undefined || project.company_id !== ctx.headerCompanyId) throw notFound();
  return project;
}

/** A record of `projectId`, or 404. */
export function inProject<T extends { project_id: number }>(record: T | undefined, projectId: number): T {
  if (record === undefined || record.project_id !== projectId) throw notFound();
  return record;
}
