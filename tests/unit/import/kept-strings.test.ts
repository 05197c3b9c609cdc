import { describe, expect, it } from 'vitest';
import { KeptStrings } from '../../../core/import/kept-strings.ts';

// What the importer keeps of a file's text (core/import/kept-strings.ts): equal values, one string; the
// value unchanged; and the cache bounded, since the fast paths keep theirs for the life of the process.
describe('kept strings', () => {
  it('gives back the same value, one string for equal values, however they were cut from the text', () => {
    const kept = new KeptStrings();
    const text = 'x,sarah.morris@council.example.gov.uk,y,sarah.morris@council.example.gov.uk';
    const first = kept.of(text.slice(2, 37));
    const second = kept.of(text.slice(40, 75));
    expect(first).toBe('sarah.morris@council.example.gov.uk');
    expect(second).toBe(first);
    expect(kept.row({ email: text.slice(40, 75), upn: 'A12', n: 3 })).toEqual({ email: first, upn: 'A12', n: 3 });
  });

  it('keeps numbers-as-text and property-like names as they are', () => {
    const kept = new KeptStrings();
    for (const value of ['1234567890123', '__proto__ and more', 'constructor!!!!', '0000000000000', '__proto__', 'constructor', '', '0', 'E01']) expect(kept.of(value)).toBe(value);
    expect(kept.row({ a: '__proto__', b: 'toString', c: '' })).toEqual({ a: '__proto__', b: 'toString', c: '' });
  });

  it('holds at most its limit of strings, and still gives back every value', () => {
    const kept = new KeptStrings(3);
    const values = Array.from({ length: 10 }, (_, i) => `a value long enough ${i}`);
    for (const value of values) expect(kept.of(value)).toBe(value);
    expect((kept as unknown as { kept: Map<string, string> }).kept.size).toBeLessThanOrEqual(3);
  });
});
