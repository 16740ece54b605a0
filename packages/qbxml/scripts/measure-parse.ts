/**
 * Measures parseResponseMessage on generated ~5 MB VendorQueryRs and BillQueryRs
 * responses (docs/qbxml.md#iterators: iterators keep pages bounded, but a page can still be
 * tens of MB). Not a test: run from the repository root with
 *   node packages/qbxml/scripts/measure-parse.ts [megabytes]
 */
import { parseResponseMessage } from '../src/parse-response-message.ts';

const targetBytes = Number(process.argv[2] ?? '5') * 1024 * 1024;

function vendor(i: number): string {
  return `<VendorRet>
<ListID>8000${i.toString(16).toUpperCase().padStart(4, '0')}-1700000000</ListID>
<TimeCreated>2026-11-20T08:00:00-05:00</TimeCreated>
<TimeModified>2026-11-20T09:15:42-05:00</TimeModified>
<EditSequence>${1700000000 + i}</EditSequence>
<Name>Vendor ${i} &amp; Sons</Name>
<IsActive>true</IsActive>
<CompanyName>Vendor ${i} &amp; Sons Construction, Inc.</CompanyName>
<FirstName>Dana</FirstName>
<LastName>Smith</LastName>
<VendorAddress>
<Addr1>${i} Industrial Way</Addr1>
<City>Sacramento</City>
<State>CA</State>
<PostalCode>95814</PostalCode>
</VendorAddress>
<Phone>916-555-0101</Phone>
<Email>ap${i}@vendor.example</Email>
<NameOnCheck>Vendor ${i} &amp; Sons Construction, Inc.</NameOnCheck>
<VendorTypeRef>
<ListID>80000005-1600000000</ListID>
<FullName>Subcontractors</FullName>
</VendorTypeRef>
<IsVendorEligibleFor1099>true</IsVendorEligibleFor1099>
<Balance>${(i * 13.37).toFixed(2)}</Balance>
<DataExtRet>
<OwnerID>{6B2C7B2E-0C3A-4E5F-9A1B-2C3D4E5F6A7B}</OwnerID>
<DataExtName>ProcoreCompanyID</DataExtName>
<DataExtType>STR255TYPE</DataExtType>
<DataExtValue>${5000 + i}</DataExtValue>
</DataExtRet>
</VendorRet>
`;
}

function bill(i: number): string {
  const lines = [0, 1, 2, 3]
    .map(
      (l) => `<ItemLineRet>
<TxnLineID>${i.toString(16).toUpperCase()}-${l}</TxnLineID>
<ItemRef>
<ListID>80000020-1700000000</ListID>
<FullName>03 Concrete:03-300 Cast-in-Place Concrete</FullName>
</ItemRef>
<Desc>Pay app line ${l} &lt;slab &amp; footings&gt;</Desc>
<Quantity>1</Quantity>
<Cost>1250.00</Cost>
<Amount>1250.00</Amount>
<CustomerRef>
<ListID>80000010-1700000000</ListID>
<FullName>Riverside Medical Center:MOB Expansion</FullName>
</CustomerRef>
<BillableStatus>NotBillable</BillableStatus>
</ItemLineRet>
`,
    )
    .join('');
  return `<BillRet>
<TxnID>${i.toString(16).toUpperCase()}-1700000000</TxnID>
<TimeCreated>2026-05-31T16:20:11-07:00</TimeCreated>
<TimeModified>2026-06-02T10:01:07-07:00</TimeModified>
<EditSequence>${1717347667 + i}</EditSequence>
<TxnNumber>${i}</TxnNumber>
<VendorRef>
<ListID>80000002-1700000000</ListID>
<FullName>Smith Concrete &amp; Forms</FullName>
</VendorRef>
<TxnDate>2026-05-31</TxnDate>
<DueDate>2026-06-30</DueDate>
<AmountDue>5000.00</AmountDue>
<RefNumber>PAYAPP-${i}</RefNumber>
<Memo>Procore requisition #${i}</Memo>
<IsPaid>false</IsPaid>
<LinkedTxn>
<TxnID>1A2-1700000000</TxnID>
<TxnType>PurchaseOrder</TxnType>
<TxnDate>2026-04-01</TxnDate>
<RefNumber>SC-014-003</RefNumber>
<LinkType>QUANTYPE</LinkType>
<Amount>0.00</Amount>
</LinkedTxn>
<ExpenseLineRet>
<TxnLineID>${i.toString(16).toUpperCase()}-E</TxnLineID>
<AccountRef>
<FullName>Job Costs:Permits</FullName>
</AccountRef>
<Amount>0.00</Amount>
</ExpenseLineRet>
${lines}</BillRet>
`;
}

function generate(rsType: string, record: (i: number) => string): { xml: string; count: number } {
  const parts = [
    `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n<${rsType} requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="0" iteratorID="{8AB7E5C9-2F41-4E1B-9C36-0D5A7B21F3E4}">\n`,
  ];
  let size = parts[0]!.length;
  let count = 0;
  while (size < targetBytes) {
    const text = record(count++);
    parts.push(text);
    size += text.length;
  }
  parts.push(`</${rsType}>\n</QBXMLMsgsRs>\n</QBXML>\n`);
  return { xml: parts.join(''), count };
}

for (const [rsType, record] of [
  ['VendorQueryRs', vendor],
  ['BillQueryRs', bill],
] as const) {
  const { xml, count } = generate(rsType, record);
  const timings: number[] = [];
  let parsed = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    parsed = parseResponseMessage(xml).responses[0]!.records.length;
    timings.push(performance.now() - start);
  }
  if (parsed !== count) throw new Error(`${rsType}: parsed ${parsed} records, generated ${count}`);
  const sorted = [...timings].sort((a, b) => a - b);
  console.log(
    `${rsType}: ${(Buffer.byteLength(xml) / 1024 / 1024).toFixed(2)} MB, ${count} records — ` +
      `first ${timings[0]!.toFixed(0)} ms, median ${sorted[2]!.toFixed(0)} ms, best ${sorted[0]!.toFixed(0)} ms`,
  );
}
