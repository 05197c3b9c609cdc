import { describe, expect, it } from 'vitest';
import { ChildEducationRecord } from '../../../core/model/index.ts';
import { loadDataDirectory } from '../../../core/node/import/load.ts';
import { AS_OF, FIXTURES } from './helpers.ts';

const load = () => loadDataDirectory(`${FIXTURES}valid`, { asOf: AS_OF });

describe('a valid data directory (tests/fixtures/import/valid: every format, BOM + CRLF children.csv)', () => {
  it('imports every row with no problems, and every record satisfies the schema', async () => {
    const { records, problems, files } = await load();
    expect(problems).toEqual([]);
    expect(files.map((f) => [f.file, f.format, f.rowsRead, f.accepted, f.rejected])).toEqual([
      ['assessments.csv', 'assessments', 6, 6, 0],
      ['attendance.csv', 'attendance', 10, 10, 0],
      ['children.csv', 'children', 3, 3, 0],
      ['exclusions.csv', 'exclusions', 1, 1, 0],
      ['pep_actions.csv', 'pep_actions', 5, 5, 0],
      ['peps.csv', 'peps', 4, 4, 0],
      ['records/2001.json', 'records JSON', 1, 1, 0],
      ['ssda903.xml', 'SSDA903 XML', 4, 4, 0],
      ['ssda903/episodes.csv', 'SSDA903 episodes', 6, 6, 0],
      ['ssda903/header.csv', 'SSDA903 header', 3, 3, 0],
      ['ssda903/sw_episodes.csv', 'SSDA903 social worker episodes', 3, 3, 0],
    ]);
    expect(records.map((r) => r.identity.personId).sort()).toEqual(['1001', '1002', '1003', '1004', '2001', '3001']);
    for (const record of records) expect(ChildEducationRecord.safeParse(record).success).toBe(true);
  });

  it('joins children.csv, attendance (by UPN), PEPs (by child_id) and 903 episodes (CHILD = child_id)', async () => {
    const { records } = await load();
    const amara = records.find((r) => r.identity.personId === '1001') as ChildEducationRecord;
    expect(amara.identity).toMatchObject({ upn: 'D383200019001', firstName: 'Amara', lastName: 'Okafor', dateOfBirth: '2015-01-12', gender: 'female', responsibleLa: '383' });
    expect(amara.attendance.marks).toHaveLength(6);
    expect(amara.attendance.marks[2]).toEqual({ date: '2026-03-10', session: 'AM', code: 'I' });
    expect(amara.pep.meetings.map((m) => [m.date, m.status, m.ppPlusRequested])).toEqual([
      ['2025-10-07', 'approved', 600],
      ['2026-02-03', 'submitted', 1200],
    ]);
    expect(amara.pep.actions.map((a) => a.owner)).toEqual(['social-worker', 'school', 'carer']);
    expect(amara.attainment.termly[1]).toMatchObject({ subject: 'maths', judgement: 'working-towards', target: 'expected' });
    expect(amara.sen).toEqual({ provision: 'K', primaryNeed: 'SEMH' });
    expect(amara.school.enrolments).toEqual([{ urn: '107543', name: 'Oakfield Primary School' }]);
    expect(amara.care.placementArea).toBe('in-area');
    // Social worker: the name from children.csv, the ID from the open 903 social-worker episode.
    expect(amara.care.socialWorker).toEqual({ name: 'Sarah Reynolds', id: 'SW0077' });
  });

  it('builds periods of care from 903 episodes: a period starts at RNE S; X1 continues it; placement changes P/T', async () => {
    const { records } = await load();
    const amara = records.find((r) => r.identity.personId === '1001') as ChildEducationRecord;
    expect(amara.care.lookedAfter).toBe(true);
    expect(amara.care.periods).toHaveLength(1);
    expect(amara.care.periods[0]?.episodes.map((e) => [e.start, e.reasonNewEpisode, e.legalStatus, e.placementType, e.placementPostcode])).toEqual([
      ['2023-06-01', 'S', 'C1', 'U4', 'LS8 5'],
      ['2023-09-15', 'L', 'C2', 'U4', 'LS8 5'],
      ['2024-05-02', 'P', 'C2', 'U1', 'LS14 1'],
    ]);
    // The reason for a placement change is on the episode that ended.
    expect(amara.care.placementChanges).toEqual([{ date: '2024-05-02', reason: 'CARPL' }]);
    const only903 = records.find((r) => r.identity.personId === '1004') as ChildEducationRecord;
    expect(only903.identity).toMatchObject({ gender: 'not-known', dateOfBirth: '2012-04-21', firstName: '', lastName: '' });
    expect(only903.identity.upn).toBeUndefined(); // UN3 is a reason for no UPN, not a UPN
    expect(only903.care.periods.map((p) => [p.start, p.end])).toEqual([
      ['2020-03-03', '2022-10-10'],
      ['2026-01-05', undefined],
    ]);
    expect(only903.care.lookedAfter).toBe(true);
    expect(only903.care.socialWorker).toEqual({ name: 'SW0013', id: 'SW0013' });
  });

  it('reads quoted fields, DD/MM/YYYY dates, M/F/U and 1/2 sex codes, and out-of-area placements', async () => {
    const { records } = await load();
    const tomasz = records.find((r) => r.identity.personId === '1002') as ChildEducationRecord;
    expect(tomasz.identity).toMatchObject({ dateOfBirth: '2010-10-03', gender: 'male' });
    expect(tomasz.care.placementArea).toBe('out-of-area');
    expect(tomasz.attendance.marks.map((m) => m.code)).toEqual(['/', 'C2', 'O', '\\']);
    expect(tomasz.exclusions).toEqual([{ type: 'suspension', start: '2026-01-14', sessions: 4, reasonCode: 'DB' }]);
    expect(tomasz.attainment.termly[0]).toMatchObject({ subject: 'english', predictedGrade: '4', target: '5' });
    expect(tomasz.attainment.assessments[0]).toMatchObject({ measure: 'KS2', subject: 'reading', result: '98' });
    const ellie = records.find((r) => r.identity.personId === '1003') as ChildEducationRecord;
    expect(ellie.identity.lastName).toBe("O'Neill, Jr");
    expect(ellie.school.enrolments[0]?.name).toBe('Hillcrest "Juniors"');
    expect(ellie.care.lookedAfter).toBe(false);
    const xmlChild = records.find((r) => r.identity.personId === '3001') as ChildEducationRecord;
    expect(xmlChild.identity).toMatchObject({ gender: 'female', upn: 'U383200021004', ethnicity: 'APKN' });
    expect(xmlChild.care.periods[0]?.episodes[0]).toMatchObject({ placementType: 'U4', placementProvider: 'PR1', legalStatus: 'C1' });
  });

  it('takes a records JSON file (what export writes) as it is', async () => {
    const { records } = await load();
    const yusuf = records.find((r) => r.identity.personId === '2001') as ChildEducationRecord;
    expect(yusuf.identity).toMatchObject({ firstName: 'Yusuf', lastName: 'Rahman' });
    expect(yusuf.attendance.summaries[0]).toMatchObject({ possibleSessions: 196, attendedSessions: 180 });
    expect(yusuf.pep.meetings[0]?.targets[0]?.description).toBe('Hand in maths homework every week');
    expect(yusuf.provenance).toEqual({ identity: { source: 'LCS', asOf: '2026-03-01' } });
  });

  it('records where each part came from', async () => {
    const { records } = await load();
    const amara = records.find((r) => r.identity.personId === '1001') as ChildEducationRecord;
    expect(amara.provenance.identity?.source).toBe('children.csv, ssda903/header.csv');
    expect(amara.provenance.attendance?.source).toBe('attendance.csv');
    expect(amara.provenance.pep?.source).toBe('pep_actions.csv, peps.csv');
    expect(amara.provenance.care?.source).toContain('ssda903/episodes.csv');
  });
});
