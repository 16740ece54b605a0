// Everything the simulator keeps for one company: its records, its requestid answers and its rate windows.

import type { RealmStore } from '../model/realm-store.ts';
import type { RealmRateLimiter } from './realm-rate-limiter.ts';

/** An answer as sent, kept to replay a reused requestid. */
export interface StoredAnswer {
  status: number;
  body: string;
}

export interface RealmState {
  store: RealmStore;
  limiter: RealmRateLimiter;
  /** requestid → first answer (per realm: Intuit keys idempotency by company and request id). */
  answers: Map<string, StoredAnswer>;
  /** CompanyInfo.CompanyName of the realm (what a client shows as the connected company). */
  companyName: string;
}
