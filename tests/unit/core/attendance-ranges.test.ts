import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AttendanceSummary } from '../../../core/model/status.ts';
import { attendanceCodeDefinition } from '../../../core/rules/attendance-codes.ts';
import {
  attendancePercent,
  isPersistentAbsence,
  isSevereAbsence,
  SMALL_DENOMINATOR_SESSIONS,
  summariseAttendance,
  summariseAttendanceRanges,
  type DateRange,
  type SessionMark,
} from '../../../core/rules/attendance.ts';
import { addDays, daysBetween, weekStart } from '../../../core/rules/calendar.ts';
import { MarkColumns } from '../../../core/rules/mark-columns.ts';

/**
 * The attendance summary worked out the plain way, straight from its definition (DfE pupil absence
 * methodology, DOMAIN.md §1): keep the last mark of each date and session, take those in the range,
 * count each by its code on its date, group by week. The fast path (ordered marks sliced by binary
 * search, several ranges counted in one pass) must give exactly this.
 */
function straightforward(marks: readonly SessionMark[], range: DateRange): AttendanceSummary {
  const last = new Map<string, SessionMark>();
  for (const mark of marks) {
    const key = `${mark.date} ${mark.session}`;
    last.delete(key);
    last.set(key, mark);
  }
  const kept = [...last.values()].filter((m) => m.date >= range.from && m.date <= range.to);
  const weeks: { weekStart: string; possibleSessions: number; attendedSessions: number }[] = [];
  if (range.from <= range.to) {
    for (let monday = weekStart(range.from); monday <= range.to; monday = addDays(monday, 7)) weeks.push({ weekStart: monday, possibleSessions: 0, attendedSessions: 0 });
  }
  const counts = { present: 0, approved: 0, authorised: 0, unauthorised: 0 };
  const reasons: AttendanceSummary['absenceReasons'] = [];
  const unknownCodes: AttendanceSummary['unknownCodes'] = [];
  for (const mark of kept) {
    const definition = attendanceCodeDefinition(mark.code, mark.date);
    if (!definition) {
      unknownCodes.push({ date: mark.date, session: mark.session, code: mark.code });
      continue;
    }
    if (definition.category === 'not-possible' || definition.category === 'not-a-session') continue;
    const week = weeks[Math.floor(daysBetween(weeks[0]!.weekStart, mark.date) / 7)]!;
    week.possibleSessions += 1;
    if (definition.category === 'present' || definition.category === 'approved-activity') {
      week.attendedSessions += 1;
      if (definition.category === 'present') counts.present += 1;
      else counts.approved += 1;
      continue;
    }
    if (definition.category === 'authorised') counts.authorised += 1;
    else counts.unauthorised += 1;
    const reason = reasons.find((r) => r.code === definition.code && r.label === definition.label);
    if (reason) reason.sessions += 1;
    else reasons.push({ code: definition.code, label: definition.label, category: definition.category, sessions: 1 });
  }
  const attended = counts.present + counts.approved;
  const missed = counts.authorised + counts.unauthorised;
  const possible = attended + missed;
  return {
    from: range.from,
    to: range.to,
    possibleSessions: possible,
    attendedSessions: attended,
    authorisedAbsenceSessions: counts.authorised,
    unauthorisedAbsenceSessions: counts.unauthorised,
    attendancePercent: attendancePercent(attended, possible),
    persistentAbsence: possible >= SMALL_DENOMINATOR_SESSIONS && isPersistentAbsence(missed, possible),
    severeAbsence: possible >= SMALL_DENOMINATOR_SESSIONS && isSevereAbsence(missed, possible),
    smallDenominator: possible < SMALL_DENOMINATOR_SESSIONS,
    absenceReasons: reasons.sort((a, b) => b.sessions - a.sessions || a.code.localeCompare(b.code)),
    weekly: weeks.map((w) => ({ ...w, attendancePercent: attendancePercent(w.attendedSessions, w.possibleSessions) })),
    unknownCodes,
    basis: kept.length > 0 ? 'marks' : 'none',
  };
}

// Marks around the August 2024 code change, with current, withdrawn, absence, not-possible and unknown codes.
const DAYS = 70;
const FIRST = '2024-07-01';
const day = fc.integer({ min: 0, max: DAYS });
const code = fc.constantFrom('/', '\\', 'L', 'B', 'P', 'I', 'M', 'C', 'C1', 'C2', 'E', 'G', 'O', 'U', 'N', 'J', 'J1', 'H', 'T', 'X', 'Y1', 'Z', '#', 'Q9', 'i');
const mark = fc.record({ day, session: fc.constantFrom('AM' as const, 'PM' as const), code });
const range = fc.tuple(day, day).map(([a, b]) => ({ from: addDays(FIRST, a - 3), to: addDays(FIRST, b + 3) }));

function toMarks(drawn: { day: number; session: 'AM' | 'PM'; code: string }[], ordered: boolean): SessionMark[] {
  const marks = drawn.map((m) => ({ date: addDays(FIRST, m.day), session: m.session, code: m.code }));
  if (!ordered) return marks;
  // Ordered, as records usually hold them: by date and session, one mark each.
  const byKey = new Map(marks.map((m) => [`${m.date} ${m.session}`, m]));
  return [...byKey.values()].sort((a, b) => (a.date + a.session < b.date + b.session ? -1 : 1));
}

describe('summariseAttendanceRanges: one pass over the marks gives each range its straightforward summary (DfE absence methodology)', () => {
  it('property: every range, ordered marks or not, listed or compact, equals the straightforward computation and summariseAttendance', () => {
    fc.assert(
      fc.property(fc.array(mark, { maxLength: 120 }), fc.array(range, { minLength: 1, maxLength: 4 }), fc.boolean(), (drawn, ranges, ordered) => {
        const marks = toMarks(drawn, ordered);
        const summaries = summariseAttendanceRanges(marks, ranges);
        expect(summaries).toHaveLength(ranges.length);
        // The compact form a server holds (core/rules/mark-columns.ts) counts exactly the same.
        expect(summariseAttendanceRanges(MarkColumns.from(marks), ranges)).toEqual(summaries);
        ranges.forEach((r, i) => {
          const expected = straightforward(marks, r);
          expect(summaries[i]).toEqual(expected);
          expect(summariseAttendance(marks, r)).toEqual(expected);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('a status\'s three ranges (year, term, last four weeks) over a year of marks', () => {
    const marks: SessionMark[] = [];
    const codes = ['/', '\\', 'I', '/', 'N', '/', 'M', 'G', '/', 'X', 'C', 'O', 'L', '/', 'U', 'B', '#', 'E', '/', '\\', 'Y1'];
    for (let d = 0; d < 330; d++) {
      const date = addDays('2025-09-01', d);
      if (new Date(`${date}T00:00:00Z`).getUTCDay() % 6 === 0) continue;
      marks.push({ date, session: 'AM', code: codes[d % codes.length]! }, { date, session: 'PM', code: codes[(d * 7) % codes.length]! });
    }
    const ranges = [
      { from: '2025-09-01', to: '2026-07-17' },
      { from: '2026-04-20', to: '2026-07-17' },
      { from: '2026-06-20', to: '2026-07-17' },
    ];
    expect(summariseAttendanceRanges(marks, ranges)).toEqual(ranges.map((r) => straightforward(marks, r)));
  });

  it.each([
    ['a session that is not AM or PM', [{ date: '2025-09-01', session: 'XM', code: '/' }], 'session must be "AM" or "PM"'],
    ['a date that is not a calendar date', [{ date: '2025-09-31', session: 'AM', code: '/' }], '"2025-09-31" is not a calendar date'],
  ])('throws a RangeError as summariseAttendance does, for %s', (_what, marks, text) => {
    const r = { from: '2025-09-01', to: '2025-10-31' };
    expect(() => summariseAttendance(marks as SessionMark[], r)).toThrow(text);
    expect(() => summariseAttendanceRanges(marks as SessionMark[], [r, { from: '2025-09-01', to: '2025-09-30' }])).toThrow(text);
  });
});
