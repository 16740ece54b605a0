// Project budget (→ QuickBooks estimates; job-to-date costs back). API-CONTRACT.md:
// GET /rest/v1.0/budget_views?project_id=, GET /rest/v1.0/budget_views/{id}/detail_rows?project_id= (paged),
// GET /rest/v1.0/budget_line_items?project_id=, POST /rest/v1.0/budget_line_items?project_id= { budget_line_item }.
// Field names: Procore OpenAPI RestV10BudgetViewsBudgetViewIdDetailRowsGet, RestV10BudgetLineItemsPost.

import { segment, type CostCodeRef, type NamedRef, type PageSizeOption, type ProcoreId, type ResourceContext } from './resource-context.ts';

export interface BudgetView {
  id: number;
  name: string;
}

/** A row of a budget view; money columns are decimal strings (parseMoney). */
export interface BudgetDetailRow {
  id?: number | null;
  cost_code_id?: number | null;
  /** The cost code's name. */
  cost_code?: string | null;
  cost_code_origin_id?: string | null;
  root_cost_code?: string | null;
  category_id?: number | null;
  category?: string | null;
  original_budget_amount?: string | null;
  budget_modifications?: string | null;
  direct_costs?: string | null;
  job_to_date_costs?: string | null;
}

export interface BudgetLineItem {
  id: number;
  cost_code?: CostCodeRef | null;
  line_item_type?: NamedRef | null;
  original_budget_amount?: string | number | null;
  quantity?: string | number | null;
  unit_cost?: string | number | null;
  uom?: string | null;
}

export interface NewBudgetLineItem {
  cost_code_id: number;
  line_item_type_id?: number | undefined;
  original_budget_amount: number | string;
  quantity?: number | undefined;
  unit_cost?: number | undefined;
  uom?: string | undefined;
}

export function createBudgetApi({ transport }: ResourceContext) {
  return {
    async listViews(projectId: ProcoreId): Promise<BudgetView[]> {
      return transport.listAll<BudgetView>('/rest/v1.0/budget_views', { project_id: segment(projectId) }, { perPage: null });
    },
    async listDetailRows(projectId: ProcoreId, budgetViewId: ProcoreId, options: PageSizeOption = {}): Promise<BudgetDetailRow[]> {
      return transport.listAll<BudgetDetailRow>(
        `/rest/v1.0/budget_views/${segment(budgetViewId)}/detail_rows`,
        { project_id: segment(projectId) },
        { perPage: options.perPage },
      );
    },
    async listLineItems(projectId: ProcoreId): Promise<BudgetLineItem[]> {
      return transport.listAll<BudgetLineItem>('/rest/v1.0/budget_line_items', { project_id: segment(projectId) }, { perPage: null });
    },
    /** Not retried after an ambiguous failure (POST): an 'unknown' outcome means list the line items before trying again. */
    async createLineItem(projectId: ProcoreId, item: NewBudgetLineItem): Promise<BudgetLineItem> {
      return (
        await transport.request<BudgetLineItem>('POST', '/rest/v1.0/budget_line_items', {
          query: { project_id: segment(projectId) },
          body: { budget_line_item: item },
        })
      ).body;
    },
  };
}
