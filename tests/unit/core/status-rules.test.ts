import { describe, expect, it } from 'vitest';
import { summariseCohort } from '../../../core/cohort.ts';
import { ChildEducationRecord, type ChildEducationRecordInput } from '../../../core/model/record.ts';
import { EducationStatus } from '../../../core/model/status.ts';
import { resolvePolicy, type PolicyInput } from '../../../core/policy.ts';
import { isSchoolDay } from '../../../core/rules/calendar.ts';
import { deriveStatus } from '../../../core/status/derive.ts';

/**
 * Each rule at its edges, named after the rule and its source. The child is a Year 5 pupil in care since
 * 2024 under a full care order, with a PEP held this term and no other concerns, so each case changes one
 * thing and the rest of the status stays green.
 */

type Mark = { date: string; session: 'AM' | 'PM'; code: string };

/** A mark for every AM and PM of every school day from `from` to `to`: present, except the listed dates. */
function marks(from: string, to: string, absent: readonly string[] = [], code = 'O'): Mark[] {
  const out: Mark[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    if (!isSchoolDay(date)) continue;
    const away = absent.includes(date);
    out.push({ date, session: 'AM', code: away ? code : '/' }, { date, session: 'PM', code: away ? code : '\\' });
  }
  return out;
}

function figures(from: string, to: string, possible: number, attended: number) {
  return { from, to, possibleSessions: possible, attendedSessions: attended, authorisedAbsenceSessions: 0, unauthorisedAbsenceSessions: possible - attended };
}

function record(overrides: Partial<ChildEducationRecordInput> = {}, asOf = '2025-12-01'): ChildEducationRecord {
  return ChildEducationRecord.parse({
    schemaVersion: 1,
    identity: { personId: 'P200', upn: 'B801200005001', firstName: 'Leo', lastName: 'Ward', dateOfBirth: '2016-03-10', gender: 'male' },
    care: {
      lookedAfter: true,
      periods: [{ start: '2024-02-01', episodes: [{ start: '2024-02-01', legalStatus: 'C2', placementType: 'U1', inArea: true }] }],
      placementChanges: [],
    },
    school: { enrolments: [{ urn: '100002', name: 'Hill Primary', phase: 'primary', start: '2020-09-02' }] },
    attendance: { marks: marks('2025-09-02', asOf), summaries: [] },
    attainment: {
      assessments: [],
      termly: ['reading', 'writing', 'maths'].map((subject) => ({ subject, date: '2025-07-10', judgement: 'expected' as const })),
    },
    exclusions: [],
    sen: { provision: 'N' },
    pep: { meetings: [{ date: '2025-10-08', status: 'approved', childViewsRecorded: true }], actions: [] },
    provenance: {},
    ...overrides,
  });
}

function derive(r: ChildEducationRecord, asOf: string, policy?: PolicyInput): EducationStatus {
  const status = deriveStatus(r, { asOf, ...(policy ? { policy } : {}) });
  const parsed = EducationStatus.safeParse(status);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  return status;
}

const keys = (status: EducationStatus) => status.flags.map((f) => f.key);

describe('persistent absence: missing 10% or more of possible sessions (DfE pupil absence methodology), always red', () => {
  // Summary figures for the autumn term, worked out on 5 January 2026.
  it.each([
    ['134 of 150 (89.3%): below the line', 134, 'red', true],
    ['135 of 150 (exactly 90.0%): 10% missed is persistent absence', 135, 'red', true],
    ['136 of 150 (90.7%): not persistent absence, below 95%', 136, 'amber', false],
    ['142 of 150 (94.7%): just below green', 142, 'amber', false],
    ['143 of 150 (95.3%): green', 143, 'green', false],
  ] as const)('%s → %s', (_name, attended, rating, persistent) => {
    const r = record({ attendance: { marks: [], summaries: [figures('2025-09-02', '2025-12-19', 150, attended)] } });
    const status = derive(r, '2026-01-05');
    expect(status.rag.attendance).toBe(rating);
    expect(status.attendance.academicYear.persistentAbsence).toBe(persistent);
    expect(keys(status).includes('persistent-absence')).toBe(persistent);
    if (persistent) expect(status.rag.reasons.attendance.map((r) => r.key)).toContain('rag.attendance.persistent');
  });

  it('a council may raise the amber line but never set it below persistent absence', () => {
    expect(() => resolvePolicy({ attendance: { amberAtLeastPercent: 85 } })).toThrow(/persistent absence/);
    const r = record({ attendance: { marks: [], summaries: [figures('2025-09-02', '2025-12-19', 150, 137)] } });
    expect(derive(r, '2026-01-05', { attendance: { amberAtLeastPercent: 92 } }).rag.attendance).toBe('red');
  });
});

describe('missing data never reads as green (an area that applies with no data is none, and the picture is incomplete)', () => {
  it('no UPN and no attendance all term: attendance none, saying what is missing and what to do; overall not green', () => {
    const r = record({
      identity: { personId: 'P201', firstName: 'Ada', lastName: 'Moss', dateOfBirth: '2016-03-10', gender: 'female' },
      attendance: { marks: [], summaries: [] },
    });
    const status = derive(r, '2025-12-01');
    expect(status.rag.attendance).toBe('none');
    expect(status.rag.reasons.attendance[0]?.text).toBe(
      'No attendance data since 1 September 2025: the child has no valid UPN, so school data cannot be matched. Check the UPN and ask the school for the attendance.',
    );
    expect(keys(status)).toContain('no-attendance-data-upn');
    expect(keys(status)).not.toContain('attendance-small-denominator');
    expect(status.rag.incomplete).toEqual(['attendance']);
    expect(status.rag.overall).toBe('none');
    expect(status.rag.reasons.overall.map((r) => r.text)).toEqual([
      'The picture is incomplete: there is no data to rate attendance, so the overall rating cannot be green.',
      'Rated green: PEP, exclusions and attainment.',
    ]);
  });

  it('a valid UPN and no attendance: asks the school', () => {
    const status = derive(record({ attendance: { marks: [], summaries: [] } }), '2025-12-01');
    expect(status.rag.reasons.attendance[0]?.text).toBe('No attendance data since 1 September 2025: ask the school for it.');
  });

  it('a fortnight of marks in December is incomplete data, not "too early"', () => {
    const status = derive(record({ attendance: { marks: marks('2025-11-17', '2025-11-28'), summaries: [] } }), '2025-12-01');
    expect(status.rag.attendance).toBe('none');
    expect(status.rag.reasons.attendance[0]?.key).toBe('rag.attendance.partial');
    expect(status.rag.reasons.attendance[0]?.text).toMatch(/^Attendance is recorded for only 20 sessions since 1 September 2025, when the school calendar had \d+/);
    expect(status.rag.incomplete).toEqual(['attendance']);
  });

  it('a child who joined the school three weeks ago is judged from their start: too early, not incomplete', () => {
    const r = record({
      school: { enrolments: [{ urn: '100003', name: 'New Primary', start: '2025-11-24' }] },
      attendance: { marks: marks('2025-11-24', '2025-12-01'), summaries: [] },
    });
    const status = derive(r, '2025-12-01');
    expect(status.rag.reasons.attendance[0]?.key).toBe('rag.attendance.too-early');
    expect(status.rag.incomplete).toEqual([]);
    expect(status.rag.overall).toBe('green');
  });

  it('an area that is red stays red when another has no data, and the sentence names both', () => {
    const r = record({ attendance: { marks: [], summaries: [] }, exclusions: [{ type: 'permanent', start: '2025-11-03' }] });
    const status = derive(r, '2025-12-01');
    expect(status.rag.overall).toBe('red');
    expect(status.rag.reasons.overall.map((x) => x.text)).toEqual([
      'The overall rating is the worst of the areas rated: exclusions rated red.',
      'There is also no data to rate attendance.',
    ]);
  });

  it('the cohort summary counts incomplete children apart, never as green', () => {
    const statuses = [derive(record({ attendance: { marks: [], summaries: [] } }), '2025-12-01'), derive(record(), '2025-12-01')];
    const summary = summariseCohort(statuses);
    expect(summary.rag.green.count).toBe(1);
    expect(summary.rag.none.count).toBe(1);
    expect(summary.rag.incomplete).toEqual({ count: 1, children: 2, percent: 50 });
  });
});

describe('too early to judge: fewer than 30 possible sessions (DOMAIN.md §1: small denominators, say so rather than alarm)', () => {
  const firstDays = record({ attendance: { marks: marks('2025-09-02', '2025-09-02', ['2025-09-02']), summaries: [] } }, '2025-09-02');

  it('two sessions missed on the first day of term: not rated, no persistent or severe absence, no alarming sentence', () => {
    const status = derive(firstDays, '2025-09-02');
    expect(status.attendance.academicYear).toMatchObject({ possibleSessions: 2, attendedSessions: 0, persistentAbsence: false, severeAbsence: false, smallDenominator: true });
    expect(status.rag.attendance).toBe('none');
    expect(status.rag.reasons.attendance.map((r) => r.text)).toEqual([
      'Only 2 sessions could have been attended so far: too early to judge (attendance is rated from 30 sessions).',
    ]);
    expect(keys(status)).toEqual(expect.arrayContaining(['attendance-small-denominator']));
    expect(keys(status)).not.toContain('severe-absence');
    expect(JSON.stringify(status.rag.reasons)).not.toMatch(/severe absence/i);
    // Too early is not missing data: the other areas still make the overall rating.
    expect(status.rag.incomplete).toEqual([]);
  });

  it('the cohort leaves such children out of the persistent and severe absence figures, saying how many', () => {
    const settled = record({ attendance: { marks: marks('2025-09-02', '2025-10-10', ['2025-09-15', '2025-09-16', '2025-09-17', '2025-09-18']), summaries: [] } });
    const summary = summariseCohort([derive(firstDays, '2025-10-10'), derive(settled, '2025-10-10'), derive(firstDays, '2025-09-02')]);
    expect(summary.attendance.persistentAbsence).toEqual({ count: 1, children: 1, percent: 100 });
    expect(summary.attendance.severeAbsence).toEqual({ count: 0, children: 1, percent: 0 });
    expect(summary.attendance.tooEarlyToJudge).toBe(2);
  });
});

describe('short breaks: legal status V3/V4 (SSDA903; Care Planning Regulations 2010 reg 48: no PEP in a short-break care plan)', () => {
  it.each(['V3', 'V4'])('%s: shown as short breaks, no PEP required, outside the 12-month cohort', (legalStatus) => {
    const r = record({
      care: { lookedAfter: true, periods: [{ start: '2023-06-01', episodes: [{ start: '2023-06-01', legalStatus }] }], placementChanges: [] },
      pep: { meetings: [], actions: [] },
    });
    const status = derive(r, '2025-12-01');
    expect(status.lookedAfter).toMatchObject({ lookedAfter: true, shortBreaks: true, inCare12MonthsOrMore: false });
    expect(status.pep).toMatchObject({ state: 'not-required', notRequiredBecause: 'short-breaks', nextDue: null });
    expect(status.rag.pep).toBe('none');
    expect(status.rag.reasons.pep[0]?.text).toBe('The child is looked after on a series of short breaks, so no PEP is needed.');
    expect(keys(status)).toContain('short-breaks');
    expect(keys(status).filter((k) => k.startsWith('pep-'))).toEqual([]);
    const summary = summariseCohort([status]);
    expect(summary.pep.overdue.children).toBe(0);
    expect(summary.inCare12MonthsOrMore.count).toBe(0);
  });

  it('a child whose short breaks became full care (C2) needs a PEP again', () => {
    const r = record({
      care: {
        lookedAfter: true,
        periods: [{ start: '2023-06-01', episodes: [{ start: '2023-06-01', legalStatus: 'V3' }, { start: '2025-06-01', legalStatus: 'C2', reasonNewEpisode: 'L' }] }],
        placementChanges: [],
      },
    });
    expect(derive(r, '2025-12-01').pep.state).not.toBe('not-required');
  });
});

describe('the first PEP: a meeting shortly before a planned admission counts (statutory guidance 2018: PEP initiated before the child becomes looked after)', () => {
  const care = { lookedAfter: true, periods: [{ start: '2026-01-12', episodes: [{ start: '2026-01-12', legalStatus: 'V2' }] }], placementChanges: [] };
  it.each([
    ['5 days before care starts: counts (default window 28 days)', '2026-01-07', undefined, 'in-date'],
    ['28 days before: counts', '2025-12-15', undefined, 'in-date'],
    ['29 days before: does not count, so the first PEP is overdue', '2025-12-14', undefined, 'overdue'],
    ['5 days before, with a council window of 0 days: does not count', '2026-01-07', 0, 'overdue'],
  ] as const)('%s', (_name, meetingDate, window, state) => {
    const r = record({ care, pep: { meetings: [{ date: meetingDate, status: 'approved' }], actions: [] } });
    const status = derive(r, '2026-03-02', window === undefined ? undefined : { pep: { countsBeforeCareDays: window } });
    expect(status.pep.state).toBe(state);
    if (state === 'overdue') expect(keys(status)).toContain('pep-initial-overdue');
  });

  it('never counts a meeting from an earlier period of care', () => {
    const r = record({
      care: {
        lookedAfter: true,
        periods: [
          { start: '2025-01-06', end: '2026-01-02', episodes: [{ start: '2025-01-06', legalStatus: 'V2' }] },
          { start: '2026-01-12', episodes: [{ start: '2026-01-12', legalStatus: 'C1' }] },
        ],
        placementChanges: [],
      },
      pep: { meetings: [{ date: '2025-12-20', status: 'approved' }], actions: [] },
    });
    expect(keys(derive(r, '2026-03-02'))).toContain('pep-initial-overdue');
  });
});

describe('summary figures and daily marks together: every possible session counts once (DfE pupil absence methodology)', () => {
  // The old school sent the autumn as totals (69.0%); the new school sends daily marks from January (100%).
  const autumn = figures('2025-09-02', '2025-12-19', 142, 98);
  const january = marks('2026-01-05', '2026-01-30');

  it('combines them: (98 + 40) of (142 + 40) = 75.8%, persistent absence, red, and says which part is a summary', () => {
    const status = derive(record({ attendance: { marks: january, summaries: [autumn] } }), '2026-01-30');
    expect(status.attendance.academicYear).toMatchObject({ possibleSessions: 182, attendedSessions: 138, attendancePercent: 75.8, persistentAbsence: true, basis: 'mixed' });
    expect(status.attendance.academicYear.summaryParts).toEqual([{ from: '2025-09-02', to: '2025-12-19', possibleSessions: 142 }]);
    expect(status.rag.attendance).toBe('red');
    expect(status.rag.reasons.attendance.map((r) => r.text)).toContain(
      'Worked out from daily attendance marks and, for 2 September 2025 to 19 December 2025 (142 sessions), summary figures: each session counted once.',
    );
    // The spring term alone is the marks.
    expect(status.attendance.term).toMatchObject({ possibleSessions: 40, basis: 'marks' });
  });

  it('never counts a session twice when marks fall inside a summary’s dates', () => {
    const status = derive(record({ attendance: { marks: [...marks('2025-12-15', '2025-12-19'), ...january], summaries: [autumn] } }), '2026-01-30');
    expect(status.attendance.academicYear.possibleSessions).toBe(182);
  });
});

describe('in care 12 months or more: the SSDA903 12-month cohort (looked after continuously for the 12 months to the date)', () => {
  it.each([
    ['care from 1 April 2025 is 12 months on 31 March 2026', '2025-04-01', '2026-03-31', true],
    ['care from 1 April 2025 is not 12 months on 30 March 2026', '2025-04-01', '2026-03-30', false],
    ['care from 1 March 2027 is 12 months on 29 February 2028', '2027-03-01', '2028-02-29', true],
    ['care from 2 March 2027 is not 12 months on 29 February 2028', '2027-03-02', '2028-02-29', false],
  ] as const)('%s', (_name, start, asOf, expected) => {
    const r = record({ care: { lookedAfter: true, periods: [{ start, episodes: [{ start, legalStatus: 'C2' }] }], placementChanges: [] } });
    expect(derive(r, asOf).lookedAfter.inCare12MonthsOrMore).toBe(expected);
  });
});

describe('prior attainment: KS2 results are the baseline for KS3 (DfE progress measures)', () => {
  // Year 7 in 2025/26 (born January 2014), KS2 results from July 2025 and nothing since.
  const year7 = record({
    identity: { personId: 'P202', upn: 'B801200005001', firstName: 'Kai', lastName: 'Dunn', dateOfBirth: '2014-01-15', gender: 'male' },
    school: { enrolments: [{ urn: '100004', name: 'High School', phase: 'secondary', start: '2025-09-02' }] },
    attainment: {
      assessments: [
        { measure: 'KS2', subject: 'reading', date: '2025-07-08', result: '95' },
        { measure: 'KS2', subject: 'writing', date: '2025-07-08', result: 'WTS' },
        { measure: 'KS2', subject: 'maths', date: '2025-07-08', result: '104' },
      ],
      termly: [],
    },
  });

  it('shows the KS2 results as prior attainment and judges English on reading and writing', () => {
    const status = derive(year7, '2025-12-01');
    expect(status.attainment.priorAttainment?.map((r) => `${r.subject} ${r.result}`)).toEqual(['reading 95', 'writing WTS', 'maths 104']);
    expect(status.attainment.coreSubjectsBelowExpected).toEqual(['english']);
    expect(status.rag.attainment).toBe('amber');
    const reasons = status.rag.reasons.attainment.map((r) => r.text);
    expect(reasons).toContain('Judged on the key stage 2 results (prior attainment) in English and maths: there is no more recent assessment.');
    expect(reasons.join(' ')).not.toMatch(/No assessment/);
  });

  it('English meets the standard only when both reading and writing do', () => {
    const both = ChildEducationRecord.parse({
      ...year7,
      attainment: { assessments: year7.attainment.assessments.map((a) => (a.subject === 'writing' ? { ...a, result: 'EXS' } : a.subject === 'reading' ? { ...a, result: '101' } : a)), termly: [] },
    });
    expect(derive(both, '2025-12-01').rag.attainment).toBe('green');
  });
});

describe('policy settings the guidance leaves to councils', () => {
  it('GCSE expected standard: grade 4 "standard pass" by default, grade 5 "strong pass" when the council says so (DfE)', () => {
    const r = record({
      identity: { personId: 'P203', upn: 'B801200005001', firstName: 'Zoe', lastName: 'Hart', dateOfBirth: '2009-01-15', gender: 'female' },
      attainment: { assessments: [], termly: [{ subject: 'English', date: '2025-11-14', predictedGrade: '4' }, { subject: 'Maths', date: '2025-11-14', predictedGrade: '6' }] },
    });
    expect(derive(r, '2025-12-01').rag.attainment).toBe('green');
    const strict = derive(r, '2025-12-01', { attainment: { gcseExpectedGrade: 5 } });
    expect(strict.attainment.coreSubjectsBelowExpected).toEqual(['english']);
    expect(strict.rag.attainment).toBe('amber');
  });

  it.each([
    ['a 2-year-old needs no PEP under the default (from age 3)', '2023-06-01', undefined, 'not-required'],
    ['a 2-year-old needs a PEP where the council starts at 2', '2023-06-01', 2, 'overdue'],
    ['a 3-year-old needs a PEP', '2022-06-01', undefined, 'overdue'],
  ] as const)('age a PEP is required from: %s', (_name, dateOfBirth, requiredFromAge, state) => {
    const r = record({
      identity: { personId: 'P204', firstName: 'Ben', lastName: 'Cole', dateOfBirth, gender: 'male' },
      care: { lookedAfter: true, periods: [{ start: '2025-01-06', episodes: [{ start: '2025-01-06', legalStatus: 'C2' }] }], placementChanges: [] },
      pep: { meetings: [], actions: [] },
    });
    const status = derive(r, '2025-12-01', requiredFromAge === undefined ? undefined : { pep: { requiredFromAge } });
    expect(status.pep.state).toBe(state);
    if (state === 'not-required') expect(status.rag.reasons.pep[0]?.text).toBe("A PEP is needed from age 3 under this council's policy, and the child is younger.");
  });
});

describe('sentences say what the figures say', () => {
  it.each([
    ['28% attendance: "misses about 7 sessions in 10"', 28, 100, 7],
    ['exactly 50%: "about 5 sessions in 10"', 50, 100, 5],
    ['35 of 150 (23.3%): "about 8 in 10"', 35, 150, 8],
  ] as const)('severe absence at %s', (_name, attended, possible, tenths) => {
    const status = derive(record({ attendance: { marks: [], summaries: [figures('2025-09-02', '2025-12-19', possible, attended)] } }), '2026-01-05');
    const severe = status.flags.find((f) => f.key === 'severe-absence');
    expect(severe?.meaning.text).toContain(`misses about ${tenths} sessions in 10`);
    expect(severe?.meaning.text).not.toMatch(/as often as they are there/);
    expect(status.rag.reasons.attendance.map((r) => r.text)).toContain(`That is severe absence: the child misses about ${tenths} sessions in 10.`);
  });

  it('a national code used on a date it was not in use is named as such, not as "not a national code"', () => {
    // J (interview) was withdrawn on 18 August 2024; Q is an unknown code on any date.
    const r = record({ attendance: { marks: [...marks('2025-09-02', '2025-12-01', ['2025-10-01'], 'J'), { date: '2025-10-02', session: 'AM', code: 'Q9' }], summaries: [] } });
    const status = derive(r, '2025-12-01');
    expect(status.flags.find((f) => f.key === 'attendance-codes-out-of-use')?.meaning.text).toBe(
      'Attendance marks left out of the figures because their code was not in use on the date it was given: 2. Ask the school to correct them to the codes in use then.',
    );
    expect(status.flags.find((f) => f.key === 'unknown-attendance-codes')?.meaning.text).toMatch(/: 1\./);
  });

  it('a PEP due in the summer holiday says so, with the days left, never "0 school days from now"', () => {
    const r = record({
      care: { lookedAfter: true, periods: [{ start: '2026-07-10', episodes: [{ start: '2026-07-10', legalStatus: 'C1' }] }], placementChanges: [] },
      pep: { meetings: [], actions: [] },
    });
    const status = derive(r, '2026-07-28');
    expect(status.pep.state).toBe('due-soon');
    const f = status.flags.find((x) => x.key.startsWith('pep-due'));
    expect(f?.key).toBe('pep-due-soon-holiday');
    expect(f?.meaning.text).toBe(
      `The next personal education plan (PEP) meeting is due by ${formatted(status.pep.nextDue)}, in 10 days, with no school days before then. Book it now, while staff can still be reached.`,
    );
    expect(JSON.stringify(status)).not.toMatch(/0 school days/);
  });

  it('a PEP due soon gives the actual number of school days', () => {
    // Last meeting in the autumn term: due by the end of the spring term, 27 March 2026.
    const status = derive(record(), '2026-03-16');
    expect(status.pep.state).toBe('due-soon');
    expect(status.rag.reasons.pep[0]?.text).toBe('The next PEP meeting is due by 27 March 2026, in 9 school days.');
    expect(status.flags.find((f) => f.key === 'pep-due-soon')?.meaning.text).toContain('27 March 2026, 9 school days from now');
  });
});

function formatted(iso: string | null): string {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return iso === null ? '' : `${Number(iso.slice(8))} ${months[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}

describe('a child of compulsory school age with no school place is out of education (Education Act 1996 s7)', () => {
  it('raises the red "No school place" flag, and attendance is red with it rather than merely unrated', () => {
    const status = derive(record({ school: { enrolments: [] }, attendance: { marks: [], summaries: [] } }), '2025-12-01');
    expect(keys(status)).toContain('no-current-school');
    expect(status.rag.attendance).toBe('red');
    expect(status.rag.overall).toBe('red');
    expect(status.rag.reasons.attendance.map((r) => r.text)).toEqual(['Rated red because of "No school place".']);
  });
});
