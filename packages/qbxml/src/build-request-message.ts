import { checkRequiredText, invalidValue } from './check-text.ts';
import { FIELD_LIMITS } from './field-limits.ts';
import type { QbxmlRequest } from './qbxml-request.ts';
import { writeRequest } from './write-request.ts';
import { XmlWriter } from './xml-writer.ts';

export const DEFAULT_QBXML_VERSION = '13.0';

export type OnErrorMode = 'stopOnError' | 'continueOnError';

export interface RequestMessageInput {
  /** Each request carries a requestID (≤ 50 characters, unique in the message) echoed in its response. */
  requests: ReadonlyArray<{ requestId: string; request: QbxmlRequest }>;
  /** Default 'continueOnError' (docs/qbxml.md#message-envelope). */
  onError?: OnErrorMode;
  /**
   * Set on every message that writes: QuickBooks keeps its outcome under this ID
   * so a lost response can be recovered instead of re-sending (docs/qbxml.md#error-recovery, docs/data-safety.md#nothing-written-twice).
   */
  newMessageSetId?: string;
  oldMessageSetId?: string;
  /** Default '13.0'; never higher than the company file's HostRet SupportedQBXMLVersion. */
  qbxmlVersion?: string;
}

const ON_ERROR_MODES: readonly OnErrorMode[] = ['stopOnError', 'continueOnError'];

/** Builds a complete qbXML request message (the string returned from sendRequestXML). */
export function buildRequestMessage(input: RequestMessageInput): string {
  const onError = input.onError ?? 'continueOnError';
  if (!ON_ERROR_MODES.includes(onError)) {
    throw invalidValue(`onError "${String(onError)}" must be "stopOnError" or "continueOnError".`, 'QBXMLMsgsRq@onError', onError);
  }
  if (!Array.isArray(input.requests) || input.requests.length === 0) {
    throw invalidValue('A qbXML message needs at least one request (use buildRecoveryStatusMessage to ask about an earlier message).', 'QBXMLMsgsRq');
  }
  const seen = new Set<string>();
  const body = new XmlWriter();
  input.requests.forEach(({ requestId, request }, index) => {
    const id = checkRequestId(requestId, index);
    if (seen.has(id)) {
      throw invalidValue(`requestID "${id}" is used twice in one message; responses are matched by requestID.`, `QBXMLMsgsRq[${index}]@requestID`, id);
    }
    seen.add(id);
    writeRequest(body, id, request);
  });
  return envelope(
    input.qbxmlVersion,
    [
      ['newMessageSetID', optionalMessageSetId(input.newMessageSetId, 'newMessageSetID')],
      ['oldMessageSetID', optionalMessageSetId(input.oldMessageSetId, 'oldMessageSetID')],
      ['onError', onError],
    ],
    body.toString(),
  );
}

/**
 * The error-recovery status check: no requests, oldMessageSetID = newMessageSetID
 * (Intuit sample legacy_ErrRecovery2.xml). QuickBooks answers with the saved
 * outcome of the message that was sent with that newMessageSetID.
 */
export function buildRecoveryStatusMessage(messageSetId: string, qbxmlVersion?: string): string {
  const id = checkMessageSetId(messageSetId, 'oldMessageSetID');
  return envelope(
    qbxmlVersion,
    [
      ['oldMessageSetID', id],
      ['newMessageSetID', id],
      ['onError', 'continueOnError'],
    ],
    '',
  );
}

/** Tells QuickBooks to forget the saved outcome of a message set (Intuit sample legacy_ErrRecovery3.xml). */
export function buildClearRecoveryMessage(messageSetId: string, qbxmlVersion?: string): string {
  const id = checkMessageSetId(messageSetId, 'oldMessageSetID');
  return envelope(
    qbxmlVersion,
    [
      ['oldMessageSetID', id],
      ['onError', 'continueOnError'],
    ],
    '',
  );
}

function envelope(version: string | undefined, attributes: Array<readonly [string, string | undefined]>, body: string): string {
  const qbxmlVersion = version ?? DEFAULT_QBXML_VERSION;
  if (!/^\d{1,2}\.\d{1,2}$/.test(qbxmlVersion)) {
    throw invalidValue(`qbXML version "${qbxmlVersion}" must look like 13.0.`, 'qbxml@version', qbxmlVersion);
  }
  const xml = new XmlWriter()
    .raw(`<?xml version="1.0" encoding="utf-8"?><?qbxml version="${qbxmlVersion}"?>`)
    .open('QBXML')
    .open('QBXMLMsgsRq', attributes)
    .raw(body)
    .close('QBXMLMsgsRq')
    .close('QBXML');
  return xml.toString();
}

function checkRequestId(requestId: string, index: number): string {
  return checkRequiredText(requestId, `QBXMLMsgsRq[${index}]@requestID`, 'requestID', FIELD_LIMITS.requestId);
}

function checkMessageSetId(id: string, attribute: string): string {
  return checkRequiredText(id, `QBXMLMsgsRq@${attribute}`, attribute, FIELD_LIMITS.messageSetId);
}

function optionalMessageSetId(id: string | undefined, attribute: string): string | undefined {
  return id === undefined ? undefined : checkMessageSetId(id, attribute);
}
