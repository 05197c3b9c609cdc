import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/generate.ts';
import { openFileAuditLog } from '../../../core/node/server/audit.ts';
import { createApp } from '../../../core/node/server/app.ts';
import { ChildStore } from '../../../core/node/server/data.ts';
import { RateLimiter } from '../../../core/node/server/security.ts';
import { AS_OF, bearer, makeApp, memoryAudit, USERS } from './helpers.ts';

// Each defence here was first a failing test reproducing what a security test found.

const inScope = USERS.socialWorker.children[0]!;

describe('one person cannot starve another', () => {
  it('while one person asks for many lists on other dates, another person’s requests are still answered', async () => {
    const records = generateRecords({ children: 400, seed: 11, asOf: AS_OF });
    const virtualSchool = { token: 'token-heavy-virtual-school', name: 'Heavy', role: 'virtual-school' as const, children: [], schools: [] };
    const other = { token: 'token-light-social-worker', name: 'Light', role: 'social-worker' as const, children: [records[0]!.identity.personId], schools: [] };
    const app = createApp({ store: new ChildStore(records, AS_OF), users: [virtualSchool, other], audit: memoryAudit(), log: () => undefined });
    const finished: string[] = [];
    const heavy = ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26', '2026-02-02'].map((date, i) =>
      Promise.resolve(app.request(`/api/v1/children?asOf=${date}&pageSize=10`, { headers: bearer(virtualSchool) })).then((response) => {
        finished.push(`heavy${i}`);
        return response.status;
      }),
    );
    // The other person asks once the heavy lists are under way.
    const light = new Promise<number>((resolve) => {
      setTimeout(() => {
        void Promise.resolve(app.request(`/api/v1/children/${records[0]!.identity.personId}/status`, { headers: bearer(other) })).then((response) => {
          finished.push('light');
          resolve(response.status);
        });
      }, 0);
    });
    expect(await Promise.all([...heavy, light])).toEqual([200, 200, 200, 200, 200, 200]);
    // The light request is answered before the heavy person's second list, not after all five.
    expect(finished.indexOf('light')).toBeLessThan(2);
  });

  it('a designated teacher’s first list of a new day (every child’s school to work out) does not hold others up', async () => {
    const records = generateRecords({ children: 600, seed: 12, asOf: AS_OF });
    const teacher = { token: 'token-designated-teacher-9', name: 'Dee', role: 'designated-teacher' as const, children: [], schools: ['100000'] };
    const other = { token: 'token-light-social-worker', name: 'Light', role: 'social-worker' as const, children: [records[0]!.identity.personId], schools: [] };
    const app = createApp({ store: new ChildStore(records, AS_OF), users: [teacher, other], audit: memoryAudit(), log: () => undefined });
    const finished: string[] = [];
    const heavy = Promise.resolve(app.request('/api/v1/children?pageSize=10', { headers: bearer(teacher) })).then((response) => {
      finished.push('heavy');
      return response.status;
    });
    const light = new Promise<number>((resolve) => {
      setTimeout(() => {
        void Promise.resolve(app.request(`/api/v1/children/${records[0]!.identity.personId}`, { headers: bearer(other) })).then((response) => {
          finished.push('light');
          resolve(response.status);
        });
      }, 0);
    });
    expect(await Promise.all([heavy, light])).toEqual([200, 200]);
    expect(finished).toEqual(['light', 'heavy']);
  });

  it('a list for another date gives the same statuses the second time (from the cache) as the first', async () => {
    const { app } = makeApp();
    const first = await (await app.request('/api/v1/children?asOf=2026-01-05&pageSize=5', { headers: bearer(USERS.virtualSchool) })).json();
    const second = await (await app.request('/api/v1/children?asOf=2026-01-05&pageSize=5', { headers: bearer(USERS.virtualSchool) })).json();
    expect(second).toEqual(first);
    expect(first.asOf).toBe('2026-01-05');
  });
});

describe('rate limits are keyed on the person, not the header text', () => {
  it('case and whitespace variants of one token share one allowance; the same person by session too', async () => {
    const { app } = makeApp({ rateLimit: 3 });
    const token = USERS.socialWorker.token;
    const variants = [`Bearer ${token}`, `bearer ${token}`, `BEARER   ${token}`, `Bearer ${token}  `];
    const statuses: number[] = [];
    for (const authorization of variants) statuses.push((await app.request(`/api/v1/children/${inScope}`, { headers: { authorization } })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('unknown tokens from one address are limited, then even a good token from there must wait; another address is unaffected', async () => {
    const { app } = makeApp({ failedAuthLimit: 3, trustProxy: true });
    const from = (address: string, token: string) => app.request(`/api/v1/children/${inScope}`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address } });
    const guesses: number[] = [];
    for (let i = 0; i < 5; i++) guesses.push((await from('203.0.113.9', `guess-${i}-guess-guess`)).status);
    expect(guesses).toEqual([401, 401, 401, 429, 429]);
    const blocked = await from('203.0.113.9', USERS.socialWorker.token);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('198.51.100.7', USERS.socialWorker.token)).status).toBe(200);
  });

  it('failed sign-ins count too', async () => {
    const { app } = makeApp({ failedAuthLimit: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await app.request('/signin', { method: 'POST', body: new URLSearchParams({ token: `guess-${i}-guess-guess` }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' } });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('a counter holds a bounded number of keys however many distinct callers there are', () => {
    const limiter = new RateLimiter(5, 60_000, () => 0, 1_000);
    for (let i = 0; i < 20_000; i++) limiter.hit(`address-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(1_000);
    // The newest keys are still counted.
    for (let i = 0; i < 5; i++) limiter.hit('address-19999');
    expect(limiter.hit('address-19999')).toBeGreaterThan(0);
  });
});

describe('a cohort summary is audited with its filters and the children it covered', () => {
  it('narrowed to one child, the line names that child', async () => {
    const one = { ...USERS.socialWorker, children: [inScope] };
    const { app, audit } = makeApp({ users: [one] });
    const response = await app.request('/api/v1/cohort/summary?asOf=2026-03-01', { headers: bearer(one) });
    expect(response.status).toBe(200);
    expect(audit.entries.at(-1)).toMatchObject({ child: null, cohortSize: 1, children: [inScope], filters: { asOf: '2026-03-01' } });
  });

  it('the filters are recorded as sent, and the children are the ones counted', async () => {
    const { app, audit } = makeApp();
    const response = await app.request('/api/v1/cohort/summary?keyStage=KS3', { headers: bearer(USERS.virtualSchool) });
    expect(response.status).toBe(200);
    const line = audit.entries.at(-1)!;
    expect(line.filters).toEqual({ keyStage: 'KS3' });
    const list = await (await app.request('/api/v1/children?keyStage=KS3&pageSize=200', { headers: bearer(USERS.virtualSchool) })).json();
    expect([...line.children!].sort()).toEqual(list.items.map((s: { child: { personId: string } }) => s.child.personId).sort());
    expect(line.cohortSize).toBe(list.total);
  });
});

describe('sign-in', () => {
  const form = (headers: Record<string, string>, body: BodyInit = new URLSearchParams({ token: USERS.socialWorker.token })) => makeApp().app.request('/signin', { method: 'POST', body, headers });

  it('a malformed form → 400, not 500', async () => {
    const response = await form({ 'content-type': 'multipart/form-data', origin: 'http://localhost' }, '--x\r\nnot a form');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('could not be read');
  });

  it('without an Origin header → refused, no session', async () => {
    const response = await form({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('the session cookie is Secure when asked for, and not otherwise', async () => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
    const secure = await makeApp({ secureCookies: true }).app.request('/signin', { method: 'POST', body: new URLSearchParams({ token: USERS.socialWorker.token }), headers });
    expect(secure.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const plain = await form(headers);
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});

describe('host names', () => {
  it('a request for a host the service does not answer to → 400, whatever the token', async () => {
    const { app } = makeApp();
    const response = await app.request(`http://rebound.evil.example/api/v1/children/${inScope}`, { headers: bearer(USERS.socialWorker) });
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toMatch(/host name/);
  });

  it('configured host names are answered, on any port; loopback is then refused', async () => {
    const { app } = makeApp({ allowedHosts: ['education.council.example'] });
    expect((await app.request(`https://education.council.example:8443/api/v1/children/${inScope}`, { headers: bearer(USERS.socialWorker) })).status).toBe(200);
    expect((await app.request(`http://localhost/api/v1/children/${inScope}`, { headers: bearer(USERS.socialWorker) })).status).toBe(400);
  });
});

describe('refused at start-up', () => {
  it.each(['https://*', 'http://*'])('%s as an allowed origin', (origin) => {
    expect(() => makeApp({ origins: [origin] })).toThrow(/would allow every site of that scheme/);
  });

  it('an extension wildcard is still allowed', () => {
    expect(() => makeApp({ origins: ['moz-extension://*'] })).not.toThrow();
  });

  it.each([
    ['under /proc', '/proc/edubridge-audit.jsonl'],
    ['a device', '/dev/null'],
    ['a folder', tmpdir()],
  ])('an audit log that cannot be written: %s', async (_name, file) => {
    await expect(openFileAuditLog(file)).rejects.toThrow(`cannot write the audit log ${file}`);
  });

  it('an audit log that can be written opens', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'edubridge-audit-')), 'logs', 'audit.jsonl');
    const audit = await openFileAuditLog(file);
    await expect(audit.record([])).resolves.toBeUndefined();
  });
});
