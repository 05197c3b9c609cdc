import { describe, expect, it } from 'vitest';
import { CATALOGUES, cy, en, formatDate, formatMessage, joinList, message, placeholdersOf, translate } from '../../../core/messages/index.ts';

describe('message catalogues (English and Welsh)', () => {
  it('have exactly the same keys', () => {
    expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en) as (keyof typeof en)[])('%s has the same placeholders in Welsh as in English', (key) => {
    expect(placeholdersOf(cy[key])).toEqual(placeholdersOf(en[key]));
  });

  it('has a title and a one-or-two-sentence meaning for every flag', () => {
    const flagKeys = Object.keys(en).filter((k) => k.startsWith('flag.'));
    const flags = new Set(flagKeys.map((k) => k.replace(/\.(title|meaning)$/, '')));
    for (const flag of flags) {
      for (const language of ['en', 'cy'] as const) {
        const catalogue = CATALOGUES[language] as Record<string, string>;
        expect(catalogue[`${flag}.title`], `${flag}.title (${language})`).toBeTruthy();
        const meaning = catalogue[`${flag}.meaning`] ?? '';
        const sentences = meaning.split(/[.!?](?:\s|$)/).filter((s) => s.trim().length > 0);
        expect(sentences.length, `${flag}.meaning (${language}): "${meaning}"`).toBeGreaterThanOrEqual(1);
        expect(sentences.length, `${flag}.meaning (${language}): "${meaning}"`).toBeLessThanOrEqual(2);
      }
    }
  });

  it('explains persistent absence in plain English, as the issue asks', () => {
    expect(formatMessage('flag.persistent-absence.meaning', { percent: 87.5 })).toMatch(/^Attendance this school year is 87.5%\. Missing one day in ten or more counts as persistent absence/);
  });
});

describe('interpolation', () => {
  it.each([
    ['en', 'flag.pep-overdue.meaning', { due: '2026-03-27', days: 12 }, 'due by 27 March 2026 and is 12 days overdue'],
    ['cy', 'flag.pep-overdue.meaning', { due: '2026-03-27', days: 12 }, 'erbyn 27 Mawrth 2026 ac mae 12 diwrnod yn hwyr'],
    ['en', 'rag.exclusions.suspensions', { count: 2, red: 2 }, 'Suspensions this school year: 2 (red at 2 or more).'],
  ] as const)('%s %s fills its placeholders', (language, key, params, expected) => {
    expect(formatMessage(key, params, language)).toContain(expected);
  });

  it('leaves a placeholder visible when its parameter is missing, rather than printing "undefined"', () => {
    expect(formatMessage('rag.pep.overdue', { due: '2026-01-05' })).toBe('The PEP meeting due by 5 January 2026 is {days|day|days} overdue.');
  });

  it.each([
    ['en', 1, 'is 1 day overdue'],
    ['en', 2, 'is 2 days overdue'],
    ['en', 0, 'is 0 days overdue'],
    ['cy', 1, '1 diwrnod yn hwyr'],
    ['cy', 12, '12 diwrnod yn hwyr'],
  ] as const)('%s: a count of %i takes the right form of its noun ("%s")', (language, days, expected) => {
    expect(formatMessage('rag.pep.overdue', { due: '2026-01-05', days }, language)).toContain(expected);
  });

  it('keeps the key and parameters so a screen can switch language', () => {
    const explained = message('rag.pep.in-date', { due: '2026-07-17' });
    expect(explained).toEqual({ key: 'rag.pep.in-date', params: { due: '2026-07-17' }, text: 'The PEP is up to date. The next meeting is due by 17 July 2026.' });
    expect(translate(explained, 'cy').text).toBe("Mae'r CAP yn gyfredol. Mae'r cyfarfod nesaf yn ddyledus erbyn 17 Gorffennaf 2026.");
  });

  it.each([
    ['2026-01-01', 'en', '1 January 2026'],
    ['2025-12-25', 'cy', '25 Rhagfyr 2025'],
    ['not a date', 'en', 'not a date'],
  ] as const)('formatDate(%s, %s) is "%s"', (iso, language, expected) => {
    expect(formatDate(iso, language)).toBe(expected);
  });

  it.each([
    [['maths'], 'en', 'maths'],
    [['reading', 'maths'], 'en', 'reading and maths'],
    [['reading', 'writing', 'maths'], 'en', 'reading, writing and maths'],
    [['darllen', 'mathemateg'], 'cy', 'darllen a mathemateg'],
    [['mathemateg', 'ysgrifennu'], 'cy', 'mathemateg ac ysgrifennu'],
  ] as const)('joinList(%j, %s) is "%s" (Welsh "ac" before a vowel)', (items, language, expected) => {
    expect(joinList(items, language)).toBe(expected);
  });
});
