import { isSchoolDay } from '../../../core/rules/calendar.ts';

/** A mark for every AM and PM of every school day from `from` to `to`: present, or the code given for the date. */
export function schoolDayMarks(from: string, to: string, absences: Record<string, string> = {}): { date: string; session: 'AM' | 'PM'; code: string }[] {
  const out: { date: string; session: 'AM' | 'PM'; code: string }[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = d.toISOString().slice(0, 10);
    if (!isSchoolDay(date)) continue;
    out.push({ date, session: 'AM', code: absences[date] ?? '/' }, { date, session: 'PM', code: absences[date] ?? '\\' });
  }
  return out;
}
