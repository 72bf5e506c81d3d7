import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a BOM, CRLF rows and quotes cells with commas, quotes and newlines', () => {
    expect(toCsv(['项目', '金额'], [['a,b', '1.00'], ['say "hi"', null], ['two\nlines', 3]])).toBe(
      '\uFEFF项目,金额\r\n"a,b",1.00\r\n"say ""hi""",\r\n"two\nlines",3\r\n',
    );
  });

  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    expect(toCsv(['x'], [['=SUM(A1)'], ['-12.50'], ['@cmd']])).toBe("\uFEFFx\r\n'=SUM(A1)\r\n-12.50\r\n'@cmd\r\n");
  });
});
