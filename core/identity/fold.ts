/**
 * Folding names for comparison, the same way whatever the locale of the machine: case-management systems
 * write "YILMAZ" for Yılmaz, "WISNIEWSKI" for Wiśniewski, "STRAUSS" for Strauß and "O NEILL" for O’Neill.
 *
 * - Compatibility decomposition (NFKD), and the marks are dropped (é → e, ś → s, ë → e, İ → I).
 * - Lower case by `toLowerCase`, which JavaScript defines without a locale (so no Turkish-I surprises).
 * - Letters that Unicode does not decompose into a base letter and a mark are then spelt out
 *   (dotless ı → i, ß → ss, ø → o, æ → ae, œ → oe, ł → l, đ/ð → d, þ → th), so folding a folded name
 *   changes nothing.
 * - Apostrophes of every kind are dropped inside a word (O'Neill, O’Neill and ONeill are one name);
 *   anything else that is not a letter or digit separates words (hyphens, commas, full stops, spaces).
 */

const SPELT_OUT: Record<string, string> = {
  ı: 'i',
  İ: 'i',
  ß: 'ss',
  ẞ: 'ss',
  ø: 'o',
  Ø: 'o',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ĳ: 'ij',
  Ĳ: 'ij',
};
const SPELT_OUT_PATTERN = new RegExp(`[${Object.keys(SPELT_OUT).join('')}]`, 'gu');

/** Apostrophes and the characters people type for one: ' ’ ‘ ` ´ ʼ ʻ. */
const APOSTROPHES = /['’‘`´ʼʻ]/gu;

/** A name folded for comparison, words separated by single spaces ("O’Brien-Smith" → "obrien smith"). */
export function foldName(text: string): string {
  return nameWords(text).join(' ');
}

/** The folded words of a name ("SMITH, Zoë-Jane" → ["smith", "zoe", "jane"]). */
export function nameWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(SPELT_OUT_PATTERN, (letter) => SPELT_OUT[letter] ?? letter)
    .replace(APOSTROPHES, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}
