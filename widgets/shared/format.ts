import type { Language } from './i18n.ts';

const locales: Record<Language, string> = { en: 'en-GB', cy: 'cy-GB' };
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "3 March 2026" (or Welsh). Dates in the model are calendar dates, so format in UTC to avoid a day's drift. */
export function formatDate(date: string | null | undefined, language: Language, style: 'long' | 'short' = 'long'): string {
  if (!date) return '';
  const key = `${language}:${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locales[language], {
      day: 'numeric',
      month: style === 'long' ? 'long' : 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(key, format);
  }
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? date : format.format(time);
}

/** A percentage to one decimal place, dropping a trailing ".0". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return (Math.round(value * 10) / 10).toString();
}

const numberFormats = new Map<Language, Intl.NumberFormat>();

/** A count with thousands separators. One formatter a language: `toLocaleString` builds one a call. */
export function formatNumber(value: number, language: Language): string {
  let format = numberFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(locales[language]);
    numberFormats.set(language, format);
  }
  return format.format(value);
}

export function formatMoney(value: number, language: Language): string {
  return value.toLocaleString(locales[language], { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
}
