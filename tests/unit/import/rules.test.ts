/**
 * The import rules people get wrong, one table per rule, each named after the rule and its source:
 * code lists and formats the validator checks, the separator and quoting of CSV, who is looked after,
 * placement changes and overlapping SSDA903 episodes, and how current each part of a record is.
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../core/import/problem.ts';
import { collectionYearEnd } from '../../../core/import/tables.ts';
import { loadDataDirectory } from '../../../core/node/import/load.ts';
import { startServer } from '../../../core/node/server/serve.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { AS_OF, brief } from './helpers.ts';

let root: string;
let cases = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'edubridge-rules-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function folder(files: Record<string, string>): Promise<string> {
  const dir = join(root, `case-${++cases}`);
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const load = async (files: Record<string, string>, asOf = AS_OF) => loadDataDirectory(await folder(files), { asOf });

const CHILD = 'child_id,first_name,last_name,date_of_birth';
const HEADER_903 = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB';
const EPISODES_903 = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN';
/** An SSDA903 episode row: CHILD 7, the given start, RNE, end and REC. */
const episode = (start: string, rne: string, end = '', rec = '') => `7,${start},${rne},C2,N1,U1,PR1,${end},${rec},,,,`;

describe('codes and formats the validator checks: unknown ones warn, the row is kept', () => {
  it.each([
    ['DfE ethnicity codes (school census main and extended codes)', { 'children.csv': `${CHILD},ethnicity\n7,Ann,Lee,2015-01-12,WBRI\n8,Bo,Ng,2015-01-12,OAFG\n9,Cy,Ow,2015-01-12,ENGLISH\n` }, ['children.csv:4:ethnicity warning unknown-code']],
    ['DfE ethnicity codes in the SSDA903 header (ETHNIC)', { 'header.csv': `${HEADER_903}\n7,1,12/01/2015,WBRI,,,\n8,2,12/01/2015,XXXX,,,\n` }, ['header.csv:3:ETHNIC warning unknown-code']],
    ['school census SEN primary need codes (core/rules/sen.ts)', { 'children.csv': `${CHILD},sen_provision,sen_primary_need\n7,Ann,Lee,2015-01-12,K,SEMH\n8,Bo,Ng,2015-01-12,K,ADHD\n` }, ['children.csv:3:sen_primary_need warning unknown-code']],
    ['school URN: six digits, as Get Information About Schools gives it', { 'children.csv': `${CHILD},school_urn\n7,Ann,Lee,2015-01-12,137216\n8,Bo,Ng,2015-01-12,13721\n9,Cy,Ow,2015-01-12,DfE 383/4001\n` }, ['children.csv:3:school_urn warning bad-value', 'children.csv:4:school_urn warning bad-value']],
    ['PEP quality on the policy scale (core/policy.ts: gold, green, amber, red)', { 'children.csv': `${CHILD}\n7,Ann,Lee,2015-01-12\n`, 'peps.csv': 'child_id,meeting_date,status,quality_rating\n7,2026-01-10,approved,Green\n7,2026-02-10,approved,excellent\n' }, ['peps.csv:3:quality_rating warning unknown-code']],
  ])('%s', async (_rule, files, expected) => {
    const { problems, records } = await load(files);
    expect(brief(problems)).toEqual(expected);
    expect(records.length).toBeGreaterThan(0);
  });

  it('each unknown value is named in its warning', async () => {
    const { problems } = await load({ 'children.csv': `${CHILD},ethnicity,school_urn,sen_provision,sen_primary_need\n7,Ann,Lee,2015-01-12,ENGLISH,1234,K,ADHD\n` });
    expect(problems.map(formatProblem)).toEqual([
      'children.csv:2:ethnicity: warning: "ENGLISH" is not a DfE ethnicity code (a main code such as WBRI or OOTH, or an extended one); kept as given',
      'children.csv:2:school_urn: warning: "1234" is not a school URN (six digits, as Get Information About Schools gives it); kept as given',
      'children.csv:2:sen_primary_need: warning: "ADHD" is not a school census SEN primary need (SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH, NSA); kept as given',
    ]);
  });
});

describe('CSV (RFC 4180): comma-separated, quotes closed', () => {
  it.each([
    ['semicolon', 'child_id;first_name;last_name;date_of_birth\n7;Ann;Lee;2015-01-12\n'],
    ['tab', 'child_id\tfirst_name\tlast_name\tdate_of_birth\n7\tAnn\tLee\t2015-01-12\n'],
  ])('a %s-separated file says so, instead of "required columns missing"', async (name, text) => {
    const { problems, files } = await load({ 'children.csv': text });
    expect(brief(problems)).toEqual(['children.csv:1:- error csv-syntax']);
    expect(problems[0]?.message).toContain(`This file looks ${name} separated`);
    expect(files[0]?.rejectedWhole).toBe(true);
  });

  it('a comma file with a semicolon in one value is read as usual', async () => {
    const { problems, records } = await load({ 'children.csv': `${CHILD},school_urn,school_name\n7,Ann,Lee,2015-01-12,137216,"St Mary's; Leeds"\n` });
    expect(problems).toEqual([]);
    expect(records).toHaveLength(1);
  });

  it('an unterminated quote names the line and column where the field opened and how many rows it swallowed', async () => {
    const { problems, files, records } = await load({ 'children.csv': `${CHILD}\n7,Ann,Lee,2015-01-12\n8,Bo,"Ng,2015-01-12\n9,Cy,Ow,2015-01-12\n10,Di,Fe,2015-01-12\n` });
    expect(problems.map(formatProblem)).toEqual([
      'children.csv:3:last_name: error: A quoted field opens on line 3 and is never closed, so the 2 lines after it (to the end of the file) were read into it. Close the quote; rows from line 3 not imported.',
    ]);
    expect(files[0]).toMatchObject({ rowsRead: 4, accepted: 1, rejected: 3 });
    expect(records.map((r) => r.identity.personId)).toEqual(['7']);
  });

  it('a quote opening in a later line of a row with a quoted line break is placed on its own line', async () => {
    const { problems } = await load({ 'children.csv': `${CHILD},school_name\n7,"Ann\nMarie",Lee,2015-01-12,"Leeds\n8,Bo,Ng,2015-01-12,x\n` });
    expect(brief(problems)).toEqual(['children.csv:3:school_name error csv-syntax']);
  });
});

describe('left care: children.csv looked_after wins over care_start_date and open episodes (docs/data-formats.md)', () => {
  it.each([
    ['looked_after=N with a care_start_date: previously looked after, no period open, no PEP due', `7,Ann,Lee,2012-01-12,N,2024-02-01`, false, 0],
    ['looked_after=Y with a care_start_date: a period of care open since then', `7,Ann,Lee,2012-01-12,Y,2024-02-01`, true, 1],
    ['looked_after empty with a care_start_date: looked after from then', `7,Ann,Lee,2012-01-12,,2024-02-01`, true, 1],
  ])('%s', async (_rule, row, lookedAfter, periods) => {
    const { problems, records } = await load({ 'children.csv': `${CHILD},looked_after,care_start_date\n${row}\n` });
    expect(problems).toEqual([]);
    const record = records[0]!;
    expect(record.care.lookedAfter).toBe(lookedAfter);
    expect(record.care.periods).toHaveLength(periods);
    const status = deriveStatus(record, { asOf: AS_OF });
    expect(status.lookedAfter.lookedAfter).toBe(lookedAfter);
    // No PEP is due for a child who is not looked after; one is for a child in care since 2024.
    expect(status.pep.state === 'not-required').toBe(!lookedAfter);
    if (!lookedAfter) expect(status.flags.filter((f) => f.area === 'pep')).toEqual([]);
  });

  it('looked_after=N with an open SSDA903 period: a warning, and the period is closed at its last episode', async () => {
    const { problems, records } = await load({ 'children.csv': `${CHILD},looked_after\n7,Ann,Lee,2012-01-12,N\n`, 'episodes.csv': `${EPISODES_903}\n${episode('01/02/2024', 'S')}\n` });
    expect(problems.map(formatProblem)).toEqual([
      `children.csv:2:looked_after: warning: looked_after is N, but the SSDA903 episodes leave a period of care open since 2024-02-01; children.csv wins and the period is taken to end 2024-02-01 (the last episode's start). Record the episode's DEC and REC to give the real end`,
    ]);
    expect(deriveStatus(records[0]!, { asOf: AS_OF }).lookedAfter.lookedAfter).toBe(false);
  });
});

describe('SSDA903 placement changes: RNE P, T, U and B record a change of placement (DOMAIN.md §5, 903 guidance)', () => {
  it.each([
    ['P (placement and carer)', 'P', 1],
    ['T (placement, same carer)', 'T', 1],
    ['U (legal status and placement)', 'U', 1],
    ['B (legal status, placement and carer)', 'B', 1],
    ['L (legal status only) is not a placement change', 'L', 0],
  ])('the first episode of a return with RNE %s is counted', async (_what, rne, count) => {
    const { records } = await load({ 'header.csv': `${HEADER_903}\n7,1,12/01/2012,WBRI,,,\n`, 'episodes.csv': `${EPISODES_903}\n${episode('01/06/2025', rne)}\n` });
    expect(records[0]?.care.placementChanges.map((c) => c.date)).toEqual(count ? ['2025-06-01'] : []);
    expect(deriveStatus(records[0]!, { asOf: AS_OF }).lookedAfter.placementChangesLast12Months).toBe(count);
  });

  it('later episodes with P after S are each counted, with the reason recorded on the episode that ended', async () => {
    const { records } = await load({
      'header.csv': `${HEADER_903}\n7,1,12/01/2012,WBRI,,,\n`,
      'episodes.csv': `${EPISODES_903}\n7,01/04/2025,S,C2,N1,U1,PR1,01/06/2025,X1,CARPL,,,\n${episode('01/06/2025', 'P', '01/09/2025', 'X1')}\n${episode('01/09/2025', 'T')}\n`,
    });
    expect(records[0]?.care.placementChanges).toEqual([
      { date: '2025-06-01', reason: 'CARPL' },
      { date: '2025-09-01', reason: undefined },
    ]);
  });
});

describe('overlapping SSDA903 episodes are normalised (903 guidance: an episode ends the day the next begins), naming the right row', () => {
  const header = `${HEADER_903}\n7,1,12/01/2012,WBRI,,,\n`;
  it.each([
    [
      'an episode ending after the next one starts (same period)',
      [episode('01/01/2025', 'S', '01/08/2025', 'X1'), episode('01/06/2025', 'P')],
      ['episodes.csv:2:DEC: warning: CHILD "7": this episode (2025-01-01 to 2025-08-01) overlaps the next one, which starts 2025-06-01 (line 3); it is taken to end 2025-06-01'],
      [['2025-01-01', undefined]],
    ],
    [
      'a period that ended after the next period started',
      [episode('01/01/2024', 'S', '01/09/2024', 'E11'), episode('01/06/2024', 'S')],
      ['episodes.csv:2:DEC: warning: CHILD "7": this episode (2024-01-01 to 2024-09-01) overlaps the next one, which starts 2024-06-01 (line 3); it is taken to end 2024-06-01'],
      [
        ['2024-01-01', '2024-06-01'],
        ['2024-06-01', undefined],
      ],
    ],
    [
      'an episode with no end followed by another (listed out of order): the warning is on the open episode',
      [episode('01/06/2024', 'S'), episode('01/01/2024', 'S')],
      ['episodes.csv:3:DEC: warning: CHILD "7": this episode (2024-01-01 to no end date) overlaps the next one, which starts 2024-06-01 (line 2); it is taken to end 2024-06-01'],
      [
        ['2024-01-01', '2024-06-01'],
        ['2024-06-01', undefined],
      ],
    ],
    [
      'REC X1 (care goes on) followed by a new period (RNE S)',
      [episode('01/01/2024', 'S', '01/03/2024', 'X1'), episode('01/03/2024', 'S')],
      ['episodes.csv:2:REC: warning: CHILD "7": REC "X1" says the period of care goes on after this episode, but the next one (line 3) starts a new period (RNE S) on 2024-03-01; the period is taken to end then'],
      [
        ['2024-01-01', '2024-03-01'],
        ['2024-03-01', undefined],
      ],
    ],
  ])('%s', async (_what, rows, expected, periods) => {
    const { problems, records } = await load({ 'header.csv': header, 'episodes.csv': `${EPISODES_903}\n${rows.join('\n')}\n` });
    expect(problems.map(formatProblem)).toEqual(expected);
    const got = records[0]!.care.periods;
    expect(got.map((p) => [p.start, p.end])).toEqual(periods);
    // No two periods overlap.
    for (let i = 1; i < got.length; i++) expect(got[i - 1]!.end! <= got[i]!.start).toBe(true);
  });

  it('the same episode in two files (the return as CSV and as XML) is counted once, not taken for an overlap', async () => {
    const row = episode('01/01/2025', 'S', '01/08/2025', 'X1');
    const { problems, records } = await load({ 'header.csv': header, 'a/episodes.csv': `${EPISODES_903}\n${row}\n`, 'b/episodes.csv': `${EPISODES_903}\n${row}\n${episode('01/08/2025', 'P')}\n` });
    expect(problems.map(formatProblem)).toEqual(['b/episodes.csv:2:DECOM: warning: CHILD "7": an episode starting 2025-01-01 is also at a/episodes.csv:2; that one is used']);
    expect(records[0]!.care.periods.map((p) => [p.start, p.end, p.episodes.length])).toEqual([['2025-01-01', undefined, 2]]);
  });

  it('an episode with RNE other than S after a period ended names that episode, not "the first"', async () => {
    const { problems } = await load({ 'header.csv': header, 'episodes.csv': `${EPISODES_903}\n${episode('01/01/2024', 'S', '01/03/2024', 'E11')}\n${episode('01/05/2024', 'P')}\n` });
    expect(problems.map(formatProblem)).toEqual([
      'episodes.csv:3:RNE: warning: CHILD "7": this episode (2024-05-01) follows the end of a period of care (line 2, ended 2024-03-01) but has RNE "P", not S; a period of care is taken to start here (its real start may be in an earlier return)',
    ]);
  });
});

describe('freshness from the data, not the files: each part is as of the latest date its data speaks of', () => {
  const files = {
    'children.csv': `child_id,upn,first_name,last_name,date_of_birth,school_urn\n7,D383200019001,Ann,Lee,2012-01-12,137216\n`,
    'attendance.csv': 'upn,date,session,code\nD383200019001,2026-03-12,AM,/\nD383200019001,2026-03-13,PM,/\n',
    'assessments.csv': 'upn,date,measure,subject,result\nD383200019001,2025-07-04,KS2,reading,EXS\n',
    'peps.csv': 'child_id,meeting_date,status\n7,2026-01-10,approved\n7,2026-04-20,scheduled\n',
    'header.csv': `${HEADER_903}\n7,1,12/01/2012,WBRI,D383200019001,,\n`,
    'episodes.csv': `${EPISODES_903}\n${episode('01/05/2017', 'S')}\n`,
  };

  it('latest mark, latest assessment, latest meeting held, the 903 collection year; undated files as of the latest data', async () => {
    const dir = await folder(files);
    // The files' modification times say nothing: set them all to a date long after the data.
    for (const name of Object.keys(files)) await utimes(join(dir, name), new Date('2026-11-30T12:00:00Z'), new Date('2026-11-30T12:00:00Z'));
    const { records } = await loadDataDirectory(dir, { asOf: '2026-12-01' });
    const asOf = Object.fromEntries(Object.entries(records[0]!.provenance).map(([part, p]) => [part, p!.asOf]));
    expect(asOf).toEqual({
      identity: '2026-03-13',
      school: '2026-03-13',
      attendance: '2026-03-13',
      attainment: '2025-07-04',
      pep: '2026-01-10',
      care: '2018-03-31',
    });
  });

  it.each([
    ['an episode in April starts a collection year ending the next 31 March', '2017-04-01', '2026-12-01', '2018-03-31'],
    ['an episode on 31 March ends its collection year that day', '2018-03-31', '2026-12-01', '2018-03-31'],
    ['a collection year not yet over is as current as the "as of" date', '2026-05-01', '2026-12-01', '2026-12-01'],
  ])('SSDA903 collection year (1 April to 31 March): %s', (_rule, date, asOf, expected) => {
    expect(collectionYearEnd(date, asOf)).toBe(expected);
  });

  it('data made for March and served in December is stale in every status, and serve says so at start-up', async () => {
    const dir = await folder({ ...files, 'users.json': JSON.stringify([{ tokenSha256: '9db30df73c09c243f65988f2baca2fa0665feed0429c41b5cc214656c8aa153a', name: 'VSH', role: 'virtual-school' }]) });
    const { records } = await loadDataDirectory(dir, { asOf: '2026-12-01' });
    const status = deriveStatus(records[0]!, { asOf: '2026-12-01' });
    expect(status.freshness.stale).toBe(true);
    expect(status.freshness.oldest).toBe('2018-03-31');
    const lines: string[] = [];
    const server = await startServer({ dir, port: 0, usersFile: join(dir, 'users.json'), auditFile: join(dir, 'audit.jsonl'), asOf: '2026-12-01', log: (line) => lines.push(line) });
    await server.close();
    expect(lines).toContain('edubridge: the data for 1 of 1 children is older than 30 days on 2026-12-01 (the oldest part is as of 2018-03-31); their statuses say so');
  });

  it('fresh data gives no start-up warning', async () => {
    const dir = await folder({ 'children.csv': files['children.csv'], 'attendance.csv': files['attendance.csv'], 'users.json': JSON.stringify([{ tokenSha256: '9db30df73c09c243f65988f2baca2fa0665feed0429c41b5cc214656c8aa153a', name: 'VSH', role: 'virtual-school' }]) });
    const lines: string[] = [];
    const server = await startServer({ dir, port: 0, usersFile: join(dir, 'users.json'), auditFile: join(dir, 'audit.jsonl'), asOf: '2026-03-16', log: (line) => lines.push(line) });
    await server.close();
    expect(lines.filter((l) => l.includes('older than'))).toEqual([]);
  });
});
