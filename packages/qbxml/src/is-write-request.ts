import type { QbxmlRequest } from './qbxml-request.ts';

/**
 * Add/Mod requests change the company file. They are the ones that must travel
 * with a newMessageSetID and must never be blindly re-sent (docs/qbxml.md#error-recovery, docs/data-safety.md#nothing-written-twice).
 */
export function isWriteRequest(request: Pick<QbxmlRequest, 'type'>): boolean {
  return /(Add|Mod)$/.test(request.type);
}
