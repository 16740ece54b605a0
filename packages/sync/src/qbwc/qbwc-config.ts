export interface QbwcServiceConfig {
  /** OwnerID GUID of this application, `{...}` form: one per application, never per company (QBWC guide p.37). */
  ownerId: string;
  /** Requests per qbXML message. QuickBooks handles dozens per message; more means fewer round trips. */
  batchSize: number;
  /** A session with no call for this long is treated as dead (QBWC crashed, the PC slept). */
  sessionIdleTimeoutMs: number;
  /** Postpone value returned with "busy" while another session of the same company runs. */
  busyPostponeSeconds: number;
  /** Attempts before a request that QuickBooks keeps deferring (record in use) goes to the exception queue. */
  maxAttempts: number;
  /** Failed sign-ins within the window before a username is locked for lockMs. */
  throttle: { maxFailures: number; windowMs: number; lockMs: number };
  /** Responses larger than this are parsed on a worker thread so other companies' calls are not blocked. */
  offThreadParseBytes: number;
}

export const DEFAULT_QBWC_CONFIG: Omit<QbwcServiceConfig, 'ownerId'> = {
  batchSize: 25,
  sessionIdleTimeoutMs: 15 * 60_000,
  busyPostponeSeconds: 60,
  maxAttempts: 5,
  throttle: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  offThreadParseBytes: 256 * 1024,
};

export interface ServiceLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
