import type { EducationStatus } from '../../core/model/index.ts';

/**
 * "Never the wrong child": the record is looked up by person ID, and no figure is shown on a page unless
 * the page also shows the child's name and date of birth and both agree with the record. A page that shows
 * neither (or one, or a date that cannot be read) proves nothing: the comparison fails closed. Every
 * comparison of a page with a record goes through `confirmIdentity` (child pages) or `namesAgree`
 * (caseload rows).
 */

export type DateFormat = 'auto' | 'dd/mm/yyyy' | 'yyyy-mm-dd' | 'd mmm yyyy';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const PARSERS: Record<Exclude<DateFormat, 'auto'>, (text: string) => string | undefined> = {
  'dd/mm/yyyy': (text) => {
    const m = /(?:^|\D)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D|$)/.exec(text);
    return m ? iso(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
  },
  'yyyy-mm-dd': (text) => {
    const m = /(?:^|\D)(\d{4})-(\d{2})-(\d{2})(?:\D|$)/.exec(text);
    return m ? iso(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  },
  'd mmm yyyy': (text) => {
    const m = /(?:^|\W)(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{4})(?:\D|$)/.exec(text);
    if (!m) return undefined;
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
    return month < 0 ? undefined : iso(Number(m[3]), month + 1, Number(m[1]));
  },
};

/** A date as a case-management page writes it, as `YYYY-MM-DD`; undefined when it cannot be read. */
export function parsePageDate(text: string, format: DateFormat = 'auto'): string | undefined {
  if (format !== 'auto') return PARSERS[format](text);
  return PARSERS['yyyy-mm-dd'](text) ?? PARSERS['dd/mm/yyyy'](text) ?? PARSERS['d mmm yyyy'](text);
}

/** Name words, compared without case, accents or punctuation ("O'Brien-Smith" → obrien, smith). */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether the name a page shows is this child's: every word of the surname, and the first or preferred
 * first name, in any order ("SMITH, Jane", "Jane Smith", "Janey Smith" for preferred name Janey). */
export function namesAgree(child: Pick<EducationStatus['child'], 'firstName' | 'lastName' | 'displayName'>, pageName: string): boolean {
  const words = new Set(nameWords(pageName));
  const surname = nameWords(child.lastName);
  if (surname.length === 0 || !surname.every((word) => words.has(word))) return false;
  const firstNames = [nameWords(child.firstName)[0], nameWords(child.displayName)[0]].filter((w): w is string => Boolean(w));
  return firstNames.some((word) => words.has(word));
}

export interface IdentityCheck {
  /** `incomplete`: the page does not show a readable name and date of birth, so nothing confirms the
   * record is this child's; the record may be opened on request, but no figures go on the page. */
  verdict: 'match' | 'mismatch' | 'incomplete';
  /** Why the page and the record disagree, in words (empty on a match). */
  reasons: string[];
  /** What could not be compared (e.g. a date in an unknown format): shown in the diagnostic view. */
  notes: string[];
}

/** Whether a page's name and date of birth confirm that the record is this child's. */
export function pageShowsIdentity(page: { name?: string | undefined; dateOfBirth?: string | undefined }, dateFormat: DateFormat = 'auto'): boolean {
  return page.name !== undefined && nameWords(page.name).length > 0 && page.dateOfBirth !== undefined && parsePageDate(page.dateOfBirth, dateFormat) !== undefined;
}

export function confirmIdentity(
  child: EducationStatus['child'],
  page: { name?: string | undefined; dateOfBirth?: string | undefined },
  dateFormat: DateFormat = 'auto',
): IdentityCheck {
  const reasons: string[] = [];
  const notes: string[] = [];
  let complete = true;
  if (page.name === undefined || nameWords(page.name).length === 0) {
    complete = false;
    notes.push('This page shows no name to compare with the education record.');
  } else if (!namesAgree(child, page.name)) reasons.push('The name on this page is not the name on the education record.');
  if (page.dateOfBirth === undefined) {
    complete = false;
    notes.push('This page shows no date of birth to compare with the education record.');
  } else {
    const date = parsePageDate(page.dateOfBirth, dateFormat);
    if (!date) {
      complete = false;
      notes.push(`The date of birth on this page ("${page.dateOfBirth}") could not be read.`);
    } else if (date !== child.dateOfBirth) reasons.push('The date of birth on this page is not the date of birth on the education record.');
  }
  return { verdict: reasons.length ? 'mismatch' : complete ? 'match' : 'incomplete', reasons, notes };
}
