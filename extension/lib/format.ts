import { RATING_VOCABULARY } from '../../core/messages/ratings.ts';
import type { EducationStatus, PepState, Rating } from '../../core/model/index.ts';

/** Words for what the overlay and popup show. The rating is always a word and an icon, never colour alone. */

const RATINGS: readonly Rating[] = ['green', 'amber', 'red', 'none'];
/** The words and symbols of the core rating vocabulary (core/messages/ratings.ts), which every screen shares. */
export const RATING_WORD = Object.fromEntries(RATINGS.map((r) => [r, RATING_VOCABULARY[r].word.en])) as Record<Rating, string>;
/** Distinct shapes, so the rating reads without colour: tick, warning triangle, cross, dash. */
export const RATING_ICON = Object.fromEntries(RATINGS.map((r) => [r, RATING_VOCABULARY[r].symbol])) as Record<Rating, string>;

export const PEP_STATE_WORD: Record<PepState, string> = {
  'in-date': 'PEP in date',
  'due-soon': 'PEP due soon',
  overdue: 'PEP overdue',
  'not-required': 'PEP not required',
};

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? 'no figure' : `${value.toFixed(1)}%`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Mar 2026" from "2026-03-03". */
export function dateText(iso: string | null | undefined): string {
  if (!iso) return 'not known';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function ageText(fetchedAt: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - fetchedAt) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}

export function money(pounds: number | undefined): string {
  return pounds === undefined ? 'not recorded' : `£${pounds.toLocaleString('en-GB')}`;
}

export function alertCount(status: EducationStatus): number {
  return status.flags.filter((flag) => flag.severity !== 'info').length;
}
