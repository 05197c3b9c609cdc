import { nameWords } from './fold.ts';

/**
 * Whether the name a case-management page shows is the name on the education record, as systems really
 * write names: "SURNAME, First", "First Middle SURNAME", with or without middle names, a preferred name
 * instead of the legal first name, hyphens, apostrophes, accents, Turkish ı/İ, ß, Welsh "ap"/"ab" and
 * other surname particles, an initial instead of a first name. Words are compared after folding
 * (fold.ts), in any order. The answer is never a silent guess: "uncertain" says why.
 */

export interface RecordName {
  firstName: string;
  lastName: string;
  /** The name the child is known by, when the record holds one. */
  preferredName?: string | undefined;
  /** "Preferred or first name, then last name", as the status gives it. */
  displayName?: string | undefined;
}

export type NameVerdict =
  | { verdict: 'match' }
  | { verdict: 'mismatch'; why: 'surname' | 'first-name' }
  | { verdict: 'uncertain'; why: 'initial-only' | 'surname-only' | 'part-of-surname' | 'no-name' };

/**
 * Surname particles a page may leave out or run together: Welsh ap/ab/verch ("Dafydd ap Gwilym"), and
 * the common European ones. A particle alone never makes a match.
 */
const SURNAME_PARTICLES = new Set(['ap', 'ab', 'verch', 'ferch', 'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'du', 'la', 'le', 'st', 'bin', 'bint', 'al', 'el']);

/** Courtesy titles a page may put before a name. */
const TITLES = new Set(['mr', 'mrs', 'miss', 'ms', 'mx', 'master', 'dr']);

/** Whether `target` is one page word, or several adjacent page words run together ("o neill" → "oneill"). */
function runTogether(pageWords: readonly string[], target: string): boolean {
  for (let start = 0; start < pageWords.length; start++) {
    let joined = '';
    for (let end = start; end < pageWords.length && joined.length < target.length; end++) {
      joined += pageWords[end];
      if (joined === target) return true;
    }
  }
  return false;
}

function surnameFound(pageWords: readonly string[], surname: readonly string[]): 'all' | 'part' | 'none' {
  const page = new Set(pageWords);
  const significant = surname.filter((word) => !SURNAME_PARTICLES.has(word));
  const core = significant.length > 0 ? significant : surname;
  if (core.every((word) => page.has(word))) return 'all';
  if (runTogether(pageWords, surname.join('')) || runTogether(pageWords, core.join(''))) return 'all';
  if (core.some((word) => page.has(word))) return 'part';
  return 'none';
}

/** Compares the name on a page with the record's name. */
export function compareNames(record: RecordName, pageName: string): NameVerdict {
  const pageWords = nameWords(pageName).filter((word) => !TITLES.has(word));
  if (pageWords.length === 0) return { verdict: 'uncertain', why: 'no-name' };
  const surname = nameWords(record.lastName);
  const found = surnameFound(pageWords, surname);
  if (found === 'none') return { verdict: 'mismatch', why: 'surname' };

  const surnameWords = new Set(surname);
  const givenOnPage = pageWords.filter((word) => !surnameWords.has(word));
  const firstNames = [record.firstName, record.preferredName, record.displayName?.slice(0, Math.max(0, record.displayName.length - record.lastName.length))]
    .filter((name): name is string => Boolean(name))
    .map((name) => nameWords(name))
    .filter((words) => words.length > 0);
  const given = new Set(givenOnPage);
  const fullMatch = firstNames.some((words) => given.has(words[0]!) || runTogether(givenOnPage, words.join('')));
  if (fullMatch) return found === 'all' ? { verdict: 'match' } : { verdict: 'uncertain', why: 'part-of-surname' };
  if (givenOnPage.length === 0) return { verdict: 'uncertain', why: 'surname-only' };
  const initials = givenOnPage.filter((word) => word.length === 1);
  if (initials.length === givenOnPage.length && firstNames.some((words) => initials.includes(words[0]![0]!))) return { verdict: 'uncertain', why: 'initial-only' };
  return { verdict: 'mismatch', why: 'first-name' };
}
