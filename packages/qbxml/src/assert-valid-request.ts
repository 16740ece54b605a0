import type { QbxmlRequest } from './qbxml-request.ts';
import { writeRequest } from './write-request.ts';
import { XmlWriter } from './xml-writer.ts';

/**
 * Runs every check a request would meet when built, without keeping the XML, so
 * the sync layer can reject an export when it is queued rather than when QBWC
 * next polls (docs/integration-map.md#known-limits: over-long names are rejected before sending).
 * Throws QbxmlBuildError.
 */
export function assertValidRequest(request: QbxmlRequest): void {
  writeRequest(new XmlWriter(), 'check', request);
}
