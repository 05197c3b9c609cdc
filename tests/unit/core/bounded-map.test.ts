import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../../core/bounded-map.ts';

describe('BoundedMap: what the rules remember, bounded', () => {
  it('works a value out once and remembers it', () => {
    const map = new BoundedMap<string, number>(10);
    let computed = 0;
    const length = (key: string) => (computed++, key.length);
    expect(map.of('abc', length)).toBe(3);
    expect(map.of('abc', length)).toBe(3);
    expect(computed).toBe(1);
  });

  it('remembers a null value as a value (only undefined is unknown)', () => {
    const map = new BoundedMap<string, string | null>(10);
    let computed = 0;
    const none = () => (computed++, null);
    expect(map.of('x', none)).toBeNull();
    expect(map.of('x', none)).toBeNull();
    expect(computed).toBe(1);
  });

  it('holding more than its limit, forgets everything before it adds the next', () => {
    const map = new BoundedMap<number, number>(3);
    for (let i = 0; i < 4; i++) map.set(i, i);
    expect(map.size).toBe(4);
    map.set(4, 4);
    expect([...map.keys()]).toEqual([4]);
  });
});
