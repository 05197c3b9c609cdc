import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  LA_NUMBERS,
  UPN_CHECK_LETTERS,
  checkNhsNumber,
  checkUpn,
  isValidNhsNumber,
  isValidUpn,
  upnCheckLetter,
} from '../../../core/rules/identifiers.ts';

describe('UPN (DfE unique pupil number)', () => {
  it.each([
    ['B801200005001', false, 'DOMAIN.md / python-stdnum: a valid permanent UPN (Bristol)'],
    ['R938200312345', false, 'computed: West Sussex, permanent'],
    ['Y420100024001', false, 'computed: Isles of Scilly, permanent'],
    ['M20120000501A', true, 'computed: a temporary UPN (City of London), final letter A = 0'],
    ['L31225200999Z', true, 'computed: a temporary UPN (Hillingdon), final letter Z = 22'],
    ['J93612345678A', true, 'computed: a temporary UPN (Surrey)'],
    ['b801 2000 05001', false, 'spaces and lower case are ignored'],
  ])('%s is valid (temporary: %s) — %s', (upn, temporary) => {
    expect(isValidUpn(upn)).toBe(true);
    expect(checkUpn(upn, { checkLaNumber: true })).toEqual({ valid: true, temporary });
  });

  it.each([
    ['A801200005001', 'The check letter should be B, not A: one of the characters is probably mistyped.', 'DOMAIN.md: wrong check letter'],
    ['X80120000A001', 'Characters 2 to 12 of a UPN are digits; character 10 is "A".', 'DOMAIN.md: malformed'],
    ['B80120000500', 'A UPN has 13 characters; this one has 12.', 'too short'],
    ['B8012000050011', 'A UPN has 13 characters; this one has 14.', 'too long'],
    ['', 'The UPN is empty.', 'empty'],
    ['I801200005001', 'A UPN starts with a check letter (A to Z except I, O and S); this one starts with "I".', 'I is never a check letter'],
    ['1801200005001', 'A UPN starts with a check letter (A to Z except I, O and S); this one starts with "1".', 'digit first'],
    ['B80120000500O', 'The last character of a UPN is a digit, or for a temporary UPN a letter other than I, O or S; this one is "O".', 'O is never a final letter'],
    ['B80120000500-', 'The last character of a UPN is a digit, or for a temporary UPN a letter other than I, O or S; this one is "-".', 'punctuation'],
    ['L31225200999Y', 'The check letter should be X, not L: one of the characters is probably mistyped.', 'temporary UPN, wrong final letter'],
    ['B801200005010', 'The check letter should be A, not B: one of the characters is probably mistyped.', 'two digits swapped'],
  ])('%s is invalid: "%s" (%s)', (upn, problem) => {
    expect(isValidUpn(upn)).toBe(false);
    expect(checkUpn(upn)).toMatchObject({ valid: false, problem });
  });

  it('python-stdnum: E000200005001 has an unknown LA number, reported only when asked to check it', () => {
    const upn = `${upnCheckLetter('000200005001')}000200005001`;
    expect(checkUpn(upn)).toEqual({ valid: true, temporary: false });
    expect(checkUpn(upn, { checkLaNumber: true })).toEqual({
      valid: false,
      temporary: false,
      problem: '000 (characters 2 to 4) is not a known English local authority number.',
    });
  });

  it('LA numbers: the known English ones include London, metropolitan and shire councils, and recent unitaries', () => {
    expect(LA_NUMBERS['801']).toBe('Bristol');
    expect(LA_NUMBERS['201']).toBe('City of London');
    expect(LA_NUMBERS['839']).toBe('Bournemouth, Christchurch and Poole');
    expect(LA_NUMBERS['942']).toBe('Cumberland');
    expect(Object.keys(LA_NUMBERS).every((n) => /^\d{3}$/.test(n))).toBe(true);
    expect(Object.keys(LA_NUMBERS).length).toBeGreaterThan(150);
  });

  it('property: every 12 digits completed with their check letter is a valid UPN; any other first letter is not', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.constantFrom(...UPN_CHECK_LETTERS), (rest, other) => {
        const letter = upnCheckLetter(rest);
        expect(isValidUpn(letter + rest)).toBe(true);
        if (other !== letter) expect(checkUpn(other + rest).problem).toMatch(/check letter should be/);
      }),
    );
  });

  it('property: a single mistyped digit is always caught (weights 2–13 are all coprime with 23)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (rest, at, delta) => {
        const upn = upnCheckLetter(rest) + rest;
        const changed = String((Number(rest.charAt(at)) + delta) % 10);
        const typo = upn.slice(0, at + 1) + changed + upn.slice(at + 2);
        expect(isValidUpn(typo)).toBe(false);
      }),
    );
  });

  it('property: checkUpn never throws and always says why when invalid', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (value) => {
        const result = checkUpn(value, { checkLaNumber: true });
        expect(result.valid || (result.problem ?? '').length > 10).toBe(true);
      }),
    );
  });
});

describe('NHS number (mod 11, weights 10…2)', () => {
  it.each([
    ['9434765870', 'DOMAIN.md: valid'],
    ['943 476 5870', 'spaces between groups are allowed'],
    ['943-476-5870', 'hyphens between groups are allowed'],
    ['4010232137', 'computed: check digit 7'],
    ['9999999999', 'computed: check digit 9'],
  ])('%s is valid (%s)', (value) => {
    expect(isValidNhsNumber(value)).toBe(true);
    expect(checkNhsNumber(value)).toEqual({ valid: true });
  });

  it.each([
    ['9434765871', 'The last digit should be 0, not 1: one of the digits is probably mistyped.', 'DOMAIN.md: invalid'],
    ['1234567890', 'No NHS number is issued with these first nine digits (the check digit would be 10).', 'remainder 1'],
    ['943476587', 'An NHS number has 10 digits; this one has 9.', 'too short'],
    ['94347658700', 'An NHS number has 10 digits; this one has 11.', 'too long'],
    ['94347X5870', 'An NHS number has only digits (spaces are allowed between groups).', 'a letter'],
    ['', 'The NHS number is empty.', 'empty'],
  ])('%s is invalid: "%s" (%s)', (value, problem) => {
    expect(isValidNhsNumber(value)).toBe(false);
    expect(checkNhsNumber(value)).toEqual({ valid: false, problem });
  });
});
