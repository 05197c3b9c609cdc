import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/generate.ts';
import { createApp } from '../../../core/node/server/app.ts';
import { ChildStore } from '../../../core/node/server/data.ts';
import { registerDemo } from '../../../demo/server/demo.ts';
import { makeDemoUsers } from '../../../demo/server/demo-users.ts';
import { DEMO_CHILDREN, DEMO_SEED } from '../../../scripts/demo-data.mjs';
import { memoryAudit } from './helpers.ts';

// The demo pages render text from data escaped, never as markup (ARCHITECTURE.md "Untrusted text"); the
// demo users fit the data; one record is deliberately inconsistent.

const AS_OF = '2026-03-10';
const HOSTILE = '<img src=x onerror="alert(1)">';
const records = generateRecords({ children: 30, seed: 11, asOf: AS_OF });
const store = new ChildStore(records, AS_OF);
const users = makeDemoUsers(store);
const worker = users.find((u) => u.role === 'social-worker')!;
// Give a child on the caseload a hostile name, as a bad import might.
const hostile = records.find((r) => r.identity.personId === worker.children[0])!;
hostile.identity.firstName = HOSTILE;
hostile.identity.preferredName = undefined;
const app = createApp({ store, users, audit: memoryAudit(), demo: registerDemo, log: () => undefined });

describe('demo users made up from the data', () => {
  it('one per role, each with a non-empty scope that fits the data', () => {
    expect(users.map((u) => u.role)).toEqual(['social-worker', 'designated-teacher', 'virtual-school']);
    expect(worker.children.length).toBeGreaterThan(1);
    for (const id of worker.children) expect(records.some((r) => r.identity.personId === id)).toBe(true);
    const teacher = users[1]!;
    expect(records.filter((r) => store.status(r).school?.urn === teacher.schools[0]).length).toBeGreaterThan(0);
  });
});

describe('the demo data set (npm start and the browser tests) whatever day it is made', () => {
  // .demo-data/ is made for the day it is first needed: a fresh checkout on another day makes other data.
  const DATES = ['2026-12-01', '2026-12-02', '2027-02-15', '2027-07-23', '2027-08-20', '2028-02-29'];
  const made = DATES.map((asOf) => {
    const data = generateRecords({ children: DEMO_CHILDREN, seed: DEMO_SEED, asOf });
    const social = makeDemoUsers(new ChildStore(data, asOf)).find((u) => u.role === 'social-worker')!;
    return { asOf, data, social };
  });

  it('gives the demo social worker the same children, several of them', () => {
    for (const { asOf, social } of made) {
      expect(social.children, asOf).toEqual(made[0]!.social.children);
      expect(social.name, asOf).toBe(made[0]!.social.name);
    }
    expect(made[0]!.social.children.length).toBeGreaterThan(3);
  });

  it('gives the demo social worker a child whose name systems write differently, and two children with different surnames', () => {
    for (const { asOf, data, social } of made) {
      const mine = data.filter((r) => social.children.includes(r.identity.personId));
      expect(mine.some((r) => /[^A-Za-z-]/u.test(`${r.identity.firstName}${r.identity.lastName}`)), asOf).toBe(true);
      expect(new Set(mine.map((r) => r.identity.lastName)).size, asOf).toBeGreaterThan(1);
    }
  });
});

describe('the imitation systems escape text from data', () => {
  it.each([
    ['CarePath caseload', '/cms/carepath/'],
    ['CarePath record', `/cms/carepath/people/${hostile.identity.personId}`],
    ['Nexus caseload', '/cms/nexus/workspace?view=caseload'],
    ['Nexus record', `/cms/nexus/workspace?view=person&personId=${hostile.identity.personId}&tab=details`],
  ])('%s', async (_name, path) => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(HOSTILE);
    expect(text).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('an ID in the query string is escaped in the frame URL too', async () => {
    const text = await (await app.request('/cms/nexus/?personId=%22%3E%3Cscript%3Ealert(1)%3C/script%3E')).text();
    expect(text).not.toContain('<script>alert(1)');
  });

  it('Atlas sends JSON, which its script renders as text', async () => {
    const response = await app.request(`/cms/atlas/data/people/${hostile.identity.personId}`);
    expect((await response.json()).person.firstName).toBe(HOSTILE);
  });
});

describe('the deliberately inconsistent record', () => {
  it('is the second child on the caseload, and its name and date of birth differ from the education record', async () => {
    const index = await (await app.request('/')).text();
    const id = /id="inconsistent-record"[\s\S]*?<code>(\w+)<\/code>/.exec(index)?.[1];
    expect(id).toBe(store.visibleTo(worker)[1]!.identity.personId);
    const record = records.find((r) => r.identity.personId === id)!;
    const page = await (await app.request(`/cms/carepath/people/${id}`)).text();
    const [year, month, day] = record.identity.dateOfBirth.split('-');
    expect(page).not.toContain(`${day}/${month}/${year}`);
    expect(page).not.toContain(record.identity.lastName.toUpperCase());
  });

  it('other records agree with the education record', async () => {
    const record = store.visibleTo(worker)[2]!;
    const page = await (await app.request(`/cms/carepath/people/${record.identity.personId}`)).text();
    const [year, month, day] = record.identity.dateOfBirth.split('-');
    expect(page).toContain(`${day}/${month}/${year}`);
    expect(page).toContain(record.identity.lastName.toUpperCase());
  });
});

describe('the team caseload', () => {
  it('lists children who exist but are not the social worker’s, and the index names one of them', async () => {
    const page = await (await app.request('/cms/carepath/team')).text();
    const ids = [...page.matchAll(/\/cms\/carepath\/people\/(\w+)/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(worker.children).not.toContain(id);
    const index = await (await app.request('/')).text();
    expect(/id="out-of-scope-record">Person <code>(\w+)<\/code>/.exec(index)?.[1]).toBe(ids[0]);
  });
});

describe('demo routes', () => {
  it.each([
    ['an unknown person in CarePath', '/cms/carepath/people/nobody', 404],
    ['an unknown tab', `/cms/carepath/people/${hostile.identity.personId}/secrets`, 404],
    ['an unknown person in Nexus', '/cms/nexus/workspace?view=person&personId=nobody', 404],
    ['any Atlas route gets the app shell', '/cms/atlas/people/anything/at/all', 200],
    ['a path escaping the assets folder', '/cms/assets/../../server/app.ts', 404],
  ])('%s → %i', async (_name, path, status) => {
    expect((await app.request(path)).status).toBe(status);
  });
});
