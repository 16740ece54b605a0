import { ok } from '../http/api-result.ts';
import { notFound } from '../http/api-error.ts';
import { paginate } from '../http/paginate.ts';
import type { ApiContext, ApiRoute } from '../api/api-context.ts';
import type { ItemReader } from '../api/item-reader.ts';
import { listRecords } from '../api/list-records.ts';
import { parseId, resolveCompany } from '../api/resolve-scope.ts';
import { readOrigin, runSync } from '../api/run-sync.ts';
import type { StandardCostCode, StandardCostCodeList } from '../model/records.ts';

const CODE = /^[A-Za-z0-9._]+$/;

export function renderStandardCostCode(c: StandardCostCode): Record<string, unknown> {
  return {
    id: c.id,
    standard_cost_code_list_id: c.standard_cost_code_list_id,
    parent_id: c.parent_id,
    code: c.code,
    full_code: c.full_code,
    name: c.name,
    sortable_code: c.sortable_code,
    origin_id: c.origin_id,
    origin_data: c.origin_data,
    created_at: c.created_at,
    updated_at: c.updated_at,
  };
}

function findList(ctx: ApiContext, companyId: number, raw: unknown): StandardCostCodeList {
  const list = ctx.store.standardCostCodeLists.get(parseId(raw, 'standard_cost_code_list_id'));
  if (list === undefined || list.company_id !== companyId) throw notFound();
  return list;
}

/** Cost code "03-300": a code unique among its siblings, full_code prefixed by the parent's. */
export function siblingKey(parentId: number | null, code: string): string {
  return `${parentId ?? 0}|${code.toLowerCase()}`;
}

export const standardCostCodeRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/standard_cost_code_lists',
    handler: (ctx) => {
      const companyId = resolveCompany(ctx);
      const lists = ctx.store.standardCostCodeLists.list(companyId);
      const page = paginate(lists, { url: ctx.url, maxPerPage: ctx.config.maxPerPage });
      return ok(
        page.items.map((l) => ({ id: l.id, name: l.name, company_id: l.company_id, created_at: l.created_at, updated_at: l.updated_at })),
        page.headers,
      );
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/standard_cost_codes',
    handler: (ctx) => {
      const companyId = resolveCompany(ctx);
      const list = findList(ctx, companyId, ctx.query.get('standard_cost_code_list_id') ?? undefined);
      return listRecords(ctx, ctx.store.standardCostCodes.list(list.id), renderStandardCostCode);
    },
  },
  {
    method: 'PATCH',
    template: '/rest/v1.0/standard_cost_codes/sync',
    handler: (ctx) => {
      const companyId = resolveCompany(ctx);
      const list = findList(ctx, companyId, ctx.body['standard_cost_code_list_id'] ?? ctx.query.get('standard_cost_code_list_id') ?? undefined);
      const table = ctx.store.standardCostCodes;
      const siblings = new Map<string, number>();
      for (const c of table.list(list.id)) siblings.set(siblingKey(c.parent_id, c.code), c.id);

      const readTree = (r: ItemReader, existing: StandardCostCode | undefined) => {
        const code = r.requiredString('code', existing === undefined, 50);
        if (typeof code === 'string' && !CODE.test(code)) r.error('code', 'is invalid');
        const parentRaw = r.int('parent_id');
        let parent: StandardCostCode | null | undefined = existing === undefined ? null : undefined;
        if (parentRaw === null) parent = null;
        else if (typeof parentRaw === 'number') {
          const p = table.get(parentRaw);
          if (p === undefined || p.standard_cost_code_list_id !== list.id || p.id === existing?.id) r.error('parent_id', 'is invalid');
          else parent = p;
        }
        const parentId = parent === undefined ? (existing?.parent_id ?? null) : (parent?.id ?? null);
        const finalCode = code ?? existing?.code ?? '';
        const holder = siblings.get(siblingKey(parentId, finalCode));
        if (finalCode !== '' && holder !== undefined && holder !== existing?.id) r.error('code', 'has already been taken');
        const parentFull = parentId === null ? null : (table.get(parentId)?.full_code ?? null);
        const fullCode = parentFull === null ? finalCode : `${parentFull}-${finalCode}`;
        return { code: finalCode, parentId, fullCode };
      };

      return runSync<StandardCostCode>(ctx, {
        table,
        idKind: 'standardCostCode',
        companyId,
        inScope: (c) => c.standard_cost_code_list_id === list.id,
        buildCreate: (r) => {
          const name = r.requiredString('name', true);
          const tree = readTree(r, undefined);
          const origin = readOrigin(r);
          if (r.ok) siblings.set(siblingKey(tree.parentId, tree.code), -1);
          return {
            company_id: companyId,
            standard_cost_code_list_id: list.id,
            parent_id: tree.parentId,
            code: tree.code,
            full_code: tree.fullCode,
            sortable_code: tree.fullCode,
            name: name ?? '',
            origin_id: origin.origin_id ?? null,
            origin_data: origin.origin_data ?? null,
          };
        },
        buildUpdate: (r, existing) => {
          const name = r.requiredString('name', false);
          const tree = readTree(r, existing);
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
          } as Partial<StandardCostCode>;
        },
        afterCreate: (c) => siblings.set(siblingKey(c.parent_id, c.code), c.id),
        render: renderStandardCostCode,
      });
    },
  },
];
