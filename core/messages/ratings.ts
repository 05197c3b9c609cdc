import type { EducationStatus, Rating } from '../model/status.ts';
import type { Language } from './index.ts';

/**
 * The rating vocabulary: how every screen shows a rating — a word, a symbol and colours — defined once
 * here and used by the extension, the widgets, the command line and the demo pages, so a symbol means the
 * same thing everywhere. The word always appears with the symbol, so colour is never the only signal
 * (WCAG 2.2, 1.4.1); the symbols are distinct shapes (tick, warning triangle, cross, dash). The colours are
 * the GOV.UK palette's tints: `text` on `background` has a contrast ratio of at least 4.5:1 (WCAG 1.4.3),
 * and `accent` (a stripe or bar beside the word) at least 3:1 against white (WCAG 1.4.11); a test checks both.
 */

export interface RatingLook {
  /** The rating in words, for each language. */
  word: Readonly<Record<Language, string>>;
  /** A symbol shown before the word (hidden from screen readers, which read the word). */
  symbol: string;
  /** Text colour on `background`. */
  text: string;
  background: string;
  /** A stronger colour for a stripe, border or chart bar. */
  accent: string;
}

/** What a screen shows for an overall rating: one of the four, or `incomplete` when the overall rating is
 * `none` because an area that applies to the child has no data (`rag.incomplete`). */
export type RatingDisplay = Rating | 'incomplete';

export const RATING_VOCABULARY: Readonly<Record<RatingDisplay, RatingLook>> = {
  green: { word: { en: 'Green', cy: 'Gwyrdd' }, symbol: '✓', text: '#005a30', background: '#cce2d8', accent: '#00703c' },
  amber: { word: { en: 'Amber', cy: 'Ambr' }, symbol: '▲', text: '#594d00', background: '#fff7bf', accent: '#8f6d00' },
  red: { word: { en: 'Red', cy: 'Coch' }, symbol: '✕', text: '#942514', background: '#f6d7d2', accent: '#d4351c' },
  none: { word: { en: 'Not rated', cy: 'Heb ei sgorio' }, symbol: '–', text: '#383f43', background: '#f3f2f1', accent: '#505a5f' },
  incomplete: { word: { en: 'Incomplete', cy: 'Anghyflawn' }, symbol: '?', text: '#383f43', background: '#f3f2f1', accent: '#505a5f' },
};

/** How to show a status's overall rating: `incomplete` when it is none for want of data. */
export function overallDisplay(status: Pick<EducationStatus, 'rag'>): RatingDisplay {
  return status.rag.overall === 'none' && (status.rag.incomplete ?? []).length > 0 ? 'incomplete' : status.rag.overall;
}

/** The word for a rating in a language. */
export function ratingWord(rating: RatingDisplay, language: Language = 'en'): string {
  return RATING_VOCABULARY[rating].word[language];
}

/** Relative luminance of a #rrggbb colour (WCAG 2.2 definition). */
export function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The WCAG contrast ratio between two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
