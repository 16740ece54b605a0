import { describe, expect, it } from 'vitest';
import { loadCompanyFile } from './model/load-company-file.ts';
import { QbHresultError } from './status/qb-hresult-error.ts';
import { childOf, expectValidResponse, makeHarness, qbxmlRequest, statusOf, textOf } from './test-support/simulator-fixture.ts';

const add = (id: string, name: string) => `<VendorAddRq requestID="${id}"><VendorAdd><Name>${name}</Name></VendorAdd></VendorAddRq>`;

describe('onError', () => {
  it('stopOnError stops at the first error: later requests are not processed and get no response', async () => {
    const h = makeHarness();
    const rs = await h.send(add('1', 'Apex') + add('2', 'Apex') + add('3', 'Summit'), { attrs: 'onError="stopOnError"' });
    expect(rs.map((r) => [r.attrs.requestID, r.attrs.statusCode])).toEqual([
      ['1', '0'],
      ['2', '3100'],
    ]);
    expect(statusOf(await h.one('<VendorQueryRq><FullName>Summit</FullName></VendorQueryRq>')).code).toBe(500);
  });

  it('continueOnError answers every request', async () => {
    const h = makeHarness();
    const rs = await h.send(add('1', 'Apex') + add('2', 'Apex') + add('3', 'Summit'), { attrs: 'onError="continueOnError"' });
    expect(rs.map((r) => [r.attrs.requestID, r.attrs.statusCode])).toEqual([
      ['1', '0'],
      ['2', '3100'],
      ['3', '0'],
    ]);
  });

  it('a warning or "no match" does not stop the message', async () => {
    const h = makeHarness();
    const rs = await h.send(`<VendorQueryRq requestID="q"><FullName>Nobody</FullName></VendorQueryRq><ClassQueryRq requestID="c"/>${add('3', 'Summit')}`);
    expect(rs.map((r) => r.attrs.statusCode)).toEqual(['500', '1', '0']);
  });

  it('responseData="includeNone" returns statuses without data', async () => {
    const h = makeHarness();
    const rs = await h.send(add('1', 'Apex'), { attrs: 'onError="stopOnError" responseData="includeNone"' });
    expect(rs[0]?.children).toEqual([]);
    expect(rs[0]?.attrs.statusCode).toBe('0');
  });

  it('requests the simulator does not implement answer 1030, still in order', async () => {
    const h = makeHarness();
    const rs = await h.send('<SalesReceiptQueryRq requestID="i"/><HostQueryRq requestID="h"/>', { attrs: 'onError="continueOnError"' });
    expect(rs.map((r) => [r.name, r.attrs.statusCode])).toEqual([
      ['SalesReceiptQueryRs', '1030'],
      ['HostQueryRs', '0'],
    ]);
    expect(rs[0]?.attrs.statusMessage).toBe('This request is not supported by this implementation.');
  });
});

describe('error recovery (message sets)', () => {
  it('replays the stored responses of the last newMessageSetID without re-processing', async () => {
    const h = makeHarness();
    const first = await h.sim.processRequest(qbxmlRequest(add('1', 'Apex Concrete LLC'), 'newMessageSetID="MS-1" onError="stopOnError"'));
    const firstRoot = await expectValidResponse(first);
    const set = childOf(firstRoot, 'QBXMLMsgsRs');
    expect(set?.attrs).toMatchObject({ newMessageSetID: 'MS-1', messageSetStatusCode: '0' });
    // The response was "lost"; ask for the outcome (Intuit sample ErrRecovery2: old + new, no requests).
    const probe = await expectValidResponse(
      await h.sim.processRequest(qbxmlRequest('', 'oldMessageSetID="MS-1" newMessageSetID="MS-1" onError="continueOnError"')),
    );
    const replay = childOf(probe, 'QBXMLMsgsRs');
    expect(replay?.attrs.messageSetStatusCode).toBe('0');
    expect(replay?.children.map((c) => c.name)).toEqual(['VendorAddRs']);
    expect(textOf(childOf(replay?.children[0], 'VendorRet'), 'Name')).toBe('Apex Concrete LLC');
    // Nothing was added twice.
    const all = await h.one('<VendorQueryRq/>');
    expect(all.children).toHaveLength(1);
    // oldMessageSetID alone clears the state (ErrRecovery3); asking again finds nothing (600).
    await h.sim.processRequest(qbxmlRequest('', 'oldMessageSetID="MS-1" onError="continueOnError"'));
    const gone = childOf(
      await expectValidResponse(await h.sim.processRequest(qbxmlRequest('', 'oldMessageSetID="MS-1" newMessageSetID="MS-1" onError="continueOnError"'))),
      'QBXMLMsgsRs',
    );
    expect(gone?.attrs.messageSetStatusCode).toBe('600');
    expect(gone?.children).toEqual([]);
  });

  it('an ID other than the last stored one answers 600; messages without newMessageSetID are not stored', async () => {
    const h = makeHarness();
    await h.sim.processRequest(qbxmlRequest(add('1', 'A'), 'newMessageSetID="MS-1" onError="stopOnError"'));
    await h.sim.processRequest(qbxmlRequest(add('2', 'B'), 'onError="stopOnError"'));
    const still = childOf(
      await expectValidResponse(await h.sim.processRequest(qbxmlRequest('', 'oldMessageSetID="MS-1" newMessageSetID="MS-1" onError="stopOnError"'))),
      'QBXMLMsgsRs',
    );
    expect(still?.children.map((c) => c.attrs.requestID)).toEqual(['1']);
    const other = childOf(
      await expectValidResponse(await h.sim.processRequest(qbxmlRequest('', 'oldMessageSetID="MS-0" newMessageSetID="MS-0" onError="stopOnError"'))),
      'QBXMLMsgsRs',
    );
    expect(other?.attrs.messageSetStatusCode).toBe('600');
    await h.sim.processRequest(qbxmlRequest(add('3', 'C'), 'oldMessageSetID="MS-1" newMessageSetID="MS-2" onError="stopOnError"'));
    const older = childOf(
      await expectValidResponse(await h.sim.processRequest(qbxmlRequest('', 'oldMessageSetID="MS-1" newMessageSetID="MS-1" onError="stopOnError"'))),
      'QBXMLMsgsRs',
    );
    expect(older?.attrs.messageSetStatusCode).toBe('600');
  });
});

describe('error recovery across a restart', () => {
  it('the stored message set is saved with the company file: a new simulator on the saved file replays it, and a later message replaces it', async () => {
    const h = makeHarness();
    await h.sim.processRequest(qbxmlRequest(add('1', 'Apex Concrete LLC'), 'newMessageSetID="MS-7" onError="stopOnError"'));
    // QuickBooks (here: the qbwc-sim CLI) stops; the company file is what survives.
    const restarted = makeHarness({ company: loadCompanyFile(h.sim.saveCompanyFile()) });
    const probe = childOf(
      await expectValidResponse(await restarted.sim.processRequest(qbxmlRequest('', 'oldMessageSetID="MS-7" newMessageSetID="MS-7" onError="stopOnError"'))),
      'QBXMLMsgsRs',
    );
    expect(probe?.attrs.messageSetStatusCode).toBe('0');
    expect(probe?.children.map((c) => [c.name, c.attrs.requestID, c.attrs.statusCode])).toEqual([['VendorAddRs', '1', '0']]);
    expect((await restarted.one('<VendorQueryRq/>')).children).toHaveLength(1);
    // Bounded: only the last message set is kept.
    await restarted.sim.processRequest(qbxmlRequest(add('2', 'Birch Framing'), 'oldMessageSetID="MS-7" newMessageSetID="MS-8" onError="stopOnError"'));
    const saved = loadCompanyFile(restarted.sim.saveCompanyFile());
    expect(saved.messageSet?.id).toBe('MS-8');
    expect(saved.messageSet?.responses.map((r) => r.attrs.requestID)).toEqual(['2']);
    await restarted.sim.processRequest(qbxmlRequest('', 'oldMessageSetID="ClearAllMessageSets" onError="stopOnError"'));
    expect(loadCompanyFile(restarted.sim.saveCompanyFile()).messageSet).toBeUndefined();
  });
});

describe('request processor faults', () => {
  it('not well-formed or not valid against the XSD -> QbHresultError 0x80040400', async () => {
    const h = makeHarness();
    const reject = async (xml: string) => {
      const err = await h.sim.processRequest(xml).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(QbHresultError);
      expect((err as QbHresultError).hresult).toBe('0x80040400');
      expect((err as QbHresultError).message).toContain('QuickBooks found an error when parsing the provided XML text stream.');
    };
    await reject('<QBXML><QBXMLMsgsRq onError="stopOnError"><VendorQueryRq></QBXMLMsgsRq>');
    // Elements out of XSD order (Name must come first in VendorAdd).
    await reject(qbxmlRequest('<VendorAddRq><VendorAdd><IsActive>true</IsActive><Name>X</Name></VendorAdd></VendorAddRq>'));
    // onError is required.
    await reject('<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq><HostQueryRq/></QBXMLMsgsRq></QBXML>');
  });

  it('not running -> 0x80040408 "Could not start QuickBooks." on openSession and processRequest', async () => {
    const h = makeHarness();
    h.sim.setOptions({ notRunning: true });
    expect(() => h.sim.openSession()).toThrow(QbHresultError);
    try {
      h.sim.openSession();
    } catch (e) {
      expect((e as QbHresultError).hresult).toBe('0x80040408');
      expect((e as QbHresultError).message).toBe('Could not start QuickBooks.');
    }
    await expect(h.sim.processRequest(qbxmlRequest('<HostQueryRq/>'))).rejects.toBeInstanceOf(QbHresultError);
  });

  it('with validateXsd off, well-formedness is still checked', async () => {
    const h = makeHarness({ validateXsd: false });
    await expect(h.sim.processRequest('<QBXML>')).rejects.toBeInstanceOf(QbHresultError);
  });
});

describe('what QBWC sees at session start', () => {
  it('HCP response carries Host/Company/Preferences and the FileID data extension (QBWC guide p.36)', async () => {
    const h = makeHarness();
    h.sim.ensureFileId('{59028731-65DC-11DB-BD13-0800200C9A66}', '{72832751-65DC-11DB-BD13-0800200C9A66}');
    h.sim.ensureFileId('{59028731-65dc-11db-bd13-0800200c9a66}', '{00000000-0000-0000-0000-000000000000}');
    const root = await expectValidResponse(h.sim.hostCompanyPreferencesResponse());
    const set = childOf(root, 'QBXMLMsgsRs');
    expect(set?.children.map((c) => c.name)).toEqual(['HostQueryRs', 'CompanyQueryRs', 'PreferencesQueryRs']);
    const host = childOf(set?.children[0], 'HostRet');
    expect(textOf(host, 'Country')).toBe('US');
    const company = childOf(set?.children[1], 'CompanyRet');
    const exts = company?.children.filter((c) => c.name === 'DataExtRet') ?? [];
    expect(exts).toHaveLength(1);
    expect(textOf(exts[0], 'DataExtName')).toBe('FileID');
    expect(textOf(exts[0], 'DataExtValue')).toBe('{72832751-65DC-11DB-BD13-0800200C9A66}');
    const byOwner = await h.one('<CompanyQueryRq><OwnerID>{59028731-65DC-11DB-BD13-0800200C9A66}</OwnerID></CompanyQueryRq>');
    expect(childOf(childOf(byOwner, 'CompanyRet'), 'DataExtRet')).toBeDefined();
    expect(h.sim.companyFilePath).toMatch(/^C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\.+\.QBW$/);
  });
});
