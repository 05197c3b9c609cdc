import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ATTENDANCE_CODES,
  CURRENT_CODE_SET_FROM,
  attendanceCodeLabel,
  attendanceCodesOn,
  classifyAttendanceCode,
  currentEquivalent,
  isHistoricalCode,
} from '../../../core/rules/attendance-codes.ts';

const SINCE_2024 = '2025-01-15';
const BEFORE_2024 = '2023-01-16';

// DOMAIN.md §1: the national codes in force since 19 August 2024.
const CURRENT: [string, string, string][] = [
  ['/', 'present', 'present (AM)'],
  ['\\', 'present', 'present (PM)'],
  ['L', 'present', 'late before the register closed'],
  ['K', 'approved-activity', 'LA-arranged provision'],
  ['V', 'approved-activity', 'educational visit'],
  ['P', 'approved-activity', 'approved sport'],
  ['W', 'approved-activity', 'work experience'],
  ['B', 'approved-activity', 'other approved activity'],
  ['C1', 'authorised', 'performance or licensed work'],
  ['M', 'authorised', 'medical or dental'],
  ['J1', 'authorised', 'interview'],
  ['S', 'authorised', 'study leave'],
  ['C2', 'authorised', 'part-time timetable'],
  ['C', 'authorised', 'exceptional circumstances'],
  ['T', 'authorised', 'parent travelling for work'],
  ['R', 'authorised', 'religious observance'],
  ['I', 'authorised', 'illness'],
  ['E', 'authorised', 'suspended or excluded, no alternative provision'],
  ['G', 'unauthorised', 'holiday not granted'],
  ['N', 'unauthorised', 'reason not yet provided'],
  ['O', 'unauthorised', 'other or unknown'],
  ['U', 'unauthorised', 'arrived after the register closed'],
  ['D', 'not-possible', 'dual registered'],
  ['X', 'not-possible', 'non-compulsory age [U]'],
  ['Q', 'not-possible', 'LA has not arranged access [U]'],
  ['Y1', 'not-possible', 'transport [U]'],
  ['Y2', 'not-possible', 'travel disruption [U]'],
  ['Y3', 'not-possible', 'part of site closed [U]'],
  ['Y4', 'not-possible', 'whole site closed [U]'],
  ['Y5', 'not-possible', 'detention [U]'],
  ['Y6', 'not-possible', 'public-health law [U]'],
  ['Y7', 'not-possible', 'other unavoidable cause [U]'],
  ['Z', 'not-a-session', 'not yet on roll'],
  ['#', 'not-a-session', 'planned closure'],
];

// DOMAIN.md §1: the codes in use before 19 August 2024.
const PREVIOUS: [string, string, string][] = [
  ['/', 'present', 'present (AM)'],
  ['\\', 'present', 'present (PM)'],
  ['L', 'present', 'late before the register closed'],
  ['J', 'approved-activity', 'interview, then counted as attendance'],
  ['B', 'approved-activity', 'approved activity'],
  ['P', 'approved-activity', 'approved sport'],
  ['V', 'approved-activity', 'educational visit'],
  ['W', 'approved-activity', 'work experience'],
  ['H', 'authorised', 'agreed holiday'],
  ['T', 'authorised', 'Traveller absence'],
  ['C', 'authorised', 'other authorised circumstances'],
  ['E', 'authorised', 'excluded'],
  ['I', 'authorised', 'illness'],
  ['M', 'authorised', 'medical'],
  ['R', 'authorised', 'religious observance'],
  ['S', 'authorised', 'study leave'],
  ['G', 'unauthorised', 'holiday not agreed'],
  ['N', 'unauthorised', 'no reason yet'],
  ['O', 'unauthorised', 'other'],
  ['U', 'unauthorised', 'late after registers closed'],
  ['Y', 'not-possible', 'enforced closure'],
  ['D', 'not-possible', 'dual registered'],
  ['X', 'not-possible', 'non-compulsory age'],
  ['Z', 'not-a-session', 'not on roll'],
  ['#', 'not-a-session', 'school closed'],
];

describe('attendance codes in force since 19 August 2024', () => {
  it.each(CURRENT)('DfE attendance codes 2024: %s (%s) — %s', (code, category) => {
    expect(classifyAttendanceCode(code, SINCE_2024)).toBe(category);
    expect(classifyAttendanceCode(code)).toBe(category);
    expect(attendanceCodeLabel(code, SINCE_2024)).toMatch(/\w/);
    expect(isHistoricalCode(code)).toBe(false);
    expect(currentEquivalent(code)).toBe(code);
  });

  it('DfE attendance codes 2024: the table holds exactly the codes DOMAIN.md lists', () => {
    expect(attendanceCodesOn(SINCE_2024).map((d) => d.code).sort()).toEqual(CURRENT.map(([code]) => code).sort());
  });

  it('DfE attendance codes 2024: C2 part-time timetable is authorised absence', () => {
    expect(classifyAttendanceCode('C2', SINCE_2024)).toBe('authorised');
    expect(attendanceCodeLabel('C2', SINCE_2024)).toMatch(/part-time timetable/i);
  });
});

describe('attendance codes before 19 August 2024', () => {
  it.each(PREVIOUS)('DfE attendance codes before 2024: %s (%s) — %s', (code, category) => {
    expect(classifyAttendanceCode(code, BEFORE_2024)).toBe(category);
  });

  it('DfE attendance codes before 2024: J (interview) counted as attendance; its successor J1 is authorised absence', () => {
    expect(classifyAttendanceCode('J', '2024-08-18')).toBe('approved-activity');
    expect(classifyAttendanceCode('J1', '2024-08-19')).toBe('authorised');
    expect(currentEquivalent('J')).toBe('J1');
  });

  it('DfE attendance codes before 2024: H (agreed holiday) is authorised; its successor is C', () => {
    expect(classifyAttendanceCode('H', BEFORE_2024)).toBe('authorised');
    expect(currentEquivalent('H')).toBe('C');
  });

  it('DfE attendance codes before 2024: Y cannot be split into Y1–Y7, so it has no successor', () => {
    expect(currentEquivalent('Y')).toBeUndefined();
    expect(isHistoricalCode('Y')).toBe(true);
  });

  it('DOMAIN.md: F (agreed extended holiday) is older still and authorised [U: withdrawal date]', () => {
    expect(classifyAttendanceCode('F', '2010-03-01')).toBe('authorised');
    expect(classifyAttendanceCode('F', BEFORE_2024)).toBe('unknown');
  });
});

describe('a mark counts by the code set in force on its date (DOMAIN.md §1)', () => {
  it.each([
    ['J', '2024-08-18', 'approved-activity'],
    ['J', CURRENT_CODE_SET_FROM, 'unknown'],
    ['H', '2025-01-10', 'unknown'],
    ['Y', '2025-01-10', 'unknown'],
    ['C2', '2024-08-18', 'unknown'],
    ['K', '2023-01-10', 'unknown'],
    ['Y1', '2023-01-10', 'unknown'],
    ['C2', CURRENT_CODE_SET_FROM, 'authorised'],
  ])('%s on %s is %s', (code, on, category) => {
    expect(classifyAttendanceCode(code, on)).toBe(category);
  });

  it('the same letter can change its meaning: T was Traveller absence, now a parent travelling for work', () => {
    expect(attendanceCodeLabel('T', BEFORE_2024)).toMatch(/Traveller/);
    expect(attendanceCodeLabel('T', SINCE_2024)).toMatch(/travelling for work/);
    expect(isHistoricalCode('T', BEFORE_2024)).toBe(true);
    expect(isHistoricalCode('T', SINCE_2024)).toBe(false);
  });
});

describe('unknown codes are never a silent "present"', () => {
  it.each([['A'], ['?'], [''], ['//'], ['Y8'], ['J2'], ['present'], ['0']])('"%s" is unknown', (code) => {
    expect(classifyAttendanceCode(code)).toBe('unknown');
    expect(classifyAttendanceCode(code, SINCE_2024)).toBe('unknown');
    expect(attendanceCodeLabel(code)).toBeUndefined();
    expect(currentEquivalent(code)).toBeUndefined();
  });

  it('codes are read without regard to case or surrounding spaces', () => {
    expect(classifyAttendanceCode(' c2 ', SINCE_2024)).toBe('authorised');
    expect(classifyAttendanceCode('l')).toBe('present');
  });

  it('property: classifyAttendanceCode never throws and always answers one of the seven values', () => {
    const answers = new Set(['present', 'approved-activity', 'authorised', 'unauthorised', 'not-possible', 'not-a-session', 'unknown']);
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), fc.option(fc.string({ maxLength: 12 }), { nil: undefined }), (code, on) => {
        expect(answers.has(classifyAttendanceCode(code, on))).toBe(true);
      }),
    );
  });

  it('every definition in the table has a label, and no code has two meanings on the same date', () => {
    for (const definition of ATTENDANCE_CODES) {
      expect(definition.label.length).toBeGreaterThan(3);
      const sameDay = definition.validFrom ?? definition.validTo ?? SINCE_2024;
      expect(attendanceCodesOn(sameDay).filter((d) => d.code === definition.code)).toHaveLength(1);
    }
  });
});
