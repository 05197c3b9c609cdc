/**
 * The message catalogues (every sentence about a status: flags, reasons) and the functions that fill them.
 * Both languages are here at once: a status is worked out in the language asked for, synchronously, on
 * the server, in the command line and in the browser (a widget's `record`). Screens that show a status
 * without working one out import `format.ts` instead, which carries no catalogue.
 */
import type { Explained } from '../model/status.ts';
import { cy } from './cy.ts';
import { en, type MessageKey } from './en.ts';
import { interpolate, type Language, type MessageParams } from './format.ts';

export { en, cy };
export * from './ratings.ts';
export * from './format.ts';
export type { MessageKey };

/** Every catalogue, keyed by language. Each has exactly the keys of `en`. */
export const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, cy };

/** "reading, writing and maths"; in Welsh "a" becomes "ac" before a vowel. */
export function joinList(items: readonly string[], language: Language = 'en'): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0] ?? '';
  const last = items[items.length - 1] ?? '';
  let and: string = CATALOGUES[language]['list.and'];
  if (language === 'cy' && /^[aeiouwyâêîôûŵŷ]/i.test(last)) and = 'ac';
  return `${items.slice(0, -1).join(', ')} ${and} ${last}`;
}

const composedKeys = new Map<string, Map<string, Map<string, MessageKey>>>();

/**
 * A message key made of parts, e.g. `composeKey('flag.', 'pep-overdue', '.title')`. Remembered, so status
 * derivation does not build (and hash) the same key string for every child.
 */
export function composeKey(prefix: string, name: string, suffix = ''): MessageKey {
  let byName = composedKeys.get(prefix);
  if (!byName) composedKeys.set(prefix, (byName = new Map()));
  let bySuffix = byName.get(name);
  if (!bySuffix) byName.set(name, (bySuffix = new Map()));
  let key = bySuffix.get(suffix);
  if (key === undefined) {
    key = `${prefix}${name}${suffix}` as MessageKey;
    bySuffix.set(suffix, key);
  }
  return key;
}

/** The sentence for a key in a language (falling back to English, then to the key itself). */
export function formatMessage(key: MessageKey, params: MessageParams = {}, language: Language = 'en'): string {
  const template = CATALOGUES[language]?.[key] ?? en[key] ?? key;
  return interpolate(template, params, language);
}

/** A catalogue sentence with the key and parameters that made it, so a screen can re-render it in another language. */
export function message(key: MessageKey, params: MessageParams = {}, language: Language = 'en'): Explained {
  return { key, params, text: formatMessage(key, params, language) };
}

/** Re-renders an explained sentence in another language (e.g. a screen switching to Welsh). */
export function translate(explained: Explained, language: Language): Explained {
  if (!(explained.key in en)) return explained;
  return message(explained.key as MessageKey, explained.params, language);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
