import { describe, expect, it } from 'vitest';
import { confirmIdentity, namesAgree, pageShowsIdentity, parsePageDate } from '../../../extension/lib/identity.ts';
import { makeStatus } from './helpers/status.ts';

const child = makeStatus({ firstName: 'Zoë', lastName: "O'Brien-Smith", dateOfBirth: '2015-03-03' }).child;

describe('reading dates as case-management pages write them', () => {
  it.each([
    ['03/03/2015', 'auto', '2015-03-03'],
    ['3/3/2015', 'dd/mm/yyyy', '2015-03-03'],
    ['03.03.2015', 'auto', '2015-03-03'],
    ['2015-03-03', 'auto', '2015-03-03'],
    ['3 March 2015', 'auto', '2015-03-03'],
    ['3rd Mar 2015', 'd mmm yyyy', '2015-03-03'],
    ['DOB: 03-Mar-2015 (11 years)', 'auto', '2015-03-03'],
    ['31/02/2015', 'auto', undefined],
    ['not a date', 'auto', undefined],
    ['2015-03-03', 'dd/mm/yyyy', undefined],
  ] as const)('%s (%s) → %s', (text, format, expected) => {
    expect(parsePageDate(text, format)).toBe(expected);
  });
});

describe('names on the page against the record', () => {
  it.each([
    ['Zoë O\'Brien-Smith', true],
    ['ZOE OBRIEN-SMITH', true],
    ["O'BRIEN-SMITH, Zoe", true],
    ['O’BRIEN SMITH, Zoë', true],
    ['Zoe Smith', false],
    ['Jane O\'Brien-Smith', false],
    ['Z. O\'Brien-Smith', false],
    ["O'BRIEN-SMITH", false],
    ['', false],
  ])('"%s" agrees: %s', (pageName, agrees) => {
    expect(namesAgree(child, pageName)).toBe(agrees);
  });

  it('accepts the preferred name the record displays', () => {
    const withPreferred = { ...makeStatus().child, firstName: 'Jennifer', displayName: 'Jenny Smith', lastName: 'Smith' };
    expect(namesAgree(withPreferred, 'Jenny Smith')).toBe(true);
  });

  // The names the demo's case-management systems write, each as the system writes it.
  it.each([
    ['İsmail', 'Yılmaz', 'YILMAZ, İsmail', 'CarePath: SURNAME, First in capitals, Turkish ı'],
    ['İpek', 'Aydın', 'IPEK AYDIN', 'Turkish capitals without the dot'],
    ['Lukas', 'Strauß', 'STRAUSS, Lukas', 'ß written ss'],
    ['Filip', 'Wiśniewski', 'Filip Wisniewski', 'accent dropped'],
    ['Zoë', 'Taylor', 'TAYLOR, Zoe', 'diaeresis dropped'],
    ['Jessica', "O'Neill", 'O’NEILL, Jessica', 'curly apostrophe'],
    ['Jake', 'ap Rhys', 'AP RHYS, Jake', 'Welsh ap'],
    ['Megan', 'ab Owen', 'Megan Owen', 'Welsh ab left out'],
  ])('%s %s is "%s" (%s)', (firstName, lastName, pageName) => {
    expect(namesAgree({ firstName, lastName, displayName: `${firstName} ${lastName}` }, pageName)).toBe(true);
  });
});

describe('never the wrong child', () => {
  it('matches when name and date of birth agree', () => {
    expect(confirmIdentity(child, { name: "Zoe O'Brien-Smith", dateOfBirth: '03/03/2015' })).toEqual({ verdict: 'match', reasons: [], notes: [] });
  });
  it('warns when the date of birth disagrees', () => {
    const check = confirmIdentity(child, { name: "Zoe O'Brien-Smith", dateOfBirth: '04/03/2015' });
    expect(check.verdict).toBe('mismatch');
    expect(check.reasons).toEqual(['The date of birth on this page is not the date of birth on the education record.']);
  });
  it('warns when the name disagrees', () => {
    expect(confirmIdentity(child, { name: 'Tom Jones' }).verdict).toBe('mismatch');
  });
  it('fails closed on a date it cannot read, rather than guessing', () => {
    const check = confirmIdentity(child, { name: "Zoe O'Brien-Smith", dateOfBirth: 'spring 2015' });
    expect(check.verdict).toBe('incomplete');
    expect(check.notes[0]).toContain('could not be read');
  });
  it.each([
    ['no name and no date of birth', {}],
    ['a name but no date of birth', { name: "Zoe O'Brien-Smith" }],
    ['a date of birth but no name', { dateOfBirth: '03/03/2015' }],
    ['a name of punctuation only', { name: ' - , ', dateOfBirth: '03/03/2015' }],
  ])('fails closed on a page that shows %s: nothing confirms it is this child', (_, page) => {
    expect(confirmIdentity(child, page).verdict).toBe('incomplete');
    expect(pageShowsIdentity(page)).toBe(false);
  });
  it('a disagreement outweighs a missing field', () => {
    expect(confirmIdentity(child, { name: 'Tom Jones' }).verdict).toBe('mismatch');
  });
  it('matches the names and dates as the demo systems write them', () => {
    const ismail = makeStatus({ firstName: 'İsmail', lastName: 'Yılmaz', dateOfBirth: '2012-03-03' }).child;
    for (const [name, dateOfBirth] of [['YILMAZ, İsmail', '03/03/2012'], ['İsmail Yılmaz', '3 Mar 2012'], ['Ismail YILMAZ', '2012-03-03'], ['YILMAZ, Ismail', '03-MAR-2012']] as const)
      expect(confirmIdentity(ismail, { name, dateOfBirth })).toEqual({ verdict: 'match', reasons: [], notes: [] });
  });
  it.each([
    ['only an initial', 'Z. O\'BRIEN-SMITH', 'only an initial'],
    ['only a surname', "O'BRIEN-SMITH", 'only a surname'],
    ['part of the surname', 'Zoe SMITH', 'only part of the surname'],
  ])('is uncertain, not a match, when the page shows %s: no figures, and it says why', (_, name, words) => {
    const check = confirmIdentity(child, { name, dateOfBirth: '03/03/2015' });
    expect(check.verdict).toBe('uncertain');
    expect(check.reasons.join(' ')).toContain(words);
    expect(pageShowsIdentity({ name, dateOfBirth: '03/03/2015' })).toBe(true);
  });
  it('a date of birth with a two-digit year is not guessed: the page confirms nothing', () => {
    const check = confirmIdentity(child, { name: "Zoe O'Brien-Smith", dateOfBirth: '03/03/15' });
    expect(check.verdict).toBe('incomplete');
    expect(check.notes[0]).toContain('two-digit year');
  });
});
