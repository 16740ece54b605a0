// Wraps a QuickBooks processor so it misbehaves the way a customer's machine can: QuickBooks not
// running, another company file open (another path and another FileID), or a slow QuickBooks.

import { randomUUID } from 'node:crypto';
import { replaceFileId } from './replace-file-id.ts';
import { sleep } from './sleep.ts';
import type { QuickBooksError, QuickBooksProcessor } from './types.ts';

/** QBXMLRP2's HRESULT when it cannot start QuickBooks. */
export const COULD_NOT_START_QUICKBOOKS = { hresult: '0x80040408', message: 'Could not start QuickBooks.' } as const;

export interface ProcessorFaults {
  quickBooksNotRunning?: boolean;
  differentCompanyFile?: boolean;
  quickBooksDelayMs?: number;
}

export function wrapProcessorWithFaults(
  processor: QuickBooksProcessor,
  faults: ProcessorFaults,
  signal?: AbortSignal,
  warn: (warning: string) => void = () => {},
): QuickBooksProcessor {
  if (!faults.quickBooksNotRunning && !faults.differentCompanyFile && !faults.quickBooksDelayMs) return processor;
  const otherFileId = `{${randomUUID().toUpperCase()}}`;
  const companyFilePath = faults.differentCompanyFile ? otherCompanyFilePath(processor.companyFilePath) : processor.companyFilePath;
  return {
    companyFilePath,
    openSession() {
      if (faults.quickBooksNotRunning) {
        throw Object.assign(new Error(COULD_NOT_START_QUICKBOOKS.message), { hresult: COULD_NOT_START_QUICKBOOKS.hresult }) as QuickBooksError;
      }
      processor.openSession();
    },
    hostCompanyPreferencesResponse() {
      const hcp = processor.hostCompanyPreferencesResponse();
      if (!faults.differentCompanyFile) return hcp;
      const { xml, replaced } = replaceFileId(hcp, otherFileId);
      if (replaced === 0) warn('differentCompanyFile: the HCP response has no FileID data extension to replace');
      return xml;
    },
    ensureFileId: (ownerId, fileId) => processor.ensureFileId(ownerId, fileId),
    async processRequest(requestXml) {
      if (faults.quickBooksDelayMs) await sleep(faults.quickBooksDelayMs, signal);
      return processor.processRequest(requestXml);
    },
    closeSession: () => processor.closeSession(),
    ...(processor.setFaults && { setFaults: processor.setFaults.bind(processor) }),
    ...(processor.setOptions && { setOptions: processor.setOptions.bind(processor) }),
  };
}

function otherCompanyFilePath(path: string): string {
  const separator = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  const folder = separator >= 0 ? path.slice(0, separator + 1) : '';
  const name = path.slice(separator + 1).toLowerCase() === 'other company.qbw' ? 'Another Company.qbw' : 'Other Company.qbw';
  return folder + name;
}
