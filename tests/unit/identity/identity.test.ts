import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames, confirmIdentity, foldName, readPageDate, type RecordName } from '../../../core/identity/index.ts';

// Identity matching as case-management systems write names and dates: one table per rule, each row a
// way real systems write it.

describe('folding: the same name however a system writes it', () => {
  it.each([
    ['Yılmaz', 'YILMAZ', 'Turkish dotless ı against a capital I'],
    ['İbrahim', 'IBRAHIM', 'Turkish dotted İ against a plain I'],
    ['İBRAHİM', 'ibrahim', 'dotted capitals against lower case'],
    ['Zoë', 'ZOE', 'diaeresis'],
    ['Wiśniewski', 'WISNIEWSKI', 'Polish acute'],
    ['Łukasz', 'LUKASZ', 'Polish ł, which Unicode does not decompose'],
    ['Strauß', 'STRAUSS', 'German ß'],
    ['Strauß', 'STRAUẞ', 'capital ẞ'],
    ['Søren', 'SOREN', 'Danish ø'],
    ["O'Neill", 'O’Neill', 'straight and curly apostrophes'],
    ["O'Neill", 'ONEILL', 'apostrophe left out'],
    ['Nuñez', 'NUNEZ', 'tilde'],
    ['Ａｌｉ', 'ALI', 'full-width letters (NFKC)'],
    ['Zoe\u0308', 'Zoë', 'decomposed and composed ë'],
  ])('%s ≡ %s (%s)', (a, b) => {
    expect(foldName(a)).toBe(foldName(b));
  });

  it('folding a folded name changes nothing, for every code point up to U+2FFFF (Ǣ, ǿ, 𝚤 included)', () => {
    const unstable: string[] = [];
    for (let point = 0; point < 0x30000; point++) {
      if (point >= 0xd800 && point <= 0xdfff) continue;
      const once = foldName(String.fromCodePoint(point));
      if (foldName(once) !== once) unstable.push(point.toString(16));
    }
    expect(unstable).toEqual([]);
  });

  it('is the same in every locale: folding uses no locale-sensitive call', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (text) => {
        expect(foldName(foldName(text))).toBe(foldName(text));
      }),
    );
  });
});

const record = (firstName: string, lastName: string, preferredName?: string): RecordName => ({ firstName, lastName, preferredName });

describe('names: order, commas, middle and preferred names, hyphens, apostrophes, particles, initials', () => {
  it.each([
    [record('Emre', 'Yılmaz'), 'YILMAZ, Emre', 'SURNAME, First with Turkish ı'],
    [record('Emre', 'Yılmaz'), 'Emre YILMAZ', 'First SURNAME'],
    [record('Zoë', 'Wiśniewski'), 'Zoe Wisniewski', 'accents dropped by the system'],
    [record('Sean', "O'Neill"), "Sean O’Neill", 'curly apostrophe'],
    [record('Sean', "O'Neill"), 'Sean O NEILL', 'apostrophe written as a space'],
    [record('Sean', "O'Neill"), 'ONEILL, Sean', 'apostrophe left out'],
    [record('Amara', 'Smith-Jones'), 'Amara SMITH JONES', 'hyphen written as a space'],
    [record('Amara', 'Smith-Jones'), 'JONES, Amara SMITH', 'double-barrelled, reordered'],
    [record('Mary-Jane', 'Okafor'), 'Mary Jane OKAFOR', 'hyphenated first name as two words'],
    [record('Mary-Jane', 'Okafor'), 'Maryjane Okafor', 'hyphenated first name run together'],
    [record('Jennifer', 'Clarke', 'Jenny'), 'Jenny CLARKE', 'the preferred name'],
    [record('Jennifer', 'Clarke', 'Jenny'), 'CLARKE, Jennifer Louise', 'the legal name with a middle name'],
    [record('Tom', 'Price'), 'Thomas Tom PRICE', 'the first name among several given names'],
    [record('Dafydd', 'ap Gwilym'), 'Dafydd ap Gwilym', 'Welsh ap'],
    [record('Dafydd', 'ap Gwilym'), 'AP GWILYM, Dafydd', 'Welsh ap in capitals, surname first'],
    [record('Dafydd', 'ap Gwilym'), 'Dafydd Gwilym', 'Welsh ap left out'],
    [record('Sophie', 'van der Berg'), 'VANDERBERG, Sophie', 'particles run together'],
    [record('Klaus', 'Strauß'), 'STRAUSS, Klaus', 'ß as ss'],
    [record('İpek', 'Aydın'), 'IPEK AYDIN', 'Turkish capitals'],
    [record('Zoë', 'Smith'), 'Miss Zoe Smith', 'a title before the name'],
  ])('%o and "%s" match (%s)', (name, page) => {
    expect(compareNames(name, page)).toEqual({ verdict: 'match' });
  });

  it.each([
    [record('Emre', 'Yılmaz'), 'Emre YILDIZ', 'surname', 'another surname'],
    [record('Emre', 'Yılmaz'), 'Deniz YILMAZ', 'first-name', 'a sibling: same surname, another first name'],
    [record('Jennifer', 'Clarke', 'Jenny'), 'Jessica CLARKE', 'first-name', 'neither the first nor the preferred name'],
    [record('Ann', 'Lee'), 'Anna LEE', 'first-name', 'a longer name is another name'],
  ])('%o and "%s" do not match: %s (%s)', (name, page, why) => {
    expect(compareNames(name, page)).toEqual({ verdict: 'mismatch', why });
  });

  it.each([
    [record('Emre', 'Yılmaz'), 'E. YILMAZ', 'initial-only'],
    [record('Emre', 'Yılmaz'), 'YILMAZ, E', 'initial-only'],
    [record('Emre', 'Yılmaz'), 'YILMAZ', 'surname-only'],
    [record('Amara', 'Smith-Jones'), 'Amara JONES', 'part-of-surname'],
    [record('Amara', 'Smith-Jones'), '— —', 'no-name'],
  ])('%o and "%s" are uncertain: %s', (name, page, why) => {
    expect(compareNames(name, page)).toEqual({ verdict: 'uncertain', why });
  });
});

describe('dates of birth in every common UK format', () => {
  it.each([
    ['03/03/2012'],
    ['3/3/2012'],
    ['03.03.2012'],
    ['03-03-2012'],
    ['2012-03-03'],
    ['2012-03-03T00:00:00Z'],
    ['3 Mar 2012'],
    ['3 March 2012'],
    ['3rd March 2012'],
    ['Saturday 3 March 2012'],
    ['03-MAR-2012'],
    ['03/Mar/2012'],
    ['3 Mawrth 2012'],
    ['DOB: 03/03/2012 (age 14)'],
    ['Born 3 Mar. 2012'],
  ])('"%s" is 3 March 2012', (text) => {
    expect(readPageDate(text)).toEqual({ kind: 'date', date: '2012-03-03' });
  });

  it.each([
    ['03/03/12', { kind: 'uncertain', why: 'two-digit-year' }],
    ['03-MAR-12', { kind: 'uncertain', why: 'two-digit-year' }],
    ['03/03/2012 – 04/03/2012', { kind: 'uncertain', why: 'several-dates' }],
    ['31/02/2012', { kind: 'unreadable' }],
    ['03/13/2012', { kind: 'unreadable' }],
    ['spring 2012', { kind: 'unreadable' }],
    ['3 Smarch 2012', { kind: 'unreadable' }],
  ])('"%s" is not guessed: %o', (text, expected) => {
    expect(readPageDate(text)).toEqual(expected);
  });

  it('reads day first: 04/03/2012 is 4 March, never 3 April', () => {
    expect(readPageDate('04/03/2012')).toEqual({ kind: 'date', date: '2012-03-04' });
  });

  it('honours the format an adapter names', () => {
    expect(readPageDate('2012-03-03', 'dd/mm/yyyy')).toEqual({ kind: 'unreadable' });
    expect(readPageDate('3 Mar 2012', 'd mmm yyyy')).toEqual({ kind: 'date', date: '2012-03-03' });
  });
});

describe('confirmIdentity: only a match shows figures, and every doubt says why', () => {
  const child = { firstName: 'Emre', lastName: 'Yılmaz', dateOfBirth: '2012-03-03' };

  it('matches when the name and date of birth agree, however written', () => {
    expect(confirmIdentity(child, { name: 'YILMAZ, Emre', dateOfBirth: '03-MAR-2012' })).toEqual({ verdict: 'match', reasons: [], compared: ['name', 'dateOfBirth'] });
  });

  it('says the page shows a different date of birth', () => {
    const check = confirmIdentity(child, { name: 'Emre Yılmaz', dateOfBirth: '04/03/2012' });
    expect(check.verdict).toBe('mismatch');
    expect(check.reasons).toEqual(['The date of birth on this page is not the date of birth on the education record.']);
  });

  it('a mismatch wins over any doubt', () => {
    expect(confirmIdentity(child, { name: 'Deniz Yılmaz', dateOfBirth: '03/03/12' }).verdict).toBe('mismatch');
  });

  it('is uncertain, never a match, when a required field is not on the page', () => {
    const check = confirmIdentity(child, { name: 'Emre Yılmaz' });
    expect(check.verdict).toBe('uncertain');
    expect(check.reasons[0]).toContain('does not show the child');
    expect(confirmIdentity(child, {}).verdict).toBe('uncertain');
  });

  it('is uncertain when the date cannot be read for certain, and quotes what the page shows', () => {
    const check = confirmIdentity(child, { name: 'Emre Yılmaz', dateOfBirth: '03/03/12' });
    expect(check).toMatchObject({ verdict: 'uncertain' });
    expect(check.reasons[0]).toContain('"03/03/12"');
    expect(check.reasons[0]).toContain('two-digit year');
  });

  it('an adapter may say which fields its pages show', () => {
    expect(confirmIdentity(child, { name: 'Emre Yılmaz' }, { require: ['name'] }).verdict).toBe('match');
  });
});
