import { BoundedMap } from '../bounded-map.ts';
import type { z } from 'zod';
import type { ActionOwner } from '../model/common.ts';
import type { PepAction, PepMeeting, PepStatus } from '../model/record.ts';
import type { OwedAction, PepState } from '../model/status.ts';
import { addSchoolDays, addWorkingDays, currentOrLastTerm, nextTermStart, schoolDaysBetween, termOn, type TermDates } from './calendar.ts';
import { daysFromTo } from './day-numbers.ts';

/**
 * PEP timeliness: when the next personal education plan meeting is due, and whether it is late.
 *
 * Sources (DOMAIN.md §2): the first PEP within 20 working days of entering care [S: statutory guidance
 * Feb 2018 as quoted by LAs]; a PEP meeting every school term [S]/[U] (some LAs: twice a year, so
 * `reviewEvery: 'six-months'` is offered); "due soon" within 15 school days of the deadline is
 * EduBridge's default [U]. All three are policy (core/policy.ts).
 *
 * What counts as a held meeting: one whose workflow status shows a plan was written (draft, submitted,
 * approved or returned for changes) and whose date is on or before the day in question. A `scheduled`
 * meeting has not happened as far as the record shows (even if its date has passed), and a `cancelled`
 * one did not happen. A held meeting meets the requirement of the term it falls in; one held in a
 * holiday counts for the term just ended.
 *
 * The rule, given the last meeting held in the current period of care:
 * - none yet: the first PEP is due `initialWithinWorkingDays` working days after the period started;
 * - otherwise, termly: the next is due by the end of the term after the last meeting's term (so a
 *   meeting this term means the next is due by the end of next term, and one last term means it is due
 *   by the end of this term); six-monthly: six calendar months after the last meeting.
 * A meeting counts for the current period of care if held on or after its start, or on or after
 * `countFrom` when given (a PEP initiated just before a planned admission, statutory guidance 2018).
 */

/** Workflow statuses that show a PEP meeting took place. */
export const HELD_PEP_STATUSES: ReadonlySet<PepStatus> = new Set<PepStatus>(['draft', 'submitted', 'approved', 'returned']);

export function isHeldMeeting(meeting: Pick<PepMeeting, 'date' | 'status'>, asOf: string): boolean {
  return meeting.date <= asOf && HELD_PEP_STATUSES.has(meeting.status);
}

/** The latest meeting held on or before `asOf` (on or after `since`, when given), or null. */
export function lastHeldMeeting<M extends Pick<PepMeeting, 'date' | 'status'>>(meetings: readonly M[], asOf: string, since?: string): M | null {
  let last: M | null = null;
  for (const meeting of meetings) {
    if (!isHeldMeeting(meeting, asOf) || (since !== undefined && meeting.date < since)) continue;
    if (!last || meeting.date > last.date) last = meeting;
  }
  return last;
}

export interface PepPolicy {
  initialWithinWorkingDays: number;
  reviewEvery: 'term' | 'six-months';
  dueSoonSchoolDays: number;
}

export interface PepTimelinessInput {
  asOf: string;
  /** Whether the child is looked after on `asOf`; a PEP is not required otherwise. */
  lookedAfter: boolean;
  /** Start of the current period of care, where known. */
  careStart?: string | undefined;
  /** The earliest date a meeting counts from for this period (a PEP held shortly before a planned
   * admission counts); the care start when not given. */
  countFrom?: string | undefined;
  meetings: readonly Pick<PepMeeting, 'date' | 'status'>[];
  policy: PepPolicy;
  termDates?: TermDates | undefined;
}

export interface PepTimeliness {
  state: PepState;
  /** The deadline for the next PEP meeting; null when none is required or it cannot be worked out. */
  nextDue: string | null;
  /** What is due next: the first PEP of this period of care, or a review. */
  due: 'initial' | 'review' | null;
  /** Calendar days past `nextDue`; 0 unless overdue. */
  daysOverdue: number;
  /** School days from `asOf` to `nextDue`, when due soon. */
  schoolDaysToDue: number | null;
  /** True when the child is looked after and no PEP meeting is recorded at all (and no care start to count from). */
  noneRecorded: boolean;
}

/** Six calendar months after a date (31 August → 28/29 February). */
export function addMonths(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The deadline for the PEP review after a meeting held on `meetingDate`. */
export function nextReviewDue(meetingDate: string, reviewEvery: PepPolicy['reviewEvery'], termDates?: TermDates): string {
  if (reviewEvery === 'six-months') return addMonths(meetingDate, 6);
  return termlyDueCache.of(`${meetingDate}|${termDatesId(termDates)}`, () => termlyReviewDue(meetingDate, termDates));
}

/** The end of the term after the meeting's. */
function termlyReviewDue(meetingDate: string, termDates: TermDates | undefined): string {
  try {
    const meetingTerm = currentOrLastTerm(meetingDate, termDates);
    const start = nextTermStart(meetingTerm.end, termDates);
    return termOn(start, termDates)?.end ?? addMonths(meetingDate, 4);
  } catch {
    // A date the calendar cannot place (a year before 1 AD, or after 9998): about a term later.
    return addMonths(meetingDate, 4);
  }
}

const termlyDueCache = new BoundedMap<string, string>(20_000);
const termDatesIds = new WeakMap<TermDates, number>();
let nextTermDatesId = 1;

/** A number standing for a term-dates list (0 for the default), to key caches by. */
function termDatesId(termDates: TermDates | undefined): number {
  if (!termDates) return 0;
  let id = termDatesIds.get(termDates);
  if (id === undefined) {
    id = nextTermDatesId++;
    termDatesIds.set(termDates, id);
  }
  return id;
}

/** The first PEP's deadline for a period of care starting on `careStart`. */
export function initialPepDue(careStart: string, withinWorkingDays: number): string {
  return initialDueCache.of(`${careStart}|${withinWorkingDays}`, () => {
    try {
      return addWorkingDays(careStart, withinWorkingDays);
    } catch {
      // A date the calendar cannot place: working days are about five in seven.
      return addMonths(careStart, Math.ceil((withinWorkingDays * 7) / 5 / 30));
    }
  });
}
const initialDueCache = new BoundedMap<string, string>(20_000);

// All children in a cohort share asOf and policy, so "asOf + N school days" is worked out once, and many
// share meeting dates: both are remembered, keyed by the term dates in use.
const dueSoonLimitCache = new BoundedMap<string, string>(1000);

function dueSoonLimit(asOf: string, schoolDays: number, termDates: TermDates | undefined): string {
  return dueSoonLimitCache.of(`${asOf}|${schoolDays}|${termDatesId(termDates)}`, () => addSchoolDays(asOf, schoolDays, termDates));
}

/** PEP state, next due date and days overdue on `asOf` (see the rule at the top of this file). */
export function pepTimeliness(input: PepTimelinessInput): PepTimeliness {
  const { asOf, policy, termDates } = input;
  const notRequired: PepTimeliness = { state: 'not-required', nextDue: null, due: null, daysOverdue: 0, schoolDaysToDue: null, noneRecorded: false };
  if (!input.lookedAfter) return notRequired;
  const last = lastHeldMeeting(input.meetings, asOf, input.countFrom ?? input.careStart);
  let nextDue: string;
  let due: 'initial' | 'review';
  if (last) {
    nextDue = nextReviewDue(last.date, policy.reviewEvery, termDates);
    due = 'review';
  } else if (input.careStart !== undefined) {
    nextDue = initialPepDue(input.careStart, policy.initialWithinWorkingDays);
    due = 'initial';
  } else {
    return { state: 'overdue', nextDue: null, due: 'initial', daysOverdue: 0, schoolDaysToDue: null, noneRecorded: true };
  }
  if (asOf > nextDue) {
    return { state: 'overdue', nextDue, due, daysOverdue: daysFromTo(nextDue, asOf), schoolDaysToDue: null, noneRecorded: false };
  }
  if (nextDue <= dueSoonLimit(asOf, policy.dueSoonSchoolDays, termDates)) {
    return { state: 'due-soon', nextDue, due, daysOverdue: 0, schoolDaysToDue: schoolDaysBetween(asOf, nextDue, termDates), noneRecorded: false };
  }
  return { state: 'in-date', nextDue, due, daysOverdue: 0, schoolDaysToDue: null, noneRecorded: false };
}

export type Owed = z.infer<typeof OwedAction>;

/**
 * Outstanding (not completed) PEP actions from meetings on or before `asOf`, optionally for one owner,
 * oldest due first. An action is overdue when its due date is before `asOf`.
 */
export function outstandingActions(actions: readonly PepAction[], asOf: string, owner?: ActionOwner): Owed[] {
  const owed: Owed[] = [];
  for (const action of actions) {
    if (action.completed || (owner !== undefined && action.owner !== owner) || action.meetingDate > asOf) continue;
    const overdue = action.due !== undefined && action.due < asOf;
    const item: Owed = { description: action.description, owner: action.owner, meetingDate: action.meetingDate, overdue, daysOverdue: 0 };
    if (action.due !== undefined) {
      item.due = action.due;
      if (overdue) item.daysOverdue = daysFromTo(action.due, asOf);
    }
    owed.push(item);
  }
  return owed.sort((a, b) => (a.due ?? '9999-99-99').localeCompare(b.due ?? '9999-99-99'));
}
