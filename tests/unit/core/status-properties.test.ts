import { describe, expect, it } from 'vitest';
import { summariseCohort } from '../../../core/cohort.ts';
import { generateRecords } from '../../../core/generate/index.ts';
import { en, joinList, placeholdersOf, type MessageKey } from '../../../core/messages/index.ts';
import { ChildEducationRecord } from '../../../core/model/record.ts';
import { EducationStatus, type Explained, type RagArea } from '../../../core/model/status.ts';
import { SMALL_DENOMINATOR_SESSIONS } from '../../../core/rules/attendance.ts';
import { academicYearOf, addDays, schoolDaysBetween } from '../../../core/rules/calendar.ts';
import { RATING_ORDER } from '../../../core/rules/rag.ts';
import { deriveStatus } from '../../../core/status/derive.ts';

/**
 * Properties every status holds, over several generated cohorts (core/generate) at the dates where rules
 * change: the first day of term, half-term, the last day of term, 31 March (the SSDA903 year end),
 * 31 August and 1 September (the school year's turn), and 29 February. Each cohort also has children
 * with their attendance removed (some with their UPN too), so missing data is tried on every date.
 */

const HARD_DATES = [
  ['first day of the autumn term', '2025-09-02'],
  ['the third day of term', '2025-09-04'],
  ['autumn half-term', '2025-10-28'],
  ['last day of the autumn term', '2025-12-19'],
  ['31 March (SSDA903 year end)', '2026-03-31'],
  ['31 August (last day of the school year)', '2026-08-31'],
  ['1 September (first day of the school year)', '2026-09-01'],
  ['29 February in a leap year', '2028-02-29'],
] as const;
const SEEDS = [11, 2026, 90210];
const CHILDREN = 40;
const AREAS: readonly RagArea[] = ['attendance', 'pep', 'exclusions', 'attainment'];
const AREA_NAME: Record<RagArea, string> = { attendance: 'attendance', pep: 'PEP', exclusions: 'exclusions', attainment: 'attainment' };
const SEVERITY_RANK = { info: 0, amber: RATING_ORDER.indexOf('amber'), red: RATING_ORDER.indexOf('red') };

function cohort(seed: number, asOf: string): ChildEducationRecord[] {
  return generateRecords({ children: CHILDREN, seed, asOf }).map((record, index) => {
    if (index % 5 !== 0) return record;
    // Every fifth child: no attendance at all; every tenth also has no UPN.
    const { upn: _upn, ...identity } = record.identity;
    return ChildEducationRecord.parse({
      ...record,
      identity: index % 10 === 0 ? identity : record.identity,
      attendance: { marks: [], summaries: [] },
    });
  });
}

const statusesOn = new Map<string, EducationStatus[]>();
function statuses(seed: number, asOf: string): EducationStatus[] {
  const key = `${seed}|${asOf}`;
  let list = statusesOn.get(key);
  if (!list) {
    list = cohort(seed, asOf).map((record) => deriveStatus(record, { asOf }));
    statusesOn.set(key, list);
  }
  return list;
}

const cases = HARD_DATES.flatMap(([name, asOf]) => SEEDS.map((seed) => [name, asOf, seed] as const));

describe.each(cases)('on %s (%s), cohort seed %i', (_name, asOf, seed) => {
  const list = () => statuses(seed, asOf);

  it('every status is valid', () => {
    for (const status of list()) expect(EducationStatus.safeParse(status).success).toBe(true);
  });

  it('no area’s rating is milder than the most severe flag in that area', () => {
    for (const status of list()) {
      for (const area of AREAS) {
        const worstFlag = Math.max(0, ...status.flags.filter((f) => f.area === area).map((f) => SEVERITY_RANK[f.severity]));
        expect(RATING_ORDER.indexOf(status.rag[area]), `${status.child.personId} ${area}: ${status.rag[area]} under ${JSON.stringify(status.flags.map((f) => [f.key, f.severity]))}`).toBeGreaterThanOrEqual(worstFlag);
      }
    }
  });

  it('the overall sentence names exactly the areas that drive the rating', () => {
    for (const status of list()) {
      const [first] = status.rag.reasons.overall;
      if (status.rag.overall === 'none') {
        expect(AREAS.some((area) => status.rag[area] === 'amber' || status.rag[area] === 'red')).toBe(false);
        if (status.rag.incomplete.length > 0) {
          expect(first?.key).toBe('rag.overall.incomplete');
          expect(first?.params.areas).toBe(joinList(status.rag.incomplete.map((a) => AREA_NAME[a])));
        }
        continue;
      }
      expect(first?.key).toBe('rag.overall.worst');
      expect(first?.params.areas).toBe(joinList(AREAS.filter((a) => status.rag[a] === status.rag.overall).map((a) => AREA_NAME[a])));
    }
  });

  it('missing data never reads as green: an applicable area without data is none, says what is missing, and keeps the overall off green', () => {
    const yearStart = academicYearOf(asOf).start;
    const calendarSessions = 2 * schoolDaysBetween(addDays(yearStart, -1), asOf);
    for (const status of list()) {
      if (status.rag.overall === 'green') expect(status.rag.incomplete).toEqual([]);
      for (const area of status.rag.incomplete) expect(status.rag[area]).toBe('none');
      const year = status.attendance.academicYear;
      const compulsory = status.child.yearGroup !== null && status.child.yearGroup >= 1 && status.child.yearGroup <= 11;
      const onRollAllYear = status.school === null || status.school.start === undefined || status.school.start <= yearStart;
      if (compulsory && onRollAllYear && year.possibleSessions === 0 && calendarSessions >= SMALL_DENOMINATOR_SESSIONS) {
        expect(status.rag.attendance).toBe('none');
        expect(status.rag.reasons.attendance[0]?.key).toMatch(/^rag\.attendance\.missing(-upn)?$/);
        expect(status.rag.incomplete).toContain('attendance');
        expect(status.rag.overall).not.toBe('green');
      }
    }
  });

  it('too early to judge never alarms: under the minimum sessions no rating, no persistent or severe absence', () => {
    for (const status of list()) {
      const year = status.attendance.academicYear;
      if (!year.smallDenominator) continue;
      expect(status.rag.attendance === 'none' || status.flags.some((f) => f.area === 'attendance' && f.severity !== 'info')).toBe(true);
      expect(year.persistentAbsence || year.severeAbsence).toBe(false);
      expect(status.flags.map((f) => f.key)).not.toEqual(expect.arrayContaining(['persistent-absence']));
      expect(status.flags.map((f) => f.key)).not.toEqual(expect.arrayContaining(['severe-absence']));
    }
  });

  it('the cohort summary agrees: incomplete children apart from green, too-early children out of the absence figures', () => {
    const all = list();
    const summary = summariseCohort(all);
    expect(summary.rag.green.count).toBe(all.filter((s) => s.rag.overall === 'green').length);
    expect(summary.rag.incomplete?.count).toBe(all.filter((s) => s.rag.incomplete.length > 0 && s.rag.overall === 'none').length);
    const judged = all.filter((s) => s.attendance.academicYear.possibleSessions >= SMALL_DENOMINATOR_SESSIONS);
    expect(summary.attendance.persistentAbsence.children).toBe(judged.length);
    expect(summary.attendance.tooEarlyToJudge).toBe(all.filter((s) => s.attendance.academicYear.possibleSessions > 0).length - judged.length);
  });

  it('every sentence is filled in, and each figure in it is the figure it describes', () => {
    for (const status of list()) {
      const sentences: Explained[] = [...status.flags.flatMap((f) => [f.title, f.meaning]), ...Object.values(status.rag.reasons).flat()];
      for (const sentence of sentences) {
        expect(sentence.text).not.toMatch(/\{[A-Za-z]+[:|}]|undefined|NaN/);
        for (const placeholder of placeholdersOf(en[sentence.key as MessageKey])) {
          const [name, kind] = placeholder.split(':') as [string, string | undefined];
          const value = sentence.params[name];
          expect(value, `${sentence.key} {${name}}`).toBeDefined();
          if (kind !== 'date' && typeof value === 'number') expect(sentence.text).toContain(String(value));
        }
      }
      const year = status.attendance.academicYear;
      const exact = year.possibleSessions > 0 ? (year.attendedSessions * 100) / year.possibleSessions : null;
      for (const sentence of [...status.rag.reasons.attendance, ...status.flags.filter((f) => f.key.endsWith('-absence')).map((f) => f.meaning)]) {
        if (sentence.params.percent !== undefined) expect(Math.abs(Number(sentence.params.percent) - (exact ?? Number.NaN))).toBeLessThanOrEqual(0.05);
        if (sentence.params.missed !== undefined) {
          expect(sentence.params.missed).toBe(Math.round(((year.possibleSessions - year.attendedSessions) * 10) / year.possibleSessions));
        }
      }
      const pepFlag = status.flags.find((f) => f.key === 'pep-overdue' || f.key === 'pep-initial-overdue');
      if (pepFlag) expect(pepFlag.meaning.params.days).toBe(status.pep.daysOverdue);
      const dueSoon = status.flags.find((f) => f.key === 'pep-due-soon');
      if (dueSoon && status.pep.nextDue !== null) expect(dueSoon.meaning.params.schoolDays).toBe(schoolDaysBetween(asOf, status.pep.nextDue));
      if (status.attendance.academicYear.smallDenominator) expect(JSON.stringify(status.rag.reasons)).not.toMatch(/severe absence|persistent absence/);
    }
  });
});

/**
 * Red means act now (core/policy.ts): under the default policy every red area names, in a red flag of its
 * own, the thing to act on, and attainment below expected is never red on its own. Under a council's
 * stricter line the attainment rating and the "Below expected" flag still agree.
 */
describe.each(cases)('red means act now, on %s (%s), cohort seed %i', (_name, asOf, seed) => {
  it('under the default policy, every red area has a red flag of its own, and attainment is never red', () => {
    for (const status of statuses(seed, asOf)) {
      expect(status.rag.attainment).not.toBe('red');
      for (const area of AREAS) {
        if (status.rag[area] !== 'red') continue;
        const counts = (flagArea: string) => flagArea === area || (area === 'attendance' && flagArea === 'school');
        expect(status.flags.some((f) => f.severity === 'red' && counts(f.area)), `${status.child.personId} ${area}`).toBe(true);
      }
    }
  });

  it('under a council’s stricter attainment line (red at 2 subjects), the rating and the "Below expected" flag agree', () => {
    const policy = { attainment: { redAtSubjectsBelow: 2 } };
    for (const record of cohort(seed, asOf)) {
      const status = deriveStatus(record, { asOf, policy });
      const below = status.attainment.coreSubjectsBelowExpected.length;
      const severity = status.flags.find((f) => f.key === 'below-expected')?.severity;
      expect(severity).toBe(below >= 2 ? 'red' : below === 1 ? 'amber' : undefined);
      if (below >= 2) expect(status.rag.attainment).toBe('red');
    }
  });
});
