import { describe, expect, it } from 'vitest';
import { interpretAuthenticateResult } from '../interpret-authenticate-result.ts';
import { interpretClientVersion } from '../interpret-client-version.ts';
import { isSameCompanyFile } from '../is-same-company-file.ts';
import { isWriteRequest } from '../is-write-request.ts';
import { parseXmlDocument } from '../parse-xml-document.ts';
import { parseQwcFile } from '../read-qwc-file.ts';
import { renderProgressBar } from '../render-progress-bar.ts';
import { replaceFileId } from '../replace-file-id.ts';
import { runOnSchedule } from '../run-on-schedule.ts';
import { qbxmlRequest } from './fake-quickbooks-processor.ts';
import { startFixture } from './session-helpers.ts';

describe('interpretAuthenticateResult', () => {
  it('reads each position', () => {
    expect(interpretAuthenticateResult(['t', 'nvu'])).toEqual({ ticket: 't', verdict: { kind: 'invalid-user' }, warnings: [] });
    expect(interpretAuthenticateResult(['t', 'NONE']).verdict).toEqual({ kind: 'no-work' });
    expect(interpretAuthenticateResult(['t', 'busy', '30']).postponeSeconds).toBe(30);
    expect(interpretAuthenticateResult(['t', 'C:\\a.qbw', '', '600'])).toEqual({
      ticket: 't',
      verdict: { kind: 'work', companyFile: 'C:\\a.qbw' },
      minRunEverySeconds: 600,
      warnings: [],
    });
    expect(interpretAuthenticateResult(['t', '', 'soon']).warnings[0]).toContain("'soon' is not a whole number");
    expect(interpretAuthenticateResult(['', '']).warnings).toEqual(['authenticate returned an empty ticket']);
    expect(() => interpretAuthenticateResult([])).toThrow(/at least/);
  });
});

describe('interpretClientVersion', () => {
  it('goes on unless E: or O:', () => {
    expect(interpretClientVersion(null)).toEqual({ action: 'continue' });
    expect(interpretClientVersion('')).toEqual({ action: 'continue' });
    expect(interpretClientVersion('W:old')).toEqual({ action: 'continue', warning: 'clientVersion warning: old' });
    expect(interpretClientVersion('E:no')).toMatchObject({ action: 'stop', reason: 'error' });
    expect(interpretClientVersion('O:2.3.0.215')).toMatchObject({ action: 'stop', reason: 'upgrade' });
    expect(interpretClientVersion('hello')).toMatchObject({ action: 'continue' });
  });
});

describe('small helpers', () => {
  it('isWriteRequest', () => {
    expect(isWriteRequest(qbxmlRequest('VendorAdd'))).toBe(true);
    expect(isWriteRequest(qbxmlRequest('PurchaseOrderMod'))).toBe(true);
    expect(isWriteRequest(qbxmlRequest('TxnDel'))).toBe(true);
    expect(isWriteRequest(qbxmlRequest('VendorQuery', 'ItemQuery'))).toBe(false);
    expect(isWriteRequest('<QBXML><QBXMLMsgsRq><VendorQueryRq><NameFilter><Name>AddRq</Name></NameFilter></VendorQueryRq></QBXMLMsgsRq></QBXML>')).toBe(false);
  });

  it('isSameCompanyFile', () => {
    expect(isSameCompanyFile('C:\\A\\B.QBW', 'c:/a/b.qbw')).toBe(true);
    expect(isSameCompanyFile('\\\\server\\share\\b.qbw', '\\\\SERVER\\share\\\\b.qbw')).toBe(true);
    expect(isSameCompanyFile('C:\\A\\B.QBW', 'C:\\A\\C.QBW')).toBe(false);
  });

  it('replaceFileId rewrites only the FileID data extension', () => {
    const hcp =
      '<CompanyRet><DataExtRet><OwnerID>0</OwnerID><DataExtName>Other</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>keep</DataExtValue></DataExtRet>' +
      '<DataExtRet><OwnerID>{O}</OwnerID><DataExtName>FileID</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>{OLD}</DataExtValue></DataExtRet></CompanyRet>';
    const { xml, replaced } = replaceFileId(hcp, '{NEW}');
    expect(replaced).toBe(1);
    expect(xml).toContain('<DataExtValue>keep</DataExtValue>');
    expect(xml).toContain('<DataExtValue>{NEW}</DataExtValue>');
    expect(xml).not.toContain('{OLD}');
  });

  it('renderProgressBar', () => {
    expect(renderProgressBar(0, '', 10)).toBe('[----------]   0%');
    expect(renderProgressBar(67, 'x', 10)).toBe('[#######---] 67%  x'.replace('] 67', ']  67'));
    expect(renderProgressBar(140, '', 4)).toBe('[####] 100%');
  });

  it('parseQwcFile reads what QBWC needs and insists on OwnerID and FileID', () => {
    const qwc = parseQwcFile(
      '<QBWCXML><AppName>A</AppName><AppURL>https://x/qbwc</AppURL><UserName>u</UserName><OwnerID>{O}</OwnerID><FileID>{F}</FileID><QBType>QBFS</QBType><Scheduler><RunEveryNMinutes>5</RunEveryNMinutes></Scheduler></QBWCXML>',
    );
    expect(qwc).toEqual({ appName: 'A', appUrl: 'https://x/qbwc', userName: 'u', ownerId: '{O}', fileId: '{F}', qbType: 'QBFS', runEveryNMinutes: 5 });
    expect(() => parseQwcFile('<QBWCXML><AppName>A</AppName><AppURL>u</AppURL><UserName>u</UserName><OwnerID>{O}</OwnerID></QBWCXML>')).toThrow(
      /QBWC1039: the .qwc file has no <FileID>/,
    );
  });

  it('parseXmlDocument resolves namespaces and keeps text exact', () => {
    const root = parseXmlDocument('<a xmlns="urn:d" xmlns:p="urn:p"><p:b p:x="1 &amp; 2">t&lt;1&gt;</p:b><c xmlns="">  </c></a>');
    expect(root.namespace).toBe('urn:d');
    expect(root.children.map((child) => [child.localName, child.namespace, child.text])).toEqual([
      ['b', 'urn:p', 't<1>'],
      ['c', '', '  '],
    ]);
    expect(root.children[0]?.attributes).toEqual([{ name: 'p:x', localName: 'x', namespace: 'urn:p', value: '1 & 2' }]);
  });

  it('parseXmlDocument reads a 2 MB escaped payload', () => {
    const payload = '&lt;VendorRet&gt;&lt;Name&gt;A &amp;amp; B&lt;/Name&gt;&lt;/VendorRet&gt;\n'.repeat(30_000);
    const root = parseXmlDocument(`<r>${payload}</r>`);
    expect(root.text.length).toBe('<VendorRet><Name>A &amp; B</Name></VendorRet>\n'.length * 30_000);
    expect(root.text.startsWith('<VendorRet><Name>A &amp; B</Name></VendorRet>\n')).toBe(true);
  });
});

describe('runOnSchedule', () => {
  it('runs maxSessions sessions, waiting the interval, the postpone or the minimum interval', async () => {
    const { server, processor } = await startFixture({ requests: [qbxmlRequest('VendorQuery')] });
    const answers = [
      ['t1', 'none', '', '120'],
      ['t2', 'busy', '45'],
      ['t3', 'none'],
      ['t4', 'none'],
    ];
    let index = 0;
    server.handlers.authenticate = () => answers[index++] ?? ['t', 'none'];
    const waits: number[] = [];
    const reasons: string[] = [];
    const reports = await runOnSchedule({
      url: server.url,
      username: 'qbuser',
      password: 'secret',
      processor,
      everySeconds: 60,
      maxSessions: 4,
      wait: async (ms) => {
        waits.push(ms);
      },
      onWait: (_seconds, reason) => reasons.push(reason),
    });
    expect(reports.map((report) => report.outcome)).toEqual(['no-work', 'busy', 'no-work', 'no-work']);
    expect(waits).toEqual([120_000, 45_000, 120_000]);
    expect(reasons).toEqual(['minimum-interval', 'postponed', 'minimum-interval']);
  });

  it('stops when the signal aborts during a wait', async () => {
    const { server, processor } = await startFixture({ requests: [] });
    const controller = new AbortController();
    const reports = await runOnSchedule({
      url: server.url,
      username: 'qbuser',
      password: 'secret',
      processor,
      everySeconds: 10,
      signal: controller.signal,
      // Aborted as the wait begins, not after a delay: the same on a busy machine.
      onWait: () => controller.abort(),
    });
    expect(reports).toHaveLength(1);
  });
});
