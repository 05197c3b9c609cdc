import { describe, expect, it } from 'vitest';
import type { AttendanceSummary } from '../../../core/model/status.ts';
import { DEFAULT_POLICY, resolvePolicy } from '../../../core/policy.ts';
import { summariseExclusions } from '../../../core/rules/exclusions.ts';
import type { PepTimeliness } from '../../../core/rules/pep.ts';
import { percentForThreshold, worstRating } from '../../../core/rules/rag.ts';
import { rateAttainment, rateAttendance, rateExclusions, rateOverall, ratePep } from '../../../core/status/derive.ts';

function attendance(attended: number, possible: number, fields: Partial<AttendanceSummary> = {}): AttendanceSummary {
  const missed = possible - attended;
  return {
    from: '2025-09-01',
    to: '2026-03-01',
    possibleSessions: possible,
    attendedSessions: attended,
    authorisedAbsenceSessions: missed,
    unauthorisedAbsenceSessions: 0,
    attendancePercent: possible > 0 ? Math.round((attended * 1000) / possible) / 10 : null,
    persistentAbsence: possible > 0 && missed * 10 >= possible,
    severeAbsence: possible > 0 && missed * 2 >= possible,
    smallDenominator: possible < 30,
    absenceReasons: [],
    weekly: [],
    unknownCodes: [],
    basis: possible > 0 ? 'marks' : 'none',
    ...fields,
  };
}

describe('attendance RAG (defaults: green ≥ 95%, amber above 90%, red at persistent absence: DfE, 10% or more missed)', () => {
  it.each([
    ['exactly 95% (361 of 380) is green', 361, 380, 'green'],
    ['94.7% (360 of 380) is amber', 360, 380, 'amber'],
    ['94.99% (1899 of 2000) is amber, not rounded up to green', 1899, 2000, 'amber'],
    ['exactly 90% (342 of 380) is red: 10% missed is persistent absence', 342, 380, 'red'],
    ['90.3% (343 of 380) is amber', 343, 380, 'amber'],
    ['89.7% (341 of 380) is red', 341, 380, 'red'],
    ['89.96% (2249 of 2500) is red, not rounded up to amber', 2249, 2500, 'red'],
    ['100% is green', 380, 380, 'green'],
    ['0% is red', 0, 380, 'red'],
  ])('%s', (_name, attended, possible, rating) => {
    expect(rateAttendance(attendance(attended, possible), DEFAULT_POLICY).rating).toBe(rating);
  });

  it('says why, with the figure and threshold, and names persistent absence', () => {
    const { reasons } = rateAttendance(attendance(300, 380), DEFAULT_POLICY);
    expect(reasons.map((r) => r.text)).toEqual([
      'Attendance this school year is 78.9%, below 90%.',
      'That is persistent absence, which is always rated red.',
    ]);
  });

  it('shows a percentage just under a threshold with two decimals, so "below 90%" never reads "90%"', () => {
    expect(rateAttendance(attendance(2249, 2500), DEFAULT_POLICY).reasons[0]?.text).toBe('Attendance this school year is 89.96%, below 90%.');
    expect(percentForThreshold(361, 380, [95, 90])).toBe('95');
  });

  it('names severe absence (50% or more missed)', () => {
    expect(rateAttendance(attendance(190, 380), DEFAULT_POLICY).reasons.map((r) => r.key)).toContain('rag.attendance.severe');
  });

  it('does not rate a small denominator: too early to judge', () => {
    const rated = rateAttendance(attendance(19, 20, { basis: 'summary' }), DEFAULT_POLICY);
    expect(rated.rating).toBe('none');
    expect(rated.reasons.map((r) => r.text)).toEqual(['Only 20 sessions could have been attended so far: too early to judge (attendance is rated from 30 sessions).']);
  });

  it('says when figures are summaries', () => {
    const rated = rateAttendance(attendance(361, 380, { basis: 'summary' }), DEFAULT_POLICY);
    expect(rated.reasons.map((r) => r.key)).toEqual(['rag.attendance.green', 'rag.attendance.summary-basis']);
  });

  it('is none with no possible sessions', () => {
    expect(rateAttendance(attendance(0, 0), DEFAULT_POLICY)).toMatchObject({ rating: 'none', reasons: [{ key: 'rag.attendance.none' }] });
  });

  it('follows a council policy (green at 96%)', () => {
    const policy = resolvePolicy({ attendance: { greenAtLeastPercent: 96 } });
    expect(rateAttendance(attendance(361, 380), policy).rating).toBe('amber');
  });
});

describe('PEP RAG (issue 2 §9: red when overdue, amber when due soon)', () => {
  const t = (fields: Partial<PepTimeliness>): PepTimeliness => ({ state: 'in-date', nextDue: '2026-03-27', due: 'review', daysOverdue: 0, schoolDaysToDue: null, noneRecorded: false, ...fields });
  it.each([
    ['in date → green', t({}), 'green', 'The PEP is up to date. The next meeting is due by 27 March 2026.'],
    ['due soon → amber', t({ state: 'due-soon', schoolDaysToDue: 4 }), 'amber', 'The next PEP meeting is due by 27 March 2026, in 4 school days.'],
    ['overdue → red', t({ state: 'overdue', daysOverdue: 9 }), 'red', 'The PEP meeting due by 27 March 2026 is 9 days overdue.'],
    ['none recorded → red', t({ state: 'overdue', nextDue: null, noneRecorded: true }), 'red', 'No PEP meeting is recorded for this child in care.'],
    ['not looked after → none', t({ state: 'not-required', nextDue: null, due: null }), 'none', 'The child is not looked after on this date, so no PEP is needed.'],
  ])('%s', (_name, timeliness, rating, text) => {
    const rated = ratePep(timeliness, DEFAULT_POLICY);
    expect(rated.rating).toBe(rating);
    expect(rated.reasons[0]?.text).toBe(text);
  });
});

describe('exclusions RAG (issue 2 §9: red for a permanent exclusion or 2+ suspensions this year, amber for 1)', () => {
  const asOf = '2026-03-01';
  const suspensions = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'suspension' as const, start: `2025-10-${String(i + 10)}`, sessions: 2 }));
  it.each([
    ['no suspensions → green', suspensions(0), 'green'],
    ['one suspension → amber', suspensions(1), 'amber'],
    ['two suspensions → red', suspensions(2), 'red'],
    ['five suspensions → red', suspensions(5), 'red'],
    ['a permanent exclusion → red', [{ type: 'permanent' as const, start: '2026-01-20' }], 'red'],
    ['suspensions last school year only → green', [{ type: 'suspension' as const, start: '2025-07-01' }, { type: 'suspension' as const, start: '2025-07-10' }], 'green'],
  ])('%s', (_name, exclusions, rating) => {
    expect(rateExclusions(summariseExclusions(exclusions, asOf), true, DEFAULT_POLICY).rating).toBe(rating);
  });

  it('is none for a child not of school age with nothing recorded', () => {
    expect(rateExclusions(summariseExclusions([], asOf), false, DEFAULT_POLICY).rating).toBe('none');
  });

  it('gives both reasons for a permanent exclusion after suspensions', () => {
    const rated = rateExclusions(summariseExclusions([...suspensions(1), { type: 'permanent', start: '2026-01-20' }], asOf), true, DEFAULT_POLICY);
    expect(rated.reasons.map((r) => r.text)).toEqual(['Permanently excluded on 20 January 2026.', 'Suspensions this school year: 1 (red at 2 or more).']);
  });
});

describe('attainment RAG (default: below expected is amber, never red on its own; progress is tracked in the PEP)', () => {
  const rw = ['reading', 'writing', 'maths'] as const;
  it.each([
    ['none below → green', [], ['reading', 'writing', 'maths'], 'green'],
    ['one below → amber', ['maths'], ['reading', 'writing'], 'amber'],
    ['two below → amber', ['reading', 'maths'], ['writing'], 'amber'],
    ['three below → amber', ['reading', 'writing', 'maths'], [], 'amber'],
    ['one assessed, at expected → green', [], ['maths'], 'green'],
    ['nothing assessed → none', [], [], 'none'],
  ] as const)('%s', (_name, below, atOrAbove, rating) => {
    expect(rateAttainment({ subjects: rw, below, atOrAbove }, DEFAULT_POLICY).rating).toBe(rating);
  });

  it('at KS4: English and maths both below is amber, and the reason says why it is not red', () => {
    const rated = rateAttainment({ subjects: ['english', 'maths'], below: ['english', 'maths'], atOrAbove: [] }, DEFAULT_POLICY);
    expect(rated).toMatchObject({
      rating: 'amber',
      reasons: [{ text: 'Below the expected standard in English and maths: amber, for the PEP to plan extra help and track progress.' }],
    });
  });

  it('a council that sets redAtSubjectsBelow gets red from that many subjects, and the reason names the line', () => {
    const strict = resolvePolicy({ attainment: { redAtSubjectsBelow: 2 } });
    const rate = (below: readonly ('reading' | 'writing' | 'maths')[]) =>
      rateAttainment({ subjects: rw, below, atOrAbove: rw.filter((s) => !below.includes(s)) }, strict);
    expect(rate(['maths']).rating).toBe('amber');
    expect(rate(['reading', 'maths'])).toMatchObject({
      rating: 'red',
      reasons: [{ text: 'Below the expected standard in reading and maths (red when 2 subjects or more are below).' }, { text: 'At or above the expected standard in writing.' }],
    });
    expect(rate(['reading', 'writing', 'maths']).rating).toBe('red');
  });

  it('a council may set redAtSubjectsBelow back to null (never red) over a stricter policy', () => {
    const strict = resolvePolicy({ attainment: { redAtSubjectsBelow: 1 } });
    expect(rateAttainment({ subjects: rw, below: ['maths'], atOrAbove: [] }, strict).rating).toBe('red');
    const relaxed = resolvePolicy({ attainment: { redAtSubjectsBelow: null } });
    expect(relaxed.attainment.redAtSubjectsBelow).toBeNull();
    expect(rateAttainment({ subjects: rw, below: ['reading', 'writing', 'maths'], atOrAbove: [] }, relaxed).rating).toBe('amber');
  });

  it('with amber at two subjects, one below is green: the rule, not a guess', () => {
    const policy = resolvePolicy({ attainment: { amberAtSubjectsBelow: 2 } });
    expect(rateAttainment({ subjects: rw, below: ['maths'], atOrAbove: ['reading', 'writing'] }, policy).rating).toBe('green');
    expect(rateAttainment({ subjects: rw, below: ['reading', 'maths'], atOrAbove: ['writing'] }, policy).rating).toBe('amber');
  });

  it('names subjects with no recent assessment', () => {
    const rated = rateAttainment({ subjects: rw, below: [], atOrAbove: ['reading'] }, DEFAULT_POLICY);
    expect(rated.reasons.map((r) => r.text)).toEqual(['At or above the expected standard in reading.', 'No assessment in the last year in writing and maths.']);
  });

  it('is none for a child not of school age', () => {
    expect(rateAttainment({ subjects: [], below: [], atOrAbove: [] }, DEFAULT_POLICY).rating).toBe('none');
  });
});

describe('overall RAG: the worst of the areas rated', () => {
  const r = (rating: 'green' | 'amber' | 'red' | 'none') => ({ rating, reasons: [] });
  it.each([
    [['green', 'green', 'green', 'green'], 'green', 'attendance, PEP, exclusions and attainment'],
    [['green', 'amber', 'green', 'none'], 'amber', 'PEP'],
    [['red', 'amber', 'green', 'red'], 'red', 'attendance and attainment'],
    [['none', 'none', 'green', 'none'], 'green', 'exclusions'],
  ] as const)('%j → %s', ([attendance, pep, exclusions, attainment], rating, areas) => {
    const overall = rateOverall({ attendance: r(attendance), pep: r(pep), exclusions: r(exclusions), attainment: r(attainment) });
    expect(overall.rating).toBe(rating);
    expect(overall.reasons[0]?.text).toBe(`The overall rating is the worst of the areas rated: ${areas} rated ${rating}.`);
  });
  it('is none when nothing could be rated', () => {
    expect(worstRating(['none', 'none'])).toBe('none');
    expect(rateOverall({ attendance: r('none'), pep: r('none'), exclusions: r('none'), attainment: r('none') }).reasons[0]?.key).toBe('rag.overall.none');
  });
});

describe('policy', () => {
  it('merges a council’s partial policy over the defaults', () => {
    const policy = resolvePolicy({ pep: { dueSoonSchoolDays: 10, qualityScale: [{ value: 'good', rating: 'green' }] } });
    expect(policy.pep).toEqual({
      initialWithinWorkingDays: 20,
      reviewEvery: 'term',
      dueSoonSchoolDays: 10,
      countsBeforeCareDays: 28,
      requiredFromAge: 3,
      qualityScale: [{ value: 'good', rating: 'green' }],
    });
    expect(policy.attendance).toEqual(DEFAULT_POLICY.attendance);
  });
  it('rejects a policy that makes no sense, naming the field', () => {
    expect(() => resolvePolicy({ attendance: { amberAtLeastPercent: 97 } })).toThrow(/amber threshold/);
    expect(() => resolvePolicy({ pep: { dueSoonSchoolDays: -1 } })).toThrow(/dueSoonSchoolDays/);
    expect(() => resolvePolicy({ attainment: { redAtSubjectsBelow: 1, amberAtSubjectsBelow: 2 } })).toThrow(/amberAtSubjectsBelow[\s\S]*amber threshold must not be above the red/);
    expect(() => resolvePolicy({ attainment: { redAtSubjectsBelow: 0 } })).toThrow(/redAtSubjectsBelow/);
    expect(() => resolvePolicy({ exclusions: { redAtSuspensions: 2, amberAtSuspensions: 3 } })).toThrow(/amberAtSuspensions[\s\S]*amber threshold must not be above the red/);
  });
});
