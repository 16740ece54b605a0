// Reads Intuit's error body. The Accounting API answers a failed call with
//   { "Fault": { "Error": [{ "Message", "Detail", "code", "element" }], "type": "ValidationFault" }, "time": … }
// ("Handling common errors", developer.intuit.com/docs/00_quickbooks_online/2_build/20_explore_the_quickbooks_online_api/handling_common_errors).
// The gateway's 401 spells the same envelope in lower case — { "fault": { "error": [{ "message", "detail",
// "code": "3200" }], "type": "AUTHENTICATION" } } ("3200: message=Exception authenticating OAuth;
// errorCode=003200; statusCode=401") — so both spellings are read. A batch item's Fault has the same shape.

export interface QboFaultError {
  /** Intuit's code as sent (a string: "5010", "6240", "610", "3200", …). */
  code: string;
  message: string;
  detail: string | null;
  /** The offending element when Intuit names one (e.g. "SyncToken"). */
  element: string | null;
}

export interface QboFault {
  /** ValidationFault, SystemFault, AuthenticationFault, AUTHENTICATION, … */
  type: string | null;
  errors: QboFaultError[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first key present in either spelling ("Fault" / "fault"). */
function pick(record: Record<string, unknown>, name: string): unknown {
  return record[name] ?? record[name.toLowerCase()] ?? record[name.charAt(0).toLowerCase() + name.slice(1)];
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

/** A Fault object (the value of "Fault"), or null when `value` is not one. */
export function readFaultObject(value: unknown): QboFault | null {
  if (!isRecord(value)) return null;
  const rawErrors = pick(value, 'Error');
  const list = Array.isArray(rawErrors) ? rawErrors : isRecord(rawErrors) ? [rawErrors] : [];
  const errors: QboFaultError[] = list.filter(isRecord).map((e) => ({
    code: text(pick(e, 'code')) ?? text(e['Code']) ?? '',
    message: text(pick(e, 'Message')) ?? '',
    detail: text(pick(e, 'Detail')),
    element: text(pick(e, 'element')),
  }));
  const type = text(pick(value, 'type'));
  if (errors.length === 0 && type === null) return null;
  return { type, errors };
}

/** The Fault of a whole response body (parsed JSON), or null when the body carries none. */
export function readQboFault(body: unknown): QboFault | null {
  if (!isRecord(body)) return null;
  return readFaultObject(pick(body, 'Fault'));
}
