import { describe, expect, it } from 'vitest';
import { renderCsv, renderCsvCell } from './render-csv.ts';

describe('renderCsvCell', () => {
  it('writes null as empty and numbers as numbers, negative ones unguarded', () => {
    expect(renderCsvCell(null)).toBe('');
    expect(renderCsvCell(0)).toBe('0');
    expect(renderCsvCell(-12.5)).toBe('-12.5');
    expect(renderCsvCell(1234.56)).toBe('1234.56');
  });

  it('refuses numbers that are not finite', () => {
    expect(() => renderCsvCell(Number.NaN)).toThrow('a CSV number must be finite');
    expect(() => renderCsvCell(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });

  it('keeps plain decimal text such as "-500.00" as a value (not a formula)', () => {
    expect(renderCsvCell('-500.00')).toBe('-500.00');
    expect(renderCsvCell('0.00')).toBe('0.00');
    expect(renderCsvCell('-7')).toBe('-7');
  });

  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+1+2', "'+1+2"],
    ['-1+2', "'-1+2"],
    ['-A1', "'-A1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', `"'\r=1"`],
    ['+500.00', "'+500.00"],
    ['- 5', "'- 5"],
  ])('guards %j against formula injection', (cell, written) => {
    expect(renderCsvCell(cell)).toBe(written);
  });

  it('quotes fields with a comma, quote, CR or LF and doubles the quotes (RFC 4180)', () => {
    expect(renderCsvCell('Smith, Inc.')).toBe('"Smith, Inc."');
    expect(renderCsvCell('2" pipe')).toBe('"2"" pipe"');
    expect(renderCsvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(renderCsvCell('a\rb')).toBe('"a\rb"');
    expect(renderCsvCell('plain text')).toBe('plain text');
    expect(renderCsvCell('')).toBe('');
    expect(renderCsvCell('Café — 03-300')).toBe('Café — 03-300');
  });
});

describe('renderCsv', () => {
  it('header and rows joined by CRLF, ending with CRLF', () => {
    expect(
      renderCsv(
        ['Code', 'Amount', 'Note'],
        [
          ['03-300', '1234.56', 'ok, fine'],
          ['=cmd', -5, null],
        ],
      ),
    ).toBe('Code,Amount,Note\r\n03-300,1234.56,"ok, fine"\r\n\'=cmd,-5,\r\n');
  });

  it('guards the header too, and renders a header alone', () => {
    expect(renderCsv(['=x', 'b'], [])).toBe("'=x,b\r\n");
  });

  it('refuses a row whose length differs from the header', () => {
    expect(() => renderCsv(['a', 'b'], [['1']])).toThrow('CSV row 1 has 1 cells for 2 columns');
  });
});
