import { QbxmlParseError } from '@connector/qbxml';
import { describe, expect, it } from 'vitest';
import { optionalText, readQbBool, readQbCents, readQbRef, requireDate, requireText } from './read-qb-fields.ts';

const record = {
  TxnID: '1-2',
  Blank: '  ',
  Amount: '-1,00',
  Good: '-12375.00',
  Short: '.5',
  Long: '0.005',
  Date: '2024-02-29',
  BadDate: '2023-02-29',
  Slashed: '02/29/2024',
  VendorRef: { ListID: 'V1', FullName: 'ABC' },
  Flag: 'TRUE',
  Nested: { Leaf: 'x' },
};

describe('read-qb-fields', () => {
  it('optionalText: text, or null when missing, blank or not a leaf', () => {
    expect(optionalText(record, 'TxnID')).toBe('1-2');
    expect(optionalText(record, 'Blank')).toBeNull();
    expect(optionalText(record, 'Missing')).toBeNull();
    expect(optionalText(record, 'Nested')).toBeNull();
    expect(optionalText(undefined, 'TxnID')).toBeNull();
  });

  it('requireText: throws a QbxmlParseError naming the place and the element', () => {
    expect(requireText(record, 'TxnID', 'BillRet')).toBe('1-2');
    expect(() => requireText(record, 'Blank', 'BillRet 1-2')).toThrow(QbxmlParseError);
    expect(() => requireText(record, 'Missing', 'BillRet 1-2')).toThrow(
      'BillRet 1-2 has no Missing; QuickBooks always sends it, so this response cannot be used.',
    );
  });

  it('readQbRef: ListID and FullName, null when absent', () => {
    expect(readQbRef(record, 'VendorRef')).toEqual({ listId: 'V1', fullName: 'ABC' });
    expect(readQbRef(record, 'CustomerRef')).toEqual({ listId: null, fullName: null });
  });

  it('readQbCents: decimal text to cents, the missing value when absent, throws on garbage', () => {
    expect(readQbCents(record, 'Good', 'here', null)).toBe(-1237500);
    expect(readQbCents(record, 'Short', 'here', null)).toBe(50);
    expect(readQbCents(record, 'Long', 'here', null)).toBe(1);
    expect(readQbCents(record, 'Missing', 'here', 0)).toBe(0);
    expect(readQbCents(record, 'Missing', 'here', null)).toBeNull();
    expect(readQbCents(record, 'Blank', 'here', 7)).toBe(7);
    expect(() => readQbCents(record, 'Amount', 'ExpenseLineRet E1', 0)).toThrow('ExpenseLineRet E1 has Amount "-1,00", which is not a QuickBooks amount.');
    expect(() => readQbCents({ A: '10000000000000.00' }, 'A', 'here', 0)).toThrow('larger than QuickBooks amounts can be');
  });

  it('requireDate: a real calendar date in YYYY-MM-DD', () => {
    expect(requireDate(record, 'Date', 'here')).toBe('2024-02-29');
    expect(() => requireDate(record, 'BadDate', 'here')).toThrow('here has BadDate "2023-02-29", which is not a date (YYYY-MM-DD).');
    expect(() => requireDate(record, 'Slashed', 'here')).toThrow('not a date');
    expect(() => requireDate(record, 'Missing', 'here')).toThrow('here has no Missing');
  });

  it('readQbBool: true/false in any case, the default when absent, throws otherwise', () => {
    expect(readQbBool(record, 'Flag', 'here', false)).toBe(true);
    expect(readQbBool({ F: 'false' }, 'F', 'here', true)).toBe(false);
    expect(readQbBool(record, 'Missing', 'here', true)).toBe(true);
    expect(() => readQbBool(record, 'TxnID', 'here', true)).toThrow('here has TxnID "1-2", which is not true or false.');
  });
});
