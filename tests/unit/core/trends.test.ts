import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/index.ts';
import { summariseStatus, StatusSummary } from '../../../core/model/summary.ts';
import { ChildEducationRecord, type ChildEducationRecordInput } from '../../../core/model/record.ts';
import { EducationStatus } from '../../../core/model/status.ts';
import { attendanceTotals, summariseAttendanceCombined, summariseAttendanceRangesWithTotals } from '../../../core/rules/attendance.ts';
import { termDatesForYear } from '../../../core/rules/calendar.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { schoolDayMarks } from './school-day-marks.ts';

const marks = schoolDayMarks;

/** Summary figures for a span: `possible` sessions of which `attended` attended, the rest authorised absence. */
function figures(from: string, to: string, possible: number, attended: number) {
  return { from, to, possibleSessions: possible, attendedSessions: attended, authorisedAbsenceSessions: possible - attended, unauthorisedAbsenceSessions: 0 };
}

// Year 6 in 2025/26 (born 15 October 2014).
function record(overrides: Partial<ChildEducationRecordInput> = {}, dateOfBirth = '2014-10-15'): ChildEducationRecord {
  return ChildEducationRecord.parse({
    schemaVersion: 1,
    identity: { personId: 'T1', firstName: 'Ada', lastName: 'Lowe', dateOfBirth, gender: 'female' },
    care: { lookedAfter: true, periods: [{ start: '2023-01-10', episodes: [{ start: '2023-01-10', legalStatus: 'C2' }] }], placementChanges: [] },
    school: { enrolments: [{ urn: '100001', name: 'Riverside Primary', start: '2019-09-04' }] },
    attendance: { marks: [], summaries: [] },
    attainment: { assessments: [], termly: [] },
    exclusions: [],
    pep: { meetings: [], actions: [] },
    provenance: {},
    ...overrides,
  });
}

const terms = (startYear: number) => termDatesForYear(startYear).terms;

describe('attendance by term', () => {
  it('covers every started term of the current and previous two school years, by the term dates, and leaves out terms not yet started', () => {
    const asOf = '2026-03-02'; // spring term 2025/26 under way
    const status = deriveStatus(record(), { asOf });
    const shown = status.trends!.attendance.map((t) => `${t.academicYear} ${t.term}`);
    expect(shown).toEqual([
      '2023/24 autumn',
      '2023/24 spring',
      '2023/24 summer',
      '2024/25 autumn',
      '2024/25 spring',
      '2024/25 summer',
      '2025/26 autumn',
      '2025/26 spring',
    ]);
    expect(status.trends!.from).toBe('2023-09-01');
    const [autumn2023] = terms(2023);
    expect(status.trends!.attendance[0]).toMatchObject({ from: autumn2023!.start, to: autumn2023!.end, inProgress: false });
    const spring = status.trends!.attendance.at(-1)!;
    expect(spring).toMatchObject({ from: terms(2025)[1]!.start, to: asOf, inProgress: true });
    expect(status.trends!.persistentAbsenceBelowPercent).toBe(90);
  });

  it('keeps a term with nothing recorded as no data: no percentage, never full attendance, never persistent absence', () => {
    const [autumn, spring, summer] = terms(2024);
    const status = deriveStatus(
      record({ attendance: { marks: [], summaries: [figures(autumn!.start, autumn!.end, 140, 133), figures(summer!.start, summer!.end, 120, 96)] } }),
      { asOf: '2025-07-22' },
    );
    const byTerm = Object.fromEntries(status.trends!.attendance.filter((t) => t.academicYear === '2024/25').map((t) => [t.term, t]));
    expect(byTerm['autumn']).toMatchObject({ possibleSessions: 140, attendedSessions: 133, attendancePercent: 95, basis: 'summary', persistentAbsence: false });
    expect(byTerm['spring']).toMatchObject({ from: spring!.start, possibleSessions: 0, attendancePercent: null, basis: 'none', smallDenominator: true, persistentAbsence: false });
    expect(byTerm['summer']).toMatchObject({ attendancePercent: 80, persistentAbsence: true });
  });

  it('a child who came into care last year: figures from then on, the terms before it present as no data', () => {
    // In care from January 2025: the virtual school holds figures from the spring term 2024/25.
    const [, spring, summer] = terms(2024);
    const status = deriveStatus(
      record({
        care: { lookedAfter: true, periods: [{ start: '2025-01-06', episodes: [{ start: '2025-01-06', legalStatus: 'V2' }] }], placementChanges: [] },
        attendance: { marks: marks('2025-09-01', '2025-11-28'), summaries: [figures(spring!.start, spring!.end, 110, 99), figures(summer!.start, summer!.end, 114, 110)] },
      }),
      { asOf: '2025-11-28' },
    );
    const trend = status.trends!.attendance;
    expect(trend.map((t) => t.basis)).toEqual(['none', 'none', 'none', 'none', 'summary', 'summary', 'marks']);
    expect(trend.slice(0, 4).every((t) => t.attendancePercent === null)).toBe(true);
    expect(trend.at(-1)).toMatchObject({ academicYear: '2025/26', term: 'autumn', inProgress: true, attendancePercent: 100 });
  });

  it('counts session marks and summary figures in the same term once each (mixed)', () => {
    // Summer 2024/25: the old school sent totals to the end of May, the new school daily marks from June.
    const summer = terms(2024)[2]!;
    const status = deriveStatus(
      record({ attendance: { marks: marks('2025-06-02', summer.end, { '2025-06-02': 'I', '2025-06-03': 'O' }), summaries: [figures(summer.start, '2025-05-30', 56, 50)] } }),
      { asOf: '2025-08-01' },
    );
    const term = status.trends!.attendance.find((t) => t.academicYear === '2024/25' && t.term === 'summer')!;
    const markSessions = marks('2025-06-02', summer.end).length;
    expect(term.basis).toBe('mixed');
    expect(term.possibleSessions).toBe(56 + markSessions);
    expect(term.attendedSessions).toBe(50 + markSessions - 4);
  });

  it('a term just started has too few sessions to judge, and does not alarm even with every session missed', () => {
    const spring = terms(2025)[1]!;
    const asOf = '2026-01-07'; // three school days in
    const absent = Object.fromEntries(marks(spring.start, asOf).map((m) => [m.date, 'O']));
    const status = deriveStatus(record({ attendance: { marks: marks(spring.start, asOf, absent), summaries: [] } }), { asOf });
    const term = status.trends!.attendance.at(-1)!;
    expect(term).toMatchObject({ term: 'spring', inProgress: true, attendancePercent: 0, smallDenominator: true, persistentAbsence: false });
    expect(term.possibleSessions).toBeLessThan(30);
  });

  it('counts 29 February in a leap year, and runs the term under way to a leap-day status date', () => {
    const asOf = '2028-02-29';
    const spring = terms(2027)[1]!;
    const recorded = marks(spring.start, asOf, { '2028-02-29': 'I' });
    expect(recorded.some((m) => m.date === '2028-02-29')).toBe(true);
    const status = deriveStatus(record({ attendance: { marks: recorded, summaries: [] } }, '2016-10-15'), { asOf });
    const term = status.trends!.attendance.at(-1)!;
    expect(term).toMatchObject({ academicYear: '2027/28', term: 'spring', to: '2028-02-29', possibleSessions: recorded.length, attendedSessions: recorded.length - 2 });
  });

  it('leaves out school years before Reception', () => {
    // Reception in 2025/26 (born 10 May 2021): nothing before September 2025.
    const status = deriveStatus(record({}, '2021-05-10'), { asOf: '2026-03-02' });
    expect(status.trends!.attendance.map((t) => t.academicYear)).toEqual(['2025/26', '2025/26']);
  });

  it('gives the same totals as summarising each term on its own, for generated children', () => {
    const asOf = '2026-02-11';
    for (const child of generateRecords({ children: 40, seed: 7, asOf })) {
      const status = deriveStatus(child, { asOf });
      for (const term of status.trends!.attendance) {
        const alone = summariseAttendanceCombined(child.attendance.marks, child.attendance.summaries, { from: term.from, to: term.to });
        expect({ possible: term.possibleSessions, attended: term.attendedSessions, basis: term.basis }, `${child.identity.personId} ${term.academicYear} ${term.term}`).toEqual({
          possible: alone.possibleSessions,
          attended: alone.attendedSessions,
          basis: alone.basis,
        });
      }
    }
  });

  it('totals in one reading of the marks equal totals range by range, for ordered and unordered marks', () => {
    const all = marks('2025-04-01', '2026-02-11', { '2025-05-06': 'I', '2025-09-10': 'G', '2025-11-03': 'D', '2026-01-08': 'B' });
    const ranges = [...terms(2024), ...terms(2025)].map((t) => ({ from: t.start, to: t.end < '2026-02-11' ? t.end : '2026-02-11' })).filter((r) => r.from <= r.to);
    const expected = attendanceTotals(all, [], ranges);
    expect(summariseAttendanceRangesWithTotals(all, [{ from: '2025-09-01', to: '2026-02-11' }], ranges).totals).toEqual(expected);
    expect(summariseAttendanceRangesWithTotals([...all].reverse(), [{ from: '2025-09-01', to: '2026-02-11' }], ranges).totals).toEqual(expected);
    expect(expected.map((t) => t.possibleSessions)).toEqual(ranges.map((r) => all.filter((m) => m.date >= r.from && m.date <= r.to && m.code !== 'D').length));
  });

  it('a mark in a term’s first or last week but outside the term is not counted in the term', () => {
    const autumn = terms(2025)[0]!; // starts Tuesday 2 September 2025
    const extra = [
      { date: '2025-09-01', session: 'AM' as const, code: 'O' }, // the Monday before: an INSET day marked by mistake
      { date: '2025-09-01', session: 'PM' as const, code: 'O' },
    ];
    const all = [...extra, ...marks(autumn.start, '2025-12-31')];
    const ranges = [...terms(2025)].map((t) => ({ from: t.start, to: t.end < '2025-12-31' ? t.end : '2025-12-31' })).filter((r) => r.from <= r.to);
    const [totals] = summariseAttendanceRangesWithTotals(all, [{ from: '2025-09-01', to: '2025-12-31' }], ranges).totals;
    expect(totals).toEqual(attendanceTotals(all, [], ranges)[0]);
    expect(totals!.possibleSessions).toBe(marks(autumn.start, autumn.end).length);
    expect(totals!.attendedSessions).toBe(totals!.possibleSessions);
  });
});

describe('attainment over time', () => {
  it('lists each judgement and statutory result per core subject, oldest first, with whether it was at or above expected', () => {
    const status = deriveStatus(
      record({
        attainment: {
          assessments: [
            { measure: 'MTC', subject: 'mtc', date: '2024-06-15', result: '21' },
            { measure: 'KS2', subject: 'reading', date: '2026-07-08', result: '104' },
            { measure: 'KS1', subject: 'maths', date: '2022-06-30', result: 'EXS' }, // before the three school years
          ],
          termly: [
            { subject: 'Reading', date: '2025-12-10', judgement: 'expected' },
            { subject: 'reading', date: '2024-12-10', judgement: 'working-towards' },
            { subject: 'Maths', date: '2025-03-20', judgement: 'below' },
            { subject: 'science', date: '2025-03-20', judgement: 'expected' },
          ],
        },
      }),
      { asOf: '2026-07-17' },
    );
    expect(status.trends!.attainment).toEqual([
      {
        subject: 'reading',
        points: [
          { date: '2024-12-10', source: 'teacher', subject: 'reading', result: 'working-towards', atOrAboveExpected: false },
          { date: '2025-12-10', source: 'teacher', subject: 'Reading', result: 'expected', atOrAboveExpected: true },
          { date: '2026-07-08', source: 'statutory', measure: 'KS2', subject: 'reading', result: '104', atOrAboveExpected: true },
        ],
      },
      { subject: 'maths', points: [{ date: '2025-03-20', source: 'teacher', subject: 'Maths', result: 'below', atOrAboveExpected: false }] },
    ]);
  });

  it('judges GCSE grades against the policy’s expected grade', () => {
    const child = record(
      { attainment: { assessments: [], termly: [{ subject: 'maths', date: '2026-03-01', predictedGrade: '4' }] } },
      '2010-10-15',
    );
    expect(deriveStatus(child, { asOf: '2026-03-02' }).trends!.attainment[0]!.points[0]!.atOrAboveExpected).toBe(true);
    const strict = deriveStatus(child, { asOf: '2026-03-02', policy: { attainment: { gcseExpectedGrade: 5 } } });
    expect(strict.trends!.attainment[0]!.points[0]!.atOrAboveExpected).toBe(false);
  });
});

describe('the trends section in the status schema', () => {
  it('is always produced and valid, and a status stored before it existed still reads', () => {
    const status = deriveStatus(generateRecords({ children: 1, seed: 3, asOf: '2026-02-11' })[0]!, { asOf: '2026-02-11' });
    expect(EducationStatus.parse(status).trends).toBeDefined();
    const stored = JSON.parse(readFileSync(new URL('../../fixtures/statuses/amber.json', import.meta.url), 'utf8')) as unknown;
    const parsed = EducationStatus.safeParse(stored);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.trends).toBeUndefined();
  });

  it('does not enlarge the compact list form', () => {
    const status = deriveStatus(generateRecords({ children: 1, seed: 3, asOf: '2026-02-11' })[0]!, { asOf: '2026-02-11' });
    const { trends: _trends, ...without } = status;
    const summary = StatusSummary.parse(summariseStatus(status));
    expect(summary).not.toHaveProperty('trends');
    expect(JSON.stringify(summary)).toBe(JSON.stringify(StatusSummary.parse(summariseStatus(without as EducationStatus))));
  });
});
