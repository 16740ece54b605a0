import { describe, expect, it } from 'vitest';
import { QboSimFault } from '../http/qbo-fault.ts';
import type { QboRecord } from '../model/realm-store.ts';
import { parseQuery } from './parse-query.ts';
import { runQuery } from './run-query.ts';

function faultCode(statement: string): string | undefined {
  try {
    parseQuery(statement);
    return undefined;
  } catch (error) {
    return error instanceof QboSimFault ? error.errors[0]?.code : 'not a fault';
  }
}

describe('parseQuery', () => {
  it('reads what packages/qbo sends: select *, where with AND, paging', () => {
    expect(parseQuery("select * from Vendor where DisplayName = 'O\\'Brien Steel' and Active = true STARTPOSITION 11 MAXRESULTS 10")).toEqual({
      count: false,
      entity: 'Vendor',
      where: [
        { field: 'DisplayName', operator: '=', value: "O'Brien Steel" },
        { field: 'Active', operator: '=', value: true },
      ],
      orderBy: [],
      startPosition: 11,
      maxResults: 10,
    });
  });

  it('reads IN lists, LIKE, comparisons on dotted fields, ORDERBY and COUNT(*)', () => {
    const q = parseQuery(
      "SELECT * FROM Bill WHERE Id IN ('1', '2', '3') AND MetaData.LastUpdatedTime >= '2026-12-01T00:00:00Z' AND DocNumber LIKE 'PO-%' ORDERBY TxnDate DESC, Id",
    );
    expect(q.where).toEqual([
      { field: 'Id', operator: 'IN', value: ['1', '2', '3'] },
      { field: 'MetaData.LastUpdatedTime', operator: '>=', value: '2026-12-01T00:00:00Z' },
      { field: 'DocNumber', operator: 'LIKE', value: 'PO-%' },
    ]);
    expect(q.orderBy).toEqual([
      { field: 'TxnDate', descending: true },
      { field: 'Id', descending: false },
    ]);
    expect(parseQuery('select count(*) from Customer').count).toBe(true);
  });

  it('refuses what Intuit does not support with 4000 QueryParserError', () => {
    expect(faultCode("select * from Vendor where DisplayName = 'a' or DisplayName = 'b'")).toBe('4000');
    expect(faultCode("select * from Vendor where DisplayName != 'a'")).toBe('4000');
    expect(faultCode("select * from Vendor where DisplayName = 'unclosed")).toBe('4000');
    expect(faultCode('select * from Vendor STARTPOSITION 0')).toBe('4000');
    expect(faultCode('select * from Vendor group by DisplayName')).toBe('4000');
    expect(faultCode('delete from Vendor')).toBe('4000');
  });
});

describe('runQuery', () => {
  const rec = (id: number, fields: Record<string, unknown>): QboRecord => ({ Id: String(id), SyncToken: '0', ...fields });
  const vendors = [
    rec(1, { DisplayName: 'Acme Steel', Active: true, MetaData: { LastUpdatedTime: '2026-12-01T10:00:00+00:00' } }),
    rec(2, { DisplayName: 'Brooks Concrete', Active: false, MetaData: { LastUpdatedTime: '2026-12-03T10:00:00+00:00' } }),
    rec(10, { DisplayName: 'acme glass', Active: true, MetaData: { LastUpdatedTime: '2026-12-05T10:00:00+00:00' } }),
  ];

  it('leaves inactive name-list records out unless Active is named', () => {
    expect((runQuery(parseQuery('select * from Vendor'), vendors)['Vendor'] as QboRecord[]).map((v) => v.Id)).toEqual(['1', '10']);
    expect(runQuery(parseQuery('select * from Vendor where Active in (true, false)'), vendors)['maxResults']).toBe(3);
  });

  it('pages with STARTPOSITION (1-based) and answers {} past the end', () => {
    const q = (s: string) => runQuery(parseQuery(`select * from Vendor where Active in (true,false) ${s}`), vendors);
    expect(q('startposition 2 maxresults 1')).toEqual({ Vendor: [vendors[1]], startPosition: 2, maxResults: 1 });
    expect(q('startposition 4 maxresults 10')).toEqual({});
  });

  it('compares Ids as numbers, dates as instants, LIKE without case', () => {
    expect((runQuery(parseQuery("select * from Vendor where Id > '2'"), vendors)['Vendor'] as QboRecord[]).map((v) => v.Id)).toEqual(['10']);
    expect(
      (runQuery(parseQuery("select * from Vendor where MetaData.LastUpdatedTime > '2026-12-02T00:00:00Z'"), vendors)['Vendor'] as QboRecord[]).map((v) => v.Id),
    ).toEqual(['10']);
    expect((runQuery(parseQuery("select * from Vendor where DisplayName like 'ACME%'"), vendors)['Vendor'] as QboRecord[]).map((v) => v.Id)).toEqual([
      '1',
      '10',
    ]);
    expect(runQuery(parseQuery('select count(*) from Vendor'), vendors)).toEqual({ totalCount: 2 });
  });

  it('caps MAXRESULTS at 1000', () => {
    const many = Array.from({ length: 1200 }, (_, i) => rec(i + 1, { DisplayName: `V${i}` }));
    expect(runQuery(parseQuery('select * from Vendor maxresults 5000'), many)['maxResults']).toBe(1000);
  });
});
