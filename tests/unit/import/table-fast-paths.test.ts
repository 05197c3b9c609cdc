import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/generate.ts';
import { TEMPLATE_FILES, templateLines, type TemplateFile } from '../../../core/generate/templates.ts';
import { DataSet } from '../../../core/import/dataset.ts';
import { itemHash, newSummary, recogniseHeader, TableReader } from '../../../core/import/reader.ts';
import { ALL_TABLES, ATTENDANCE, TEMPLATES, type TableSpec } from '../../../core/import/tables.ts';
import { AS_OF } from './helpers.ts';

/**
 * Every table whose row schema is built of plain fields reads clean CSV rows without zod, through the
 * fast path `fastFieldsOf` derives from the same fields (core/import/schema.ts). Whatever the row, that
 * path must give exactly what the schema gives, or step aside so the schema explains the problem.
 */

/** The straightforward form of a table: every row through its schema, and every duplicate key in one
 * map (not grouped, see `TableReader.firstInGroup`). */
const throughSchema = (table: TableSpec): TableSpec => ({
  ...table,
  fast: undefined,
  fastFields: undefined,
  duplicateKey: table.duplicateKey && ((row) => [table.duplicateKey?.(row) ?? ''].flat().join('\u0000')),
});

/** Values of every kind the templates take, clean and not: dates in both forms, impossible and out of
 * range; numbers, amounts and flags; codes in odd case and with aliases; UPNs with spaces; blanks. */
const VALUES = [
  '2025-09-01', '2024-02-29', '2025-02-29', '2025-13-01', '1899-12-31', '2101-01-01', '01/09/2025', '1/9/2025', '31/02/2025', '2025-9-1', ' 2025-09-01 ', '2025/09/01',
  '0', '12', ' 7 ', '-1', '1.5', '£1,234.50', '1,234', '100.999', '999999999999999', '9999999999999999',
  'Y', 'n', 'yes', 'TRUE', 'false', 'maybe',
  'approved', 'APPROVED', ' Draft ', 'KS2', 'ks4', 'termly', 'Phonics', 'female', 'F', 'm', '2', 'NOT KNOWN', 'other', 'suspension', 'Fixed Period', 'permanent', 'school', 'SW', 'social worker', 'virtual-school', 'E', 'k', 'N', 'AM', 'pm',
  'expected', 'working-towards', '5', 'u', 'green', 'SEMH',
  'B801200005001', 'b8012 00005001', ' W383200015000', 'A123',
  'S', 'C2', 'U1', 'P1', 'E11', '1001', 'Amara', 'Okafor', "O'Neill", 'sam@council.example', 'https://epep.example/1', 'javascript:alert(1)',
  '', ' ', '\t', '\u00a0',
];
const value = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...VALUES) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

const RECORDS = generateRecords({ children: 40, seed: 11, asOf: AS_OF });

function parseCsv(text: string): string[][] {
  return Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true }).data;
}

/** The values each column has in the generated files (the real formats), so that most random rows of
 * a table are clean and some are not. */
const GENERATED = new Map<string, string[]>();
for (const file of TEMPLATE_FILES) {
  const [header, ...rows] = parseCsv([...templateLines(file, RECORDS)].join(''));
  (header as string[]).forEach((column, i) => {
    const values = GENERATED.get(column) ?? [];
    for (const row of rows.slice(0, 50)) values.push(row[i] as string);
    GENERATED.set(column, values);
  });
}
const valueFor = (column: string) => {
  const generated = GENERATED.get(column) ?? [];
  return generated.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...generated) }, { weight: 1, arbitrary: value }) : value;
};

/** A header: the table's columns, some left out unless required, in any order, with an extra one. */
function headerOf(table: TableSpec) {
  return fc
    .tuple(
      fc.array(fc.boolean(), { minLength: table.columns.length, maxLength: table.columns.length }),
      fc.boolean(),
      fc.nat(),
    )
    .map(([keep, extra, seed]) => {
      const columns = table.columns.filter((c, i) => keep[i] || table.required.includes(c) || table.kind === 'ssda903');
      if (extra) columns.push('notes');
      // A rotation and, every other time, a reversal: orders other than the template's.
      const turned = [...columns.slice(seed % columns.length), ...columns.slice(0, seed % columns.length)];
      return seed % 2 === 0 ? turned : turned.reverse();
    });
}

/** What the reader hands the schema for a CSV row: the table's columns the file has. */
function inputOf(table: TableSpec, header: readonly string[], fields: readonly string[]): Record<string, string> {
  const input: Record<string, string> = {};
  for (const column of table.columns) {
    const index = header.indexOf(column);
    if (index >= 0) input[column] = fields[index] as string;
  }
  return input;
}

const derived = ALL_TABLES.filter((t) => t !== (ATTENDANCE as TableSpec));

describe('fast paths derived from the row schemas (core/import/schema.ts fastFieldsOf)', () => {
  it('every template and SSDA903 table has one', () => {
    expect(ALL_TABLES.filter((t) => t.fastFields === undefined).map((t) => t.id)).toEqual([]);
  });

  it.each(derived.map((t) => [t.id, t] as const))('property: %s gives what its schema gives, or steps aside for a row the schema rejects', (_id, table) => {
    const fast = table.fastFields as NonNullable<TableSpec['fastFields']>;
    fc.assert(
      fc.property(
        headerOf(table).chain((header) => fc.tuple(fc.constant(header), fc.tuple(...header.map(valueFor)))),
        ([header, fields]) => {
          const at = table.columns.map((c) => header.indexOf(c));
          const row = fast(fields, at);
          const parsed = table.schema.safeParse(inputOf(table, header, fields));
          if (row === undefined) {
            expect(parsed.success).toBe(false);
          } else {
            expect(parsed.success).toBe(true);
            // Strictly: the same keys (a blank column's key holds undefined, an absent column's is left
            // out), in the same order, with the same values.
            expect(row).toStrictEqual(parsed.data);
            expect(Object.keys(row as object)).toEqual(Object.keys(parsed.data as object));
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('takes clean rows: the generated files are read without the schema', () => {
    for (const table of TEMPLATES.filter((t) => t !== (ATTENDANCE as TableSpec))) {
      const [header, ...rows] = parseCsv([...templateLines(`${table.id}.csv` as TemplateFile, RECORDS)].join(''));
      const at = table.columns.map((c) => (header as string[]).indexOf(c));
      expect(rows.length, table.id).toBeGreaterThan(0);
      for (const fields of rows) expect(table.fastFields?.(fields, at), `${table.id}: ${fields.join(',')}`).toBeDefined();
    }
  });
});

/** Reads one file's rows with `table` into a fresh data set, as the CSV reader does. */
function readWith(table: TableSpec, file: string, header: readonly string[], rows: readonly string[][]) {
  const data = new DataSet(AS_OF);
  const summary = newSummary(file, table.label);
  data.summaries.set(file, summary);
  const reader = new TableReader(file, table, header, data, summary);
  rows.forEach((fields, i) => reader.row(fields, i + 2));
  reader.finish();
  data.closeProblems();
  return data;
}

describe('a whole file reads the same with the fast paths as through the schemas alone', () => {
  const files = TEMPLATES.filter((t) => t !== (ATTENDANCE as TableSpec)).map((t) => `${t.id}.csv` as TemplateFile);

  it.each(files)('property: %s as generated, with values replaced, rows repeated and reordered', (file) => {
    const [rawHeader, ...rows] = parseCsv([...templateLines(file, RECORDS)].join(''));
    const recognised = recogniseHeader(file, rawHeader as string[]);
    if (!recognised.ok) throw new Error(`${file} not recognised`);
    const { table, columns } = recognised;
    const edit = fc.record({ row: fc.nat(), column: fc.nat(), value });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), fc.array(fc.nat(), { maxLength: 10 }), fc.boolean(), (edits, repeats, reversed) => {
        const fields = rows.map((r) => [...r]);
        for (const e of edits) {
          const target = fields[e.row % fields.length] as string[];
          target[e.column % target.length] = e.value;
        }
        // Repeated rows (some identical, some edited since): duplicates and conflicts.
        for (const r of repeats) fields.push([...(fields[r % fields.length] as string[])]);
        if (reversed) fields.reverse();
        const expected = readWith(throughSchema(table), file, columns, fields);
        const actual = readWith(table, file, columns, fields);
        expect(actual.problems).toStrictEqual(expected.problems);
        expect(actual).toStrictEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('DataSet.keyRuns (core/import/dataset.ts) counts as useKey and noteSource do row by row', () => {
  it('property: same uses, counts, first lines and sources for any keys, in runs or not', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('B801200005001', 'W383200015000', '1001', ''), { maxLength: 40 }), fc.constantFrom(undefined, 'pep' as const), (keys, part) => {
        const at = (i: number) => ({ file: 'peps.csv', line: i + 2 });
        const byRow = new DataSet(AS_OF);
        keys.forEach((key, i) => {
          DataSet.useKey(byRow.childIdUses, key, at(i), 'peps');
          if (part) byRow.noteSource(part, key, 'peps.csv');
        });
        const byRun = new DataSet(AS_OF);
        const use = byRun.keyRuns(byRun.childIdUses, 'peps', part, at);
        keys.forEach((key, i) => use(key, i));
        expect(byRun).toStrictEqual(byRow);
      }),
    );
  });
});

describe('duplicates within a group out of order (core/import/reader.ts firstInGroup)', () => {
  it('two different rows whose items hash alike are both kept, and each repeat is named against its own first line', () => {
    // "ldezubsccr" and "hfizjmuobc" on one date and measure have the same 32-bit item hash.
    const header = ['upn', 'date', 'measure', 'subject', 'result', 'target'];
    const row = (subject: string) => ['B801200005001', '2025-07-15', 'KS2', subject, '100', ''];
    const rows = [row('reading'), row('ldezubsccr'), row('hfizjmuobc'), row('hfizjmuobc'), row('LDEZUBSCCR')];
    const table = TEMPLATES.find((t) => t.id === 'assessments') as TableSpec;
    for (const spec of [table, throughSchema(table)]) {
      const data = readWith(spec, 'assessments.csv', header, rows);
      expect(data.summaries.get('assessments.csv')).toMatchObject({ accepted: 5, rejected: 0 });
      expect(data.problems.filter((p) => p.code === 'duplicate-row').map((p) => `${p.line}: ${p.message}`)).toEqual(['5: Duplicate of line 4; counted once', '6: Duplicate of line 3; counted once']);
      expect(data.assessments.get('B801200005001')?.map((a) => a.subject)).toEqual(['reading', 'ldezubsccr', 'hfizjmuobc']);
    }
  });

  it('termly judgements and statutory results mixed and out of order, as a school exports them: each repeat found, each row kept as the record holds it', () => {
    const header = ['upn', 'date', 'measure', 'subject', 'result', 'target'];
    const upn = 'B801200005001';
    const rows = [
      [upn, '2024-07-08', 'KS2', 'reading', '104', ''],
      [upn, '2024-07-08', 'KS2', 'maths', '99', ''],
      [upn, '2023-12-15', 'TERMLY', 'English', 'EXS', 'GDS'],
      [upn, '2023-12-15', 'TERMLY', 'maths', 'wts', ''],
      [upn, '2023-12-15', 'TERMLY', 'Science', '5', '6'],
      // Repeats of lines 5 and 2, after rows that sort after them.
      [upn, '2023-12-15', 'TERMLY', 'english', 'expected', 'greater-depth'],
      [upn, '2024-07-08', 'KS2', 'READING', '104', ''],
    ];
    const table = TEMPLATES.find((t) => t.id === 'assessments') as TableSpec;
    for (const spec of [table, throughSchema(table)]) {
      const data = readWith(spec, 'assessments.csv', header, rows);
      expect(data.summaries.get('assessments.csv')).toMatchObject({ rowsRead: 7, accepted: 7, rejected: 0 });
      expect(data.problems.filter((p) => p.code === 'duplicate-row').map((p) => `${p.line}: ${p.message}`)).toEqual(['7: Duplicate of line 4; counted once', '8: Duplicate of line 2; counted once']);
      expect(data.assessments.get(upn)).toEqual([
        { measure: 'KS2', subject: 'reading', date: '2024-07-08', result: '104', target: undefined },
        { measure: 'KS2', subject: 'maths', date: '2024-07-08', result: '99', target: undefined },
      ]);
      expect(data.termly.get(upn)).toEqual([
        { subject: 'English', date: '2023-12-15', judgement: 'expected', predictedGrade: undefined, target: 'greater-depth' },
        { subject: 'maths', date: '2023-12-15', judgement: 'working-towards', predictedGrade: undefined, target: undefined },
        { subject: 'Science', date: '2023-12-15', judgement: undefined, predictedGrade: '5', target: '6' },
      ]);
      expect([...data.upnUses.values()].map((use) => [use.line, use.rows])).toEqual([[2, 5]]);
    }
  });
});

/**
 * Subjects whose items (one pupil, date and measure) all share one hash: `2^blocks` of them, made of
 * blocks of eight letters, each block one of two found to take the hash to the same value.
 */
function collidingSubjects(blocks: number): string[] {
  const prefix = '2025-07-15\u0000KS2\u0000';
  let state = 1;
  const letter = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return String.fromCharCode(97 + ((state >>> 16) % 26));
  };
  let subjects = [''];
  for (let b = 0; b < blocks; b++) {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    while (pair === undefined) {
      let block = '';
      for (let i = 0; i < 8; i++) block += letter();
      const hash = itemHash(prefix + (subjects[0] as string) + block);
      const other = seen.get(hash);
      if (other !== undefined && other !== block) pair = [other, block];
      else seen.set(hash, block);
    }
    const [one, two] = pair;
    subjects = subjects.flatMap((s) => [s + one, s + two]);
  }
  return subjects;
}

describe('a file whose items are made to share one hash', () => {
  const subjects = collidingSubjects(8);

  it('the subjects do share one hash (else this test proves nothing)', () => {
    expect(new Set(subjects).size).toBe(256);
    expect(new Set(subjects.map((s) => itemHash(`2025-07-15\u0000KS2\u0000${s}`))).size).toBe(1);
  });

  it('still finds each repeat, and works each row\'s item out a bounded number of times', () => {
    const header = ['upn', 'date', 'measure', 'subject', 'result', 'target'];
    // Out of order from the start, then every subject again.
    const rows = [...subjects].reverse().concat(subjects).map((subject) => ['B801200005001', '2025-07-15', 'KS2', subject, '100', '']);
    const table = TEMPLATES.find((t) => t.id === 'assessments') as TableSpec;
    let keys = 0;
    const counted: TableSpec = { ...table, duplicateKey: (row) => (keys++, table.duplicateKey!(row)) };
    const data = readWith(counted, 'assessments.csv', header, rows);
    const expected = readWith(throughSchema(table), 'assessments.csv', header, rows);
    expect(data.problems).toStrictEqual(expected.problems);
    expect(data.problems.filter((p) => p.code === 'duplicate-row')).toHaveLength(256);
    expect(data.assessments.get('B801200005001')).toHaveLength(256);
    // Comparing every row with every earlier one would take about 256 × 256 / 2 = 32,768.
    expect(keys).toBeLessThan(rows.length * 20);
  });
});
