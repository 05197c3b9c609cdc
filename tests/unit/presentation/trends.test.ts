import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChildEducationRecord } from '../../../core/model/record.ts';
import { EducationStatus } from '../../../core/model/status.ts';
import { termDatesForYear } from '../../../core/rules/calendar.ts';
import { describeSections } from '../../../core/presentation/sections.ts';
import { describeTrends } from '../../../core/presentation/trends.ts';
import { registerLanguage } from '../../../core/presentation/languages.ts';
import { WELSH } from '../../../core/presentation/welsh.ts';
import { deriveStatus } from '../../../core/status/derive.ts';

registerLanguage('cy', WELSH);

const [autumn, , summer] = termDatesForYear(2024).terms;
const figures = (from: string, to: string, possible: number, attended: number) => ({
  from,
  to,
  possibleSessions: possible,
  attendedSessions: attended,
  authorisedAbsenceSessions: possible - attended,
  unauthorisedAbsenceSessions: 0,
});

const status = deriveStatus(
  ChildEducationRecord.parse({
    schemaVersion: 1,
    identity: { personId: 'T2', firstName: 'Ben', lastName: 'Ode', dateOfBirth: '2014-10-15', gender: 'male' },
    care: { lookedAfter: true, periods: [{ start: '2024-09-01', episodes: [{ start: '2024-09-01' }] }], placementChanges: [] },
    school: { enrolments: [{ urn: '100001', name: 'Riverside Primary' }] },
    attendance: { marks: [], summaries: [figures(autumn!.start, autumn!.end, 140, 133), figures(summer!.start, summer!.end, 120, 96)] },
    attainment: {
      assessments: [{ measure: 'MTC', subject: 'mtc', date: '2025-06-15', result: '21' }],
      termly: [
        { subject: 'reading', date: '2024-12-10', judgement: 'working-towards' },
        { subject: 'reading', date: '2025-07-10', judgement: 'expected' },
      ],
    },
    exclusions: [],
    pep: { meetings: [], actions: [] },
    provenance: {},
  }),
  { asOf: '2025-07-22' },
);

describe('the trend in words (shared by the panel and <edu-child-summary>)', () => {
  it('says "No data" for a term with nothing recorded, with no bar, never as full attendance', () => {
    const { terms } = describeTrends(status)!.attendance;
    const springRow = terms.find((t) => t.label === 'Spring 2024/25')!;
    expect(springRow).toMatchObject({ percent: null, value: 'No data', sessions: '', noData: true });
    expect(springRow.note).toBe('Nothing recorded for this term: ask the school');
  });

  it('marks a term of persistent absence in words, not by colour alone, and names the line', () => {
    const view = describeTrends(status)!.attendance;
    const summerRow = view.terms.find((t) => t.label === 'Summer 2024/25')!;
    expect(summerRow).toMatchObject({ percent: 80, value: '80.0%', sessions: '96 of 120', persistent: true });
    expect(summerRow.note).toContain('Persistent absence (below 90%)');
    expect(summerRow.note).toContain("From the school's figures");
    expect(view.line).toEqual({ percent: 90, label: 'Line at 90%: attendance below it is persistent absence' });
    expect(view.chartLabel).toBe('Attendance by term, Autumn 2022/23 to Summer 2024/25; lowest 80.0%, highest 95.0%; 7 terms with no data');
  });

  it('lists attainment over time per subject, in date order, with the verdict in words', () => {
    const { subjects } = describeTrends(status)!.attainment;
    expect(subjects).toEqual([
      {
        subject: 'Reading',
        points: [
          { date: '10 December 2024', result: 'Teacher judgement: Working towards expected', verdict: 'Below expected', meets: false },
          { date: '10 July 2025', result: 'Teacher judgement: At expected', verdict: 'At or above expected', meets: true },
        ],
      },
    ]);
  });

  it('is one click away, in its own group after attendance, and in Welsh when asked', () => {
    const sections = describeSections(status);
    expect(sections.groups.map((g) => g.id)).toEqual(['alerts', 'attendance', 'trends', 'attainment', 'pep', 'exclusions', 'school', 'child']);
    expect(sections.groups.find((g) => g.id === 'trends')!.title).toBe('Trends over three school years');
    const welsh = describeTrends(status, 'cy')!;
    expect(welsh.title).toBe('Tueddiadau dros dair blwyddyn ysgol');
    expect(welsh.attendance.terms.find((t) => t.noData)!.value).toBe('Dim data');
  });

  it('a status stored before trends existed draws as before: no trend group', () => {
    const stored = EducationStatus.parse(JSON.parse(readFileSync(new URL('../../fixtures/statuses/amber.json', import.meta.url), 'utf8')));
    const sections = describeSections(stored);
    expect(describeTrends(stored)).toBeUndefined();
    expect(sections.groups.map((g) => g.id)).not.toContain('trends');
  });
});
