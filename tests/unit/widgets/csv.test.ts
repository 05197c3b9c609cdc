import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../widgets/shared/csv.ts';

// RFC 4180 quoting, and OWASP "CSV injection": cells a spreadsheet would run as formulas start with '.
describe('csvCell', () => {
  it.each([
    ['plain text stays as it is', 'Oakfield Academy', 'Oakfield Academy'],
    ['RFC 4180: a comma is quoted', 'Smith, Jo', '"Smith, Jo"'],
    ['RFC 4180: quotes are doubled', 'Jo "JJ" Smith', '"Jo ""JJ"" Smith"'],
    ['RFC 4180: a line break is quoted', 'two\nlines', '"two\nlines"'],
    ['OWASP: = starts a formula', '=1+1', "'=1+1"],
    ['OWASP: + starts a formula', '+44 113', "'+44 113"],
    ['OWASP: - starts a formula', '-2', "'-2"],
    ['OWASP: @ starts a formula', '@SUM(A1)', "'@SUM(A1)"],
    ['OWASP: a formula with quotes is both defused and quoted', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ])('%s', (_why, input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('numbers are written as numbers, even negative ones, and null as empty', () => {
    expect(toCsv([[-1.5, null, undefined, 0]])).toBe('-1.5,,,0\r\n');
  });
});
