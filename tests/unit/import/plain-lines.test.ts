import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRecords } from '../../../core/import/build.ts';
import { DataSet } from '../../../core/import/dataset.ts';
import { firstInvalidUtf8, lineAt } from '../../../core/import/utf8.ts';
import { readCsvStream } from '../../../core/node/import/load.ts';

/**
 * Quote-free CSV lines are split without papaparse (core/node/import/load.ts, `PlainLines`), the rest read
 * by papaparse from the first line that is not plain. Whatever the text and however it arrives in chunks,
 * the rows, line numbers, problems and records must be exactly those papaparse alone gives.
 */
const AS_OF = '2026-03-15';

async function read(bytes: Buffer, cuts: readonly number[], file: string, plainLines: boolean) {
  const data = new DataSet(AS_OF, { problemsPerFile: 1_000_000 });
  const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = point;
  }
  const summary = await readCsvStream(Readable.from(chunks.length > 0 ? chunks : [Buffer.alloc(0)]), file, data, { plainLines });
  const records = buildRecords(data);
  return { summary, problems: data.problems, records: JSON.parse(JSON.stringify(records)) as unknown };
}

async function expectSame(text: string, cuts: readonly number[], file: string) {
  const bytes = Buffer.from(text);
  const plain = await read(bytes, cuts, file, true);
  const papaparse = await read(bytes, cuts, file, false);
  expect(plain).toEqual(papaparse);
}

const ATTENDANCE_HEADER = 'upn,date,session,code';
const CHILDREN_HEADER = 'child_id,upn,first_name,last_name,date_of_birth';

/** Rows of attendance, some of them odd: quotes, stray carriage returns, blank lines, wrong field counts. */
const attendanceRow = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom('A123456789012', 'B123456789012', 'D383200019001'), fc.constantFrom('2026-03-09', '2026-03-10', '09/03/2026', '2026-02-30'), fc.constantFrom('AM', 'PM', 'am', 'XX'), fc.constantFrom('/', '\\', 'N', 'B', 'ZZ', '')).map((f) => f.join(',')) },
  { weight: 1, arbitrary: fc.constantFrom('', '\r', ',,,', 'D383200019001,2026-03-09,AM', '"D383200019001",2026-03-11,AM,/', 'D383200019001,"2026-03-12\n",AM,/', 'D383200019001,2026-03-13,"PM', 'A123456789012,2026-03-09,AM,/,extra', 'A12\r3,2026-03-09,AM,/') },
);

const lineBreak = fc.constantFrom('\n', '\r\n', '\r\n', '\n', '\r');

describe('plain lines read as papaparse reads them', () => {
  it('property: any attendance text, any line breaks, any chunking: the same rows, lines, problems and records', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(attendanceRow, lineBreak), { maxLength: 40 }),
        fc.boolean(),
        fc.array(fc.nat({ max: 1200 }), { maxLength: 6 }),
        async (rows, endsWithBreak, cuts) => {
          let text = `${ATTENDANCE_HEADER}\n` + rows.map(([row, br]) => row + br).join('');
          if (!endsWithBreak) text = text.replace(/(\r\n|\n|\r)$/, '');
          await expectSame(text, cuts, 'attendance.csv');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: the same with Windows line endings throughout, and a children file with quoted names', async () => {
    const child = fc.tuple(fc.integer({ min: 1000, max: 1010 }), fc.constantFrom('', 'A123456789012'), fc.constantFrom('Amara', '"Smith, Jo"', '"Ann ""Nan"""', 'Li\nWei', 'Zoë'), fc.constantFrom('Okafor', 'O\'Neil', ''), fc.constantFrom('2015-01-12', '12/01/2015', 'soon')).map((f) => f.join(','));
    await fc.assert(
      fc.asyncProperty(fc.array(child, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.nat({ max: 900 }), { maxLength: 5 }), async (rows, br, cuts) => {
        await expectSame([CHILDREN_HEADER, ...rows].join(br) + br, cuts, 'children.csv');
      }),
      { numRuns: 200 },
    );
  });

  it('property: runs of a pupil\'s sessions in order, broken now and then (a repeat, a step back, another pupil, an odd code or date): the same as row by row', async () => {
    const UPNS = ['D383200019001', 'A123456789012', 'K801200001001'];
    const day = (n: number) => new Date(Date.UTC(2024, 7, 12) + n * 86_400_000).toISOString().slice(0, 10);
    /** Ways to spoil a row: each is a function of the row and one of these codes. */
    const ODD_CODES = ['J', 'H', 'C1', 'J1', 'c', ' /', '/ ', 'ZZ', 'N', '#', 'I'];
    const SPOIL: ((r: string[], code: string) => string[])[] = [
      (r, code) => [r[0]!, r[1]!, r[2]!, code],
      (r) => [r[0]!, '2026-04-01', r[2]!, r[3]!],
      (r) => [r[0]!, '01/09/2025', r[2]!, r[3]!],
      (r) => [r[0]!.toLowerCase(), r[1]!, r[2]!, r[3]!],
      (r) => [r[0]!, r[1]!, 'pm', r[3]!],
      (r) => [`${r[0]!} `, r[1]!, r[2]!, r[3]!],
      (r) => [r[0]!, r[1]!, r[2]!, r[3]!, ''],
    ];
    const odd = fc.tuple(fc.nat({ max: SPOIL.length - 1 }), fc.constantFrom(...ODD_CODES)).map(([kind, code]) => (r: string[]) => SPOIL[kind]!(r, code));
    const run = fc.record({
      upn: fc.constantFrom(...UPNS),
      from: fc.integer({ min: 0, max: 40 }),
      length: fc.integer({ min: 1, max: 25 }),
      code: fc.constantFrom('/', '\\', 'N', 'C1', 'J', 'B'),
      breaks: fc.array(fc.tuple(fc.nat({ max: 24 }), fc.constantFrom('repeat', 'back', 'odd', 'other')), { maxLength: 3 }),
      odd,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(run, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.nat({ max: 6000 }), { maxLength: 4 }), async (runs, br, cuts) => {
        const lines = [ATTENDANCE_HEADER];
        for (const r of runs) {
          const rows: string[][] = [];
          for (let i = 0; i < r.length; i++) rows.push([r.upn, day(r.from + Math.floor(i / 2)), i % 2 === 0 ? 'AM' : 'PM', r.code]);
          for (const [at, kind] of r.breaks) {
            const i = at % rows.length;
            if (kind === 'repeat') rows.splice(i, 0, [...rows[i]!]);
            else if (kind === 'back' && i > 0) [rows[i - 1], rows[i]] = [rows[i]!, rows[i - 1]!];
            else if (kind === 'odd') rows[i] = r.odd(rows[i]!);
            else rows.splice(i, 0, [UPNS[(UPNS.indexOf(r.upn) + 1) % UPNS.length]!, day(r.from), 'AM', '/']);
          }
          for (const row of rows) lines.push(row.join(','));
        }
        await expectSame(lines.join(br) + br, cuts, 'attendance.csv');
      }),
      { numRuns: 400 },
    );
  });

  it('property: any bytes, cut anywhere: valid UTF-8 (a byte-order mark dropped) reads as in one piece; invalid is refused at the line of its first bad byte, as the WHATWG decoder judges it', async () => {
    const piece = fc.oneof(
      fc.constantFrom('1001,,Zoë,Ørsted,2015-01-12\n', '1002,,€uro,😀,2015-01-12\n', '1003,,Ann,Lee,2015-01-12\r\n', '\n'),
      fc.constantFrom([0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xf4, 0x90, 0x80, 0x80]).map((bytes) => Buffer.from(bytes)),
    );
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(piece, { maxLength: 12 }), fc.array(fc.nat({ max: 400 }), { maxLength: 8 }), async (bom, pieces, cuts) => {
        const bytes = Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(CHILDREN_HEADER + '\n'), ...pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))]);
        const whole = await read(bytes, [], 'children.csv', true);
        const cut = await read(bytes, cuts, 'children.csv', true);
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        // (A file refused as not UTF-8 counts the rows read before the bad byte came, which depends on where
        // the text was cut: its problems and records are the same.)
        if (valid) expect(cut).toEqual(whole);
        else expect({ problems: cut.problems, records: cut.records }).toEqual({ problems: whole.problems, records: whole.records });
        const refused = whole.problems.filter((p) => p.code === 'not-utf8');
        if (valid) expect(refused).toEqual([]);
        else {
          const bad = firstInvalidUtf8(bytes);
          expect(refused.map((p) => p.line)).toEqual([lineAt(bytes, bad < 0 ? bytes.length : bad)]);
        }
        if (valid && bom) expect(whole.summary.format).toBe('children');
      }),
      { numRuns: 300 },
    );
  });

  it('a quote half-way through a long file hands the rest to papaparse on the right line', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `D383200019001,${new Date(Date.UTC(2020, 0, 6) + Math.floor(i / 2) * 86_400_000).toISOString().slice(0, 10)},${i % 2 === 0 ? 'AM' : 'PM'},/`);
    rows[2000] = 'D383200019001,"2028-01-01",AM,/';
    rows[2500] = 'D383200019001,2019-09-02,AM,"N';
    const text = `${ATTENDANCE_HEADER}\n${rows.join('\n')}\n`;
    const plain = await read(Buffer.from(text), [65536], 'attendance.csv', true);
    expect(plain.problems.filter((p) => p.code !== 'unknown-child').map((p) => [p.line, p.code])).toEqual([
      [2002, 'future-date'],
      [2502, 'csv-syntax'],
    ]);
    await expectSame(text, [65536], 'attendance.csv');
  });

  it('a large read is decoded in pieces: characters cut between pieces are whole, and a bad byte in a later piece is refused at its line', async () => {
    // Files are read a megabyte at a time and decoded 64 KiB at a time (core/node/import/load.ts).
    const rows = Array.from({ length: 40_000 }, (_, i) => `${100_000 + i},,Zoë${i % 7 === 0 ? '😀' : ''},Ørsted,2015-01-12`);
    const bytes = Buffer.from(`${CHILDREN_HEADER}\n${rows.join('\n')}\n`);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const whole = await read(bytes, [], 'children.csv', true);
    const small = await read(bytes, Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => i * 1000), 'children.csv', true);
    expect(whole.summary.accepted).toBe(40_000);
    expect(whole.problems).toEqual([]);
    expect(small).toEqual(whole);
    const bad = Buffer.from(bytes);
    const at = bytes.indexOf('\n130000,') + 10;
    bad[at] = 0xff;
    const refused = await read(bad, [], 'children.csv', true);
    expect(refused.problems.map((p) => [p.code, p.line])).toEqual([['not-utf8', 30_002]]);
  });
});
