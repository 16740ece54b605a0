import type { ApiRoute } from '../api/api-context.ts';
import type { ItemReader } from '../api/item-reader.ts';
import { listRecords } from '../api/list-records.ts';
import { resolveProject } from '../api/resolve-scope.ts';
import { readOrigin, runSync } from '../api/run-sync.ts';
import type { ProcoreStore } from '../model/procore-store.ts';
import type { ProjectCostCode, StandardCostCode } from '../model/records.ts';
import { siblingKey } from './handle-standard-cost-codes.ts';

const CODE = /^[A-Za-z0-9._]+$/;

export function renderProjectCostCode(store: ProcoreStore, c: ProjectCostCode): Record<string, unknown> {
  const project = store.projects.get(c.project_id);
  const budgeted = store.budgetLineItems.list(c.project_id).some((b) => b.cost_code_id === c.id);
  return {
    id: c.id,
    name: c.name,
    code: c.code,
    full_code: c.full_code,
    sortable_code: c.sortable_code,
    parent: c.parent_id === null ? null : { id: c.parent_id },
    parent_id: c.parent_id,
    standard_cost_code_id: c.standard_cost_code_id,
    position: c.position,
    budgeted,
    biller: project?.name ?? null,
    biller_id: c.project_id,
    biller_type: 'Project',
    project_id: c.project_id,
    origin_id: c.origin_id,
    origin_data: c.origin_data,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}

export const projectCostCodeRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/cost_codes',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      return listRecords(ctx, ctx.store.costCodes.list(project.id), (c) => renderProjectCostCode(ctx.store, c));
    },
  },
  {
    method: 'PATCH',
    template: '/rest/v1.0/cost_codes/sync',
    handler: (ctx) => {
      const project = resolveProject(ctx);
      const table = ctx.store.costCodes;
      const siblings = new Map<string, number>();
      for (const c of table.list(project.id)) siblings.set(siblingKey(c.parent_id, c.code), c.id);

      const readTree = (r: ItemReader, existing: ProjectCostCode | undefined, standard: StandardCostCode | undefined) => {
        const code = r.requiredString('code', existing === undefined && standard === undefined, 50) ?? (existing === undefined ? standard?.code : undefined);
        if (typeof code === 'string' && !CODE.test(code)) r.error('code', 'is invalid');
        const parentRaw = r.int('parent_id');
        let parentId: number | null = existing?.parent_id ?? null;
        if (parentRaw === null) parentId = null;
        else if (typeof parentRaw === 'number') {
          const p = table.get(parentRaw);
          if (p === undefined || p.project_id !== project.id || p.id === existing?.id) r.error('parent_id', 'is invalid');
          else parentId = p.id;
        } else if (existing === undefined && standard?.parent_id) {
          // A code copied from the standard list hangs under the project's copy of the standard parent.
          parentId = table.list(project.id).find((c) => c.standard_cost_code_id === standard.parent_id)?.id ?? null;
        }
        const finalCode = code ?? existing?.code ?? '';
        const holder = siblings.get(siblingKey(parentId, finalCode));
        if (finalCode !== '' && holder !== undefined && holder !== existing?.id) r.error('code', 'has already been taken');
        const parentFull = parentId === null ? null : (table.get(parentId)?.full_code ?? null);
        return { code: finalCode, parentId, fullCode: parentFull === null ? finalCode : `${parentFull}-${finalCode}` };
      };
      const readStandard = (r: ItemReader): StandardCostCode | undefined => {
        const id = r.int('standard_cost_code_id');
        if (typeof id !== 'number') return undefined;
        const s = ctx.store.standardCostCodes.get(id);
        if (s === undefined || s.company_id !== project.company_id) {
          r.error('standard_cost_code_id', 'is invalid');
          return undefined;
        }
        return s;
      };

      return runSync<ProjectCostCode>(ctx, {
        table,
        idKind: 'costCode',
        companyId: project.company_id,
        inScope: (c) => c.project_id === project.id,
        buildCreate: (r) => {
          const standard = readStandard(r);
          const name = r.requiredString('name', standard === undefined) ?? standard?.name;
          const tree = readTree(r, undefined, standard);
          const origin = readOrigin(r);
          if (r.ok) siblings.set(siblingKey(tree.parentId, tree.code), -1);
          return {
            company_id: project.company_id,
            project_id: project.id,
            standard_cost_code_id: standard?.id ?? null,
            parent_id: tree.parentId,
            code: tree.code,
            full_code: tree.fullCode,
            sortable_code: tree.fullCode,
            name: name ?? '',
            position: table.list(project.id).length + 1,
            origin_id: origin.origin_id ?? null,
            origin_data: origin.origin_data ?? null,
          };
        },
        buildUpdate: (r, existing) => {
          const name = r.requiredString('name', false);
          const tree = readTree(r, existing, undefined);
          if (r.ok) {
            siblings.delete(siblingKey(existing.parent_id, existing.code));
            siblings.set(siblingKey(tree.parentId, tree.code), existing.id);
          }
          return {
            ...(name === undefined ? {} : { name }),
            code: tree.code,
            parent_id: tree.parentId,
            full_code: tree.fullCode,
            sortable_code: tree.fullCode,
            ...readOrigin(r),
          } as Partial<ProjectCostCode>;
        },
        afterCreate: (c) => siblings.set(siblingKey(c.parent_id, c.code), c.id),
        render: (c) => renderProjectCostCode(ctx.store, c),
      });
    },
  },
];
