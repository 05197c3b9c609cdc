import { readPageDate, type DateFormat } from './dates.ts';
import { compareNames, type RecordName } from './names.ts';

export { foldName, nameWords } from './fold.ts';
export { parsePageDate, readPageDate, type DateFormat, type PageDate } from './dates.ts';
export { compareNames, type NameVerdict, type RecordName } from './names.ts';

/**
 * "Never the wrong child": whether what a case-management page shows (name, date of birth) is the child
 * the education record is about. Pure, and the one place the rule lives: the extension asks it before it
 * shows any figure, and so does anything else that must not show the wrong child.
 *
 * - `match`: every field compared agrees, and every required field was on the page.
 * - `mismatch`: a field the page shows disagrees with the record (reasons say which).
 * - `uncertain`: nothing disagrees, but EduBridge cannot be sure (a required field is not on the page,
 *   a date that cannot be read or has a two-digit year, only an initial, only part of a surname).
 * Only `match` may lead to figures being shown.
 */

export type IdentityField = 'name' | 'dateOfBirth';

export interface IdentityCheck {
  verdict: 'match' | 'mismatch' | 'uncertain';
  /** Why the page and the record disagree, or why EduBridge cannot be sure, in plain English (empty on a match). */
  reasons: string[];
  /** The fields the page showed and that were compared. */
  compared: IdentityField[];
}

export interface IdentityOptions {
  dateFormat?: DateFormat;
  /** Fields the page must show for a match (default both: an adapter that cannot read them never shows figures). */
  require?: readonly IdentityField[];
}

const NAME_REASONS = {
  surname: 'The surname on this page is not the surname on the education record.',
  'first-name': 'The first name on this page is neither the first nor the preferred name on the education record.',
  'initial-only': 'This page shows only an initial for the first name, so EduBridge cannot be sure it is the same child.',
  'surname-only': 'This page shows only a surname, so EduBridge cannot be sure it is the same child.',
  'part-of-surname': 'This page shows only part of the surname on the education record, so EduBridge cannot be sure it is the same child.',
  'no-name': 'The name on this page could not be read.',
} as const;

const MISSING_REASONS: Record<IdentityField, string> = {
  name: "This page does not show the child's name where EduBridge looks for it, so it cannot check that this is the right child.",
  dateOfBirth: "This page does not show the child's date of birth where EduBridge looks for it, so it cannot check that this is the right child.",
};

export function confirmIdentity(
  child: RecordName & { dateOfBirth: string },
  page: { name?: string | undefined; dateOfBirth?: string | undefined },
  options: IdentityOptions = {},
): IdentityCheck {
  const required = options.require ?? ['name', 'dateOfBirth'];
  const mismatches: string[] = [];
  const doubts: string[] = [];
  const compared: IdentityField[] = [];

  const pageName = page.name?.trim();
  if (pageName) {
    compared.push('name');
    const names = compareNames(child, pageName);
    if (names.verdict === 'mismatch') mismatches.push(NAME_REASONS[names.why]);
    else if (names.verdict === 'uncertain') doubts.push(NAME_REASONS[names.why]);
  } else if (required.includes('name')) doubts.push(MISSING_REASONS.name);

  const pageDate = page.dateOfBirth?.trim();
  if (pageDate) {
    compared.push('dateOfBirth');
    const read = readPageDate(pageDate, options.dateFormat ?? 'auto');
    if (read.kind === 'date') {
      if (read.date !== child.dateOfBirth) mismatches.push('The date of birth on this page is not the date of birth on the education record.');
    } else if (read.kind === 'uncertain' && read.why === 'two-digit-year') {
      doubts.push(`The date of birth on this page ("${pageDate}") has a two-digit year, so EduBridge cannot be sure it is the same date.`);
    } else if (read.kind === 'uncertain') {
      doubts.push(`The date of birth on this page ("${pageDate}") contains more than one date.`);
    } else {
      doubts.push(`The date of birth on this page ("${pageDate}") could not be read as a date.`);
    }
  } else if (required.includes('dateOfBirth')) doubts.push(MISSING_REASONS.dateOfBirth);

  if (mismatches.length > 0) return { verdict: 'mismatch', reasons: [...mismatches, ...doubts], compared };
  if (doubts.length > 0) return { verdict: 'uncertain', reasons: doubts, compared };
  return { verdict: 'match', reasons: [], compared };
}
