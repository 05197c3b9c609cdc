/**
 * The catalogue-free part of the messages: the languages, dates as readers write them, and filling a
 * template's placeholders. Screens that only draw words from their own tables (the child summary) import
 * this module, so they load neither message catalogue.
 */

import { BoundedMap } from '../bounded-map.ts';

/** The languages EduBridge speaks: English, and Welsh for councils in Wales. */
export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

export type MessageParams = Record<string, string | number>;

const MONTHS: Record<Language, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  cy: ['Ionawr', 'Chwefror', 'Mawrth', 'Ebrill', 'Mai', 'Mehefin', 'Gorffennaf', 'Awst', 'Medi', 'Hydref', 'Tachwedd', 'Rhagfyr'],
};

/** An ISO date as a reader writes it: "3 March 2026" (en), "3 Mawrth 2026" (cy). Anything else is returned as is. */
export function formatDate(iso: string, language: Language = 'en'): string {
  if (iso.length !== 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return iso;
  const day = Number(iso.slice(8, 10));
  const month = MONTHS[language][Number(iso.slice(5, 7)) - 1];
  if (month === undefined || !Number.isInteger(day) || !/^\d{4}$/.test(iso.slice(0, 4))) return iso;
  return `${day} ${month} ${iso.slice(0, 4)}`;
}

/** `{name}`, `{name:date}`, or `{name|one|other}`: a count with its noun, singular for 1 ("1 day", "3 days"). */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?::(date)|\|([^|{}]*)\|([^|{}]*))?\}/g;

/** The placeholders a template uses, e.g. `['due:date', 'days']` (sorted, for comparing catalogues). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => (m[2] ? `${m[1]}:${m[2]}` : m[3] !== undefined ? `${m[1]}:count` : (m[1] ?? ''))).sort();
}

/** A template split into literal text and placeholders, compiled once per template. */
type Part = string | { name: string; date: boolean; one?: string; other?: string; whole: string };
const compiled = new BoundedMap<string, Part[]>(10_000);

function compile(template: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(template.slice(last, match.index));
    parts.push({ name: match[1] ?? '', date: match[2] === 'date', ...(match[3] !== undefined ? { one: match[3], other: match[4] ?? '' } : {}), whole: match[0] });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/** Fills a template's placeholders. A missing parameter leaves its placeholder visible rather than vanishing. */
export function interpolate(template: string, params: MessageParams, language: Language = 'en'): string {
  if (!template.includes('{')) return template;
  let text = '';
  for (const part of compiled.of(template, compile)) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = params[part.name];
    if (value === undefined) text += part.whole;
    else if (part.date) text += formatDate(String(value), language);
    else if (part.one !== undefined) text += `${value} ${Number(value) === 1 ? part.one : part.other}`;
    else text += String(value);
  }
  return text;
}
