import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/index.ts';
import { ChildEducationRecord, type ChildEducationRecordInput } from '../../../core/model/record.ts';
import type { EducationStatus } from '../../../core/model/status.ts';
import { en as messagesEn, placeholdersOf } from '../../../core/messages/index.ts';
import { FALLBACK_NEXT_STEP, NEXT_STEPS, NEXT_STEP_ROLES } from '../../../core/messages/next-steps.ts';
import { FALLBACK_NEXT_STEP_CY, NEXT_STEPS_CY } from '../../../core/messages/next-steps-cy.ts';
import { en as labelsEn } from '../../../core/presentation/labels.ts';
import { cy as labelsCy } from '../../../core/presentation/labels-cy.ts';
import { registerLanguage } from '../../../core/presentation/languages.ts';
import { describeSections, statutoryResultLine } from '../../../core/presentation/sections.ts';
import { WELSH } from '../../../core/presentation/welsh.ts';
import { deriveStatus } from '../../../core/status/derive.ts';

const AS_OF = '2026-03-02';

// The screens' Welsh words are registered, as the extension does at start and the widgets on demand
// (tests/unit/presentation/languages.test.ts covers drawing before they are).
registerLanguage('cy', WELSH);

function record(overrides: Partial<ChildEducationRecordInput> = {}): ChildEducationRecord {
  return ChildEducationRecord.parse({
    schemaVersion: 1,
    identity: { personId: 'P100', upn: 'B801200005001', firstName: 'Amira', preferredName: 'Mira', lastName: 'Khan', dateOfBirth: '2014-10-15', gender: 'female' },
    care: {
      lookedAfter: true,
      periods: [{ start: '2024-01-10', episodes: [{ start: '2024-01-10', legalStatus: 'C2', placementType: 'U1', inArea: true }] }],
      placementChanges: [{ date: '2024-01-10' }],
      socialWorker: { name: 'Sam Patel', email: 'sam.patel@council.example.gov.uk' },
    },
    school: {
      enrolments: [
        { urn: '100001', name: 'Riverside Primary', phase: 'primary', start: '2019-09-04', inArea: true, designatedTeacher: { name: 'Ruth Ade', phone: '01632 960001' } },
      ],
    },
    attendance: { marks: [], summaries: [{ from: '2025-09-03', to: '2026-02-27', possibleSessions: 200, attendedSessions: 170, authorisedAbsenceSessions: 20, unauthorisedAbsenceSessions: 10 }] },
    attainment: {
      assessments: [
        { measure: 'PHONICS', subject: 'phonics', date: '2021-06-15', result: '26' },
        { measure: 'MTC', subject: 'mtc', date: '2024-06-15', result: '19' },
        { measure: 'EYFS', subject: 'E02', date: '2020-06-30', result: '2' },
        { measure: 'KS1', subject: 'reading', date: '2022-06-30', result: 'EXS' },
      ],
      termly: [
        { subject: 'reading', date: '2026-01-20', judgement: 'expected', target: 'expected' },
        { subject: 'maths', date: '2026-01-20', judgement: 'below', target: 'expected' },
      ],
    },
    exclusions: [],
    sen: { provision: 'K', primaryNeed: 'SEMH' },
    pep: {
      meetings: [{ date: '2025-10-01', status: 'approved', qualityRating: 'Gold', childViewsRecorded: true }],
      actions: [
        { meetingDate: '2025-10-01', description: 'Share the care plan with school', owner: 'social-worker', due: '2026-02-20', completed: false },
        { meetingDate: '2025-10-01', description: 'Reading intervention', owner: 'school', due: '2026-04-01', completed: false },
      ],
    },
    provenance: { attendance: { source: 'attendance.csv', asOf: '2026-02-27' } },
    ...overrides,
  });
}

const derive = (r: ChildEducationRecord, language: 'en' | 'cy' = 'en'): EducationStatus => deriveStatus(r, { asOf: AS_OF, language });

/** Every flag key the catalogue knows: `flag.<key>.title`. */
const FLAG_KEYS = Object.keys(messagesEn)
  .filter((key) => key.startsWith('flag.') && key.endsWith('.title'))
  .map((key) => key.slice('flag.'.length, -'.title'.length));

describe('next steps (core/messages/next-steps.ts, next-steps-cy.ts)', () => {
  const welsh = NEXT_STEPS_CY as Readonly<Record<string, string>>;

  it.each(FLAG_KEYS)('flag "%s" has a next step in English and Welsh, owned by a role', (key) => {
    const step = NEXT_STEPS[key];
    expect(step, `no next step for ${key}`).toBeDefined();
    expect(NEXT_STEP_ROLES).toContain(step?.owner);
    expect(step?.en.trim()).not.toBe('');
    expect(welsh[key]?.trim()).toBeTruthy();
    expect(welsh[key]).not.toBe(step?.en);
    expect(placeholdersOf(welsh[key] ?? '')).toEqual(placeholdersOf(step?.en ?? ''));
  });

  it('has no next step for a flag that does not exist', () => {
    expect(Object.keys(NEXT_STEPS).filter((key) => !FLAG_KEYS.includes(key))).toEqual([]);
  });

  it('has exactly the same keys in English and Welsh', () => {
    expect(Object.keys(NEXT_STEPS_CY).sort()).toEqual(Object.keys(NEXT_STEPS).sort());
  });

  it('has a Welsh fallback step with the same placeholders as the English', () => {
    expect(FALLBACK_NEXT_STEP_CY.trim()).not.toBe('');
    expect(FALLBACK_NEXT_STEP_CY).not.toBe(FALLBACK_NEXT_STEP.en);
    expect(placeholdersOf(FALLBACK_NEXT_STEP_CY)).toEqual(placeholdersOf(FALLBACK_NEXT_STEP.en));
  });

  it('fills every placeholder for every flag raised across a generated cohort, in both languages', () => {
    const records = generateRecords({ children: 120, seed: 21, asOf: AS_OF });
    const seen = new Set<string>();
    for (const language of ['en', 'cy'] as const) {
      for (const r of records) {
        const sections = describeSections(derive(r, language));
        for (const item of sections.todo) {
          if (item.flagKey) seen.add(item.flagKey);
          expect(item.text, `${item.flagKey ?? 'action'} (${language})`).not.toMatch(/\{[A-Za-z]/);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(5);
  });
});

describe('labels (core/presentation/labels.ts, labels-cy.ts)', () => {
  it('have exactly the same keys in English and Welsh', () => {
    expect(Object.keys(labelsCy).sort()).toEqual(Object.keys(labelsEn).sort());
  });

  it.each(Object.keys(labelsEn) as (keyof typeof labelsEn)[])('%s has the same placeholders in Welsh', (key) => {
    expect(placeholdersOf(labelsCy[key])).toEqual(placeholdersOf(labelsEn[key]));
  });
});

describe('describeSections: the first screen', () => {
  const status = derive(record());
  const sections = describeSections(status, { viewer: 'social-worker' });

  it('has one tile per area with its rating, one figure and one sentence from the status', () => {
    expect(sections.tiles.map((tile) => tile.area)).toEqual(['attendance', 'pep', 'attainment', 'exclusions']);
    const attendance = sections.tiles[0]!;
    expect(attendance.rating).toBe(status.rag.attendance);
    expect(attendance.figure).toBe('85.0% this school year');
    expect(attendance.sentence).toBe(status.rag.reasons.attendance[0]?.text);
    expect(sections.tiles[2]?.figure).toBe('Below expected in maths');
    expect(sections.tiles[3]?.figure).toBe('0 suspensions this year');
  });

  it('puts what is overdue first, each alert with a concrete next step and who does it', () => {
    const first = sections.todo[0]!;
    expect(first.overdue).toBe(true);
    const persistent = sections.todo.find((item) => item.flagKey === 'persistent-absence');
    expect(persistent).toMatchObject({ owner: 'social-worker', ownerLabel: 'Social worker', why: 'Persistent absence' });
    expect(persistent?.text).toBe('Ask Riverside Primary what is keeping the child away and agree an attendance plan at the next PEP.');
    const share = sections.todo.find((item) => item.text === 'PEP action: Share the care plan with school');
    expect(share).toMatchObject({ owner: 'social-worker', overdue: true, yours: true, when: '10 days overdue' });
    const reading = sections.todo.find((item) => item.text === 'PEP action: Reading intervention');
    expect(reading).toMatchObject({ owner: 'school', overdue: false, yours: false, when: 'Due 1 April 2026' });
    expect(sections.todo.indexOf(share!)).toBeLessThan(sections.todo.indexOf(reading!));
    for (const flag of status.flags.filter((f) => f.severity !== 'info')) {
      expect(sections.todo.some((item) => item.flagKey === flag.key), flag.key).toBe(true);
    }
  });

  it('shows a designated teacher what the school owes first, before what others owe even when theirs is overdue', () => {
    const forSchool = describeSections(status, { viewer: 'designated-teacher' });
    expect(sections.todo[0]?.owner).not.toBe('school');
    expect(forSchool.todo[0]).toMatchObject({ owner: 'school', yours: true, why: 'Below expected in maths' });
    const owners = forSchool.todo.map((item) => item.owner === 'school');
    expect(owners).toEqual([...owners].sort((a, b) => Number(b) - Number(a)));
    expect(forSchool.todo.findIndex((item) => item.overdue)).toBeGreaterThan(0);
  });

  it('names whom to contact and how, and says when nobody is recorded', () => {
    expect(sections.contacts).toEqual([
      { role: 'designated-teacher', roleLabel: 'Designated teacher', name: 'Ruth Ade', phone: '01632 960001' },
      { role: 'virtual-school', roleLabel: 'Virtual school caseworker', missing: 'Not recorded: ask the virtual school' },
      { role: 'school', roleLabel: 'School', name: 'Riverside Primary' },
      { role: 'social-worker', roleLabel: 'Social worker', name: 'Sam Patel', email: 'sam.patel@council.example.gov.uk' },
    ]);
    const none = describeSections(derive(record({ school: { enrolments: [{ urn: '100001', name: 'Riverside Primary' }] } })));
    expect(none.contacts[0]).toEqual({ role: 'designated-teacher', roleLabel: 'Designated teacher', missing: 'Not recorded: ask the virtual school' });
  });
});

describe('the PEP link: only to the configured ePEP origin', () => {
  const withLink = (url: string) => derive(record({ contacts: { pepDocument: { url } } }));
  it.each([
    ['https://epep.council.example/pep/100', 'https://epep.council.example', 'https://epep.council.example/pep/100'],
    ['https://epep.council.example/pep/100', undefined, undefined],
    ['https://evil.example/pep/100', 'https://epep.council.example', undefined],
    ['https://epep.council.example.evil.example/pep/100', 'https://epep.council.example', undefined],
    ['http://epep.council.example/pep/100', 'https://epep.council.example', undefined],
    ['https://user:pass@epep.council.example/pep/100', 'https://epep.council.example', undefined],
    ['http://epep.council.example/pep/100', 'http://epep.council.example', undefined],
    ['http://localhost:8080/pep/100', 'http://localhost:8080', 'http://localhost:8080/pep/100'],
  ])('%s with origin %s → %s', (url, origin, expected) => {
    const sections = describeSections(withLink(url), origin ? { epepOrigin: origin } : {});
    expect(sections.pepDocument?.url).toBe(expected);
  });
});

describe('describeSections: results in words, age-appropriate', () => {
  const status = derive(record());
  const sections = describeSections(status);
  const results = sections.groups.find((group) => group.id === 'attainment')!;

  it('names statutory results with their scale and standard, never as raw codes', () => {
    expect(results.lines).toContain('Year 1 phonics check: 26 out of 40 (the standard is 32)');
    expect(results.lines).toContain('Year 4 multiplication tables check: 19 out of 25 (there is no pass mark)');
    expect(results.lines).toContain('Key stage 1 (end of Year 2) – reading: Working at the expected standard (meets the expected standard)');
    expect(results.lines).toContain('maths: Below expected (target At expected)');
    const text = JSON.stringify(sections);
    for (const raw of ['MTC mtc', 'PHONICS phonics', 'Expected (expected)', '(expected)']) expect(text).not.toContain(raw);
  });

  it('leaves out early years goals for a child well past Reception (Year 6)', () => {
    expect(results.lines.some((line) => line.startsWith('Early years goal'))).toBe(false);
  });

  it('shows early years goals by name for a child just past Reception (Year 1)', () => {
    const year1 = derive(
      record({
        identity: { personId: 'P101', firstName: 'Ola', lastName: 'Bell', dateOfBirth: '2019-11-02', gender: 'male' },
        attainment: { assessments: [{ measure: 'EYFS', subject: 'E02', date: '2025-06-30', result: '1' }], termly: [] },
      }),
    );
    const lines = describeSections(year1).groups.find((group) => group.id === 'attainment')!.lines;
    expect(lines).toContain('Early years goal – Speaking: Emerging (below the expected standard)');
  });

  it('sums up a full set of early years goals in two lines, naming those not yet at the expected level', () => {
    const goals = ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09', 'E10', 'E11', 'E12'];
    const year1 = derive(
      record({
        identity: { personId: 'P103', firstName: 'Ola', lastName: 'Bell', dateOfBirth: '2019-11-02', gender: 'male' },
        attainment: {
          assessments: goals.map((subject, index) => ({ measure: 'EYFS' as const, subject, date: '2025-06-30', result: index < 2 ? '1' : '2' })),
          termly: [],
        },
      }),
    );
    const lines = describeSections(year1).groups.find((group) => group.id === 'attainment')!.lines;
    expect(lines).toContain('Early years goals (30 June 2025): 10 of 12 at the expected level');
    expect(lines).toContain('Not yet at the expected level (emerging): Listening, attention and understanding; Speaking');
    expect(lines.some((line) => line.startsWith('Early years goal –'))).toBe(false);
  });

  it('leaves out the primary checks (phonics, key stage 1, multiplication tables) from Year 7, and keeps key stage 2', () => {
    const year7 = derive(
      record({
        identity: { personId: 'P102', firstName: 'Tomos', lastName: 'Hale', dateOfBirth: '2013-10-02', gender: 'male' },
        attainment: {
          assessments: [
            { measure: 'PHONICS', subject: 'phonics', date: '2020-06-15', result: '26' },
            { measure: 'MTC', subject: 'mtc', date: '2023-06-15', result: '19' },
            { measure: 'KS1', subject: 'reading', date: '2021-06-30', result: 'EXS' },
            { measure: 'KS2', subject: 'reading', date: '2025-07-08', result: '104' },
          ],
          termly: [],
        },
      }),
    );
    expect(year7.child.yearGroup).toBe(7);
    const lines = describeSections(year7).groups.find((group) => group.id === 'attainment')!.lines;
    expect(lines).toContain('Key stage 2 (end of Year 6) – reading: Scaled score 104 (the expected standard is 100)');
    expect(lines.filter((line) => /phonics|multiplication|Key stage 1/.test(line))).toEqual([]);
  });

  it('writes a KS2 scaled score and a GCSE grade against their standards', () => {
    const base = { subject: 'maths', date: '2025-07-08', target: undefined } as const;
    expect(statutoryResultLine({ ...base, measure: 'KS2', result: '96', resultLabel: 'Scaled score 96', expectedStandard: '', meetsExpected: false }, 'en')).toBe(
      'Key stage 2 (end of Year 6) – maths: Scaled score 96 (the expected standard is 100)',
    );
    expect(statutoryResultLine({ ...base, measure: 'GCSE', result: '3', resultLabel: 'Grade 3', expectedStandard: '', meetsExpected: false }, 'cy')).toBe(
      'TGAU – mathemateg: Grade 3 (gradd 4 yw llwyddiant safonol)',
    );
  });

  it('speaks Welsh when the status is in Welsh', () => {
    const welsh = describeSections(derive(record(), 'cy'));
    expect(welsh.headings.todo).toBe('Beth sydd angen ei wneud');
    expect(welsh.tiles[0]?.figure).toBe('85.0% y flwyddyn ysgol hon');
    expect(welsh.todo.find((item) => item.flagKey === 'persistent-absence')?.text).toContain('Riverside Primary');
  });

  it('says how fresh the figures are', () => {
    expect(sections.freshness).toMatch(/^Worked out as of 2 March 2026\./);
  });
});
