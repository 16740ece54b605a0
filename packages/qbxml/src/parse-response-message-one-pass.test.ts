import { describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures/load-fixture.ts';
import { findMessageSet, parseResponseMessage, readResponse, type QbxmlResponseMessage } from './parse-response-message.ts';
import { parseXml } from './parse-xml.ts';
import { QbxmlParseError } from './qbxml-parse-error.ts';

/**
 * parseResponseMessage reads in one pass (scanXml and a reader that builds the records as the elements go by).
 * Before, it built the whole tree (parseXml) and read it (readResponse/toRecord); this is that reading, kept as the
 * reference: the two must give the same message, or the same error, for every document.
 */
function readFromTree(xml: string): QbxmlResponseMessage {
  const root = parseXml(xml);
  const messageSet = findMessageSet(root);
  if (messageSet === undefined) {
    throw new QbxmlParseError(
      root.name === 'QBXML'
        ? 'The qbXML document has no QBXMLMsgsRs element, so it is not a response to our requests.'
        : `Expected a qbXML response (<QBXML><QBXMLMsgsRs>…), got <${root.name}>.`,
    );
  }
  const message: QbxmlResponseMessage = { responses: messageSet.children.map(readResponse) };
  if (messageSet.attributes.newMessageSetID !== undefined) message.newMessageSetId = messageSet.attributes.newMessageSetID;
  const code = messageSet.attributes.messageSetStatusCode;
  if (code !== undefined && /^\s*-?\d+\s*$/.test(code)) {
    const parsed = Number.parseInt(code, 10);
    if (parsed < -2147483648 || parsed > 2147483647) throw new QbxmlParseError(`<QBXMLMsgsRs> has messageSetStatusCode out of range`);
    message.messageSetStatusCode = parsed;
  }
  return message;
}

function outcome(read: () => QbxmlResponseMessage): { value: QbxmlResponseMessage } | { error: string; parseError: boolean } {
  try {
    return { value: read() };
  } catch (error) {
    return {
      error: (error as Error).message.replace(/has messageSetStatusCode="[^"]*".*/, 'has messageSetStatusCode out of range'),
      parseError: error instanceof QbxmlParseError,
    };
  }
}

function expectSameAsTree(xml: string) {
  const oneCall = outcome(() => parseResponseMessage(xml));
  expect(oneCall).toEqual(outcome(() => readFromTree(xml)));
  if ('value' in oneCall) {
    // Same keys in the same order too (what JSON.stringify of a stored record shows).
    expect(JSON.stringify(oneCall.value)).toBe(JSON.stringify(readFromTree(xml)));
  }
  return oneCall;
}

/** A BillQuery page as QuickBooks writes it: indented, lines of both kinds, escaped text, a linked transaction. */
function billPage(bills: number): string {
  const bill = (n: number) =>
    `  <BillRet>\n    <TxnID>${n}-1700000000</TxnID>\n    <TimeModified>2026-10-02T09:00:00-05:00</TimeModified>\n    <EditSequence>17${n}</EditSequence>\n` +
    `    <VendorRef><ListID>80000200-1700000000</ListID><FullName>Apex &amp; Sons &lt;Concrete&gt;</FullName></VendorRef>\n    <Memo>Pay app &#233; ${n}</Memo>\n` +
    `    <ExpenseLineRet><TxnLineID>${n}-e</TxnLineID><AccountRef><FullName>Job Materials</FullName></AccountRef><Amount>0.00</Amount></ExpenseLineRet>\n` +
    [1, 2, 3]
      .map(
        (l) =>
          `    <ItemLineRet><TxnLineID>${n}-${l}</TxnLineID><ItemRef><FullName>03-300</FullName></ItemRef><Desc>level ${l}</Desc><Amount>${l}.00</Amount></ItemLineRet>\n`,
      )
      .join('') +
    `    <LinkedTxn><TxnID>P-${n}</TxnID><TxnType>PurchaseOrder</TxnType></LinkedTxn>\n  </BillRet>\n`;
  return wrap(
    `<BillQueryRs requestID="9" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="0" iteratorID="{i}">\n${Array.from({ length: bills }, (_, i) => bill(i + 1)).join('')}</BillQueryRs>`,
  );
}

const wrap = (body: string, setAttributes = '') => `<?xml version="1.0"?><QBXML><QBXMLMsgsRs${setAttributes}>${body}</QBXMLMsgsRs></QBXML>`;

describe('parseResponseMessage reads in one pass what the tree gives', () => {
  it.each(['vendor-add-rs.xml', 'vendor-add-duplicate-rs.xml', 'vendor-query-iterator-rs.xml', 'bill-query-rs.xml', 'mixed-rs.xml', 'recovery-status-rs.xml'])(
    'fixture %s',
    (name) => {
      expect('value' in expectSameAsTree(loadFixture(name))).toBe(true);
    },
  );

  it('a generated BillQuery page with lines, whitespace between elements and escaped text', () => {
    const xml = billPage(40);
    expect(xml.length).toBeGreaterThan(10_000);
    const read = expectSameAsTree(xml);
    expect('value' in read && read.value.responses[0]!.records).toHaveLength(40);
  });

  it.each([
    [
      'leaf *Ret and ErrorRecovery are records',
      wrap('<VendorQueryRs statusCode="0"><VendorRet/><VendorRet>text only</VendorRet><ErrorRecovery/></VendorQueryRs>'),
    ],
    [
      'text around children is dropped, a leaf keeps its whitespace',
      wrap('<VendorQueryRs statusCode="0"><VendorRet> a <Name> x </Name> b <Note/></VendorRet></VendorQueryRs>'),
    ],
    ['CDATA and references in leaves', wrap('<VendorQueryRs statusCode="0"><VendorRet><Name><![CDATA[<a>&]]>&amp;&#233;</Name></VendorRet></VendorQueryRs>')],
    [
      'non-Ret children of a response are not kept',
      wrap('<VendorQueryRs statusCode="0"><Other><X>1</X></Other><VendorRet><Name>a</Name></VendorRet></VendorQueryRs>'),
    ],
    [
      'repeatable and non-repeatable children',
      wrap(
        '<BillQueryRs statusCode="0"><BillRet><TxnID>1</TxnID><ItemLineRet><Amount>1</Amount></ItemLineRet><Memo>a</Memo><Memo>b</Memo><Memo>c</Memo></BillRet></BillQueryRs>',
      ),
    ],
    [
      'an unknown parent',
      wrap(
        '<NewThingQueryRs statusCode="0"><NewThingRet><Zed><DataExtRet><A>1</A></DataExtRet><DataExtRet><A>2</A></DataExtRet></Zed></NewThingRet></NewThingQueryRs>',
      ),
    ],
    [
      '"__proto__" elements',
      wrap('<VendorQueryRs statusCode="0"><VendorRet><__proto__><polluted>yes</polluted></__proto__><__proto__>2</__proto__></VendorRet></VendorQueryRs>'),
    ],
    [
      'two message sets: the first one counts',
      wrap('<VendorQueryRs statusCode="0"/>').replace('</QBXML>', '<QBXMLMsgsRs><CustomerQueryRs statusCode="0"/></QBXMLMsgsRs></QBXML>'),
    ],
    ['set attributes', wrap('<VendorQueryRs statusCode="0"/>', ' newMessageSetID="7" messageSetStatusCode="9002"')],
    [
      'iterator attributes',
      wrap('<VendorQueryRs requestID="3" statusCode="0" statusSeverity="warn" statusMessage="m" iteratorID="{x}" iteratorRemainingCount="4" retCount="2"/>'),
    ],
    [
      'other root children and attributes on records',
      '<QBXML a="1"><Junk><X/></Junk><QBXMLMsgsRs><VendorQueryRs statusCode="0"><VendorRet x="1"><Name y="2">n</Name></VendorRet></VendorQueryRs></QBXMLMsgsRs></QBXML>',
    ],
    ['no message set', '<QBXML><QBXMLMsgsRq/></QBXML>'],
    ['another root', '<Envelope><QBXMLMsgsRs/></Envelope>'],
    ['no statusCode', wrap('<VendorQueryRs statusCode="0"/><CustomerQueryRs/><ItemQueryRs statusCode="x"/>')],
    [
      'a bad count after a good response',
      wrap('<VendorQueryRs statusCode="0"><VendorRet><Name>a</Name></VendorRet></VendorQueryRs><ItemQueryRs statusCode="0" retCount="99999999999"/>'),
    ],
    ['a bad response and a bad set status code', wrap('<VendorQueryRs/>', ' messageSetStatusCode="99999999999"')],
    ['a bad set status code', wrap('<VendorQueryRs statusCode="0"/>', ' messageSetStatusCode="99999999999"')],
    ['a bad response and malformed XML later', wrap('<VendorQueryRs/><ItemQueryRs statusCode="0"><ItemRet></ItemQueryRs>')],
    ['no message set and malformed XML later', '<Other><x></Other>'],
    ['a bad reference in text after a child', wrap('<VendorQueryRs statusCode="0"><VendorRet><Name>a</Name>x &bad; y</VendorRet></VendorQueryRs>')],
    ['a bad reference in a skipped element', wrap('<VendorQueryRs statusCode="0"><Other>&nope;</Other></VendorQueryRs>')],
    ['a DOCTYPE', `<!DOCTYPE x>${wrap('')}`],
    ['too deep', wrap(`<VendorQueryRs statusCode="0"><VendorRet>${'<A>'.repeat(120)}x${'</A>'.repeat(120)}</VendorRet></VendorQueryRs>`)],
    ['empty', ''],
  ])('%s', (_name, xml) => {
    expectSameAsTree(xml);
  });
});
