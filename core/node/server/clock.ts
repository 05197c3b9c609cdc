/**
 * The date in England: statuses are worked out for the day it is where the children are, so the service's
 * date changes at midnight UK time (GMT or BST), not at midnight UTC.
 */
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Europe/London, YYYY-MM-DD. */
export function todayInLondon(now: Date = new Date()): string {
  return LONDON_DATE.format(now);
}
