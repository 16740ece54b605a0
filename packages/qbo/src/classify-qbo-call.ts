// Which calls Intuit meters. Under the Intuit App Partner Program the Accounting API's calls fall in two categories
// ("Best Practices for Intuit API Optimization, Part 1", blogs.intuit.com, 2025-08-11): Core, the data-in calls
// (create, update, delete — unmetered), and CorePlus, the data-out calls (reads, queries — metered; the Builder tier
// is blocked for the rest of the month past 500,000, "Understanding Builder tier API limits", 2026-01-08). OAuth
// endpoints are not metered and never reach this client's request function.
import type { QboCallEvent } from './qbo-transport.ts';

export type QboCallCategory = 'core_plus' | 'core';

/** Resources whose POST reads: a query sent in the body (Intuit accepts POST /query with the query text). */
const READ_RESOURCES = new Set(['query', 'cdc', 'reports']);

/** CorePlus (metered read) or Core (write) for one HTTP send. */
export function classifyQboCall(event: Pick<QboCallEvent, 'method' | 'resource'>): QboCallCategory {
  if (event.method === 'GET') return 'core_plus';
  return READ_RESOURCES.has(event.resource.toLowerCase()) ? 'core_plus' : 'core';
}
