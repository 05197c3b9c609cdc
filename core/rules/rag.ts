import type { Explained, Rating } from '../model/status.ts';

/**
 * RAG (red, amber, green) ratings: their order and the helpers every area's rating shares. Each area's
 * rating lives with the rest of that area in core/status/ (attendance.ts, pep.ts, exclusions.ts,
 * attainment.ts; the overall rating in overall.ts). How a rating is shown — word, symbol, colour — is
 * core/messages/ratings.ts.
 */

/** A rating with the sentences that explain it. `missing` marks a `none` that means "this applies to the
 * child but the data is not there", which keeps the overall rating from reading as green. */
export interface Rated {
  rating: Rating;
  reasons: Explained[];
  missing?: boolean;
}

/** Ratings from best to worst; `none` ranks below green so it never outweighs a real rating. */
export const RATING_ORDER: readonly Rating[] = ['none', 'green', 'amber', 'red'];

export function worstRating(ratings: readonly Rating[]): Rating {
  let worst: Rating = 'none';
  for (const rating of ratings) if (RATING_ORDER.indexOf(rating) > RATING_ORDER.indexOf(worst)) worst = rating;
  return worst;
}

/**
 * A percentage for a sentence that compares it with a threshold: to one decimal place, unless rounding
 * would carry it up to the threshold it is below (89.96 is shown as 89.96, not 90.0).
 */
export function percentForThreshold(attended: number, possible: number, thresholds: readonly number[]): string {
  const exact = (attended * 100) / possible;
  const oneDecimal = Math.round(exact * 10) / 10;
  for (const threshold of thresholds) {
    if (exact < threshold && oneDecimal >= threshold) return (Math.floor(exact * 100) / 100).toFixed(2);
  }
  return oneDecimal.toFixed(1).replace(/\.0$/, '');
}
