// Company vendors (Procore Directory companies ↔ QuickBooks vendors; docs/integration-map.md#vendors).
// API-CONTRACT.md: GET /rest/v1.0/companies/{company_id}/vendors (paged; filters[updated_at],
// filters[origin_id]), GET …/vendors/{id}, PATCH /rest/v1.0/vendors/sync { company_id, updates }.
// Field names: Procore OpenAPI RestV10VendorsSyncPatch / "Vendor Extended View".

import type { SyncResult } from '../match-sync-results.ts';
import { idValue, segment, updatedAtFilter, type PageSizeOption, type ProcoreId, type ResourceContext, type UpdatedSinceOptions } from './resource-context.ts';

export interface Vendor {
  id: number;
  name: string;
  abbreviated_name?: string | null;
  trade_name?: string | null;
  address?: string | null;
  city?: string | null;
  state_code?: string | null;
  zip?: string | null;
  country_code?: string | null;
  business_phone?: string | null;
  mobile_phone?: string | null;
  fax_number?: string | null;
  email_address?: string | null;
  website?: string | null;
  is_active?: boolean | null;
  origin_id?: string | null;
  origin_code?: string | null;
  /** Opaque to Procore; we keep the QuickBooks EditSequence here (docs/procore-api.md#origin-id). */
  origin_data?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

/** One entry of `updates`: `id` updates that vendor; otherwise an existing `origin_id` is updated, else created. */
export interface VendorSyncItem {
  id?: number | undefined;
  origin_id?: string | undefined;
  origin_code?: string | undefined;
  origin_data?: string | undefined;
  name?: string | undefined;
  abbreviated_name?: string | undefined;
  trade_name?: string | undefined;
  address?: string | undefined;
  city?: string | undefined;
  state_code?: string | undefined;
  zip?: string | undefined;
  country_code?: string | undefined;
  business_phone?: string | undefined;
  mobile_phone?: string | undefined;
  fax_number?: string | undefined;
  email_address?: string | undefined;
  website?: string | undefined;
  is_active?: boolean | undefined;
}

export interface VendorListOptions extends UpdatedSinceOptions, PageSizeOption {
  originId?: string | undefined;
}

export function createVendorsApi({ transport, now }: ResourceContext) {
  const base = `/rest/v1.0/companies/${segment(transport.companyId)}/vendors`;
  const query = (options: VendorListOptions) => ({ 'filters[updated_at]': updatedAtFilter(options, now), 'filters[origin_id]': options.originId });
  return {
    async list(options: VendorListOptions = {}): Promise<Vendor[]> {
      return transport.listAll<Vendor>(base, query(options), { perPage: options.perPage });
    },
    iterate(options: VendorListOptions = {}): AsyncGenerator<Vendor, void, undefined> {
      return transport.paginate<Vendor>(base, query(options), { perPage: options.perPage });
    },
    async get(id: ProcoreId): Promise<Vendor> {
      return (await transport.request<Vendor>('GET', `${base}/${segment(id)}`)).body;
    },
    async sync(updates: readonly VendorSyncItem[]): Promise<SyncResult<VendorSyncItem, Vendor>> {
      return transport.syncInChunks<VendorSyncItem, Vendor>('/rest/v1.0/vendors/sync', { company_id: idValue(transport.companyId) }, updates);
    },
  };
}
