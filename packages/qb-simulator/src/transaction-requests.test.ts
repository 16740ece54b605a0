import { describe, expect, it } from 'vitest';
import type { Harness } from './test-support/simulator-fixture.ts';
import { childOf, childrenOf, makeHarness, retOf, statusOf, textOf } from './test-support/simulator-fixture.ts';

async function seed(h: Harness): Promise<void> {
  await h.send(
    '<VendorAddRq><VendorAdd><Name>Apex Concrete LLC</Name></VendorAdd></VendorAddRq>' +
      '<VendorAddRq><VendorAdd><Name>Summit Electric Inc</Name></VendorAdd></VendorAddRq>' +
      '<CustomerAddRq><CustomerAdd><Name>Harbor Point Development</Name></CustomerAdd></CustomerAddRq>' +
      '<CustomerAddRq><CustomerAdd><Name>Riverside Medical Office</Name><ParentRef><FullName>Harbor Point Development</FullName></ParentRef></CustomerAdd></CustomerAddRq>' +
      '<ItemServiceAddRq><ItemServiceAdd><Name>03-300 Cast-in-Place Concrete</Name><SalesOrPurchase><AccountRef><FullName>Job Expenses:Subcontractors</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>' +
      '<ItemServiceAddRq><ItemServiceAdd><Name>26-050 Electrical Rough-In</Name><SalesOrPurchase><AccountRef><FullName>Job Expenses:Subcontractors</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>' +
      '<ItemOtherChargeAddRq><ItemOtherChargeAdd><Name>Retainage</Name><SalesOrPurchase><AccountRef><FullName>Retainage Payable</FullName></AccountRef></SalesOrPurchase></ItemOtherChargeAdd></ItemOtherChargeAddRq>',
    { validate: false },
  );
}

const JOB = '<CustomerRef><FullName>Harbor Point Development:Riverside Medical Office</FullName></CustomerRef>';

function poAdd(vendor = 'Apex Concrete LLC'): string {
  return (
    `<PurchaseOrderAddRq requestID="po"><PurchaseOrderAdd><VendorRef><FullName>${vendor}</FullName></VendorRef><TxnDate>2025-03-01</TxnDate><RefNumber>SC-001</RefNumber>` +
    `<PurchaseOrderLineAdd><ItemRef><FullName>03-300 Cast-in-Place Concrete</FullName></ItemRef><Desc>Foundations</Desc><Quantity>1</Quantity><Rate>120000</Rate>${JOB}</PurchaseOrderLineAdd>` +
    `<PurchaseOrderLineAdd><ItemRef><FullName>03-300 Cast-in-Place Concrete</FullName></ItemRef><Desc>Slab on grade</Desc><Amount>45000.00</Amount>${JOB}</PurchaseOrderLineAdd>` +
    '</PurchaseOrderAdd></PurchaseOrderAddRq>'
  );
}

describe('purchase orders', () => {
  it('adds a PO with TxnLineIDs and modifies lines: -1 adds, listed lines edit, omitted lines go', async () => {
    const h = makeHarness();
    await seed(h);
    const po = retOf(await h.one(poAdd()));
    const lines = childrenOf(po, 'PurchaseOrderLineRet');
    expect(lines).toHaveLength(2);
    expect(textOf(po, 'TotalAmount')).toBe('165000.00');
    const [first, second] = lines.map((l) => textOf(l, 'TxnLineID') as string);
    expect(first).toMatch(/^[0-9A-F]+-\d{10}$/);
    h.clock.advance(5);
    // A commitment change order: keep line 1, change line 2, add a new line.
    const mod = await h.one(
      `<PurchaseOrderModRq><PurchaseOrderMod><TxnID>${textOf(po, 'TxnID')}</TxnID><EditSequence>${textOf(po, 'EditSequence')}</EditSequence>` +
        `<PurchaseOrderLineMod><TxnLineID>${first}</TxnLineID></PurchaseOrderLineMod>` +
        `<PurchaseOrderLineMod><TxnLineID>${second}</TxnLineID><Amount>47500.00</Amount></PurchaseOrderLineMod>` +
        `<PurchaseOrderLineMod><TxnLineID>-1</TxnLineID><ItemRef><FullName>03-300 Cast-in-Place Concrete</FullName></ItemRef><Desc>CCO #1</Desc><Amount>8000.00</Amount></PurchaseOrderLineMod>` +
        '</PurchaseOrderMod></PurchaseOrderModRq>',
    );
    const modded = retOf(mod);
    const after = childrenOf(modded, 'PurchaseOrderLineRet');
    expect(after.map((l) => textOf(l, 'Desc'))).toEqual(['Foundations', 'Slab on grade', 'CCO #1']);
    expect(after.map((l) => textOf(l, 'Amount'))).toEqual(['120000.00', '47500.00', '8000.00']);
    expect(textOf(after[0], 'TxnLineID')).toBe(first);
    // Omitting a line deletes it.
    const dropped = retOf(
      await h.one(
        `<PurchaseOrderModRq><PurchaseOrderMod><TxnID>${textOf(po, 'TxnID')}</TxnID><EditSequence>${textOf(modded, 'EditSequence')}</EditSequence>` +
          `<PurchaseOrderLineMod><TxnLineID>${first}</TxnLineID></PurchaseOrderLineMod></PurchaseOrderMod></PurchaseOrderModRq>`,
      ),
    );
    expect(childrenOf(dropped, 'PurchaseOrderLineRet')).toHaveLength(1);
    // A Mod without lines leaves them alone.
    const memoOnly = retOf(
      await h.one(
        `<PurchaseOrderModRq><PurchaseOrderMod><TxnID>${textOf(po, 'TxnID')}</TxnID><EditSequence>${textOf(dropped, 'EditSequence')}</EditSequence><Memo>Signed</Memo></PurchaseOrderMod></PurchaseOrderModRq>`,
      ),
    );
    expect(childrenOf(memoOnly, 'PurchaseOrderLineRet')).toHaveLength(1);
    expect(textOf(memoOnly, 'Memo')).toBe('Signed');
    // Unknown line, unknown PO, stale EditSequence, locked PO.
    const txnId = textOf(po, 'TxnID') as string;
    const seq = textOf(memoOnly, 'EditSequence') as string;
    expect(
      statusOf(
        await h.one(
          `<PurchaseOrderModRq><PurchaseOrderMod><TxnID>${txnId}</TxnID><EditSequence>${seq}</EditSequence><PurchaseOrderLineMod><TxnLineID>FFFF-1700000000</TxnLineID></PurchaseOrderLineMod></PurchaseOrderMod></PurchaseOrderModRq>`,
        ),
      ).code,
    ).toBe(3120);
    expect(
      statusOf(
        await h.one(
          `<PurchaseOrderModRq><PurchaseOrderMod><TxnID>FFFF-1700000000</TxnID><EditSequence>${seq}</EditSequence></PurchaseOrderMod></PurchaseOrderModRq>`,
        ),
      ).code,
    ).toBe(3120);
    expect(
      statusOf(
        await h.one(`<PurchaseOrderModRq><PurchaseOrderMod><TxnID>${txnId}</TxnID><EditSequence>1</EditSequence></PurchaseOrderMod></PurchaseOrderModRq>`),
      ).code,
    ).toBe(3200);
    h.sim.lockRecord(txnId);
    expect(
      statusOf(
        await h.one(`<PurchaseOrderModRq><PurchaseOrderMod><TxnID>${txnId}</TxnID><EditSequence>${seq}</EditSequence></PurchaseOrderMod></PurchaseOrderModRq>`),
      ).code,
    ).toBe(3175);
  });

  it('a PO for a missing vendor or item answers 3140', async () => {
    const h = makeHarness();
    await seed(h);
    expect(statusOf(await h.one(poAdd('Nobody LLC'))).code).toBe(3140);
    const rs = await h.one(
      '<PurchaseOrderAddRq><PurchaseOrderAdd><VendorRef><FullName>Apex Concrete LLC</FullName></VendorRef><PurchaseOrderLineAdd><ItemRef><FullName>99-999 Nothing</FullName></ItemRef><Amount>1.00</Amount></PurchaseOrderLineAdd></PurchaseOrderAdd></PurchaseOrderAddRq>',
    );
    expect(statusOf(rs).code).toBe(3140);
    expect(statusOf(rs).message).toContain('QuickBooks Item "99-999 Nothing"');
  });
});

describe('bills', () => {
  it('links a bill to its PO (LinkToTxnID): lines come over, LinkedTxn both ways, PO received', async () => {
    const h = makeHarness();
    await seed(h);
    const po = retOf(await h.one(poAdd()));
    const poId = textOf(po, 'TxnID') as string;
    const billRs = await h.one(
      `<BillAddRq><BillAdd><VendorRef><FullName>Apex Concrete LLC</FullName></VendorRef><TxnDate>2025-03-05</TxnDate><RefNumber>APX-2207</RefNumber><LinkToTxnID>${poId}</LinkToTxnID>` +
        `<ItemLineAdd><ItemRef><FullName>Retainage</FullName></ItemRef><Amount>-16500.00</Amount>${JOB}</ItemLineAdd></BillAdd></BillAddRq>`,
    );
    expect(statusOf(billRs).code).toBe(0);
    const bill = retOf(billRs);
    expect(textOf(bill, 'AmountDue')).toBe('148500.00');
    expect(childrenOf(bill, 'ItemLineRet')).toHaveLength(3);
    const link = childOf(bill, 'LinkedTxn');
    expect(textOf(link, 'TxnID')).toBe(poId);
    expect(textOf(link, 'TxnType')).toBe('PurchaseOrder');
    const poAfter = retOf(
      await h.one(
        `<PurchaseOrderQueryRq><TxnID>${poId}</TxnID><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></PurchaseOrderQueryRq>`,
      ),
    );
    expect(textOf(childOf(poAfter, 'LinkedTxn'), 'TxnID')).toBe(textOf(bill, 'TxnID'));
    expect(textOf(poAfter, 'IsFullyReceived')).toBe('true');
    // Linking again: the PO is closed -> 570 warning, bill saved unlinked.
    const again = await h.one(
      `<BillAddRq><BillAdd><VendorRef><FullName>Apex Concrete LLC</FullName></VendorRef><LinkToTxnID>${poId}</LinkToTxnID><ExpenseLineAdd><AccountRef><FullName>Job Expenses:Job Materials</FullName></AccountRef><Amount>10.00</Amount></ExpenseLineAdd></BillAdd></BillAddRq>`,
    );
    expect(statusOf(again).code).toBe(570);
    expect(statusOf(again).severity).toBe('Warn');
  });

  it("refuses links to another vendor's PO (3210), to a missing PO (3120) and to a PO in use (3176)", async () => {
    const h = makeHarness();
    await seed(h);
    const poId = textOf(retOf(await h.one(poAdd())), 'TxnID') as string;
    const bill = (vendor: string, id: string) =>
      `<BillAddRq><BillAdd><VendorRef><FullName>${vendor}</FullName></VendorRef><LinkToTxnID>${id}</LinkToTxnID></BillAdd></BillAddRq>`;
    expect(statusOf(await h.one(bill('Summit Electric Inc', poId))).code).toBe(3210);
    expect(statusOf(await h.one(bill('Apex Concrete LLC', 'ABCD-1700000000'))).code).toBe(3120);
    h.sim.lockRecord(poId);
    expect(statusOf(await h.one(bill('Apex Concrete LLC', poId))).code).toBe(3176);
  });

  it('returns lines only when IncludeLineItems is true', async () => {
    const h = makeHarness();
    await seed(h);
    await h.one(
      `<BillAddRq><BillAdd><VendorRef><FullName>Summit Electric Inc</FullName></VendorRef><RefNumber>SE-1</RefNumber><ExpenseLineAdd><AccountRef><FullName>Job Expenses:Job Materials</FullName></AccountRef><Amount>99.95</Amount>${JOB}</ExpenseLineAdd><ItemLineAdd><ItemRef><FullName>26-050 Electrical Rough-In</FullName></ItemRef><Quantity>2</Quantity><Cost>1250.5</Cost>${JOB}</ItemLineAdd></BillAdd></BillAddRq>`,
    );
    const without = retOf(await h.one('<BillQueryRq><RefNumber>SE-1</RefNumber></BillQueryRq>'));
    expect(childrenOf(without, 'ItemLineRet')).toHaveLength(0);
    expect(childrenOf(without, 'ExpenseLineRet')).toHaveLength(0);
    const withLines = retOf(await h.one('<BillQueryRq><RefNumber>se-1</RefNumber><IncludeLineItems>true</IncludeLineItems></BillQueryRq>'));
    expect(textOf(childOf(withLines, 'ItemLineRet'), 'Amount')).toBe('2501.00');
    expect(textOf(childOf(withLines, 'ExpenseLineRet'), 'Amount')).toBe('99.95');
    expect(textOf(withLines, 'AmountDue')).toBe('2600.95');
  });
});

describe('estimates', () => {
  it('adds and modifies an estimate (budget) for a job', async () => {
    const h = makeHarness();
    await seed(h);
    const est = retOf(
      await h.one(
        `<EstimateAddRq><EstimateAdd>${JOB}<EstimateLineAdd><ItemRef><FullName>03-300 Cast-in-Place Concrete</FullName></ItemRef><Quantity>1</Quantity><Rate>250000</Rate></EstimateLineAdd></EstimateAdd></EstimateAddRq>`,
      ),
    );
    expect(textOf(est, 'TotalAmount')).toBe('250000.00');
    expect(textOf(childOf(est, 'CustomerRef'), 'FullName')).toBe('Harbor Point Development:Riverside Medical Office');
    const line = textOf(childOf(est, 'EstimateLineRet'), 'TxnLineID');
    const mod = retOf(
      await h.one(
        `<EstimateModRq><EstimateMod><TxnID>${textOf(est, 'TxnID')}</TxnID><EditSequence>${textOf(est, 'EditSequence')}</EditSequence>` +
          `<EstimateLineMod><TxnLineID>${line}</TxnLineID><Rate>260000</Rate></EstimateLineMod><EstimateLineMod><TxnLineID>-1</TxnLineID><ItemRef><FullName>26-050 Electrical Rough-In</FullName></ItemRef><Amount>90000.00</Amount></EstimateLineMod></EstimateMod></EstimateModRq>`,
      ),
    );
    expect(textOf(mod, 'TotalAmount')).toBe('350000.00');
    expect(
      statusOf(
        await h.one(
          '<EstimateAddRq><EstimateAdd><CustomerRef><FullName>Nobody</FullName></CustomerRef><EstimateLineAdd><Amount>1.00</Amount></EstimateLineAdd></EstimateAdd></EstimateAddRq>',
        ),
      ).code,
    ).toBe(3140);
  });
});

describe('user edits in the company file', () => {
  it('records deletions for TxnDeletedQuery / ListDeletedQuery and bumps EditSequence on edits and voids', async () => {
    const h = makeHarness();
    await seed(h);
    const bill = retOf(
      await h.one(
        '<BillAddRq><BillAdd><VendorRef><FullName>Apex Concrete LLC</FullName></VendorRef><RefNumber>A-1</RefNumber><ExpenseLineAdd><AccountRef><FullName>Job Expenses:Job Materials</FullName></AccountRef><Amount>10.00</Amount></ExpenseLineAdd></BillAdd></BillAddRq>',
      ),
    );
    const billId = textOf(bill, 'TxnID') as string;
    h.clock.advance(3600);
    h.sim.modifyTransaction(billId, (t) => {
      t.memo = 'edited in QuickBooks';
    });
    const edited = retOf(await h.one(`<BillQueryRq><TxnID>${billId}</TxnID></BillQueryRq>`));
    expect(textOf(edited, 'EditSequence')).not.toBe(textOf(bill, 'EditSequence'));
    expect(textOf(edited, 'Memo')).toBe('edited in QuickBooks');
    h.sim.voidTransaction(billId);
    const voided = retOf(await h.one(`<BillQueryRq><TxnID>${billId}</TxnID></BillQueryRq>`));
    expect(textOf(voided, 'AmountDue')).toBe('0.00');
    expect(textOf(voided, 'Memo')).toMatch(/^VOID:/);
    h.clock.advance(60);
    h.sim.deleteTransaction(billId);
    const deleted = await h.one('<TxnDeletedQueryRq><TxnDelType>Bill</TxnDelType><TxnDelType>Check</TxnDelType></TxnDeletedQueryRq>');
    const d = retOf(deleted);
    expect(textOf(d, 'TxnID')).toBe(billId);
    expect(textOf(d, 'RefNumber')).toBe('A-1');
    expect(textOf(d, 'TimeDeleted')).toBe('2025-03-10T11:01:00-05:00');
    const vendor = retOf(await h.one('<VendorQueryRq><FullName>Summit Electric Inc</FullName></VendorQueryRq>'));
    h.sim.deleteListEntry(textOf(vendor, 'ListID') as string);
    const listDeleted = await h.one(
      '<ListDeletedQueryRq><ListDelType>Vendor</ListDelType><DeletedDateRangeFilter><FromDeletedDate>2025-03-10</FromDeletedDate></DeletedDateRangeFilter></ListDeletedQueryRq>',
    );
    expect(textOf(retOf(listDeleted), 'FullName')).toBe('Summit Electric Inc');
    expect(statusOf(await h.one('<ListDeletedQueryRq><ListDelType>Customer</ListDelType></ListDeletedQueryRq>')).code).toBe(1);
    expect(() => h.sim.deleteListEntry(textOf(vendor, 'ListID') as string)).toThrow();
    // A vendor used by transactions cannot be deleted (QuickBooks refuses).
    const apex = retOf(await h.one('<VendorQueryRq><FullName>Apex Concrete LLC</FullName></VendorQueryRq>'));
    await h.one(
      '<BillAddRq><BillAdd><VendorRef><FullName>Apex Concrete LLC</FullName></VendorRef><ExpenseLineAdd><AccountRef><FullName>Job Expenses:Job Materials</FullName></AccountRef><Amount>1.00</Amount></ExpenseLineAdd></BillAdd></BillAddRq>',
    );
    expect(() => h.sim.deleteListEntry(textOf(apex, 'ListID') as string)).toThrow(/will not delete/);
  });
});
