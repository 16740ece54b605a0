// The logger the services take (pino's shape, or none in tests): used by the QBWC service, the job runner and
// the Procore connection alike, so it lives in no one of them.
export interface ServiceLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
