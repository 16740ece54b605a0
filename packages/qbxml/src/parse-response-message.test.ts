import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures/load-fixture.ts';
import { parseResponseMessage } from './parse-response-message.ts';
import { readRecords, readText } from './qb-record.ts';
import { QbxmlParseError } from './qbxml-parse-error.ts';
import { readListRef, readTxnRef } from './read-record-ref.ts';

describe('parseResponseMessage', () => {
  it('reads a VendorAddRs with its VendorRet', () => {
    const message = parseResponseMessage(loadFixture('vendor-add-rs.xml'));
    expect(message.newMessageSetId).toBeUndefined();
    expect(message.messageSetStatusCode).toBeUndefined();
    expect(message.responses).toHaveLength(1);
    const [response] = message.responses;
    expect(response).toMatchObject({
      rsType: 'VendorAddRs',
      requestType: 'VendorAdd',
      requestId: 'vendor-5812',
      statusCode: 0,
      statusSeverity: 'Info',
      statusMessage: 'Status OK',
      status: { outcome: 'ok', category: 'none', retry: 'no' },
      recordTypes: ['VendorRet'],
    });
    expect(response!.iteratorId).toBeUndefined();
    const vendor = response!.records[0]!;
    expect(vendor).toMatchObject({
      ListID: '80000002-1700000000',
      EditSequence: '1700000000',
      Name: 'Smith Concrete & Forms',
      VendorAddress: { Addr1: 'Smith Concrete & Forms, Inc.', City: 'Sacramento', PostalCode: '95814' },
      VendorTypeRef: { ListID: '80000005-1600000000', FullName: 'Subcontractors' },
      AdditionalContactRef: [{ ContactName: 'Main Phone', ContactValue: '916-555-0101' }],
      Balance: '0.00',
    });
    expect(readListRef(vendor)).toEqual({
      listId: '80000002-1700000000',
      editSequence: '1700000000',
      name: 'Smith Concrete & Forms',
      timeModified: '2026-11-20T08:00:00-05:00',
    });
  });

  it('reads a 3100 duplicate-name error that has no Ret', () => {
    const [response] = parseResponseMessage(loadFixture('vendor-add-duplicate-rs.xml')).responses;
    expect(response).toEqual({
      rsType: 'VendorAddRs',
      requestType: 'VendorAdd',
      requestId: 'vendor-5812',
      statusCode: 3100,
      statusSeverity: 'Error',
      statusMessage: 'The name "Smith Concrete & Forms" of the list element is already in use.',
      status: expect.objectContaining({ outcome: 'error', category: 'duplicate-name', retry: 'no' }),
      records: [],
      recordTypes: [],
    });
  });

  it('reads iterator attributes and always returns repeatable children as arrays', () => {
    const [response] = parseResponseMessage(loadFixture('vendor-query-iterator-rs.xml')).responses;
    expect(response).toMatchObject({
      requestId: 'vendors-page-1',
      retCount: 2,
      iteratorRemainingCount: 1498,
      iteratorId: '{8AB7E5C9-2F41-4E1B-9C36-0D5A7B21F3E4}',
      recordTypes: ['VendorRet', 'VendorRet'],
    });
    const [smith, obrien] = response!.records;
    expect(smith!.DataExtRet).toEqual([
      {
        OwnerID: '{6B2C7B2E-0C3A-4E5F-9A1B-2C3D4E5F6A7B}',
        DataExtName: 'ProcoreCompanyID',
        DataExtType: 'STR255TYPE',
        DataExtValue: '5812',
      },
    ]);
    expect(obrien!.Name).toBe("O'Brien Electric");
    expect(obrien!.CompanyName).toBe("O'Brien Electric <Sacramento>");
    expect(obrien!.Notes).toBe('Line one\nLine two');
    expect(obrien!.AdditionalContactRef).toHaveLength(2);
    expect(obrien!.DataExtRet).toBeUndefined();
  });

  it('reads bills with expense lines, item lines and linked transactions', () => {
    const [response] = parseResponseMessage(loadFixture('bill-query-rs.xml')).responses;
    expect(response!.records).toHaveLength(2);
    const [first, second] = response!.records;
    expect(readRecords(first, 'ExpenseLineRet')).toHaveLength(1);
    expect(Array.isArray(first!.ExpenseLineRet)).toBe(true);
    expect(readRecords(first, 'ItemLineRet').map((line) => [readText(line, 'TxnLineID'), readText(line, 'Amount')])).toEqual([
      ['1C3-1700000000', '123750.00'],
      ['1C4-1700000000', '-12375.00'],
    ]);
    expect(readRecords(first, 'LinkedTxn').map((link) => readText(link, 'TxnType'))).toEqual(['PurchaseOrder', 'BillPaymentCheck']);
    // A single line is still an array, and single aggregates stay objects.
    expect(second!.ItemLineRet).toEqual([
      {
        TxnLineID: '1CA-1700000500',
        ItemRef: { ListID: '80000023-1700000000', FullName: '03 Concrete:03-200 Reinforcing' },
        Quantity: '12',
        Cost: '400.00',
        Amount: '4800.00',
        CustomerRef: { ListID: '80000010-1700000000', FullName: 'Riverside Medical Center:MOB Expansion' },
      },
    ]);
    expect(second!.VendorRef).toEqual({ ListID: '80000004-1700000000', FullName: 'Valley Rebar' });
    expect(readTxnRef(first!)).toEqual({
      txnId: '1C0-1700000000',
      editSequence: '1717347667',
      refNumber: 'PAYAPP-0003',
      timeModified: '2026-06-02T10:01:07-07:00',
    });
  });

  it('reads a recovery status answer with messageSetStatusCode and ErrorRecovery', () => {
    const message = parseResponseMessage(loadFixture('recovery-status-rs.xml'));
    expect(message.newMessageSetId).toBe('MS-2026-11-20-0001');
    expect(message.messageSetStatusCode).toBe(0);
    const [vendor, bill] = message.responses;
    expect(vendor!.records).toEqual([]);
    expect(readListRef(vendor!.errorRecovery!)).toEqual({ listId: '80000002-1700000000', editSequence: '1700000000' });
    expect(readTxnRef(bill!.errorRecovery!)).toEqual({ txnId: '1C0-1700000000', editSequence: '1717347667' });
  });

  it('keeps responses in document order and classifies each', () => {
    const message = parseResponseMessage(loadFixture('mixed-rs.xml'));
    expect(message.responses.map((r) => [r.rsType, r.requestId, r.statusCode, r.status.outcome, r.status.category])).toEqual([
      ['CustomerAddRs', 'job-88', 3140, 'error', 'invalid-reference'],
      ['ItemQueryRs', 'items', 0, 'ok', 'none'],
      ['BillQueryRs', 'bills-none', 1, 'no-match', 'no-match'],
      ['PurchaseOrderModRs', 'po-cco-2', 3200, 'error', 'stale-edit-sequence'],
      ['BillAddRs', 'bill-4', 3170, 'error', 'record-in-use'],
      ['TxnDeletedQueryRs', 'deleted', 0, 'ok', 'none'],
    ]);
    const items = message.responses[1]!;
    expect(items.recordTypes).toEqual(['ItemServiceRet', 'ItemOtherChargeRet']);
    expect(items.records[0]).toMatchObject({
      FullName: '03 Concrete:03-300 Cast-in-Place Concrete',
      SalesOrPurchase: { AccountRef: { FullName: 'Job Costs:Subcontractors' } },
    });
    expect(message.responses[3]!.statusMessage).toBe('The provided edit sequence "1700000004" is out-of-date. ');
    expect(message.responses[5]!.records[0]).toMatchObject({ TxnDelType: 'Bill', TxnID: '1B0-1700000000' });
  });

  it('unescapes text exactly once', () => {
    const xml =
      '<QBXML><QBXMLMsgsRs><VendorQueryRs statusCode="0" statusSeverity="Info" statusMessage="a &amp;amp; b">' +
      '<VendorRet><ListID>1</ListID><EditSequence>2</EditSequence><Name>&amp;lt;tag&amp;gt; &amp; &lt;real&gt;</Name></VendorRet>' +
      '</VendorQueryRs></QBXMLMsgsRs></QBXML>';
    const [response] = parseResponseMessage(xml).responses;
    expect(response!.statusMessage).toBe('a &amp; b');
    expect(response!.records[0]!.Name).toBe('&lt;tag&gt; & <real>');
  });

  it('derives the severity from the code when QuickBooks omits or misspells it', () => {
    const xml =
      '<QBXML><QBXMLMsgsRs><VendorAddRs statusCode="3100"/><VendorQueryRs statusCode="530" statusSeverity="WARN"/><HostQueryRs statusCode="0" statusSeverity="INFO"/></QBXMLMsgsRs></QBXML>';
    expect(parseResponseMessage(xml).responses.map((r) => [r.statusSeverity, r.statusMessage])).toEqual([
      ['Error', ''],
      ['Warning', ''],
      ['Info', ''],
    ]);
  });

  it('matches an independent parser (fast-xml-parser) on the bill fixture', () => {
    const xml = loadFixture('bill-query-rs.xml');
    const reference = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true }).parse(xml);
    const referenceBills = reference.QBXML.QBXMLMsgsRs.BillQueryRs.BillRet;
    const ours = parseResponseMessage(xml).responses[0]!.records;
    const normalize = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.length === 1
          ? normalize(value[0])
          : value.map(normalize)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v)]))
          : value;
    expect(normalize(ours)).toEqual(normalize(referenceBills));
  });

  it.each([
    ['malformed XML', '<QBXML><QBXMLMsgsRs></QBXML>', /Malformed XML/],
    ['a truncated response', loadFixture('bill-query-rs.xml').slice(0, 2000), /never closed/],
    ['a non-qbXML document', '<html><body>502 Bad Gateway</body></html>', /Expected a qbXML response/],
    ['a request instead of a response', '<QBXML><QBXMLMsgsRq onError="stopOnError"/></QBXML>', /no QBXMLMsgsRs/],
    ['a response without statusCode', '<QBXML><QBXMLMsgsRs><VendorAddRs statusSeverity="Info"/></QBXMLMsgsRs></QBXML>', /statusCode/],
    ['a non-numeric statusCode', '<QBXML><QBXMLMsgsRs><VendorAddRs statusCode="OK"/></QBXMLMsgsRs></QBXML>', /statusCode/],
    [
      'a billion-laughs payload',
      '<?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><QBXML><QBXMLMsgsRs><VendorAddRs statusCode="0" statusMessage="&c;"/></QBXMLMsgsRs></QBXML>',
      /DOCTYPE/,
    ],
    [
      'an external entity',
      '<?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><QBXML><QBXMLMsgsRs><VendorAddRs statusCode="0" statusMessage="&xxe;"/></QBXMLMsgsRs></QBXML>',
      /DOCTYPE/,
    ],
    ['an undeclared entity', '<QBXML><QBXMLMsgsRs><VendorAddRs statusCode="0" statusMessage="&xxe;"/></QBXMLMsgsRs></QBXML>', /undeclared entity/],
  ])('throws QbxmlParseError for %s', (_name, xml, message) => {
    expect(() => parseResponseMessage(xml)).toThrow(QbxmlParseError);
    expect(() => parseResponseMessage(xml)).toThrow(message);
  });

  it('turns a hostile "__proto__" element into data', () => {
    const xml =
      '<QBXML><QBXMLMsgsRs><VendorQueryRs statusCode="0"><VendorRet><__proto__><polluted>yes</polluted></__proto__></VendorRet></VendorQueryRs></QBXMLMsgsRs></QBXML>';
    const record = parseResponseMessage(xml).responses[0]!.records[0]!;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.hasOwn(record, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps every occurrence of an element the schema says cannot repeat', () => {
    const xml =
      '<QBXML><QBXMLMsgsRs><VendorQueryRs statusCode="0"><VendorRet><Name>a</Name><Name>b</Name><Name>c</Name></VendorRet></VendorQueryRs></QBXMLMsgsRs></QBXML>';
    expect(parseResponseMessage(xml).responses[0]!.records[0]!.Name).toEqual(['a', 'b', 'c']);
  });
});

describe('parseResponseMessage: hostile numbers and nesting (hostile input, item 4)', () => {
  const rs = (attributes: string, body = '') =>
    `<?xml version="1.0"?><QBXML><QBXMLMsgsRs><VendorQueryRs requestID="1" statusSeverity="Info" statusMessage="ok" ${attributes}>${body}</VendorQueryRs></QBXMLMsgsRs></QBXML>`;

  it('refuses status codes and counts outside 32 bits as garbled, naming the attribute', () => {
    expect(() => parseResponseMessage(rs('statusCode="99999999999999999999999"'))).toThrow(QbxmlParseError);
    expect(() => parseResponseMessage(rs('statusCode="99999999999999999999999"'))).toThrow(/statusCode="99999999999999999999999", outside the 32-bit range/);
    expect(() => parseResponseMessage(rs('statusCode="0" iteratorRemainingCount="99999999999999"'))).toThrow(/iteratorRemainingCount/);
    expect(() => parseResponseMessage(rs('statusCode="0" retCount="-99999999999"'))).toThrow(/retCount/);
    expect(parseResponseMessage(rs('statusCode="0" iteratorRemainingCount="2147483647"')).responses[0]!.iteratorRemainingCount).toBe(2147483647);
    expect(parseResponseMessage(rs('statusCode="-2147483648"')).responses[0]!.statusCode).toBe(-2147483648);
  });

  it('refuses a record nested 10,000 deep as garbled instead of overflowing the stack', () => {
    const body = `<VendorRet><ListID>1</ListID>${'<Name>'.repeat(10_000)}x${'</Name>'.repeat(10_000)}</VendorRet>`;
    expect(() => parseResponseMessage(rs('statusCode="0"', body))).toThrow(QbxmlParseError);
  });
});

describe('readListRef / readTxnRef', () => {
  it('refuse a record without the IDs a later Mod needs', () => {
    expect(() => readListRef({ Name: 'x' })).toThrow(/no ListID/);
    expect(() => readListRef({ ListID: '1' })).toThrow(/no EditSequence/);
    expect(() => readTxnRef({ TxnID: '1', EditSequence: '' })).toThrow(/no EditSequence/);
  });

  it('include FullName when present', () => {
    expect(readListRef({ ListID: '1', EditSequence: '2', Name: 'MOB', FullName: 'RMC:MOB' })).toEqual({
      listId: '1',
      editSequence: '2',
      name: 'MOB',
      fullName: 'RMC:MOB',
    });
  });
});
