import { BoundedMap } from '../bounded-map.ts';
import type { Flag, RagArea } from '../model/status.ts';
import { composeKey, formatMessage, message, type Language, type MessageParams } from '../messages/index.ts';
import { DEFAULT_POLICY, resolvePolicy, type Policy, type PolicyInput } from '../policy.ts';
import { academicYearOf, addDays, currentOrLastTerm, schoolDaysBetween, toDayNumber } from '../rules/calendar.ts';
import { RATING_ORDER, type Rated } from '../rules/rag.ts';

/**
 * What every area's derivation shares: the dates a cohort has in common, the flag builder, and the rule
 * that a rating is never milder than its own area's flags.
 */

export type Severity = Flag['severity'];
export type FlagArea = Flag['area'];

export type { Rated };

/** What one area's derivation returns: its section of the status, its flags and (for rated areas) its rating. */
export interface AreaResult<Section> {
  section: Section;
  flags: Flag[];
  rated?: Rated;
}

/** A flag with its title and meaning in the reader's language. */
export function flag(key: string, area: FlagArea, severity: Severity, params: MessageParams, language: Language): Flag {
  return {
    key,
    area,
    severity,
    title: message(composeKey('flag.', key, '.title'), params, language),
    meaning: message(composeKey('flag.', key, '.meaning'), params, language),
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { red: 0, amber: 1, info: 2 };

/** Flags most severe first, in the order they were raised within a severity. */
export function sortFlags(flags: readonly Flag[]): Flag[] {
  return flags
    .map((f, index) => ({ f, index }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.index - b.index)
    .map((x) => x.f);
}

/**
 * A rating is never milder than the most severe flag of its own area: a red "Persistent absence" flag
 * under an amber attendance rating would contradict itself. Where a flag is more severe than the rule's
 * rating, the rating rises to it and says which flag made it so. An area with nothing to rate (`none`)
 * stays `none` only when it has no red or amber flag. `also` names unrated flag areas whose flags count
 * towards this area (a child of compulsory school age with no school place is not attending school).
 */
export function consistentWithFlags(rated: Rated, area: RagArea, flags: readonly Flag[], language: Language, also: readonly FlagArea[] = []): Rated {
  const counts = (f: Flag) => f.area === area || also.includes(f.area);
  let worst: Flag | undefined;
  for (const f of flags) {
    if (!counts(f) || f.severity === 'info') continue;
    if (!worst || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[worst.severity]) worst = f;
  }
  if (!worst) return rated;
  const severity = worst.severity as 'red' | 'amber';
  if (RATING_ORDER.indexOf(severity) <= RATING_ORDER.indexOf(rated.rating)) return rated;
  const raisedBy = flags.filter((f) => counts(f) && f.severity === severity).map((f) => f.title.text);
  const reasons = rated.rating === 'none' ? [] : [...rated.reasons];
  for (const title of raisedBy) {
    reasons.push(message('rag.raised-by-flag', { flag: title, rating: formatMessage(composeKey('rating.', severity), {}, language) }, language));
  }
  return { rating: severity, reasons };
}

const resolvedPolicies = new WeakMap<object, Policy>();

/** A complete policy from a complete or partial one, resolved once per object. */
export function policyOf(input: Policy | PolicyInput | undefined): Policy {
  if (input === undefined || input === DEFAULT_POLICY) return DEFAULT_POLICY;
  let policy = resolvedPolicies.get(input);
  if (!policy) {
    policy = resolvePolicy(input as PolicyInput);
    resolvedPolicies.set(input, policy);
  }
  return policy;
}

/** The dates every child's status on `asOf` shares, worked out once per asOf and policy (a cohort shares both). */
export interface DateContext {
  asOf: string;
  policy: Policy;
  asOfDay: number;
  year: ReturnType<typeof academicYearOf>;
  term: ReturnType<typeof currentOrLastTerm>;
  lastFourFrom: string;
  evidenceSince: string;
  /** Possible sessions a child on roll all year could have had by `asOf`, by the school calendar (two a school day). */
  calendarSessions: (from: string) => number;
}
let lastContext: DateContext | null = null;

export function dateContext(asOf: string, policy: Policy): DateContext {
  if (lastContext && lastContext.asOf === asOf && lastContext.policy === policy) return lastContext;
  const sessionsFrom = new BoundedMap<string, number>(1000);
  const sessionsOf = (from: string) => (from > asOf ? 0 : schoolDaysFromTo(from, asOf, policy) * 2);
  lastContext = {
    asOf,
    policy,
    asOfDay: toDayNumber(asOf),
    year: academicYearOf(asOf),
    term: currentOrLastTerm(asOf, policy.termDates),
    lastFourFrom: addDays(asOf, -27),
    evidenceSince: addDays(asOf, -policy.attainment.evidenceWithinDays),
    calendarSessions(from: string): number {
      return sessionsFrom.of(from, sessionsOf);
    },
  };
  return lastContext;
}

/** School days from `from` to `to`, both included; 0 for a date the calendar cannot place. */
function schoolDaysFromTo(from: string, to: string, policy: Policy): number {
  try {
    // schoolDaysBetween counts the days stepped over after `from`, up to and including `to`.
    return schoolDaysBetween(addDays(from, -1), to, policy.termDates);
  } catch {
    return 0;
  }
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
