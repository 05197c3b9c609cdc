import { describe, expect, it } from 'vitest';
import type { Exclusion } from '../../../core/model/record.ts';
import { exclusionReasonLabel, summariseExclusions } from '../../../core/rules/exclusions.ts';

describe('exclusions this academic year (DOMAIN.md §6; academic year 1 Sep–31 Aug)', () => {
  const exclusions: Exclusion[] = [
    { type: 'suspension', start: '2025-06-10', sessions: 4, reasonCode: 'PP01' }, // last academic year
    { type: 'suspension', start: '2025-09-01', sessions: 2, reasonCode: 'VA02' }, // first day of this year
    { type: 'suspension', start: '2025-11-20', reasonCode: 'XX99' }, // sessions unknown
    { type: 'suspension', start: '2026-01-15', sessions: 6, reasonCode: 'PA01' },
    { type: 'suspension', start: '2026-03-01', sessions: 2 }, // after asOf
  ];

  it('counts suspensions from 1 September up to asOf, and the sessions lost', () => {
    const summary = summariseExclusions(exclusions, '2026-02-01');
    expect(summary).toMatchObject({ suspensionsThisYear: 3, sessionsLostThisYear: 8, permanentExclusion: false });
    expect(summary.latest).toEqual({ type: 'suspension', start: '2026-01-15', sessions: 6, reasonCode: 'PA01', reasonLabel: 'Physical assault against a pupil' });
  });

  it('starts again on 1 September', () => {
    expect(summariseExclusions(exclusions, '2025-08-31')).toMatchObject({ suspensionsThisYear: 1, sessionsLostThisYear: 4 });
    expect(summariseExclusions(exclusions, '2025-09-01')).toMatchObject({ suspensionsThisYear: 1, sessionsLostThisYear: 2 });
  });

  it('leaves an unknown reason code without a label rather than guessing', () => {
    expect(summariseExclusions(exclusions, '2025-12-01').latest).toEqual({ type: 'suspension', start: '2025-11-20', reasonCode: 'XX99' });
  });

  it.each([
    ['a permanent exclusion 364 days ago counts', '2025-02-02', true],
    ['a permanent exclusion 365 days ago no longer counts', '2025-02-01', false],
  ])('%s (default look-back 365 days)', (_name, start, expected) => {
    const summary = summariseExclusions([{ type: 'permanent', start }], '2026-02-01');
    expect(summary.permanentExclusion).toBe(expected);
    expect(summary.latest?.type).toBe('permanent');
  });

  it('has nothing to say for a child never excluded', () => {
    expect(summariseExclusions([], '2026-02-01')).toEqual({ suspensionsThisYear: 0, sessionsLostThisYear: 0, permanentExclusion: false, latestPermanent: null, latest: null });
  });

  it.each([
    ['PP01', 'Persistent or general disruptive behaviour'],
    ['pa02', 'Physical assault against an adult'],
    ['ZZ00', undefined],
  ])('reason %s is "%s" [U: census list]', (code, label) => {
    expect(exclusionReasonLabel(code)).toBe(label);
  });
});
