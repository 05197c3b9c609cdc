import { describe, expect, it } from 'vitest';
import type { PepAction, PepStatus } from '../../../core/model/record.ts';
import { DEFAULT_POLICY } from '../../../core/policy.ts';
import type { TermDates } from '../../../core/rules/calendar.ts';
import { addMonths, initialPepDue, isHeldMeeting, nextReviewDue, outstandingActions, pepTimeliness } from '../../../core/rules/pep.ts';

// The default term dates (core/rules/calendar.ts) for 2025/26: autumn 2025-09-02 to 2025-12-19 (half-term
// 27–31 Oct), spring 2026-01-05 to 2026-03-27 (half-term 16–20 Feb), summer 2026-04-13 to 2026-07-22
// (half-term 25–29 May). Bank holidays 2025/26 from gov.uk: 25, 26 Dec 2025; 1 Jan, 3 Apr, 6 Apr, 4 May,
// 25 May 2026.

const policy = DEFAULT_POLICY.pep;

describe('initial PEP: within 20 working days of entering care (DOMAIN.md §2, statutory guidance 2018)', () => {
  it.each([
    ['a Monday, no holidays', '2026-01-05', '2026-02-02'],
    ['a Friday, across Christmas, Boxing Day and New Year bank holidays', '2025-12-19', '2026-01-21'],
    ['a Thursday, across Good Friday and Easter Monday and the early May bank holiday', '2026-04-02', '2026-05-05'],
    ['a Saturday, across the spring bank holiday', '2026-05-23', '2026-06-22'],
  ])('care starting on %s (%s) → due %s', (_name, start, due) => {
    expect(initialPepDue(start, 20)).toBe(due);
  });

  const noMeetings = (asOf: string) => pepTimeliness({ asOf, lookedAfter: true, careStart: '2026-01-05', meetings: [], policy });
  it.each([
    ['the day after care starts: 19 school days to go', '2026-01-06', 'in-date', 0],
    ['16 school days before the deadline (Fri 9 Jan)', '2026-01-09', 'in-date', 0],
    ['15 school days before the deadline (Mon 12 Jan): due soon', '2026-01-12', 'due-soon', 0],
    ['on the deadline day itself: still due soon, not overdue', '2026-02-02', 'due-soon', 0],
    ['the day after the deadline: 1 day overdue', '2026-02-03', 'overdue', 1],
    ['a week after the deadline: 7 calendar days overdue', '2026-02-09', 'overdue', 7],
  ])('%s (%s) → %s, %i days overdue', (_name, asOf, state, days) => {
    const result = noMeetings(asOf);
    expect(result).toMatchObject({ state, nextDue: '2026-02-02', due: 'initial', daysOverdue: days });
  });

  it('says how many school days are left when due soon', () => {
    expect(noMeetings('2026-01-12').schoolDaysToDue).toBe(15);
    expect(noMeetings('2026-01-30').schoolDaysToDue).toBe(1);
  });
});

describe('termly PEP reviews: one meeting each school term (DOMAIN.md §2)', () => {
  const review = (meetingDate: string, asOf: string, status: PepStatus = 'approved') =>
    pepTimeliness({ asOf, lookedAfter: true, careStart: '2024-05-01', meetings: [{ date: meetingDate, status }], policy });

  it.each([
    ['a meeting in the autumn term → due by the end of spring', '2025-10-01', '2026-03-27'],
    ['a meeting in the Christmas holiday counts for autumn → end of spring', '2025-12-23', '2026-03-27'],
    ['a meeting on the last day of spring term → end of summer', '2026-03-27', '2026-07-22'],
    ['a meeting in the Easter holiday counts for spring → end of summer', '2026-04-08', '2026-07-22'],
    ['a meeting in the summer holiday counts for summer → end of next autumn (Fri 18 Dec 2026)', '2026-08-10', '2026-12-18'],
    ['a meeting in the first week of autumn → end of spring', '2025-09-02', '2026-03-27'],
  ])('%s (%s → %s)', (_name, meeting, due) => {
    expect(nextReviewDue(meeting, 'term')).toBe(due);
  });

  it.each([
    ['in January, the spring deadline is weeks away', '2026-01-05', 'in-date', 0],
    ['16 school days before the end of spring term (Thu 5 Mar)', '2026-03-05', 'in-date', 0],
    ['15 school days before the end of spring term (Fri 6 Mar)', '2026-03-06', 'due-soon', 0],
    ['the last day of spring term', '2026-03-27', 'due-soon', 0],
    ['the first Saturday of the Easter holidays', '2026-03-28', 'overdue', 1],
    ['the first day of summer term', '2026-04-13', 'overdue', 17],
  ])('autumn meeting on 2025-10-01; %s (%s) → %s', (_name, asOf, state, days) => {
    expect(review('2025-10-01', asOf)).toMatchObject({ state, nextDue: '2026-03-27', due: 'review', daysOverdue: days });
  });

  it('counts only held meetings: scheduled and cancelled ones, and future drafts, do not count', () => {
    expect(review('2025-10-01', '2026-04-13', 'scheduled').due).toBe('initial');
    expect(review('2025-10-01', '2026-04-13', 'cancelled').due).toBe('initial');
    expect(review('2026-05-01', '2026-04-13', 'draft').due).toBe('initial');
    for (const status of ['draft', 'submitted', 'approved', 'returned'] as const) {
      expect(isHeldMeeting({ date: '2026-01-10', status }, '2026-01-10')).toBe(true);
    }
  });

  it('does not count a meeting from before the current period of care: the first PEP is due again', () => {
    const result = pepTimeliness({
      asOf: '2026-01-12',
      lookedAfter: true,
      careStart: '2026-01-05',
      meetings: [{ date: '2025-06-01', status: 'approved' }],
      policy,
    });
    expect(result).toMatchObject({ due: 'initial', nextDue: '2026-02-02', state: 'due-soon' });
  });

  it('uses the latest held meeting', () => {
    const result = pepTimeliness({
      asOf: '2026-04-20',
      lookedAfter: true,
      careStart: '2024-01-01',
      meetings: [
        { date: '2025-10-01', status: 'approved' },
        { date: '2026-02-02', status: 'submitted' },
        { date: '2026-04-15', status: 'scheduled' },
      ],
      policy,
    });
    expect(result).toMatchObject({ state: 'in-date', nextDue: '2026-07-22' });
  });

  it('is not required for a child who is not looked after', () => {
    expect(pepTimeliness({ asOf: '2026-01-12', lookedAfter: false, meetings: [], policy })).toMatchObject({ state: 'not-required', nextDue: null, daysOverdue: 0 });
  });

  it('is overdue, with no date, for a child in care with no PEP and no known care start', () => {
    expect(pepTimeliness({ asOf: '2026-01-12', lookedAfter: true, meetings: [], policy })).toMatchObject({ state: 'overdue', nextDue: null, noneRecorded: true });
  });

  it('uses council term dates when configured', () => {
    const termDates: TermDates = [
      {
        academicYear: '2025/26',
        terms: [
          { name: 'autumn', start: '2025-09-03', end: '2025-12-17' },
          { name: 'spring', start: '2026-01-06', end: '2026-03-31' },
          { name: 'summer', start: '2026-04-16', end: '2026-07-21' },
        ],
        holidays: [],
      },
    ];
    const result = pepTimeliness({ asOf: '2026-03-30', lookedAfter: true, careStart: '2024-01-01', meetings: [{ date: '2025-10-01', status: 'approved' }], policy, termDates });
    expect(result).toMatchObject({ state: 'due-soon', nextDue: '2026-03-31' });
  });
});

describe('six-monthly reviews (some LAs, DOMAIN.md §2)', () => {
  it.each([
    ['2025-09-30', '2026-03-30'],
    ['2025-08-31', '2026-02-28'],
    ['2023-08-31', '2024-02-29'],
    ['2025-12-15', '2026-06-15'],
  ])('a meeting on %s → due %s', (meeting, due) => {
    expect(nextReviewDue(meeting, 'six-months')).toBe(due);
    expect(addMonths(meeting, 6)).toBe(due);
  });
});

describe('PEP actions owed', () => {
  const action = (fields: Partial<PepAction>): PepAction => ({
    meetingDate: '2026-01-10',
    description: 'Update the care section',
    owner: 'social-worker',
    completed: false,
    ...fields,
  });
  const actions = [
    action({ description: 'Overdue by 5 days', due: '2026-02-05' }),
    action({ description: 'Due today', due: '2026-02-10' }),
    action({ description: 'Done', due: '2026-01-20', completed: true }),
    action({ description: "School's", owner: 'school', due: '2026-01-20' }),
    action({ description: 'No due date' }),
    action({ description: 'From a future meeting', meetingDate: '2026-03-01', due: '2026-03-10' }),
  ];
  it('lists the social worker’s outstanding actions, oldest due first, with days overdue', () => {
    expect(outstandingActions(actions, '2026-02-10', 'social-worker').map((a) => [a.description, a.overdue, a.daysOverdue])).toEqual([
      ['Overdue by 5 days', true, 5],
      ['Due today', false, 0],
      ['No due date', false, 0],
    ]);
  });
  it('lists every owner’s outstanding actions without an owner filter', () => {
    expect(outstandingActions(actions, '2026-02-10').map((a) => a.description)).toEqual(["School's", 'Overdue by 5 days', 'Due today', 'No due date']);
  });
});
