import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/index.ts';
import { ChildEducationRecord, type ChildEducationRecordInput } from '../../../core/model/record.ts';
import { EducationStatus } from '../../../core/model/status.ts';
import { ATTENDANCE_CODES } from '../../../core/rules/attendance-codes.ts';
import { RATING_ORDER } from '../../../core/rules/rag.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { schoolDayMarks } from './school-day-marks.ts';

// Scenario: Year 6 in 2025/26 (born 15 Oct 2014: 10 on 31 Aug 2025), in care since 10 Jan 2024 under a full
// care order, last PEP in the autumn term, status worked out on Monday 2 March 2026 (spring term 5 Jan–27 Mar).
const AS_OF = '2026-03-02';

const marks = schoolDayMarks;

function record(overrides: Partial<ChildEducationRecordInput> = {}): ChildEducationRecord {
  return ChildEducationRecord.parse({
    schemaVersion: 1,
    identity: { personId: 'P100', upn: 'B801200005001', firstName: 'Amira', preferredName: 'Mira', lastName: 'Khan', dateOfBirth: '2014-10-15', gender: 'female' },
    care: {
      lookedAfter: true,
      periods: [{ start: '2024-01-10', episodes: [{ start: '2024-01-10', legalStatus: 'C2', placementType: 'U1', inArea: true }] }],
      placementChanges: [{ date: '2024-01-10' }],
      socialWorker: { name: 'Sam Patel' },
    },
    school: { enrolments: [{ urn: '100001', name: 'Riverside Primary', phase: 'primary', start: '2019-09-04', inArea: true }] },
    attendance: { marks: marks('2025-09-01', AS_OF), summaries: [] },
    attainment: {
      assessments: [{ measure: 'KS1', subject: 'reading', date: '2022-06-30', result: 'EXS' }],
      termly: [
        { subject: 'reading', date: '2026-01-20', judgement: 'expected', target: 'expected' },
        { subject: 'writing', date: '2026-01-20', judgement: 'working-towards', target: 'expected' },
        { subject: 'maths', date: '2026-01-20', judgement: 'below', target: 'expected' },
      ],
    },
    exclusions: [],
    sen: { provision: 'K', primaryNeed: 'SEMH' },
    pep: {
      meetings: [{ date: '2025-10-01', status: 'approved', qualityRating: 'Gold', childViewsRecorded: true, ppPlusRequested: 600, ppPlusApproved: 500 }],
      actions: [
        { meetingDate: '2025-10-01', description: 'Share the care plan with school', owner: 'social-worker', due: '2026-02-20', completed: false },
        { meetingDate: '2025-10-01', description: 'Reading intervention', owner: 'school', due: '2026-04-01', completed: false },
      ],
    },
    provenance: { attendance: { source: 'attendance.csv', asOf: '2026-02-27' }, care: { source: 'SSDA903', asOf: '2025-12-01' } },
    ...overrides,
  });
}

function derive(r: ChildEducationRecord, options: Partial<Parameters<typeof deriveStatus>[1]> = {}) {
  const status = deriveStatus(r, { asOf: AS_OF, ...options });
  const parsed = EducationStatus.safeParse(status);
  expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  return status;
}

const flagKeys = (status: EducationStatus) => status.flags.map((f) => f.key);

describe('deriveStatus: a Year 6 child in care (DOMAIN.md §§1–3, issue 2 "The status")', () => {
  const status = derive(record());

  it('describes the child: age, year group and key stage on the day, assessment year', () => {
    expect(status.child).toMatchObject({ displayName: 'Mira Khan', age: 11, yearGroup: 6, yearGroupLabel: 'Year 6', keyStage: 'KS2', assessmentYear: true, upnValid: true });
  });

  it('summarises care: time in care, 12 months or more, legal status', () => {
    expect(status.lookedAfter).toMatchObject({ lookedAfter: true, currentPeriodStart: '2024-01-10', daysInCare: 782, inCare12MonthsOrMore: true, legalStatusLabel: 'Full care order', placementArea: 'in-area' });
    expect(status.school).toMatchObject({ urn: '100001', name: 'Riverside Primary' });
  });

  it('gives attendance for the academic year, the term and the last four weeks', () => {
    const all = marks('2025-09-01', AS_OF);
    expect(status.attendance.academicYear).toMatchObject({ from: '2025-09-01', to: AS_OF, possibleSessions: all.length, attendedSessions: all.length, attendancePercent: 100, basis: 'marks' });
    expect(status.attendance.term).toMatchObject({ from: '2026-01-05', to: AS_OF, possibleSessions: marks('2026-01-05', AS_OF).length, termName: 'Spring term 2025/26' });
    // The last four school weeks: 2 March, 23 February, 9 February and 2 February (16–20 February is half-term).
    expect(status.attendance.lastFourWeeks).toMatchObject({ from: '2026-02-02', to: AS_OF, possibleSessions: marks('2026-02-02', AS_OF).length });
    expect(status.attendance.trend).toBe('steady');
    expect(status.rag.attendance).toBe('green');
  });

  it('rates attainment amber, not red: writing and maths below expected, for the PEP to track (core/policy.ts)', () => {
    expect(status.attainment.coreSubjectsBelowExpected).toEqual(['writing', 'maths']);
    expect(status.rag.attainment).toBe('amber');
    expect(status.flags.find((f) => f.key === 'below-expected')?.severity).toBe('amber');
    expect(status.attainment.inYear.find((j) => j.subject === 'maths')).toMatchObject({ atOrAboveExpected: false, versusTarget: 'below' });
    expect(status.attainment.statutory[0]).toMatchObject({ measure: 'KS1', resultLabel: 'Working at the expected standard', meetsExpected: true });
  });

  it('has the PEP in date until the end of spring term, with the social worker’s overdue action', () => {
    expect(status.pep).toMatchObject({ state: 'in-date', nextDue: '2026-03-27', daysOverdue: 0, qualityRating: 'Gold', ppPlus: { requested: 600, approved: 500 } });
    expect(status.pep.socialWorkerActions).toEqual([
      { description: 'Share the care plan with school', owner: 'social-worker', meetingDate: '2025-10-01', due: '2026-02-20', overdue: true, daysOverdue: 10 },
    ]);
    expect(status.pep.outstandingActions).toHaveLength(2);
    // In date, but the overdue action's amber flag holds the rating at amber: a rating never contradicts its flags.
    expect(status.rag.pep).toBe('amber');
    expect(status.rag.reasons.pep.map((r) => r.text)).toEqual([
      'The PEP is up to date. The next meeting is due by 27 March 2026.',
      'Rated amber because of "Social worker actions overdue".',
    ]);
  });

  it('takes the overall rating from the worst area, and explains every flag', () => {
    expect(status.rag.overall).toBe('amber');
    expect(status.rag.reasons.overall[0]?.text).toBe('The overall rating is the worst of the areas rated: PEP and attainment rated amber.');
    expect(flagKeys(status)).toEqual(['below-expected', 'below-target', 'social-worker-actions-overdue', 'stale-data', 'assessment-year', 'sen-support']);
    for (const flag of status.flags) {
      expect(flag.title.text.length).toBeGreaterThan(0);
      expect(flag.meaning.text).not.toMatch(/\{|undefined|NaN/);
    }
  });

  it('reports how fresh each part is, and flags parts older than 30 days', () => {
    expect(status.freshness).toEqual({
      parts: { attendance: { source: 'attendance.csv', asOf: '2026-02-27', ageDays: 3 }, care: { source: 'SSDA903', asOf: '2025-12-01', ageDays: 91 } },
      oldest: '2025-12-01',
      stale: true,
    });
    expect(status.flags.find((f) => f.key === 'stale-data')?.meaning.text).toBe('Some of this information is more than 30 days old (care). Check with its source before acting on it.');
  });
});

describe('deriveStatus: flags and ratings that change with the record', () => {
  it('flags persistent absence (DOMAIN §1: 10% or more missed) and rates attendance red', () => {
    const days = marks('2025-09-01', AS_OF).filter((m) => m.session === 'AM').map((m) => m.date);
    const absences = Object.fromEntries(days.filter((_, i) => i % 8 === 0).map((d) => [d, 'O'])); // one day in eight
    const status = derive(record({ attendance: { marks: marks('2025-09-01', AS_OF, absences), summaries: [] } }));
    expect(status.attendance.academicYear.persistentAbsence).toBe(true);
    expect(status.rag.attendance).toBe('red');
    expect(flagKeys(status)).toContain('persistent-absence');
    expect(status.flags.find((f) => f.key === 'persistent-absence')?.meaning.text).toMatch(/Missing one day in ten or more counts as persistent absence/);
  });

  it('speaks of the same four school weeks in the panel and in the declining-attendance flag', () => {
    // Absent every session from 23 February: across a half-term, the last four school weeks reach back to 2 February.
    const absences = Object.fromEntries(marks('2026-02-23', AS_OF).map((m) => [m.date, 'O']));
    const status = derive(record({ attendance: { marks: marks('2025-09-01', AS_OF, absences), summaries: [] } }));
    const recent = status.attendance.lastFourWeeks;
    expect(recent).toMatchObject({ from: '2026-02-02', possibleSessions: 32, attendedSessions: 20, attendancePercent: 62.5 });
    const flag = status.flags.find((f) => f.key === 'attendance-declining');
    expect(flag?.meaning.text).toContain('last four school weeks was 62.5%');
  });

  it('uses summary figures when no marks are held', () => {
    const status = derive(
      record({
        attendance: {
          marks: [],
          summaries: [{ from: '2025-09-02', to: '2026-02-27', possibleSessions: 200, attendedSessions: 180, authorisedAbsenceSessions: 15, unauthorisedAbsenceSessions: 5 }],
        },
      }),
    );
    expect(status.attendance.academicYear).toMatchObject({ basis: 'summary', attendancePercent: 90, persistentAbsence: true });
    expect(status.rag.reasons.attendance.map((r) => r.key)).toContain('rag.attendance.summary-basis');
  });

  it('makes the PEP overdue after the end of spring term without a meeting (DOMAIN §2: one each term)', () => {
    const status = derive(record(), { asOf: '2026-04-14' });
    expect(status.pep).toMatchObject({ state: 'overdue', nextDue: '2026-03-27', daysOverdue: 18 });
    expect(status.rag.pep).toBe('red');
    expect(flagKeys(status)).toContain('pep-overdue');
  });

  it('needs no PEP for a child who has left care', () => {
    const care = { lookedAfter: false, periods: [{ start: '2024-01-10', end: '2025-06-30', episodes: [{ start: '2024-01-10' }] }], placementChanges: [] };
    const status = derive(record({ care }));
    expect(status.pep.state).toBe('not-required');
    expect(status.rag.pep).toBe('none');
    expect(status.lookedAfter).toMatchObject({ lookedAfter: false, inCare12MonthsOrMore: false });
  });

  it('flags the first PEP as overdue for a child new to care with none held', () => {
    const care = { lookedAfter: true, periods: [{ start: '2026-01-05', episodes: [{ start: '2026-01-05', legalStatus: 'C1' }] }], placementChanges: [] };
    const status = derive(record({ care, pep: { meetings: [], actions: [] } }));
    expect(status.pep).toMatchObject({ state: 'overdue', nextDue: '2026-02-02', daysOverdue: 28 });
    expect(flagKeys(status)).toEqual(expect.arrayContaining(['pep-initial-overdue', 'new-to-care']));
  });

  it('flags suspensions and a permanent exclusion', () => {
    const status = derive(
      record({
        exclusions: [
          { type: 'suspension', start: '2025-11-03', sessions: 4, reasonCode: 'PP01' },
          { type: 'permanent', start: '2026-02-10', reasonCode: 'PA02' },
        ],
      }),
    );
    expect(status.exclusions).toMatchObject({ suspensionsThisYear: 1, sessionsLostThisYear: 4, permanentExclusion: true, latest: { type: 'permanent', reasonLabel: 'Physical assault against an adult' } });
    expect(status.rag.exclusions).toBe('red');
    expect(flagKeys(status)).toEqual(expect.arrayContaining(['permanent-exclusion', 'suspensions']));
  });

  it('flags a child of compulsory school age with no school, and an invalid UPN with the reason', () => {
    const status = derive(record({ school: { enrolments: [{ urn: '1', name: 'Old School', start: '2019-09-01', end: '2025-12-19' }] }, identity: { personId: 'P1', upn: 'A801200005001', firstName: 'A', lastName: 'B', dateOfBirth: '2014-10-15', gender: 'male' } }));
    expect(status.school).toBeNull();
    expect(status.flags[0]?.key).toBe('no-current-school');
    expect(status.child.upnValid).toBe(false);
    expect(status.flags.find((f) => f.key === 'upn-invalid')?.meaning.text).toMatch(/check letter should be B, not A/);
  });

  it('flags a low PEP quality and missing child views under the council’s scale', () => {
    const pep = { meetings: [{ date: '2025-10-01', status: 'approved' as const, qualityRating: 'Red', childViewsRecorded: false }], actions: [] };
    expect(flagKeys(derive(record({ pep })))).toEqual(expect.arrayContaining(['pep-quality-low', 'pep-child-views-missing']));
    const status = derive(record({ pep }), { policy: { pep: { qualityScale: [{ value: 'red', rating: 'green' }] } } });
    expect(flagKeys(status)).not.toContain('pep-quality-low');
  });

  it('shows and flags only judgements from the evidence window: an old judgement is neither current nor below target', () => {
    const status = derive(
      record({
        attainment: {
          assessments: [],
          termly: [
            { subject: 'science', date: '2023-12-01', judgement: 'below', target: 'expected' },
            { subject: 'maths', date: '2026-01-20', judgement: 'expected', target: 'expected' },
          ],
        },
      }),
    );
    expect(status.attainment.inYear.map((judgement) => judgement.subject)).toEqual(['maths']);
    expect(flagKeys(status)).not.toContain('below-target');
  });

  it('follows a council policy passed as a partial', () => {
    expect(derive(record(), { policy: { attendance: { greenAtLeastPercent: 100, amberAtLeastPercent: 100 } } }).rag.attendance).toBe('green');
    expect(derive(record(), { policy: { attainment: { redAtSubjectsBelow: 3 } } }).rag.attainment).toBe('amber');
    const strict = derive(record(), { policy: { attainment: { redAtSubjectsBelow: 2 } } });
    expect(strict.rag.attainment).toBe('red');
    expect(strict.flags.find((f) => f.key === 'below-expected')?.severity).toBe('red');
    expect(strict.rag.overall).toBe('red');
  });

  it('speaks Welsh when asked, with the same keys', () => {
    const en = derive(record());
    const cy = derive(record(), { language: 'cy' });
    expect(cy.language).toBe('cy');
    expect(cy.flags.map((f) => f.title.key)).toEqual(en.flags.map((f) => f.title.key));
    expect(cy.rag.reasons.attainment[0]?.text).toBe("Islaw'r safon ddisgwyliedig mewn ysgrifennu a mathemateg: ambr, i'r CAP gynllunio help ychwanegol ac olrhain cynnydd.");
    expect(cy.attendance.term.termName).toBe('Tymor y gwanwyn 2025/26');
  });

  it('refuses a date it cannot work a status out for, naming it', () => {
    expect(() => deriveStatus(record(), { asOf: '2026-02-30' })).toThrow(/2026-02-30/);
    expect(() => deriveStatus(record(), { asOf: '1850-01-01' })).toThrow(/1900-01-01 to 2999-12-31/);
  });
});

// Property: for any schema-valid record and any date in range, deriveStatus does not throw and its output
// is a valid EducationStatus.

const ANY_YEAR = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const NEAR = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const date = fc.oneof({ weight: 9, arbitrary: NEAR }, { weight: 1, arbitrary: ANY_YEAR });
const asOfDate = fc.oneof(
  { weight: 9, arbitrary: NEAR },
  { weight: 1, arbitrary: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
);
const text = fc.string({ maxLength: 12 });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const code = fc.oneof(fc.constantFrom(...new Set(ATTENDANCE_CODES.map((c) => c.code)), 'ZZ', 'j', '?'), fc.string({ minLength: 1, maxLength: 2 }));
const count = fc.nat({ max: 400 });

const recordArbitrary = fc.record({
  schemaVersion: fc.constant(1 as const),
  identity: fc.record({
    personId: fc.string({ minLength: 1, maxLength: 10 }),
    upn: opt(fc.oneof(fc.constant('B801200005001'), fc.string({ maxLength: 14 }))),
    nhsNumber: opt(text),
    firstName: text,
    lastName: text,
    preferredName: opt(text),
    dateOfBirth: date,
    gender: fc.constantFrom('female', 'male', 'other', 'not-known'),
    ethnicity: opt(text),
    responsibleLa: opt(text),
  }),
  care: fc.record({
    lookedAfter: fc.boolean(),
    periods: fc.array(
      fc.record({
        start: date,
        end: opt(date),
        episodes: fc.array(fc.record({ start: date, end: opt(date), legalStatus: opt(fc.oneof(fc.constantFrom('C1', 'C2', 'V2', 'E1'), text)), placementType: opt(text), inArea: opt(fc.boolean()) }), { maxLength: 3 }),
      }),
      { maxLength: 3 },
    ),
    placementChanges: fc.array(fc.record({ date, reason: opt(text) }), { maxLength: 4 }),
    placementArea: opt(fc.constantFrom('in-area', 'out-of-area', 'from-another-council')),
    socialWorker: opt(fc.record({ name: fc.string({ minLength: 1, maxLength: 8 }) })),
  }),
  school: fc.record({
    enrolments: fc.array(fc.record({ urn: fc.string({ minLength: 1, maxLength: 6 }), name: text, start: opt(date), end: opt(date), inArea: opt(fc.boolean()) }), { maxLength: 3 }),
  }),
  attendance: fc.record({
    marks: fc.oneof(
      fc.array(fc.record({ date, session: fc.constantFrom('AM', 'PM'), code }), { maxLength: 60 }),
      // in order, as registers usually are
      fc.array(fc.record({ date, session: fc.constantFrom('AM', 'PM'), code }), { maxLength: 60 }).map((m) => [...m].sort((a, b) => (a.date + a.session).localeCompare(b.date + b.session))),
    ),
    summaries: fc.array(
      fc.record({ from: date, to: date, possibleSessions: count, attendedSessions: count, authorisedAbsenceSessions: count, unauthorisedAbsenceSessions: count }),
      { maxLength: 3 },
    ),
  }),
  attainment: fc.record({
    assessments: fc.array(
      fc.record({
        measure: fc.constantFrom('EYFS', 'PHONICS', 'KS1', 'KS2', 'MTC', 'GCSE'),
        subject: fc.oneof(fc.constantFrom('reading', 'writing', 'maths', 'english', 'GLD', 'E09'), fc.string({ minLength: 1, maxLength: 8 })),
        date,
        result: fc.oneof(fc.constantFrom('EXS', 'WTS', '100', '99', '4', 'U', 'expected', 'A'), fc.string({ minLength: 1, maxLength: 4 })),
        target: opt(text),
      }),
      { maxLength: 8 },
    ),
    termly: fc.array(
      fc.record({
        subject: fc.oneof(fc.constantFrom('reading', 'writing', 'maths', 'English'), fc.string({ minLength: 1, maxLength: 8 })),
        date,
        judgement: opt(fc.constantFrom('below', 'working-towards', 'expected', 'greater-depth')),
        predictedGrade: opt(fc.oneof(fc.constantFrom('4', '9', 'U'), text)),
        target: opt(fc.oneof(fc.constantFrom('expected', '5'), text)),
      }),
      { maxLength: 8 },
    ),
  }),
  exclusions: fc.array(fc.record({ type: fc.constantFrom('suspension', 'permanent'), start: date, sessions: opt(fc.nat({ max: 30 })), reasonCode: opt(text) }), { maxLength: 4 }),
  sen: opt(fc.record({ provision: fc.constantFrom('E', 'K', 'N'), primaryNeed: opt(text), ehcPlan: opt(fc.record({ issued: opt(date) })) })),
  pep: fc.record({
    meetings: fc.array(
      fc.record({
        date,
        status: fc.constantFrom('scheduled', 'draft', 'submitted', 'approved', 'returned', 'cancelled'),
        qualityRating: opt(fc.oneof(fc.constantFrom('gold', 'Amber', 'red'), text)),
        childViewsRecorded: opt(fc.boolean()),
        ppPlusRequested: opt(fc.nat({ max: 3000 })),
        ppPlusApproved: opt(fc.nat({ max: 3000 })),
      }),
      { maxLength: 4 },
    ),
    actions: fc.array(
      fc.record({ meetingDate: date, description: text, owner: fc.constantFrom('social-worker', 'school', 'carer', 'virtual-school', 'child'), due: opt(date), completed: fc.boolean() }),
      { maxLength: 4 },
    ),
  }),
  provenance: fc.dictionary(fc.constantFrom('identity', 'care', 'school', 'attendance', 'attainment', 'exclusions', 'sen', 'pep'), fc.record({ source: fc.string({ minLength: 1, maxLength: 6 }), asOf: date })),
});

describe('deriveStatus properties (fast-check)', () => {
  it('never throws for a schema-valid record, and its output is a valid EducationStatus', () => {
    fc.assert(
      fc.property(recordArbitrary, asOfDate, fc.constantFrom('en', 'cy'), (raw, asOf, language) => {
        const parsed = ChildEducationRecord.safeParse(raw);
        expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues[0])).toBe(true);
        if (!parsed.success) return;
        const status = deriveStatus(parsed.data, { asOf, language });
        const check = EducationStatus.safeParse(status);
        expect(check.success, check.success ? '' : JSON.stringify(check.error.issues.slice(0, 2))).toBe(true);

        // Invariants a reader relies on.
        const year = status.attendance.academicYear;
        expect(year.attendedSessions + year.authorisedAbsenceSessions + year.unauthorisedAbsenceSessions).toBe(year.possibleSessions);
        const areas = [status.rag.attendance, status.rag.pep, status.rag.exclusions, status.rag.attainment];
        const worst = areas.reduce((w, r) => (RATING_ORDER.indexOf(r) > RATING_ORDER.indexOf(w) ? r : w), 'none');
        // The worst of the areas, except that an incomplete picture is never green.
        expect(status.rag.overall).toBe(worst === 'green' && status.rag.incomplete.length > 0 ? 'none' : worst);
        // A rating is never milder than the most severe flag of its own area.
        for (const area of ['attendance', 'pep', 'exclusions', 'attainment'] as const) {
          for (const f of status.flags) {
            if (f.area === area && f.severity !== 'info') expect(RATING_ORDER.indexOf(status.rag[area])).toBeGreaterThanOrEqual(RATING_ORDER.indexOf(f.severity));
          }
        }
        expect(status.pep.daysOverdue > 0).toBe(status.pep.state === 'overdue' && status.pep.daysOverdue > 0);
        if (status.pep.state !== 'overdue') expect(status.pep.daysOverdue).toBe(0);
        // (Flags that quote the record's own text — a UPN, a rating, a subject — may contain anything.)
        const quoting = new Set(['upn-invalid', 'pep-quality-low', 'pep-quality-unknown', 'below-target']);
        const ours = status.flags.filter((f) => !quoting.has(f.key)).flatMap((f) => [f.title, f.meaning]);
        for (const explained of [...ours, ...Object.values(status.rag.reasons).flat()]) {
          expect(explained.text).not.toMatch(/\{[A-Za-z]+[:|}]|undefined|NaN/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('derives a valid status for realistic generated records on any day of the year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), NEAR, fc.integer({ min: -40, max: 400 }), (seed, generatedAsOf, laterDays) => {
        const records = generateRecords({ children: 3, seed, asOf: generatedAsOf });
        const asOf = new Date(Date.parse(`${generatedAsOf}T00:00:00Z`) + laterDays * 86_400_000).toISOString().slice(0, 10);
        for (const r of records) {
          const check = EducationStatus.safeParse(deriveStatus(ChildEducationRecord.parse(r), { asOf }));
          expect(check.success, check.success ? '' : JSON.stringify(check.error.issues.slice(0, 2))).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
