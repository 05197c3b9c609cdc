import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataSet } from '../../../core/import/dataset.ts';
import { cleanIsoDate, parseDate } from '../../../core/import/fields.ts';
import { newSummary, TableReader } from '../../../core/import/reader.ts';
import { ATTENDANCE, type TableSpec } from '../../../core/import/tables.ts';
import { AS_OF } from './helpers.ts';

/**
 * Large attendance files take a fast path: clean rows skip the schema, and duplicates are found by
 * noticing that rows come in order. Whatever the rows, the result must be the one the straightforward
 * path gives (every row through the schema, every key in one map): the same problems, the same marks.
 */
const straightforward: TableSpec = {
  ...(ATTENDANCE as TableSpec),
  fast: undefined,
  fastFields: undefined,
  duplicateKey: (row) => {
    const { upn, date, session } = row as { upn: string; date: string; session: string };
    return `${upn}\u0000${date}\u0000${session}`;
  },
};

function read(table: TableSpec, header: readonly string[], rows: readonly string[][]) {
  const data = new DataSet(AS_OF);
  const summary = newSummary('attendance.csv', table.label);
  data.summaries.set('attendance.csv', summary);
  const reader = new TableReader('attendance.csv', table, header, data, summary);
  rows.forEach((fields, i) => reader.row(fields, i + 2));
  reader.finish();
  return { problems: data.problems, marks: [...data.marks], summary };
}

// Values clean and not: a valid UPN, one with a wrong check letter, lower case, spaces, too short;
// dates in both forms, impossible, out of range, in the future, under the old code set; codes current,
// retired, lower case, padded, unknown.
const upn = fc.constantFrom('B801200005001', 'B801200005002', 'W383200015000', 'b801200005001', ' B801200005001', 'A123', '');
const date = fc.constantFrom('2025-09-01', '2025-09-02', '2025-09-03', '02/09/2025', '2025-02-30', '2025-9-1', '2026-04-01', '2023-05-02', '1899-12-31', ' 2025-09-01', '');
const session = fc.constantFrom('AM', 'PM', 'am', ' PM', 'XM', '');
const code = fc.constantFrom('/', '\\', 'I', 'i', ' N', 'B', 'H', 'J', 'C2', 'ZZ', '#', 'Q9', 'X', '');
const row = fc.tuple(upn, date, session, code);

describe('attendance fast path (core/import/tables.ts, reader.ts) gives what the straightforward path gives', () => {
  it('property: same problems, counts and marks for any rows, in order or not, with duplicates', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.boolean(), fc.boolean(), (rows, sorted, extraColumn) => {
        let fields: string[][] = rows.map((r) => [...r]);
        // Files usually come sorted by pupil, date and session: the case the fast path is built for.
        if (sorted) fields = fields.sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));
        const header = extraColumn ? ['code', 'teacher', 'upn', 'session', 'date'] : ['upn', 'date', 'session', 'code'];
        if (extraColumn) fields = fields.map(([u, d, s, c]) => [c!, 'Ms Smith', u!, s!, d!]);
        const expected = read(straightforward, header, fields);
        // Twice: the second run starts with the remembered UPN and dates of the first.
        for (let run = 0; run < 2; run++) expect(read(ATTENDANCE as TableSpec, header, fields)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['in order, then a repeat of an earlier row', [['2025-09-01', 'AM'], ['2025-09-01', 'PM'], ['2025-09-02', 'AM'], ['2025-09-01', 'PM']], [5]],
    ['a repeat straight after', [['2025-09-01', 'AM'], ['2025-09-01', 'AM']], [3]],
    ['out of order, then a repeat of a row from before it went out of order', [['2025-09-02', 'AM'], ['2025-09-01', 'PM'], ['2025-09-02', 'AM'], ['2025-09-01', 'PM']], [4, 5]],
  ] as const)('reports each duplicate against its first line: %s', (_what, marks, duplicateLines) => {
    const rows = marks.map(([d, s]) => ['B801200005001', d, s, '/']);
    const { problems } = read(ATTENDANCE as TableSpec, ['upn', 'date', 'session', 'code'], rows);
    expect(problems.filter((p) => p.code === 'duplicate-row').map((p) => p.line)).toEqual(duplicateLines);
  });

  it('property: cleanIsoDate accepts exactly the YYYY-MM-DD dates parseDate keeps as they are', () => {
    const digits = fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/);
    fc.assert(
      fc.property(fc.oneof(digits, fc.string({ maxLength: 12 })), (text) => {
        const parsed = parseDate(text);
        const clean = parsed.ok && parsed.value === text;
        expect(cleanIsoDate(text)).toBe(clean ? text : undefined);
      }),
      { numRuns: 2000 },
    );
  });
});
