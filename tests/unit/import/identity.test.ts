/**
 * Who a row is about must never be guessed: a UPN shared by two children, a later file giving a child
 * another identity, and duplicate rows that disagree are errors that name both rows and what differs.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../core/import/problem.ts';
import type { ChildEducationRecord } from '../../../core/model/index.ts';
import { loadDataDirectory } from '../../../core/node/import/load.ts';
import { ChildStore } from '../../../core/node/server/data.ts';
import type { User } from '../../../core/node/server/users.ts';
import { AS_OF, FIXTURES } from './helpers.ts';

let root: string;
let cases = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'edubridge-identity-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function load(files: Record<string, string>) {
  const dir = join(root, `case-${++cases}`);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return loadDataDirectory(dir, { asOf: AS_OF });
}

const CHILDREN = 'child_id,upn,first_name,last_name,date_of_birth\n';
const ATTENDANCE = 'upn,date,session,code\n';

describe('a UPN shared by two children is an import error (DfE: a UPN is unique to one pupil)', () => {
  it('names both rows; neither child keeps the UPN or gets the attendance filed under it', async () => {
    const { problems, records } = await load({
      'children.csv': `${CHILDREN}7,D383200019001,Ann,Lee,2015-01-12\n8,D383200019001,Bo,Ng,2015-03-02\n9,T383200019002,Cy,Ow,2015-04-04\n`,
      'attendance.csv': `${ATTENDANCE}D383200019001,2026-03-09,AM,/\nT383200019002,2026-03-09,AM,/\n`,
    });
    expect(problems.map(formatProblem)).toEqual([
      `children.csv:3:upn: error: UPN "D383200019001" is also child "7"'s (children.csv:2); a UPN belongs to one pupil, so neither child keeps it or gets the attendance, results or exclusions filed under it. Correct the UPN at source.`,
    ]);
    const byId = new Map(records.map((r) => [r.identity.personId, r]));
    for (const id of ['7', '8']) {
      expect(byId.get(id)?.identity.upn).toBeUndefined();
      expect(byId.get(id)?.attendance.marks).toEqual([]);
    }
    expect(byId.get('9')?.attendance.marks).toHaveLength(1);
  });

  it('between a JSON record and a CSV child too', async () => {
    const json = JSON.parse(await readFile(join(FIXTURES, 'valid/records/2001.json'), 'utf8')) as ChildEducationRecord;
    const { problems, records } = await load({ 'records.json': JSON.stringify({ ...json, identity: { ...json.identity, upn: 'D383200019001' } }), 'children.csv': `${CHILDREN}7,D383200019001,Ann,Lee,2015-01-12\n` });
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`)).toEqual(['children.csv:2:upn error conflict']);
    expect(records.map((r) => [r.identity.personId, r.identity.upn])).toEqual([
      ['2001', undefined],
      ['7', undefined],
    ]);
  });

  it('the server scopes a social worker by person ID: a UPN two records share opens neither', () => {
    const record = (personId: string, upn: string | undefined): ChildEducationRecord => ({
      schemaVersion: 1,
      identity: { personId, upn, firstName: 'A', lastName: personId, dateOfBirth: '2015-01-01', gender: 'female' },
      care: { lookedAfter: true, periods: [], placementChanges: [] },
      school: { enrolments: [] },
      attendance: { marks: [], summaries: [] },
      attainment: { assessments: [], termly: [] },
      exclusions: [],
      pep: { meetings: [], actions: [] },
      provenance: {},
    });
    const store = new ChildStore([record('1', 'D383200019001'), record('2', 'D383200019001'), record('3', 'T383200019002')], AS_OF);
    const worker = (children: string[]): User => ({ role: 'social-worker', children }) as unknown as User;
    expect(store.visibleTo(worker(['D383200019001'])).map((r) => r.identity.personId)).toEqual([]);
    expect(store.find('D383200019001')).toBeUndefined();
    expect(store.visibleTo(worker(['1'])).map((r) => r.identity.personId)).toEqual(['1']);
    // A UPN only one record has still names that child.
    expect(store.visibleTo(worker(['t383 2000 19002'])).map((r) => r.identity.personId)).toEqual(['3']);
  });
});

describe("a later row or file cannot quietly replace a child's identity", () => {
  it.each([
    [
      'children.csv: the same child_id in one file with another name (both rows and what differs)',
      { 'children.csv': `${CHILDREN}7,,Ann,Lee,2015-01-12\n7,,Anne,Lee,2015-01-12\n` },
      'children.csv:3:first_name: error: Line 2 has the same child_id but differs: first_name "Ann" there, "Anne" here. Line 2 is used; correct one of them. Row not imported.',
    ],
    [
      'children.csv: the same child_id in one file differing only in school (a warning; the first row is used)',
      { 'children.csv': 'child_id,first_name,last_name,date_of_birth,school_urn\n7,Ann,Lee,2015-01-12,100001\n7,Ann,Lee,2015-01-12,100002\n' },
      'children.csv:3:school_urn: warning: Line 2 has the same child_id but differs: school_urn "100001" there, "100002" here. Line 2 is used',
    ],
    [
      'children.csv: a later file with another date of birth',
      { 'a/children.csv': `${CHILDREN}7,,Ann,Lee,2015-01-12\n`, 'b/children.csv': `${CHILDREN}7,,Ann,Lee,2016-01-12\n` },
      'b/children.csv:2:date_of_birth: error: child_id "7" is at a/children.csv:2 with a different identity: date_of_birth "2015-01-12" there, "2016-01-12" here. a/children.csv:2 is used; correct one of them. Row not imported.',
    ],
    [
      'SSDA903 header: a later file with another UPN',
      { 'a/header.csv': 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n7,1,12/01/2015,WBRI,D383200019001,,\n', 'b/header.csv': 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n7,1,12/01/2015,WBRI,T383200019002,,\n' },
      'b/header.csv:2:UPN: error: CHILD "7" is at a/header.csv:2 with a different identity: UPN "D383200019001" there, "T383200019002" here. a/header.csv:2 is used; correct one of them. Row not imported.',
    ],
  ])('%s', async (_what, files, expected) => {
    const { problems, records, files: summaries } = await load(files);
    expect(problems.map(formatProblem)).toEqual([expected]);
    expect(records).toHaveLength(1);
    if (expected.includes('error')) {
      const later = summaries.find((f) => expected.startsWith(`${f.file}:`));
      expect(later).toMatchObject({ rowsRead: 1 + (Object.keys(files).length === 1 ? 1 : 0), errors: 1 });
      expect(records[0]?.identity).toMatchObject(expected.includes('UPN') ? { upn: 'D383200019001', dateOfBirth: '2015-01-12' } : { firstName: 'Ann', dateOfBirth: '2015-01-12' });
    }
  });

  it('records JSON over children.csv: the JSON record is used, and what it changes about the child is named', async () => {
    const json = JSON.parse(await readFile(join(FIXTURES, 'valid/records/2001.json'), 'utf8')) as ChildEducationRecord;
    const { problems, records } = await load({ 'records.json': JSON.stringify(json), 'children.csv': `${CHILDREN}2001,,Yusuf,Rahman,2013-10-30\n` });
    expect(problems.map(formatProblem)).toEqual([
      'records.json:1:identity.personId: warning: Child "2001" is also at children.csv:2 with a different identity (dateOfBirth "2013-10-30" there, "2013-09-30" here); this JSON record is used and the CSV or SSDA903 rows for the child are not',
    ]);
    expect(records.map((r) => r.identity.dateOfBirth)).toEqual(['2013-09-30']);
  });

  it('records JSON: a second record for the same child is an error, and the first is the one used', async () => {
    const json = JSON.parse(await readFile(join(FIXTURES, 'valid/records/2001.json'), 'utf8')) as ChildEducationRecord;
    const { problems, records } = await load({ 'a.json': JSON.stringify(json), 'b.json': JSON.stringify([{ ...json, identity: { ...json.identity, firstName: 'Someone' } }]) });
    expect(problems.map(formatProblem)).toEqual(['b.json:1:[0].identity.personId: error: Child "2001" also has a record at a.json, which is used; a child has one record. Record not imported.']);
    expect(records.map((r) => r.identity.firstName)).toEqual(['Yusuf']);
  });
});

describe('two marks for one session (DfE: one attendance code per pupil per session)', () => {
  it('the same mark twice is counted once; two different marks are an error naming both rows and both codes', async () => {
    const { problems, records } = await load({
      'children.csv': `${CHILDREN}7,D383200019001,Ann,Lee,2015-01-12\n`,
      'attendance.csv': `${ATTENDANCE}D383200019001,2026-03-09,AM,/\nD383200019001,2026-03-09,AM,/\nD383200019001,2026-03-09,PM,\\\nD383200019001,2026-03-09,PM,O\n`,
    });
    expect(problems.map(formatProblem)).toEqual([
      'attendance.csv:3:-: warning: Duplicate of line 2; counted once',
      'attendance.csv:5:code: error: Line 4 has the same UPN, date and session but differs: code "\\\\" there, "O" here. Line 4 is used; correct one of them. Row not imported.',
    ]);
    expect(records[0]?.attendance.marks.map((m) => `${m.session} ${m.code}`)).toEqual(['AM /', 'PM \\']);
  });
});
