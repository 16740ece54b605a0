// CustomerAdd / CustomerMod (map-customer.ts: the customer; map-project.ts: the job) → QBO Customer. A job is a
// sub-customer: Job = true with ParentRef the parent customer (Intuit Customer reference: "create parent customer
// objects: set Job to false (default) and do not define ParentRef. Then, create sub-customer and job objects: Set Job
// to true and set ParentRef to reference parent customer object", developer.intuit.com/…/all-entities/customer), and
// BillWithParent = false: the job is invoiced itself (owner invoices name the job as CustomerRef, as on Desktop).
// QBO Projects (a premium API tier) are not used: issue 22. DisplayName is unique across Customer, Vendor and
// Employee (render-qbo-vendor.ts). Desktop job fields with no place on a QBO sub-customer are left out on purpose
// (DROPPED_ON_QBO): job start / projected end dates exist only on QBO Projects; AccountNumber has no Customer field.
import type { CustomerAddRequest, CustomerModRequest } from '@connector/qbxml';
import { renderQboAddress } from './render-qbo-address.ts';
import { assertKnownFields, missing, rendering, resolveRef, type QboRefs, type QboRendering } from './qbo-rendering.ts';
import type { QboCustomerPayload } from './qbo-payload-types.ts';

export const CUSTOMER_FIELDS_DROPPED_ON_QBO = ['jobStartDate', 'jobProjectedEndDate', 'accountNumber'] as const;

const KNOWN = ['type', 'name', 'listId', 'editSequence', 'companyName', 'isActive', 'parentRef', 'shipAddress', 'jobDesc', ...CUSTOMER_FIELDS_DROPPED_ON_QBO];

/** What a job is called on QuickBooks Online when its Desktop name is its customer's (see qboCustomerDisplayName). */
export const JOB_NAME_SUFFIX_ON_QBO = ' (job)';

/**
 * QuickBooks Online's DisplayName is unique across customers — sub-customers included — vendors and employees (Intuit
 * Customer reference: "DisplayName … must be unique across all Customer, Employee, and Vendor objects"); a Desktop
 * job's name is unique only under its customer. The connector names a new customer after the project unless one is
 * chosen (advance-exports.ts), so "Hillcrest Hotel:Hillcrest Hotel" is an ordinary Desktop job whose QBO DisplayName
 * would collide with its own parent (6240). Such a job (its name is its parent's, ignoring case as QBO does) is
 * named "<name> (job)"; its FullyQualifiedName stays "<customer>:<name> (job)". A collision with another record of the
 * company cannot be seen here: QBO answers 6240, and the 3100 rule matches or sends it to the exception queue.
 */
export function qboCustomerDisplayName(name: string, parentFullName: string | undefined): string {
  const parent = parentFullName;
  if (parent === undefined) return name;
  const parentName = parent.slice(parent.lastIndexOf(':') + 1);
  return parentName.toLowerCase() === name.toLowerCase() ? `${name}${JOB_NAME_SUFFIX_ON_QBO}` : name;
}

export function renderQboCustomer(request: CustomerAddRequest | CustomerModRequest, refs: QboRefs): QboRendering<'Customer'> {
  return rendering(() => {
    assertKnownFields(request, KNOWN);
    const payload: QboCustomerPayload = {};
    let operation: 'create' | 'update' = 'create';
    if (request.type === 'CustomerMod') {
      const current =
        refs.record('Customer', request.listId) ??
        missing('Id', `The QuickBooks Online customer id ${request.listId} is not known; refresh the customers from QuickBooks Online, then export again.`);
      Object.assign(payload, { Id: current.Id, SyncToken: current.SyncToken, sparse: true });
      operation = 'update';
    }
    if (request.parentRef !== undefined) {
      payload.Job = true;
      payload.ParentRef = resolveRef(refs, 'Customer', request.parentRef, 'ParentRef');
      payload.BillWithParent = false;
    }
    // The parent's name: as the request names it, or as QBO answered the reference by id.
    const parentName = request.parentRef?.fullName ?? payload.ParentRef?.name;
    if (request.name !== undefined) payload.DisplayName = qboCustomerDisplayName(request.name, parentName);
    if (request.companyName !== undefined) payload.CompanyName = request.companyName;
    if (request.isActive !== undefined) payload.Active = request.isActive;
    if (request.shipAddress !== undefined) payload.ShipAddr = renderQboAddress(request.shipAddress);
    // JobDesc (already ≤ 99 characters, map-project.ts) → Notes, the Customer's free-form text.
    if (request.jobDesc !== undefined) payload.Notes = request.jobDesc;
    return { ok: true, entity: 'Customer', operation, payload };
  });
}
