/**
 * A queued request's life (docs/data-safety.md#nothing-lost): queued → sent → done | failed; cancelled by a person.
 * "sent" means a qbXML message carrying it is with QBWC and its outcome is not known yet.
 */
import { REQUEST_STATUSES, type RequestStatus } from '@connector/contract';

// The list is the API's (@connector/contract company-api.ts): the route's filter and the queue read one.
export { REQUEST_STATUSES, type RequestStatus };
export const OPEN_REQUEST_STATUSES: RequestStatus[] = ['queued', 'sent'];

/** Priorities: dependencies before what depends on them (vendor/job/item → PO → bill). Lower runs first. */
export const PRIORITY = {
  lookup: 10,
  list: 20,
  transaction: 50,
  dependentTransaction: 60,
  read: 100,
} as const;
