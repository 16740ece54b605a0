import { ok } from '../http/api-result.ts';
import { notFound } from '../http/api-error.ts';
import type { ApiContext, ApiRoute } from '../api/api-context.ts';
import { definedOnly, type ItemReader } from '../api/item-reader.ts';
import { listRecords } from '../api/list-records.ts';
import { pathId, resolveCompany } from '../api/resolve-scope.ts';
import { readOrigin, runSync } from '../api/run-sync.ts';
import { formatMoney } from '../model/money.ts';
import type { Actor, ProcoreStore } from '../model/procore-store.ts';
import type { Project, ProjectCostCode } from '../model/records.ts';

const CODE2 = /^[A-Z]{2}$/;
const STAGE_IDS: Record<string, number> = { 'Pre-Construction': 1, 'Course of Construction': 2, 'Post-Construction': 3, Bidding: 4, Warranty: 5 };

export function renderProject(store: ProcoreStore, p: Project): Record<string, unknown> {
  const company = store.companies.get(p.company_id);
  return {
    id: p.id,
    name: p.name,
    display_name: p.project_number ? `${p.project_number} - ${p.name}` : p.name,
    project_number: p.project_number,
    address: p.address,
    city: p.city,
    state_code: p.state_code,
    zip: p.zip,
    country_code: p.country_code,
    county: p.county,
    time_zone: p.time_zone,
    description: p.description,
    active: p.active,
    start_date: p.start_date,
    completion_date: p.completion_date,
    total_value: p.total_value === null ? null : formatMoney(p.total_value),
    square_feet: p.square_feet,
    project_stage: p.stage === null ? null : { id: STAGE_IDS[p.stage] ?? 0, name: p.stage },
    standard_cost_code_list_id: p.standard_cost_code_list_id,
    company: company ? { id: company.id, name: company.name } : null,
    origin_id: p.origin_id,
    origin_data: p.origin_data,
    origin_code: p.origin_code,
    created_at: p.created_at,
    updated_at: p.updated_at,
  };
}

function readProjectFields(r: ItemReader, creating: boolean) {
  const totalValue = r.money('total_value');
  return {
    name: r.requiredString('name', creating),
    project_number: r.string('project_number', { max: 100 }),
    address: r.string('address'),
    city: r.string('city'),
    state_code: r.string('state_code', { pattern: CODE2 }),
    zip: r.string('zip'),
    country_code: r.string('country_code', { pattern: CODE2 }),
    county: r.string('county'),
    time_zone: r.string('time_zone'),
    description: r.string('description', { max: 65_535 }),
    active: r.bool('active'),
    start_date: r.date('start_date'),
    completion_date: r.date('completion_date'),
    total_value: totalValue,
    square_feet: r.int('square_feet'),
    origin_code: r.string('origin_code'),
    ...readOrigin(r),
  };
}

/** Procore copies the company's standard cost code list into a new project. */
export function copyStandardCostCodes(store: ProcoreStore, project: Project, actor: Actor): void {
  const listId = project.standard_cost_code_list_id ?? store.standardCostCodeLists.list(project.company_id)[0]?.id;
  if (listId === undefined) return;
  const copied = new Map<number, ProjectCostCode>();
  store.standardCostCodes.list(listId).forEach((s, position) => {
    const cc = store.create(
      store.costCodes,
      'costCode',
      {
        company_id: project.company_id,
        project_id: project.id,
        standard_cost_code_id: s.id,
        parent_id: s.parent_id === null ? null : (copied.get(s.parent_id)?.id ?? null),
        code: s.code,
        full_code: s.full_code,
        name: s.name,
        sortable_code: s.sortable_code,
        position: position + 1,
        origin_id: null,
        origin_data: null,
      },
      actor,
    );
    copied.set(s.id, cc);
  });
}

function findProject(ctx: ApiContext): Project {
  const companyId = resolveCompany(ctx);
  const project = ctx.store.projects.get(pathId(ctx, 'id'));
  if (project === undefined || project.company_id !== companyId) throw notFound();
  return project;
}

export const projectRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/companies/{company_id}/projects',
    handler: (ctx) => {
      const companyId = resolveCompany(ctx, ctx.params['company_id']);
      const active = ctx.query.get('filters[active]');
      return listRecords(
        ctx,
        ctx.store.projects.list(companyId),
        (p) => renderProject(ctx.store, p),
        active === null ? undefined : (p) => String(p.active) === active,
      );
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/projects/{id}',
    handler: (ctx) => ok(renderProject(ctx.store, findProject(ctx))),
  },
  {
    method: 'PATCH',
    template: '/rest/v1.0/projects/sync',
    handler: (ctx) => {
      const companyId = resolveCompany(ctx);
      const listId = ctx.store.standardCostCodeLists.list(companyId)[0]?.id ?? null;
      return runSync<Project>(ctx, {
        table: ctx.store.projects,
        idKind: 'project',
        companyId,
        inScope: (p) => p.company_id === companyId,
        buildCreate: (r) => {
          const f = readProjectFields(r, true);
          return {
            company_id: companyId,
            name: f.name ?? '',
            project_number: f.project_number ?? null,
            address: f.address ?? null,
            city: f.city ?? null,
            state_code: f.state_code ?? null,
            zip: f.zip ?? null,
            country_code: f.country_code ?? null,
            county: f.county ?? null,
            time_zone: f.time_zone ?? null,
            description: f.description ?? null,
            active: f.active ?? true,
            start_date: f.start_date ?? null,
            completion_date: f.completion_date ?? null,
            total_value: f.total_value ?? null,
            square_feet: f.square_feet ?? null,
            stage: null,
            origin_code: f.origin_code ?? null,
            origin_id: f.origin_id ?? null,
            origin_data: f.origin_data ?? null,
            standard_cost_code_list_id: listId,
            budget_locked: false,
          };
        },
        buildUpdate: (r) => definedOnly(readProjectFields(r, false)) as Partial<Project>,
        afterCreate: (p) => copyStandardCostCodes(ctx.store, p, ctx.actor),
        render: (p) => renderProject(ctx.store, p),
      });
    },
  },
];
