import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RATING_VOCABULARY, contrastRatio, overallDisplay, ratingWord, type RatingDisplay } from '../../../core/messages/ratings.ts';
import { todayInEngland } from '../../../core/rules/calendar.ts';
import { RATING_ICON, RATING_WORD } from '../../../extension/lib/format.ts';
import { cy as widgetCy } from '../../../widgets/strings/cy.ts';
import { en as widgetEn } from '../../../widgets/strings/en.ts';

const RATINGS = ['green', 'amber', 'red', 'none'] as const;
const DISPLAYS = Object.keys(RATING_VOCABULARY) as RatingDisplay[];

describe('one rating vocabulary, defined in core (word, symbol, colour), contrast checked (WCAG 2.2 AA)', () => {
  it.each(DISPLAYS)('%s: text on its background is at least 4.5:1 (1.4.3) and the accent at least 3:1 on white (1.4.11)', (rating) => {
    const look = RATING_VOCABULARY[rating];
    expect(contrastRatio(look.text, look.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(look.accent, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('computes contrast as WCAG defines it (black on white is 21:1, a colour on itself 1:1)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#d4351c', '#d4351c')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('gives each rating its own symbol and word, so colour is never the only signal (1.4.1)', () => {
    const symbols = RATINGS.map((r) => RATING_VOCABULARY[r].symbol);
    expect(new Set(symbols).size).toBe(RATINGS.length);
    expect(RATING_VOCABULARY.amber.symbol).toBe('▲');
    expect(RATING_VOCABULARY.red.symbol).toBe('✕');
    for (const language of ['en', 'cy'] as const) expect(new Set(RATINGS.map((r) => ratingWord(r, language))).size).toBe(RATINGS.length);
  });

  it('the extension speaks it: the same words and symbols', () => {
    for (const r of RATINGS) {
      expect(RATING_WORD[r]).toBe(RATING_VOCABULARY[r].word.en);
      expect(RATING_ICON[r]).toBe(RATING_VOCABULARY[r].symbol);
    }
  });

  it('the extension’s panel stylesheet uses its colours', () => {
    const css = readFileSync(new URL('../../../extension/ui/overlay.css', import.meta.url), 'utf8');
    for (const r of RATINGS) expect(css).toContain(`.rating-${r} { background: ${RATING_VOCABULARY[r].background}; color: ${RATING_VOCABULARY[r].text}; }`);
  });

  it('the widgets speak it: the same words in English and Welsh, the same symbols and colours', async () => {
    for (const r of RATINGS) {
      expect(widgetEn[`rag.${r}`]).toBe(RATING_VOCABULARY[r].word.en);
      expect(widgetCy[`rag.${r}`]).toBe(RATING_VOCABULARY[r].word.cy);
    }
    const { ragStyles, tokens } = await import('../../../widgets/shared/styles.ts');
    for (const r of RATINGS) {
      expect(ragStyles.cssText).toContain(`.rag-${r}::before {\n    content: ${JSON.stringify(RATING_VOCABULARY[r].symbol)} / '';`);
      expect(tokens.cssText).toContain(`--_${r}-bg: var(--edu-${r}-background-colour, ${RATING_VOCABULARY[r].background});`);
      expect(tokens.cssText).toContain(`--_${r}-text: var(--edu-${r}-text-colour, ${RATING_VOCABULARY[r].text});`);
    }
  });

  it('shows an overall none for want of data as "Incomplete", and any other rating as itself', () => {
    expect(overallDisplay({ rag: { overall: 'none', incomplete: ['attendance'] } as never })).toBe('incomplete');
    expect(overallDisplay({ rag: { overall: 'none', incomplete: [] } as never })).toBe('none');
    expect(overallDisplay({ rag: { overall: 'red', incomplete: ['attendance'] } as never })).toBe('red');
    expect(ratingWord('incomplete')).toBe('Incomplete');
  });
});

describe('the command line’s default date is today in England, not in UTC', () => {
  it.each([
    ['half past midnight in British Summer Time is already 1 July', '2026-06-30T23:30:00Z', '2026-07-01'],
    ['half past eleven at night in winter (GMT) is still 31 December', '2026-12-31T23:30:00Z', '2026-12-31'],
    ['midday', '2026-03-02T12:00:00Z', '2026-03-02'],
  ])('%s', (_name, instant, expected) => {
    expect(todayInEngland(new Date(instant))).toBe(expected);
  });
});
