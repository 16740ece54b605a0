import { describe, expect, it } from 'vitest';
import { csvCell, writeCsv } from './write-csv.ts';

describe('csvCell', () => {
  it('leaves plain text alone and writes empties for null/undefined', () => {
    expect(csvCell('Vendor 12')).toBe('Vendor 12');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(new Date('2026-11-22T10:00:00Z'))).toBe('2026-11-22T10:00:00.000Z');
  });

  it('quotes fields with a comma, quote, CR or LF and doubles quotes (RFC 4180 §2.6, §2.7)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
    expect(csvCell('"')).toBe('""""');
  });

  it('neutralises formulas: a leading = + - @ tab or CR gets a quote prefix', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell(-2)).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('a=1')).toBe('a=1');
    expect(csvCell(' =1')).toBe(' =1');
  });
});

describe('writeCsv', () => {
  it('writes a header and rows with CRLF after every record', () => {
    expect(writeCsv(['at', 'summary'], [['2026-11-22', 'Sent, then approved'], ['x', null]])).toBe('at,summary\r\n2026-11-22,"Sent, then approved"\r\nx,\r\n');
    expect(writeCsv(['only'], [])).toBe('only\r\n');
  });

  it('round-trips through an RFC 4180 reader', () => {
    const rows = [['a,b', 'c"d', 'e\r\nf', '=g', '']];
    const csv = writeCsv(['1', '2', '3', '4', '5'], rows);
    expect(readCsv(csv)).toEqual([['1', '2', '3', '4', '5'], ['a,b', 'c"d', 'e\r\nf', "'=g", '']]);
  });
});

/** A strict RFC 4180 reader, only to check the writer. */
function readCsv(csv: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < csv.length) {
    let field = '';
    if (csv[i] === '"') {
      i++;
      for (;;) {
        if (csv[i] === '"' && csv[i + 1] === '"') { field += '"'; i += 2; }
        else if (csv[i] === '"') { i++; break; }
        else field += csv[i++];
      }
    } else {
      while (i < csv.length && csv[i] !== ',' && csv[i] !== '\r') field += csv[i++];
    }
    record.push(field);
    if (csv[i] === ',') i++;
    else if (csv[i] === '\r' && csv[i + 1] === '\n') { records.push(record); record = []; i += 2; }
    else throw new Error(`unexpected ${JSON.stringify(csv[i])} at ${i}`);
  }
  return records;
}
