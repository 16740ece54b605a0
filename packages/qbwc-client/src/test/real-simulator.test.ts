// The real @connector/qb-simulator behind the client: it fits QuickBooksProcessor, the FileID rewrite
// finds its DataExtRet, and the pass-through faults reach it (its name for setFaults is setOptions).

import { generateCompanyFile, QuickBooksSimulator } from '@connector/qb-simulator';
import { describe, expect, it } from 'vitest';
import { startFixture } from './session-helpers.ts';

const OWNER_ID = '{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}';
const FILE_ID = '{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}';
const message = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`;

describe('with the real QuickBooks simulator', () => {
  it('runs a session, rewrites the FileID and passes restrictedUser through', async () => {
    const { server, run } = await startFixture({
      requests: [
        message('<VendorQueryRq requestID="1"><MaxReturned>1</MaxReturned></VendorQueryRq>'),
        message('<VendorAddRq requestID="2"><VendorAdd><Name>Restricted &amp; Co</Name></VendorAdd></VendorAddRq>'),
      ],
    });
    const simulator = new QuickBooksSimulator({ company: generateCompanyFile({ seed: 5, vendors: 2, jobs: 1, items: 2, bills: 1 }) });
    simulator.ensureFileId(OWNER_ID, FILE_ID);
    const report = await run({ processor: simulator, differentCompanyFile: true, restrictedUser: true });

    expect(report.outcome).toBe('completed');
    expect(report.warnings).toEqual([]);
    const hcp = server.calls.find((call) => call.method === 'sendRequestXML')?.parameters.strHCPResponse ?? '';
    expect(hcp).toContain(`<OwnerID>${OWNER_ID}</OwnerID>`);
    expect(hcp).not.toContain(FILE_ID);
    expect(server.responses[0]?.response).toContain('<VendorQueryRs requestID="1" statusCode="0"');
    expect(server.responses[1]?.response).toMatch(/<VendorAddRs requestID="2" statusCode="3260"/);
    expect(simulator.isSessionOpen).toBe(false);
  });
});
