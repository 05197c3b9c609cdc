import { formatMessage, translate, type Language } from '../messages/index.ts';
import { FALLBACK_NEXT_STEP, NEXT_STEPS, type NextStepRole } from '../messages/next-steps.ts';
import type { StatusSummary } from '../model/summary.ts';
import { addDays } from '../rules/calendar.ts';

/**
 * What needs doing this week, for a list of children (the popup, the caseload chips, the cohort table):
 * one level and the one reason to show, worked out from the fields a full `EducationStatus` and a
 * `StatusSummary` share, so a list of either sorts the same way.
 *
 * The order — overdue, due this week, red, amber — puts a missed statutory deadline first: the PEP must be
 * reviewed every school term and the first within 20 school days of coming into care (Promoting the
 * education of looked-after children, DfE 2018, §§ 29–36). A rating never contradicts its flags: red and
 * amber here are the status's own flags, never re-derived.
 */

/** "This week": the date and the six days after it, so a PEP due next Monday shows on Tuesday's list. */
export const NEEDS_ACTION_WITHIN_DAYS = 7;

export const NEEDS_ACTION_LEVELS = ['overdue', 'due-this-week', 'red', 'amber'] as const;
export type NeedsActionLevel = (typeof NEEDS_ACTION_LEVELS)[number];

export interface NeedsAction {
  level: NeedsActionLevel;
  /** The one reason to show, e.g. "PEP overdue since 3 November 2026" or "Persistent absence". */
  reason: string;
  /** The flag behind the reason, when there is one. */
  flagKey?: string;
}

/** What the decision reads: present with the same paths in a full status and in a summary. */
export type NeedsActionInput = Pick<StatusSummary, 'asOf' | 'pep' | 'rag'> & {
  flags: readonly Pick<StatusSummary['flags'][number], 'key' | 'severity' | 'title'>[];
};

export interface NeedsActionOptions {
  /** The day the list is for (ISO date); the status's own date by default. A cached status read days later
   * is judged on today's date, so a PEP that fell due since is overdue. */
  asOf?: string;
  /** The reason's language; flag titles are translated from the status's own. English by default. */
  language?: Language;
}

/** Flags that say a deadline has passed (their titles are the reason when the PEP itself is not overdue). */
const OVERDUE_FLAG = /-overdue$/;

/** The one thing to act on for this child, or null when nothing is overdue, due this week, red or amber. */
export function needsAction(status: NeedsActionInput, options: NeedsActionOptions = {}): NeedsAction | null {
  const asOf = options.asOf ?? status.asOf;
  const language = options.language ?? 'en';
  const due = status.pep.state === 'not-required' ? null : status.pep.nextDue;
  if (due !== null && due < asOf) {
    const initial = status.flags.some((flag) => flag.key === 'pep-initial-overdue');
    return {
      level: 'overdue',
      reason: formatMessage(initial ? 'needs-action.pep-initial-overdue' : 'needs-action.pep-overdue', { due }, language),
      flagKey: initial ? 'pep-initial-overdue' : 'pep-overdue',
    };
  }
  const overdueFlag = status.flags.find((flag) => OVERDUE_FLAG.test(flag.key) && flag.severity !== 'info');
  if (overdueFlag) return { level: 'overdue', reason: translate(overdueFlag.title, language).text, flagKey: overdueFlag.key };
  if (due !== null && due < addDays(asOf, NEEDS_ACTION_WITHIN_DAYS)) {
    return {
      level: 'due-this-week',
      reason: due === asOf ? formatMessage('needs-action.pep-due-today', {}, language) : formatMessage('needs-action.pep-due', { due }, language),
    };
  }
  for (const severity of ['red', 'amber'] as const) {
    const flag = status.flags.find((candidate) => candidate.severity === severity);
    if (flag) return { level: severity, reason: translate(flag.title, language).text, flagKey: flag.key };
    if (status.rag.overall === severity) return { level: severity, reason: formatMessage(`needs-action.rated-${severity}`, {}, language) };
  }
  return null;
}

/** Overdue and due this week: what the "needs action this week" marker and filter show. */
export function isActionThisWeek(action: NeedsAction | null): boolean {
  return action?.level === 'overdue' || action?.level === 'due-this-week';
}

/** 0 for overdue … 3 for amber, 4 for nothing to do. */
export function needsActionRank(action: NeedsAction | null): number {
  return action ? NEEDS_ACTION_LEVELS.indexOf(action.level) : NEEDS_ACTION_LEVELS.length;
}

/** A copy of the items, most urgent first; items of the same level keep their order. */
export function sortByNeedsAction<T>(items: readonly T[], actionOf: (item: T) => NeedsAction | null): T[] {
  return items
    .map((item, index) => ({ item, index, rank: needsActionRank(actionOf(item)) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ item }) => item);
}

/** Who acts on a flag (from the next-steps catalogue, with its fallback for a flag it does not name). */
export function flagOwner(key: string): NextStepRole {
  return (NEXT_STEPS[key] ?? FALLBACK_NEXT_STEP).owner;
}

/** The flags a role owes first, then the rest, each group in the status's own order (red before amber). */
export function flagsOwedFirst<F extends { key: string }>(flags: readonly F[], role: NextStepRole): F[] {
  return [...flags.filter((flag) => flagOwner(flag.key) === role), ...flags.filter((flag) => flagOwner(flag.key) !== role)];
}
