// A realistic BillQueryRs of about `targetBytes`, with item and expense lines, as QuickBooks 13.0
// returns it (qbxmlops130.xsd BillRet). Used by the parse benchmark.
export function makeBillQueryResponse(targetBytes: number): { xml: string; bills: number } {
  const parts: string[] = [
    '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><BillQueryRs requestID="bench" statusCode="0" statusSeverity="Info" statusMessage="Status OK">',
  ];
  let size = parts[0]!.length;
  let n = 0;
  while (size < targetBytes) {
    n += 1;
    const lines = [1, 2, 3]
      .map(
        (l) =>
          `<ItemLineRet><TxnLineID>${n}-${l}</TxnLineID><ItemRef><ListID>8000000${l}-1700000000</ListID><FullName>03-300 Cast-in-Place Concrete</FullName></ItemRef>` +
          `<Desc>Pour level ${l} slab &amp; footings</Desc><Quantity>1</Quantity><Cost>${(1000 + l).toFixed(2)}</Cost><Amount>${(1000 + l).toFixed(2)}</Amount>` +
          `<CustomerRef><ListID>80000100-1700000000</ListID><FullName>Riverside Medical:Phase 2</FullName></CustomerRef><BillableStatus>NotBillable</BillableStatus></ItemLineRet>`,
      )
      .join('');
    const bill =
      `<BillRet><TxnID>${(0x1000 + n).toString(16).toUpperCase()}-1700000000</TxnID><TimeCreated>2026-10-01T09:00:00-05:00</TimeCreated><TimeModified>2026-10-02T09:00:00-05:00</TimeModified>` +
      `<EditSequence>1700000${n}</EditSequence><TxnNumber>${n}</TxnNumber><VendorRef><ListID>80000200-1700000000</ListID><FullName>Apex Concrete LLC</FullName></VendorRef>` +
      `<APAccountRef><ListID>80000300-1700000000</ListID><FullName>Accounts Payable</FullName></APAccountRef><TxnDate>2026-10-01</TxnDate><DueDate>2026-10-31</DueDate>` +
      `<AmountDue>3006.00</AmountDue><RefNumber>INV-${n}</RefNumber><Memo>Pay app ${n}</Memo><IsPaid>false</IsPaid>` +
      `<ExpenseLineRet><TxnLineID>${n}-e</TxnLineID><AccountRef><ListID>80000400-1700000000</ListID><FullName>Job Materials</FullName></AccountRef><Amount>0.00</Amount></ExpenseLineRet>` +
      lines +
      `<OpenAmount>3006.00</OpenAmount></BillRet>`;
    parts.push(bill);
    size += bill.length;
  }
  parts.push('</BillQueryRs></QBXMLMsgsRs></QBXML>');
  return { xml: parts.join(''), bills: n };
}
