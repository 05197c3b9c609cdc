import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_TERM_DATES,
  TermDates,
  academicYearOf,
  addDays,
  addSchoolDays,
  addWorkingDays,
  bankHolidays,
  currentOrLastTerm,
  daysBetween,
  easterSunday,
  fromDayNumber,
  toDayNumber,
  isBankHoliday,
  isSchoolDay,
  isWorkingDay,
  nextTermStart,
  schoolDaysBetween,
  termOn,
  weekStart,
  workingDaysBetween,
} from '../../../core/rules/calendar.ts';

// gov.uk/bank-holidays (England and Wales), as published.
const GOV_UK_BANK_HOLIDAYS: Record<number, string[]> = {
  2011: ['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27'],
  2012: ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26'],
  2019: ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27'],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

describe('bank holidays (England and Wales)', () => {
  it.each(Object.entries(GOV_UK_BANK_HOLIDAYS))('gov.uk bank holidays %s: every date, sorted', (year, expected) => {
    expect(bankHolidays(Number(year))).toEqual(expected);
  });

  it.each([
    ['2020-05-08', true, 'gov.uk 2020: early May holiday moved to Friday 8 May (VE Day)'],
    ['2020-05-04', false, 'gov.uk 2020: Monday 4 May was not a holiday'],
    ['2022-06-02', true, 'gov.uk 2022: spring holiday moved to Thursday 2 June'],
    ['2022-06-03', true, 'gov.uk 2022: Platinum Jubilee holiday added'],
    ['2022-05-30', false, 'gov.uk 2022: last Monday of May was not a holiday'],
    ['2022-09-19', true, 'gov.uk 2022: State Funeral added'],
    ['2023-05-08', true, 'gov.uk 2023: Coronation added'],
    ['2011-04-29', true, 'gov.uk 2011: Royal Wedding added'],
    ['2021-12-27', true, 'gov.uk 2021: Christmas (Saturday) substituted on Monday 27'],
    ['2021-12-28', true, 'gov.uk 2021: Boxing Day (Sunday) substituted on Tuesday 28'],
    ['2022-12-27', true, 'gov.uk 2022: Christmas (Sunday) substituted on Tuesday 27'],
    ['2022-01-03', true, "gov.uk 2022: New Year's Day (Saturday) substituted on Monday 3 January"],
    ['2023-01-02', true, "gov.uk 2023: New Year's Day (Sunday) substituted on Monday 2 January"],
    ['2022-12-25', false, 'gov.uk 2022: Christmas Day fell on a Sunday, so only its substitute is listed'],
  ])('isBankHoliday(%s) is %s — %s', (date, expected) => {
    expect(isBankHoliday(date)).toBe(expected);
  });

  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday (Gregorian computus) %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('gov.uk rule: Good Friday and Easter Monday follow Easter Sunday in every year 1978–2100', () => {
    for (let year = 1978; year <= 2100; year += 1) {
      const easter = easterSunday(year);
      const holidays = bankHolidays(year);
      expect(holidays).toContain(addDays(easter, -2));
      expect(holidays).toContain(addDays(easter, 1));
      expect(holidays.every((day) => isWorkingDay(day) === false)).toBe(true);
      expect([...holidays].sort()).toEqual(holidays);
    }
  });

  it('rejects a year that is not a whole number', () => {
    expect(() => bankHolidays(2025.5)).toThrow(RangeError);
  });
});

describe('dates are timezone-proof ISO strings', () => {
  it.each([
    ['2025-03-30', 1, '2025-03-31', 'UK clocks go forward 30 March 2025'],
    ['2025-10-26', 1, '2025-10-27', 'UK clocks go back 26 October 2025'],
    ['2024-02-28', 1, '2024-02-29', 'leap day 2024'],
    ['2023-02-28', 1, '2023-03-01', 'no leap day 2023'],
    ['2025-12-31', 1, '2026-01-01', 'year end'],
    ['2025-01-01', -1, '2024-12-31', 'backwards over year end'],
  ])('addDays(%s, %i) = %s (%s)', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(n);
  });

  it.each([
    ['0000-01-01', 'the first day of year 0000'],
    ['0000-02-29', 'year 0000 is a leap year (divisible by 400)'],
    ['0001-01-01', 'year 1'],
    ['0050-06-15', 'a two-digit year, which Date.UTC would read as 1950'],
    ['0099-12-31', 'the last two-digit year'],
    ['0100-03-01', 'year 100'],
    ['1900-03-01', 'after 1900-02-28 (1900 is not a leap year)'],
    ['9999-12-31', 'the last day EduBridge reads'],
  ])('toDayNumber(%s) round-trips and agrees with Date set by setUTCFullYear (%s)', (iso) => {
    const viaDate = new Date(0);
    viaDate.setUTCFullYear(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
    expect(toDayNumber(iso)).toBe(viaDate.getTime() / 86_400_000);
    expect(fromDayNumber(toDayNumber(iso))).toBe(iso);
  });

  it.each([['0100-02-29'], ['0000-13-01'], ['0000-00-10'], ['0001-04-31']])('rejects %s, which is not a calendar date', (bad) => {
    expect(() => toDayNumber(bad)).toThrow(RangeError);
  });

  it('property: day numbers agree with the JavaScript Date in UTC, years 0000–9999, both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_528, max: 2_932_896 }), (dayNumber) => {
        const iso = fromDayNumber(dayNumber);
        const viaDate = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
        expect(iso).toBe(viaDate);
        expect(toDayNumber(iso)).toBe(dayNumber);
      }),
    );
  });

  it.each([['2025-02-30'], ['2025-13-01'], ['2023-02-29'], ['1900-02-29'], ['25-01-01'], ['2025-1-1'], ['']])('rejects "%s" with a RangeError naming it', (bad) => {
    expect(() => addDays(bad, 1)).toThrow(`"${bad}" is not a calendar date`);
  });

  it.each([
    ['2025-11-24', '2025-11-24', 'a Monday is its own week start'],
    ['2025-11-23', '2025-11-17', 'a Sunday belongs to the week before'],
    ['2025-11-29', '2025-11-24', 'a Saturday'],
    ['2026-01-01', '2025-12-29', 'a week spanning the new year'],
  ])('weekStart(%s) = %s (%s)', (date, monday) => {
    expect(weekStart(date)).toBe(monday);
  });
});

describe('academic years (DfE: 1 September to 31 August)', () => {
  it.each([
    ['2025-08-31', '2024/25', '2024-09-01', '2025-08-31'],
    ['2025-09-01', '2025/26', '2025-09-01', '2026-08-31'],
    ['2026-01-15', '2025/26', '2025-09-01', '2026-08-31'],
    ['2099-12-31', '2099/00', '2099-09-01', '2100-08-31'],
  ])('academicYearOf(%s) is %s', (date, label, start, end) => {
    expect(academicYearOf(date)).toMatchObject({ label, start, end });
  });
});

describe('working days (Monday to Friday, not a bank holiday)', () => {
  it.each([
    ['2025-11-21', 1, '2025-11-24', 'Friday + 1 is Monday'],
    ['2025-11-22', 1, '2025-11-24', 'Saturday + 1 is Monday'],
    ['2025-11-24', 0, '2025-11-24', 'adding 0 changes nothing'],
    ['2025-11-23', 0, '2025-11-23', 'adding 0 to a Sunday stays on Sunday'],
    ['2025-12-24', 1, '2025-12-29', 'gov.uk 2025: over Christmas and Boxing Day'],
    ['2021-12-24', 1, '2021-12-29', 'gov.uk 2021: over the substitute days 27 and 28 December'],
    ['2025-04-17', 1, '2025-04-22', 'gov.uk 2025: over Good Friday and Easter Monday'],
    ['2022-09-16', 1, '2022-09-20', 'gov.uk 2022: over the State Funeral'],
    ['2025-11-24', 20, '2025-12-22', 'PEP within 20 working days: four clear weeks'],
    ['2025-12-01', 20, '2025-12-31', 'PEP within 20 working days: across Christmas'],
    ['2025-12-08', 20, '2026-01-08', 'PEP within 20 working days: across Christmas and New Year'],
    ['2025-11-24', -1, '2025-11-21', 'backwards over a weekend'],
    ['2025-12-29', -1, '2025-12-24', 'backwards over Christmas'],
    ['2025-11-23', -1, '2025-11-21', 'backwards from a Sunday'],
  ])('addWorkingDays(%s, %i) = %s (%s)', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
    expect(workingDaysBetween(date, expected)).toBe(n);
  });

  it('property: workingDaysBetween(d, addWorkingDays(d, n)) = n, and the result is a working day', () => {
    const day = fc.integer({ min: 0, max: 365 * 20 }).map((n) => addDays('2015-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: -60, max: 60 }), (date, n) => {
        const result = addWorkingDays(date, n);
        expect(workingDaysBetween(date, result)).toBe(n);
        if (n !== 0) expect(isWorkingDay(result)).toBe(true);
      }),
    );
  });
});

describe('term dates (configurable; EduBridge default by rule)', () => {
  it('the default covers 2015/16 to 2030/31 and passes its own schema', () => {
    expect(DEFAULT_TERM_DATES.map((year) => year.academicYear)).toEqual(
      Array.from({ length: 16 }, (_, i) => `${2015 + i}/${String(16 + i).padStart(2, '0')}`),
    );
    expect(TermDates.safeParse(DEFAULT_TERM_DATES).success).toBe(true);
  });

  it('EduBridge default: each year has 190–200 school days (DfE: schools meet at least 190 days)', () => {
    for (const year of DEFAULT_TERM_DATES) {
      const start = year.terms[0]!.start;
      const end = year.terms[2]!.end;
      const days = schoolDaysBetween(addDays(start, -1), end);
      expect(days, year.academicYear).toBeGreaterThanOrEqual(190);
      expect(days, year.academicYear).toBeLessThanOrEqual(200);
    }
  });

  const termTable: [string, string | null, string][] = [
    ['2025-09-01', null, 'EduBridge default 2025/26: 1 September is before the autumn term'],
    ['2025-09-02', 'autumn', 'EduBridge default 2025/26: autumn term starts Tuesday 2 September'],
    ['2025-10-29', 'autumn', 'EduBridge default 2025/26: half-term is still inside the autumn term'],
    ['2025-12-19', 'autumn', 'EduBridge default 2025/26: autumn term ends Friday 19 December'],
    ['2025-12-22', null, 'EduBridge default 2025/26: Christmas holidays'],
    ['2026-01-05', 'spring', 'EduBridge default 2025/26: spring term starts Monday 5 January'],
    ['2026-03-27', 'spring', 'EduBridge default 2025/26: spring term ends the Friday before Holy Week'],
    ['2026-04-06', null, 'EduBridge default 2025/26: Easter holidays'],
    ['2026-04-13', 'summer', 'EduBridge default 2025/26: summer term starts after Easter week'],
    ['2026-07-22', 'summer', 'EduBridge default 2025/26: summer term ends Wednesday 22 July'],
    ['2026-07-23', null, 'EduBridge default 2025/26: summer holidays'],
  ];
  it.each(termTable)('termOn(%s) is %s (%s)', (date, name) => {
    expect(termOn(date)?.name ?? null).toBe(name);
  });

  it.each([
    ['2025-10-27', false, 'EduBridge default: autumn half-term is not a school day'],
    ['2025-10-24', true, 'EduBridge default: the Friday before half-term is'],
    ['2025-11-22', false, 'a Saturday in term'],
    ['2025-12-22', false, 'Christmas holidays'],
    ['2022-09-19', false, 'gov.uk 2022: the State Funeral bank holiday fell in term'],
    ['2023-05-08', false, 'gov.uk 2023: the Coronation bank holiday fell in term'],
  ])('isSchoolDay(%s) is %s (%s)', (date, expected) => {
    expect(isSchoolDay(date)).toBe(expected);
  });

  it.each([
    ['2025-12-18', 1, '2025-12-19', 'last day of autumn term'],
    ['2025-12-19', 1, '2026-01-05', 'across the Christmas holidays'],
    ['2025-10-24', 1, '2025-11-03', 'across autumn half-term'],
    ['2026-07-22', 1, '2026-09-02', 'across the summer holidays and the academic year boundary'],
    ['2026-01-05', -1, '2025-12-19', 'backwards across Christmas'],
  ])('addSchoolDays(%s, %i) = %s (EduBridge default: %s)', (date, n, expected) => {
    expect(addSchoolDays(date, n)).toBe(expected);
    expect(schoolDaysBetween(date, expected)).toBe(n);
  });

  it.each([
    ['2025-12-25', 'autumn', '2025/26', '2026-01-05'],
    ['2025-09-01', 'summer', '2024/25', '2025-09-02'],
    ['2025-11-12', 'autumn', '2025/26', '2026-01-05'],
    ['2026-08-15', 'summer', '2025/26', '2026-09-02'],
  ])('on %s the current or last term is %s %s and the next term starts %s', (date, name, academicYear, next) => {
    expect(currentOrLastTerm(date)).toMatchObject({ name, academicYear });
    expect(nextTermStart(date)).toBe(next);
  });

  const councilDates = TermDates.parse([
    {
      academicYear: '2025/26',
      terms: [
        { name: 'autumn', start: '2025-09-03', end: '2025-12-19' },
        { name: 'spring', start: '2026-01-05', end: '2026-03-27' },
        { name: 'summer', start: '2026-04-14', end: '2026-07-21' },
      ],
      holidays: [
        { start: '2025-10-27', end: '2025-10-31', label: 'Autumn half-term' },
        { start: '2025-11-14', end: '2025-11-14', label: 'INSET day' },
      ],
    },
  ]);

  it('council term dates: their own term start, INSET day and term end are honoured', () => {
    expect(isSchoolDay('2025-09-02', councilDates)).toBe(false);
    expect(isSchoolDay('2025-09-03', councilDates)).toBe(true);
    expect(isSchoolDay('2025-11-14', councilDates)).toBe(false);
    expect(termOn('2026-07-22', councilDates)).toBeNull();
    expect(nextTermStart('2026-04-01', councilDates)).toBe('2026-04-14');
  });

  it('council term dates: years they do not cover fall back to the default rule', () => {
    expect(termOn('2026-09-10', councilDates)).toEqual(termOn('2026-09-10'));
  });

  it.each([
    [
      'terms out of order',
      {
        academicYear: '2025/26',
        terms: [
          { name: 'autumn', start: '2025-09-03', end: '2026-01-10' },
          { name: 'spring', start: '2026-01-05', end: '2026-03-27' },
          { name: 'summer', start: '2026-04-14', end: '2026-07-21' },
        ],
      },
      'Terms must not overlap',
    ],
    [
      'a holiday outside the terms',
      {
        academicYear: '2025/26',
        terms: [
          { name: 'autumn', start: '2025-09-03', end: '2025-12-19' },
          { name: 'spring', start: '2026-01-05', end: '2026-03-27' },
          { name: 'summer', start: '2026-04-14', end: '2026-07-21' },
        ],
        holidays: [{ start: '2025-12-22', end: '2025-12-23', label: 'Extra' }],
      },
      '"Extra" (2025-12-22 to 2025-12-23) must lie inside one term',
    ],
    [
      'a mislabelled academic year',
      {
        academicYear: '2025/27',
        terms: [
          { name: 'autumn', start: '2025-09-03', end: '2025-12-19' },
          { name: 'spring', start: '2026-01-05', end: '2026-03-27' },
          { name: 'summer', start: '2026-04-14', end: '2026-07-21' },
        ],
      },
      'must follow each other',
    ],
  ])('TermDates schema rejects %s with a clear message', (_what, year, message) => {
    const result = TermDates.safeParse([year]);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join(' | ')).toContain(message);
  });
});
