import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DataSet } from '../../../core/import/dataset.ts';
import { formatProblem, type Problem } from '../../../core/import/problem.ts';
import { loadDataDirectory, readCsvStream } from '../../../core/node/import/load.ts';
import { AS_OF, brief, FIXTURES } from './helpers.ts';

const load = (path: string) => loadDataDirectory(`${FIXTURES}malformed/${path}`, { asOf: AS_OF });

describe('problem reports', () => {
  it('are formatted FILE:LINE:COLUMN: severity: message', () => {
    const problem: Problem = { file: 'attendance.csv', line: 3, column: 'code', severity: 'error', code: 'unknown-code', message: '"Q9" is not a national attendance code. Row not imported.' };
    expect(formatProblem(problem)).toBe('attendance.csv:3:code: error: "Q9" is not a national attendance code. Row not imported.');
  });
});

describe('row problems in attendance.csv (tests/fixtures/import/malformed/attendance): errors reject the row, warnings keep it', () => {
  it.each([
    // [what, line, column, severity, code]
    ['an unknown extra column is ignored', 1, 'teacher', 'warning', 'extra-column'],
    ['an unknown attendance code', 3, 'code', 'error', 'unknown-code'],
    ['a malformed date (month 31)', 4, 'date', 'error', 'bad-date'],
    ['a missing required field', 5, 'session', 'error', 'missing-field'],
    ['a row with the wrong number of fields', 6, '-', 'error', 'field-count'],
    ['a duplicate row', 8, '-', 'warning', 'duplicate-row'],
    ['a date after the "as of" date', 9, 'date', 'warning', 'future-date'],
    ['a retired code (H, before 19 Aug 2024)', 10, 'code', 'warning', 'retired-code'],
    ['a UPN with a wrong check letter', 11, 'upn', 'warning', 'upn-check'],
    ['attendance for a UPN no child has', 12, 'upn', 'warning', 'unknown-child'],
    ['a value outside its list (session XM)', 13, 'session', 'error', 'bad-value'],
  ] as const)('%s: line %i, column %s, %s', async (_what, line, column, severity, code) => {
    const { problems } = await load('attendance');
    expect(problems.filter((p) => p.file === 'attendance.csv' && p.line === line && p.column === column && p.severity === severity && p.code === code)).toHaveLength(1);
  });

  it('counts every row: read = accepted + rejected, and keeps the warned rows', async () => {
    const { files, records, problems } = await load('attendance');
    const attendance = files.find((f) => f.file === 'attendance.csv');
    expect(attendance).toMatchObject({ rowsRead: 12, accepted: 7, rejected: 5, errors: 5, rejectedWhole: false });
    expect(attendance?.warnings).toBe(problems.filter((p) => p.file === 'attendance.csv' && p.severity === 'warning').length);
    // Kept: lines 2, 7, 8 (counted once), 9 (future), 10 (retired H) for 1001; line 11 for 1002 (its UPN is wrong in both files).
    const amara = records.find((r) => r.identity.personId === '1001');
    expect(amara?.attendance.marks.map((m) => `${m.date} ${m.session} ${m.code}`)).toEqual(['2023-05-02 AM H', '2026-03-09 AM /', '2026-03-12 AM /', '2026-04-20 AM /']);
    expect(records.find((r) => r.identity.personId === '1002')?.attendance.marks).toHaveLength(1);
  });

  it('says what is wrong in plain words, naming the value', async () => {
    const { problems } = await load('attendance');
    const text = problems.map(formatProblem);
    expect(text).toContain('attendance.csv:3:code: error: "Q9" is not a national attendance code. Row not imported.');
    expect(text).toContain('attendance.csv:6:-: error: This row has 3 fields; the header has 5. Row not imported.');
    expect(text.find((t) => t.startsWith('attendance.csv:11:upn'))).toContain('The check letter should be T, not A');
  });
});

describe('whole-file rejections: one clear error, nothing imported from the file', () => {
  it.each([
    ['missing-column', 'children.csv:1:date_of_birth error missing-column'],
    ['not-utf8', 'children.csv:3:- error not-utf8'],
    ['unrecognised', 'notes.csv:1:- error unrecognised-file'],
    ['empty', 'children.csv:1:- error no-header'],
    ['broken.xml', 'broken.xml:5:- error xml-syntax'],
  ])('%s', async (fixture, expected) => {
    const { problems, files, records } = await load(fixture);
    expect(brief(problems)).toEqual([expected]);
    expect(files[0]).toMatchObject({ rejectedWhole: true, accepted: 0 });
    expect(records).toEqual([]);
  });

  it('a file with an invalid byte late on loses the rows read before it, and says which line', async () => {
    const lines = ['upn,date,session,code', ...Array.from({ length: 5000 }, (_, i) => `D383200019001,2026-03-${String((i % 9) + 1).padStart(2, '0')},AM,/`)];
    const bytes = Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), Buffer.from([0xff, 0x0a])]);
    const data = new DataSet(AS_OF);
    const summary = await readCsvStream(Readable.from([bytes.subarray(0, 70000), bytes.subarray(70000)]), 'attendance.csv', data);
    expect(summary).toMatchObject({ accepted: 0, rejectedWhole: true });
    expect(brief(data.problems)).toEqual(['attendance.csv:5002:- error not-utf8']);
  });

  it('an unterminated quote rejects its row, naming the line and column where it opened', async () => {
    const { problems } = await load('broken-quotes');
    expect(brief(problems)).toEqual(['children.csv:2:first_name error csv-syntax']);
  });

  it('JSON records failing the schema are rejected one by one, naming the field', async () => {
    const { problems, records } = await load('records.json');
    expect(brief(problems)).toEqual(['records.json:1:[0].identity.dateOfBirth error schema']);
    expect(records.map((r) => r.identity.personId)).toEqual(['J2']);
  });
});

describe('SSDA903 problems (tests/fixtures/import/malformed/ssda903)', () => {
  it('reports each, keeping rows with warnings', async () => {
    const { problems, records } = await load('ssda903');
    expect(brief(problems)).toEqual([
      'episodes.csv:2:DECOM error bad-date',
      'episodes.csv:3:RNE error bad-value',
      'episodes.csv:4:DEC error bad-date',
      'episodes.csv:5:LS warning unknown-code',
      'episodes.csv:5:RNE warning care-period',
      'episodes.csv:6:CHILD warning unknown-child',
      'header.csv:2:UPN warning upn-check',
      'header.csv:3:SEX warning unknown-code',
      'header.csv:4:DOB error missing-field',
      'header.csv:4:UPN warning upn-check',
    ]);
    expect(records.map((r) => [r.identity.personId, r.identity.gender])).toEqual([
      ['501', 'male'],
      ['502', 'not-known'],
    ]);
  });
});

describe('CSV details', () => {
  const read = async (text: string, file = 'attendance.csv') => {
    const data = new DataSet(AS_OF);
    const summary = await readCsvStream(Readable.from([Buffer.from(text)]), file, data);
    return { summary, problems: brief(data.problems) };
  };

  it('counts lines across quoted line breaks and blank lines, with CRLF', async () => {
    const { problems } = await read('child_id,first_name,last_name,date_of_birth\r\n1,"Ann\r\nMarie",Lee,2015-01-01\r\n\r\n2,Bo,Ng,2015-02-30\r\n', 'children.csv');
    expect(problems).toEqual(['children.csv:5:date_of_birth error bad-date']);
  });

  it('recognises a template by its columns when the file has another name', async () => {
    const { summary } = await read('upn,date,session,code\nD383200019001,2026-03-09,AM,/\n', 'export-2026.csv');
    expect(summary).toMatchObject({ format: 'attendance', accepted: 1 });
  });

  it('names the closest table when a 903 file lacks a column', async () => {
    const { problems } = await read('CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\n1,1,01/01/2010,WBRI,,\n', 'header.csv');
    expect(problems).toEqual(['header.csv:1:MC_DOB error missing-column']);
  });

  it('rejects a header with a repeated column', async () => {
    const { problems } = await read('upn,date,session,code,code\n', 'attendance.csv');
    expect(problems).toEqual(['attendance.csv:1:code error duplicate-column']);
  });
});

describe('problems across files', () => {
  it.each([
    [
      'conflicting date of birth and UPN between children.csv and the 903 header; children.csv wins',
      { 'children.csv': 'child_id,upn,first_name,last_name,date_of_birth\n7,D383200019001,Ann,Lee,2015-01-12\n', 'header.csv': 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n7,2,13/01/2015,WBRI,T383200019002,,\n' },
      ['header.csv:2:DOB warning conflict', 'header.csv:2:UPN warning conflict'],
    ],
    [
      'the same child in two children files, same identity: the later row is used',
      { 'children.csv': 'child_id,first_name,last_name,date_of_birth,school_urn\n7,Ann,Lee,2015-01-12,100001\n', 'more/children.csv': 'child_id,first_name,last_name,date_of_birth,school_urn\n7,Ann,Lee,2015-01-12,100002\n' },
      ['more/children.csv:2:child_id warning duplicate-child'],
    ],
    [
      'a later file giving the child another identity is an error, and the first identity stands',
      { 'children.csv': 'child_id,first_name,last_name,date_of_birth\n7,Ann,Lee,2015-01-12\n', 'more/children.csv': 'child_id,first_name,last_name,date_of_birth\n7,Anne,Lee,2015-01-12\n' },
      ['more/children.csv:2:first_name error conflict'],
    ],
    [
      'two children with one UPN is an error',
      { 'children.csv': 'child_id,upn,first_name,last_name,date_of_birth\n7,D383200019001,Ann,Lee,2015-01-12\n8,D383200019001,Bo,Ng,2015-01-12\n' },
      ['children.csv:3:upn error conflict'],
    ],
    [
      'PEP actions for a child_id no child has',
      { 'children.csv': 'child_id,first_name,last_name,date_of_birth\n7,Ann,Lee,2015-01-12\n', 'pep_actions.csv': 'child_id,meeting_date,action,owner\n9,2026-01-05,Call,school\n9,2026-01-05,Write,carer\n' },
      ['pep_actions.csv:2:child_id warning unknown-child'],
    ],
    ['JSON that does not parse', { 'records.json': '{"schemaVersion": 1,' }, ['records.json:1:- error json-syntax']],
    ['a file that is not data', { 'notes.txt': 'hello' }, ['notes.txt:1:- warning unrecognised-file']],
  ])('%s', async (_what, files, expected) => {
    const dir = await mkdtemp(join(tmpdir(), 'edubridge-import-'));
    try {
      for (const [name, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, name)), { recursive: true });
        await writeFile(join(dir, name), text);
      }
      const { problems } = await loadDataDirectory(dir, { asOf: AS_OF });
      expect(brief(problems)).toEqual(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
