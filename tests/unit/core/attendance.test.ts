import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AttendanceSummary } from '../../../core/model/status.ts';
import {
  PERSISTENT_ABSENCE_PERCENT,
  SEVERE_ABSENCE_PERCENT,
  SMALL_DENOMINATOR_SESSIONS,
  attendancePercent,
  checkAttendanceFigures,
  findDuplicateMarks,
  summariseAttendance,
  summariseAttendanceFigures,
  type SessionMark,
} from '../../../core/rules/attendance.ts';
import { addWorkingDays } from '../../../core/rules/calendar.ts';
import { classifyAttendanceCode } from '../../../core/rules/attendance-codes.ts';

const classify = (mark: SessionMark) => classifyAttendanceCode(mark.code, mark.date);

/** Session marks on consecutive working days from `start`, AM then PM, one code per session. */
function marksFrom(start: string, codes: string[]): SessionMark[] {
  const marks: SessionMark[] = [];
  let date = start;
  codes.forEach((code, index) => {
    if (index > 0 && index % 2 === 0) date = addWorkingDays(date, 1);
    marks.push({ date, session: index % 2 === 0 ? 'AM' : 'PM', code });
  });
  return marks;
}

const repeat = (code: string, n: number): string[] => Array.from({ length: n }, () => code);

describe('attendance summary (DfE pupil absence methodology)', () => {
  it('DfE methodology: approved educational activity counts as attendance; D, X, Y, Z, # are not possible sessions', () => {
    const marks = marksFrom('2025-09-08', ['/', '\\', 'L', 'V', 'K', 'B', 'I', 'M', 'O', 'G', 'D', 'X', 'Y4', 'Q', 'Z', '#']);
    const summary = summariseAttendance(marks);
    expect(summary).toMatchObject({
      possibleSessions: 10,
      attendedSessions: 6,
      authorisedAbsenceSessions: 2,
      unauthorisedAbsenceSessions: 2,
      attendancePercent: 60,
      // 40% missed, but from 10 possible sessions: too early to call persistent absence.
      persistentAbsence: false,
      severeAbsence: false,
      smallDenominator: true,
      basis: 'marks',
      unknownCodes: [],
    });
    expect(AttendanceSummary.parse(summary)).toEqual(summary);
  });

  it.each([
    [380, 38, true, false, 90, 'DfE: 38 of 380 sessions missed (exactly 10%) is persistent absence'],
    [380, 37, false, false, 90.3, 'DfE: 37 of 380 sessions missed (9.7%) is not'],
    [380, 190, true, true, 50, 'DfE: 190 of 380 missed (exactly 50%) is severe absence'],
    [380, 189, true, false, 50.3, 'DfE: 189 of 380 missed is not severe'],
    [30, 3, true, false, 90, 'DfE: 3 of 30 missed (exactly 10%) is persistent absence'],
    [30, 2, false, false, 93.3, 'DfE: 2 of 30 missed is not'],
    [379, 38, true, false, 90, 'DfE: 38 of 379 (10.03%) is persistent although the rounded attendance is 90.0%'],
    [381, 38, false, false, 90, 'DfE: 38 of 381 (9.97%) is not persistent although the rounded attendance is 90.0%'],
  ])('%i possible, %i missed — PA %s, SA %s, %s%% (%s)', (possible, missed, pa, sa, percent) => {
    const codes = [...repeat('/', possible - missed), ...repeat('N', missed)];
    const summary = summariseAttendance(marksFrom('2025-09-08', codes));
    expect(summary.possibleSessions).toBe(possible);
    expect(summary.persistentAbsence).toBe(pa);
    expect(summary.severeAbsence).toBe(sa);
    expect(summary.attendancePercent).toBe(percent);
  });

  it('thresholds are the DfE figures: persistent 10%, severe 50%', () => {
    expect(PERSISTENT_ABSENCE_PERCENT).toBe(10);
    expect(SEVERE_ABSENCE_PERCENT).toBe(50);
  });

  it.each([
    [0, 0, null],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 8, 12.5],
    [1, 16, 6.3],
    [380, 380, 100],
  ])('attendancePercent(%i of %i) = %s (one decimal, half up)', (attended, possible, expected) => {
    expect(attendancePercent(attended, possible)).toBe(expected);
  });

  it('nothing possible: percentage null, no flags, a small-denominator caution', () => {
    const summary = summariseAttendance(marksFrom('2025-09-08', ['#', '#', 'Z', 'Z']));
    expect(summary).toMatchObject({ possibleSessions: 0, attendancePercent: null, persistentAbsence: false, severeAbsence: false, smallDenominator: true });
  });

  it(`small denominator: fewer than ${SMALL_DENOMINATOR_SESSIONS} possible sessions carries a caution`, () => {
    expect(summariseAttendance(marksFrom('2025-09-08', repeat('/', SMALL_DENOMINATOR_SESSIONS - 1))).smallDenominator).toBe(true);
    expect(summariseAttendance(marksFrom('2025-09-08', repeat('/', SMALL_DENOMINATOR_SESSIONS))).smallDenominator).toBe(false);
  });

  it('unknown codes are reported, not counted (never a silent "present")', () => {
    const marks = marksFrom('2025-09-08', ['/', 'A', '/', 'J']);
    const summary = summariseAttendance(marks);
    expect(summary.possibleSessions).toBe(2);
    expect(summary.unknownCodes).toEqual([
      { date: '2025-09-08', session: 'PM', code: 'A' },
      { date: '2025-09-09', session: 'PM', code: 'J' },
    ]);
  });

  it('DOMAIN.md: a mark counts by the code set in force on its date (J in 2023 is attendance, J1 in 2025 is absence)', () => {
    const summary = summariseAttendance([
      { date: '2023-06-05', session: 'AM', code: 'J' },
      { date: '2025-06-05', session: 'AM', code: 'J1' },
    ]);
    expect(summary).toMatchObject({ attendedSessions: 1, authorisedAbsenceSessions: 1, unknownCodes: [] });
  });

  it('range: marks outside it are left out; the range is inclusive at both ends', () => {
    const marks = marksFrom('2025-09-08', repeat('N', 10)); // 8–12 September
    const summary = summariseAttendance(marks, { from: '2025-09-09', to: '2025-09-11' });
    expect(summary).toMatchObject({ from: '2025-09-09', to: '2025-09-11', possibleSessions: 6 });
  });

  it('no marks and a range: basis none, nothing possible', () => {
    expect(summariseAttendance([], { from: '2025-09-01', to: '2025-09-30' })).toMatchObject({ basis: 'none', possibleSessions: 0, attendancePercent: null });
  });

  it('duplicate marks for one date and session: the last in the list wins, and findDuplicateMarks lists the others', () => {
    const marks: SessionMark[] = [
      { date: '2025-09-08', session: 'AM', code: 'N' },
      { date: '2025-09-08', session: 'PM', code: '/' },
      { date: '2025-09-08', session: 'AM', code: 'I' },
    ];
    const summary = summariseAttendance(marks);
    expect(summary).toMatchObject({ possibleSessions: 2, authorisedAbsenceSessions: 1, unauthorisedAbsenceSessions: 0 });
    expect(findDuplicateMarks(marks)).toEqual([marks[2]]);
  });

  it('absence reasons: by sessions, most first, with labels', () => {
    const summary = summariseAttendance(marksFrom('2025-09-08', ['I', 'I', 'I', 'G', 'G', 'M', '/', '/']));
    expect(summary.absenceReasons.map((r) => [r.code, r.sessions, r.category])).toEqual([
      ['I', 3, 'authorised'],
      ['G', 2, 'unauthorised'],
      ['M', 1, 'authorised'],
    ]);
    expect(summary.absenceReasons[0]?.label).toBe('Illness');
  });

  it('weekly series: one entry per Monday across the range, holidays as empty weeks', () => {
    const marks = [...marksFrom('2025-10-20', repeat('/', 10)), ...marksFrom('2025-11-03', [...repeat('/', 5), ...repeat('N', 5)])];
    const summary = summariseAttendance(marks, { from: '2025-10-20', to: '2025-11-09' });
    expect(summary.weekly).toEqual([
      { weekStart: '2025-10-20', possibleSessions: 10, attendedSessions: 10, attendancePercent: 100 },
      { weekStart: '2025-10-27', possibleSessions: 0, attendedSessions: 0, attendancePercent: null },
      { weekStart: '2025-11-03', possibleSessions: 10, attendedSessions: 5, attendancePercent: 50 },
    ]);
  });

  it('rejects a mark whose date is not a calendar date, naming it', () => {
    expect(() => summariseAttendance([{ date: '2025-02-30', session: 'AM', code: '/' }])).toThrow('"2025-02-30" is not a calendar date');
  });

  const arbitraryMarks = fc.array(
    fc.record({
      date: fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2023, 8, 1 + n)).toISOString().slice(0, 10)),
      session: fc.constantFrom('AM' as const, 'PM' as const),
      code: fc.oneof(fc.constantFrom('/', '\\', 'L', 'B', 'V', 'J', 'J1', 'C2', 'I', 'N', 'O', 'D', 'X', 'Y', 'Y1', 'Z', '#', 'H', 'C'), fc.string({ maxLength: 2 })),
    }),
    { maxLength: 200 },
  );

  it('property: attended + authorised + unauthorised = possible; percentage within 0–100; schema-valid', () => {
    fc.assert(
      fc.property(arbitraryMarks, (marks) => {
        const summary = summariseAttendance(marks);
        expect(summary.attendedSessions + summary.authorisedAbsenceSessions + summary.unauthorisedAbsenceSessions).toBe(summary.possibleSessions);
        if (summary.attendancePercent !== null) {
          expect(summary.attendancePercent).toBeGreaterThanOrEqual(0);
          expect(summary.attendancePercent).toBeLessThanOrEqual(100);
        }
        expect(summary.weekly.reduce((sum, week) => sum + week.possibleSessions, 0)).toBe(summary.possibleSessions);
        expect(summary.absenceReasons.reduce((sum, r) => sum + r.sessions, 0)).toBe(
          summary.authorisedAbsenceSessions + summary.unauthorisedAbsenceSessions,
        );
        expect(AttendanceSummary.safeParse(summary).success).toBe(true);
      }),
    );
  });

  const someRange = fc
    .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 120 }))
    .map(([start, length]) => ({
      from: new Date(Date.UTC(2023, 8, 1 + start)).toISOString().slice(0, 10),
      to: new Date(Date.UTC(2023, 8, 1 + start + length)).toISOString().slice(0, 10),
    }));

  it('property: sorted or shuffled, the same distinct marks give the same summary over any range', () => {
    fc.assert(
      fc.property(arbitraryMarks, someRange, (marks, range) => {
        const distinct = marks.filter((m, i) => marks.findIndex((o) => o.date === m.date && o.session === m.session) === i);
        const sorted = [...distinct].sort((a, b) => a.date.localeCompare(b.date) || a.session.localeCompare(b.session));
        const a = summariseAttendance(sorted, range);
        const b = summariseAttendance([...sorted].reverse(), range);
        const c = summariseAttendance(distinct, range);
        expect({ ...b, unknownCodes: [] }).toEqual({ ...a, unknownCodes: [] });
        expect({ ...c, unknownCodes: [] }).toEqual({ ...a, unknownCodes: [] });
        expect(a.possibleSessions).toBe(
          sorted.filter((m) => m.date >= range.from && m.date <= range.to && ['present', 'approved-activity', 'authorised', 'unauthorised'].includes(classify(m))).length,
        );
      }),
    );
  });

  it('a list summarised, then added to, is summarised afresh', () => {
    const marks = marksFrom('2025-09-08', ['/', '/']);
    expect(summariseAttendance(marks).possibleSessions).toBe(2);
    marks.push({ date: '2025-09-01', session: 'AM', code: 'N' });
    expect(summariseAttendance(marks)).toMatchObject({ possibleSessions: 3, unauthorisedAbsenceSessions: 1 });
  });
});

describe('attendance from summary figures (no session marks held)', () => {
  const autumn = { from: '2025-09-02', to: '2025-12-19', possibleSessions: 140, attendedSessions: 126, authorisedAbsenceSessions: 10, unauthorisedAbsenceSessions: 4 };
  const spring = { from: '2026-01-05', to: '2026-03-27', possibleSessions: 110, attendedSessions: 110, authorisedAbsenceSessions: 0, unauthorisedAbsenceSessions: 0 };
  const yearToDate = { from: '2025-09-02', to: '2026-03-27', possibleSessions: 250, attendedSessions: 236, authorisedAbsenceSessions: 10, unauthorisedAbsenceSessions: 4 };
  const year = { from: '2025-09-01', to: '2026-08-31' };

  it('DfE methodology: figures inside the range add up, with the same PA rule', () => {
    const summary = summariseAttendanceFigures([autumn], year);
    expect(summary).toMatchObject({ basis: 'summary', possibleSessions: 140, attendancePercent: 90, persistentAbsence: true, weekly: [] });
  });

  it('figures reaching outside the range are not used: a year cannot stand in for a term', () => {
    expect(summariseAttendanceFigures([yearToDate], { from: '2025-09-01', to: '2025-12-31' })).toMatchObject({ basis: 'none', possibleSessions: 0 });
  });

  it('overlapping figures are not counted twice: the longest is kept', () => {
    expect(summariseAttendanceFigures([autumn, spring, yearToDate], year).possibleSessions).toBe(250);
    expect(summariseAttendanceFigures([autumn, spring], year).possibleSessions).toBe(250);
  });

  it('checkAttendanceFigures says why figures do not add up', () => {
    expect(checkAttendanceFigures(autumn)).toBeUndefined();
    expect(checkAttendanceFigures({ ...autumn, possibleSessions: 150 })).toBe(
      'Attended (126) + authorised absence (10) + unauthorised absence (4) = 140 sessions, but possible sessions are given as 150.',
    );
  });
});
