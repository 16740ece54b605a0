// Procore's error bodies come in several shapes (API-CONTRACT.md "Conventions"):
//   { "errors": "Not Found" }                                   — plain message
//   { "errors": { "name": ["can't be blank"] } }                — field errors (422, sync items)
//   { "error": { "code", "message", "details" } }               — newer endpoints
// plus { "message": "…" } and bare text from proxies. This reads any of them into one message and a
// field → messages map, flattened Rails-style ("name can't be blank"; "base" errors stand alone).

import { isRecord } from './call-login-endpoint.ts';

export interface ProcoreErrorDetail {
  /** Procore's message text, or null when the body says nothing usable. */
  message: string | null;
  /** Field errors ({ origin_id: ["has already been taken"] }); empty when there are none. */
  fields: Record<string, string[]>;
  /** Field errors flattened: ["origin_id has already been taken"]. */
  messages: string[];
}

const MAX_MESSAGE_LENGTH = 500;

export function readProcoreErrors(body: unknown): ProcoreErrorDetail {
  if (typeof body === 'string') {
    const text = body.trim();
    // An HTML error page from a load balancer is noise, not a message a person can act on.
    const usable = text !== '' && !/^<(!doctype|html)/i.test(text);
    return { message: usable ? truncate(text) : null, fields: {}, messages: [] };
  }
  if (!isRecord(body)) return { message: null, fields: {}, messages: [] };

  const errors = body['errors'];
  if (errors !== undefined && errors !== null) {
    const detail = readErrorsValue(errors);
    if (detail.message !== null || detail.messages.length > 0) return detail;
  }
  const error = body['error'];
  if (isRecord(error)) {
    const message = typeof error['message'] === 'string' ? error['message'] : typeof error['code'] === 'string' ? error['code'] : null;
    const details = error['details'] !== undefined ? readErrorsValue(error['details']) : { fields: {}, messages: [] as string[] };
    return { message: message === null ? details.messages.join('; ') || null : truncate(message), fields: details.fields, messages: details.messages };
  }
  if (typeof error === 'string') return { message: truncate(error), fields: {}, messages: [] };
  if (typeof body['message'] === 'string') return { message: truncate(body['message']), fields: {}, messages: [] };
  return { message: null, fields: {}, messages: [] };
}

/** Reads the value of an `errors` key: a string, an array of strings, or a field → message(s) object. */
export function readErrorsValue(errors: unknown): ProcoreErrorDetail {
  if (typeof errors === 'string') return { message: truncate(errors), fields: {}, messages: [errors] };
  if (Array.isArray(errors)) {
    const messages = errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
    return { message: messages.length > 0 ? truncate(messages.join('; ')) : null, fields: {}, messages };
  }
  if (!isRecord(errors)) return { message: null, fields: {}, messages: [] };
  const fields: Record<string, string[]> = {};
  const messages: string[] = [];
  for (const [field, value] of Object.entries(errors)) {
    const list = (Array.isArray(value) ? value : [value])
      .filter((v) => v !== null && v !== undefined)
      .map((v) => (typeof v === 'string' ? v : isRecord(v) && typeof v['message'] === 'string' ? v['message'] : JSON.stringify(v)));
    if (list.length === 0) continue;
    fields[field] = list;
    for (const text of list) messages.push(field === 'base' ? text : `${field} ${text}`);
  }
  return { message: messages.length > 0 ? truncate(messages.join('; ')) : null, fields, messages };
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH)}…` : text;
}
