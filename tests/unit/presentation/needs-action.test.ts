import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/index.ts';
import { cy } from '../../../core/messages/index.ts';
import { summariseStatus } from '../../../core/model/summary.ts';
import {
  flagOwner,
  flagsOwedFirst,
  isActionThisWeek,
  needsAction,
  needsActionRank,
  sortByNeedsAction,
  type NeedsActionInput,
} from '../../../core/presentation/needs-action.ts';
import { deriveStatus } from '../../../core/status/derive.ts';

const AS_OF = '2026-11-10';

type Flag = NeedsActionInput['flags'][number];
const flag = (key: string, severity: Flag['severity'], title: string): Flag => ({ key, severity, title: { key: `test.${key}`, params: {}, text: title } });

function input(overrides: Partial<NeedsActionInput> = {}): NeedsActionInput {
  return {
    asOf: AS_OF,
    pep: { state: 'in-date', nextDue: '2027-01-20' },
    rag: { overall: 'green', attendance: 'green', pep: 'green', exclusions: 'green', attainment: 'green', incomplete: [] },
    flags: [],
    ...overrides,
  };
}

const red = { ...input().rag, overall: 'red' as const };
const amber = { ...input().rag, overall: 'amber' as const };

describe('needsAction: the one thing to act on this week', () => {
  it.each<[string, NeedsActionInput, { level: string; reason: string } | null, string?]>([
    ['nothing due, green', input(), null],
    [
      'PEP overdue since its due date',
      input({ pep: { state: 'overdue', nextDue: '2026-11-03' }, rag: red, flags: [flag('pep-overdue', 'red', 'PEP overdue')] }),
      { level: 'overdue', reason: 'PEP overdue since 3 November 2026' },
    ],
    [
      'first PEP overdue',
      input({ pep: { state: 'overdue', nextDue: '2026-10-30' }, rag: red, flags: [flag('pep-initial-overdue', 'red', 'First PEP overdue')] }),
      { level: 'overdue', reason: 'First PEP overdue since 30 October 2026' },
    ],
    [
      'social worker actions overdue come before a red flag',
      input({ rag: red, flags: [flag('persistent-absence', 'red', 'Persistent absence'), flag('social-worker-actions-overdue', 'amber', 'Social worker actions overdue')] }),
      { level: 'overdue', reason: 'Social worker actions overdue' },
    ],
    ['PEP due today', input({ pep: { state: 'due-soon', nextDue: AS_OF }, rag: amber }), { level: 'due-this-week', reason: 'PEP due today' }],
    ['PEP due in six days', input({ pep: { state: 'due-soon', nextDue: '2026-11-16' }, rag: amber }), { level: 'due-this-week', reason: 'PEP due by 16 November 2026' }],
    ['PEP due in seven days is not this week', input({ pep: { state: 'due-soon', nextDue: '2026-11-17' }, rag: amber, flags: [flag('pep-due-soon', 'amber', 'PEP due soon')] }), { level: 'amber', reason: 'PEP due soon' }],
    ['a PEP that is not required is never due', input({ pep: { state: 'not-required', nextDue: '2026-11-01' } }), null],
    ['the first red flag', input({ rag: red, flags: [flag('late-info', 'info', 'Note'), flag('persistent-absence', 'red', 'Persistent absence'), flag('x', 'red', 'Other')] }), { level: 'red', reason: 'Persistent absence' }],
    ['red before amber whatever the flag order', input({ rag: red, flags: [flag('a', 'amber', 'Amber one'), flag('b', 'red', 'Red one')] }), { level: 'red', reason: 'Red one' }],
    ['amber flag', input({ rag: amber, flags: [flag('below-expected', 'amber', 'Below expected in maths')] }), { level: 'amber', reason: 'Below expected in maths' }],
    ['a red rating with no red flag still says so', input({ rag: red }), { level: 'red', reason: 'Rated red' }],
    ['info flags alone need no action', input({ flags: [flag('social-worker-actions-outstanding', 'info', 'Actions outstanding')] }), null],
  ])('%s', (_name, status, expected) => {
    const action = needsAction(status);
    if (expected === null) expect(action).toBeNull();
    else expect(action).toMatchObject(expected);
  });

  it('judges a saved status on the day asked: a PEP that fell due since is overdue', () => {
    const saved = input({ pep: { state: 'due-soon', nextDue: '2026-11-12' }, rag: amber });
    expect(needsAction(saved)).toMatchObject({ level: 'due-this-week' });
    expect(needsAction(saved, { asOf: '2026-11-13' })).toMatchObject({ level: 'overdue', reason: 'PEP overdue since 12 November 2026' });
  });

  it('speaks Welsh', () => {
    expect(needsAction(input({ pep: { state: 'overdue', nextDue: '2026-11-03' }, rag: red }), { language: 'cy' })?.reason).toBe('CAP yn hwyr ers 3 Tachwedd 2026');
    expect(needsAction(input({ pep: { state: 'due-soon', nextDue: AS_OF }, rag: amber }), { language: 'cy' })?.reason).toBe('CAP yn ddyledus heddiw');
    const english = { key: 'persistent-absence', severity: 'red' as const, title: { key: 'flag.persistent-absence.title', params: {}, text: 'Persistent absence' } };
    expect(needsAction(input({ rag: red, flags: [english] }), { language: 'cy' })?.reason).toBe(cy['flag.persistent-absence.title']);
  });

  it('marks only overdue and due this week as action this week', () => {
    expect(isActionThisWeek(needsAction(input({ pep: { state: 'overdue', nextDue: '2026-11-03' }, rag: red })))).toBe(true);
    expect(isActionThisWeek(needsAction(input({ pep: { state: 'due-soon', nextDue: '2026-11-12' }, rag: amber })))).toBe(true);
    expect(isActionThisWeek(needsAction(input({ rag: red })))).toBe(false);
    expect(isActionThisWeek(null)).toBe(false);
  });
});

describe('sortByNeedsAction', () => {
  it('puts overdue, then due this week, then red, then amber, then the rest, keeping order within each', () => {
    const children = [
      { name: 'green', status: input() },
      { name: 'amber', status: input({ rag: amber, flags: [flag('a', 'amber', 'A')] }) },
      { name: 'red 1', status: input({ rag: red, flags: [flag('r', 'red', 'R')] }) },
      { name: 'due', status: input({ pep: { state: 'due-soon', nextDue: '2026-11-11' }, rag: amber }) },
      { name: 'red 2', status: input({ rag: red, flags: [flag('r', 'red', 'R')] }) },
      { name: 'overdue', status: input({ pep: { state: 'overdue', nextDue: '2026-11-01' }, rag: red }) },
    ];
    expect(sortByNeedsAction(children, (child) => needsAction(child.status)).map((child) => child.name)).toEqual(['overdue', 'due', 'red 1', 'red 2', 'amber', 'green']);
    expect(needsActionRank(null)).toBe(4);
  });
});

describe('who owes what', () => {
  it('puts the flags the school owes first, each group in its own order', () => {
    const flags = [flag('pep-overdue', 'red', 'PEP overdue'), flag('unknown-attendance-codes', 'amber', 'Codes'), flag('persistent-absence', 'red', 'PA'), flag('attendance-small-denominator', 'info', 'Few')];
    expect(flagsOwedFirst(flags, 'school').map((f) => f.key)).toEqual(['unknown-attendance-codes', 'attendance-small-denominator', 'pep-overdue', 'persistent-absence']);
    expect(flagsOwedFirst(flags, 'social-worker').map((f) => f.key)).toEqual(['pep-overdue', 'persistent-absence', 'unknown-attendance-codes', 'attendance-small-denominator']);
  });
  it('names the catalogue owner, and the fallback owner for an unknown flag', () => {
    expect(flagOwner('pep-overdue')).toBe('social-worker');
    expect(flagOwner('no-such-flag')).toBe('virtual-school');
  });
});

describe('a full status and its summary agree', () => {
  it('for every generated child', () => {
    const asOf = '2026-03-02';
    const statuses = generateRecords({ children: 60, seed: 14, asOf }).map((record) => deriveStatus(record, { asOf }));
    const levels = new Set<string>();
    for (const status of statuses) {
      const full = needsAction(status);
      expect(needsAction(summariseStatus(status))).toEqual(full);
      levels.add(full?.level ?? 'none');
      // Never contradicts the status: a red or amber level is the status's own red or amber flag or rating.
      if (full?.level === 'red') expect(status.flags.some((f) => f.severity === 'red') || status.rag.overall === 'red').toBe(true);
      if (full === null) expect(status.rag.overall === 'red' || status.rag.overall === 'amber').toBe(false);
    }
    expect(levels.size).toBeGreaterThan(2);
  });
});
