import { parseResponseMessage, type QbxmlResponseMessage } from './parse-response-message.ts';
import { QbxmlParseError } from './qbxml-parse-error.ts';

/**
 * A qbXML response parsed on a worker thread, as it crosses to the event loop: the message, or why it could not be
 * read (a QbxmlParseError's message, kept as one, or any other error's).
 */
export type ParsedResponse = { ok: true; value: QbxmlResponseMessage } | { ok: false; parseError: boolean; message: string };

/** Parses `xml` into a ParsedResponse; never throws (on the worker: what it posts). */
export function parseResponseToMessage(xml: string): ParsedResponse {
  try {
    return { ok: true, value: parseResponseMessage(xml) };
  } catch (error) {
    return { ok: false, parseError: error instanceof QbxmlParseError, message: (error as Error).message };
  }
}

/** The message of a ParsedResponse, or the error parsing it threw (on the event loop, from what the worker posted). */
export function settleParsedResponse(parsed: ParsedResponse): QbxmlResponseMessage {
  if (parsed.ok) return parsed.value;
  throw parsed.parseError ? new QbxmlParseError(parsed.message) : new Error(parsed.message);
}
