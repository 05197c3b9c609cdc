import * as core from '../../core/identity/index.ts';
import type { EducationStatus } from '../../core/model/index.ts';

/**
 * "Never the wrong child", as the extension applies it: the record is looked up by person ID, and no
 * figure is shown on a page unless the page also shows the child's name and date of birth and both agree
 * with the record. Names and dates are compared by core/identity (the one place the rule lives: Unicode
 * folding, name order, preferred names, particles, initials, every common UK date format); this module
 * only says what the extension does with core's answer. Every comparison of a page with a record goes
 * through `confirmIdentity` (child pages) or `namesAgree` (caseload rows).
 */

export { nameWords, parsePageDate, type DateFormat } from '../../core/identity/index.ts';

type PageIdentity = { name?: string | undefined; dateOfBirth?: string | undefined };
type RecordChild = Pick<EducationStatus['child'], 'firstName' | 'lastName' | 'displayName'> & { preferredName?: string | undefined };

function recordName(child: RecordChild): core.RecordName {
  return { firstName: child.firstName, lastName: child.lastName, preferredName: child.preferredName, displayName: child.displayName };
}

/** Whether the name a page shows is, for certain, this child's ("SMITH, Jane", "Jane Smith", "Janey Smith"
 * for preferred name Janey, "YILMAZ, Emre" for Emre Yılmaz). An initial or a surname alone is not enough. */
export function namesAgree(child: RecordChild, pageName: string): boolean {
  return core.compareNames(recordName(child), pageName).verdict === 'match';
}

export interface IdentityCheck {
  /**
   * - `match`: the page's name and date of birth are the record's: figures may be shown.
   * - `mismatch`: the page shows a name or date of birth that is not the record's.
   * - `uncertain`: the page shows a name and a date of birth and nothing disagrees, but EduBridge cannot
   *   be sure they are the record's (only an initial, only a surname, part of a surname): no figures, and
   *   `reasons` says why.
   * - `incomplete`: the page does not show a readable name and date of birth, so nothing confirms the
   *   record is this child's; the record may be opened on request, but no figures go on the page.
   */
  verdict: 'match' | 'mismatch' | 'uncertain' | 'incomplete';
  /** Why the page and the record disagree, or why EduBridge cannot be sure, in words (empty on a match
   * and when incomplete). */
  reasons: string[];
  /** What could not be compared (no name, no date of birth, a date that cannot be read): shown in the
   * diagnostic view. */
  notes: string[];
}

/** Whether a page shows a name and a date of birth that can be read for certain: only then can the page
 * confirm (or contradict) a record. */
export function pageShowsIdentity(page: PageIdentity, dateFormat: core.DateFormat = 'auto'): boolean {
  return page.name !== undefined && core.nameWords(page.name).length > 0 && page.dateOfBirth !== undefined && core.readPageDate(page.dateOfBirth, dateFormat).kind === 'date';
}

/** Whether a page's name and date of birth confirm that the record is this child's. */
export function confirmIdentity(child: RecordChild & Pick<EducationStatus['child'], 'dateOfBirth'>, page: PageIdentity, dateFormat: core.DateFormat = 'auto'): IdentityCheck {
  const check = core.confirmIdentity({ ...recordName(child), dateOfBirth: child.dateOfBirth }, page, { dateFormat });
  if (check.verdict === 'mismatch') return { verdict: 'mismatch', reasons: check.reasons, notes: [] };
  if (!pageShowsIdentity(page, dateFormat)) return { verdict: 'incomplete', reasons: [], notes: check.reasons };
  if (check.verdict === 'uncertain') return { verdict: 'uncertain', reasons: check.reasons, notes: [] };
  return { verdict: 'match', reasons: [], notes: [] };
}
