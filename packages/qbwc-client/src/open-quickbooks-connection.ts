// OpenConnection + BeginSession on the company file authenticate asked for, with QBWC's
// connectionError protocol on failure (QBWC guide p.22, p.51-52, p.69): connectionError returns
// 'done' to stop or a company-file path ('' = the open file) to retry. The guide asks services not
// to retry "more than a couple of times"; this client retries at most maxRetries times and tells the
// service about every failure, including the last.

import { callQbwcMethod, type QbwcTransport } from './call-qbwc-method.ts';
import { isSameCompanyFile } from './is-same-company-file.ts';
import type { QuickBooksError, QuickBooksProcessor } from './types.ts';

/** QBXMLRP2's HRESULT when BeginSession names a file other than the one open in QuickBooks. */
export const DIFFERENT_COMPANY_FILE_OPEN = {
  hresult: '0x8004040A',
  message: 'A QuickBooks company data file is already open and it is different from the one requested.',
} as const;

/** QBXMLRP2's "Unexpected error", for a processor error that carries no HRESULT. */
const UNEXPECTED_ERROR_HRESULT = '0x80040402';

export type ConnectionOutcome =
  { connected: true; companyFile: string; retries: number } | { connected: false; hresult: string; message: string; retries: number; serviceSaidDone: boolean };

export async function openQuickBooksConnection(input: {
  transport: QbwcTransport;
  processor: QuickBooksProcessor;
  ticket: string;
  requestedCompanyFile: string;
  maxRetries: number;
  log?: (line: string) => void;
}): Promise<ConnectionOutcome> {
  const { transport, processor, ticket, maxRetries, log } = input;
  let requested = input.requestedCompanyFile;
  for (let retries = 0; ; retries += 1) {
    const failure = tryBeginSession(processor, requested);
    if (!failure) {
      log?.(`QuickBooks: session open on ${processor.companyFilePath}`);
      return { connected: true, companyFile: processor.companyFilePath, retries };
    }
    log?.(`QuickBooks: cannot open '${requested || '(the open company file)'}': ${failure.hresult} ${failure.message}`);
    const answer = (await callQbwcMethod(transport, 'connectionError', { ticket, ...failure })) ?? '';
    const serviceSaidDone = answer.trim().toLowerCase() === 'done';
    if (serviceSaidDone || retries >= maxRetries) {
      return { connected: false, ...failure, retries, serviceSaidDone };
    }
    requested = answer;
  }
}

function tryBeginSession(processor: QuickBooksProcessor, requested: string): { hresult: string; message: string } | undefined {
  try {
    processor.openSession();
  } catch (error) {
    const hresult = (error as QuickBooksError).hresult;
    const message = error instanceof Error ? error.message : String(error);
    return { hresult: typeof hresult === 'string' && hresult !== '' ? hresult : UNEXPECTED_ERROR_HRESULT, message };
  }
  // QuickBooks is up with its file open; BeginSession on another path fails (QBWC guide p.52).
  if (requested !== '' && !isSameCompanyFile(requested, processor.companyFilePath)) {
    processor.closeSession();
    return { ...DIFFERENT_COMPANY_FILE_OPEN };
  }
  return undefined;
}
