import { ok } from '../http/api-result.ts';
import { notFound } from '../http/api-error.ts';
import type { ApiRoute } from '../api/api-context.ts';
import { definedOnly, type ItemReader } from '../api/item-reader.ts';
import { listRecords } from '../api/list-records.ts';
import { pathId, resolveCompany } from '../api/resolve-scope.ts';
import { readOrigin, runSync } from '../api/run-sync.ts';
import type { Vendor } from '../model/records.ts';

const CODE2 = /^[A-Z]{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function renderVendor(v: Vendor): Record<string, unknown> {
  return {
    id: v.id,
    name: v.name,
    abbreviated_name: v.abbreviated_name,
    trade_name: v.trade_name,
    address: v.address,
    city: v.city,
    state_code: v.state_code,
    zip: v.zip,
    country_code: v.country_code,
    business_phone: v.business_phone,
    fax_number: v.fax_number,
    email_address: v.email_address,
    website: v.website,
    license_number: v.license_number,
    notes: v.notes,
    is_active: v.is_active,
    trades: v.trades.map((t) => ({ id: t.id, name: t.name })),
    origin_id: v.origin_id,
    origin_data: v.origin_data,
    origin_code: v.origin_code,
    company_id: v.company_id,
    created_at: v.created_at,
    updated_at: v.updated_at,
  };
}

/** Vendor fields a sync item may set (RestV10VendorsSyncPatch request body). */
function readVendorFields(r: ItemReader, creating: boolean) {
  return {
    name: r.requiredString('name', creating),
    abbreviated_name: r.string('abbreviated_name'),
    trade_name: r.string('trade_name'),
    address: r.string('address'),
    city: r.string('city'),
    state_code: r.string('state_code', { pattern: CODE2 }),
    zip: r.string('zip'),
    country_code: r.string('country_code', { pattern: CODE2 }),
    business_phone: r.string('business_phone'),
    fax_number: r.string('fax_number'),
    email_address: r.string('email_address', { pattern: EMAIL }),
    website: r.string('website'),
    license_number: r.string('license_number'),
    notes: r.string('notes', { max: 65_535 }),
    origin_code: r.string('origin_code'),
    is_active: r.bool('is_active'),
    ...readOrigin(r),
  };
}

export const vendorRoutes: ApiRoute[] = [
  {
    method: 'GET',
    template: '/rest/v1.0/companies/{company_id}/vendors',
    handler: (ctx) => {
      const companyId = resolveCompany(ctx, ctx.params['company_id']);
      const active = ctx.query.get('filters[is_active]');
      return listRecords(ctx, ctx.store.vendors.list(companyId), renderVendor, active === null ? undefined : (v) => String(v.is_active) === active);
    },
  },
  {
    method: 'GET',
    template: '/rest/v1.0/companies/{company_id}/vendors/{id}',
    handler: (ctx) => {
      const companyId = resolveCompany(ctx, ctx.params['company_id']);
      const vendor = ctx.store.vendors.get(pathId(ctx, 'id'));
      if (vendor === undefined || vendor.company_id !== companyId) throw notFound();
      return ok(renderVendor(vendor));
    },
  },
  {
    method: 'PATCH',
    template: '/rest/v1.0/vendors/sync',
    handler: (ctx) => {
      const companyId = resolveCompany(ctx);
      return runSync<Vendor>(ctx, {
        table: ctx.store.vendors,
        idKind: 'vendor',
        companyId,
        inScope: (v) => v.company_id === companyId,
        buildCreate: (r) => {
          const f = readVendorFields(r, true);
          return {
            company_id: companyId,
            name: f.name ?? '',
            abbreviated_name: f.abbreviated_name ?? null,
            trade_name: f.trade_name ?? null,
            address: f.address ?? null,
            city: f.city ?? null,
            state_code: f.state_code ?? null,
            zip: f.zip ?? null,
            country_code: f.country_code ?? null,
            business_phone: f.business_phone ?? null,
            fax_number: f.fax_number ?? null,
            email_address: f.email_address ?? null,
            website: f.website ?? null,
            license_number: f.license_number ?? null,
            notes: f.notes ?? null,
            origin_code: f.origin_code ?? null,
            is_active: f.is_active ?? true,
            origin_id: f.origin_id ?? null,
            origin_data: f.origin_data ?? null,
            trades: [],
          };
        },
        buildUpdate: (r) => definedOnly(readVendorFields(r, false)) as Partial<Vendor>,
        render: renderVendor,
      });
    },
  },
];
