import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildEducationRecord } from '../../../core/model/index.ts';
import { createApp, type AppOptions } from '../../../core/node/server/app.ts';
import { ChildStore, isAllocatedWorker } from '../../../core/node/server/data.ts';
import { generateRecords } from '../../../core/generate/generate.ts';
import { writeTemplateCsv } from '../../../core/node/generate/write.ts';
import { startServer } from '../../../core/node/server/serve.ts';
import { loadOidcSettings, PENDING_COOKIE, personKey, userOf } from '../../../core/node/server/oidc-auth.ts';
import { createOidc, type Oidc, type OidcSettings } from '../../../core/node/server/oidc.ts';
import { SESSION_COOKIE } from '../../../core/node/server/sessions.ts';
import { AS_OF, memoryAudit, RECORDS } from './helpers.ts';
import { settingsFor, startTestProvider, type TestProvider } from './oidc-provider.ts';

const CLI = fileURLToPath(new URL('../../../core/node/cli/main.ts', import.meta.url));

// The server with the council's identity provider (a real OpenID provider started by the test): bearer
// JWTs and browser sign-in reach exactly the children the person works with, and nothing else gets in.

/** Rachel (rachel.sharma@council.example at the provider) is the allocated worker of the first three children. */
const RACHEL_CHILDREN = RECORDS.slice(0, 3).map((r) => r.identity.personId);
/** Dee's school (the provider's `schools` claim) is the current school of the next four. */
const DEE_CHILDREN = RECORDS.slice(3, 7).map((r) => r.identity.personId);

const records: ChildEducationRecord[] = RECORDS.map((record, index) => {
  const copy = structuredClone(record);
  copy.care.socialWorker = index < 3 ? { name: 'Rachel Sharma', id: 'SW9001', email: 'Rachel.Sharma@Council.Example' } : { name: 'Someone Else', id: `SW8${index}`, email: `someone.${index}@council.example` };
  if (index >= 3 && index < 7) copy.school.enrolments = [{ ...copy.school.enrolments[0]!, urn: '100001', start: '2020-09-01', end: undefined }];
  else copy.school.enrolments = copy.school.enrolments.map((e) => (e.urn === '100001' ? { ...e, urn: '100002' } : e));
  return copy;
});

let provider: TestProvider;
let oidc: Oidc;
let settings: OidcSettings;

beforeAll(async () => {
  provider = await startTestProvider();
  settings = settingsFor(provider);
  oidc = await createOidc(settings);
});
afterAll(async () => {
  await provider?.close();
});

function makeApp(failedAuthLimit = 20, options: Partial<AppOptions> = {}) {
  const audit = memoryAudit();
  const app = createApp({ store: new ChildStore(records, AS_OF), users: [], audit, oidc, failedAuthLimit, log: () => undefined, widgetsDir: null, ...options });
  return { app, audit };
}

const ids = async (response: Response) => ((await response.json()) as { items: { child: { personId: string } }[] }).items.map((item) => item.child.personId).sort();

/** The value of a cookie a response sets, and its attributes. */
function cookieSet(response: Response, name: string): { value: string; attributes: string } | undefined {
  const line = response.headers.getSetCookie().find((item) => item.startsWith(`${name}=`));
  if (!line) return undefined;
  const [pair, ...attributes] = line.split(';');
  return { value: pair!.slice(name.length + 1), attributes: attributes.join(';') };
}

describe('API bearer tokens from the identity provider', () => {
  it('a social worker reaches the children allocated to them in the data (staff email, any case), and no others', async () => {
    const { app, audit } = makeApp();
    const headers = { authorization: `Bearer ${await provider.accessToken('rachel')}` };
    const list = await app.request('/api/v1/children?pageSize=100', { headers });
    expect(list.status).toBe(200);
    expect(await ids(list)).toEqual([...RACHEL_CHILDREN].sort());
    expect((await app.request(`/api/v1/children/${RACHEL_CHILDREN[0]}/status`, { headers })).status).toBe(200);
    expect((await app.request(`/api/v1/children/${DEE_CHILDREN[0]}/status`, { headers })).status).toBe(404);
    expect(audit.entries.every((entry) => entry.user === 'Rachel Sharma' && entry.role === 'social-worker')).toBe(true);
  });

  it('a designated teacher reaches the children at the schools in their claim; the virtual school every child', async () => {
    const { app } = makeApp();
    const teacher = await app.request('/api/v1/children?pageSize=100', { headers: { authorization: `Bearer ${await provider.accessToken('dee')}` } });
    expect(await ids(teacher)).toEqual([...DEE_CHILDREN].sort());
    const head = await app.request('/api/v1/children?pageSize=100', { headers: { authorization: `Bearer ${await provider.accessToken('val')}` } });
    expect((await ids(head)).length).toBe(records.length);
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }, {}, /expired/],
    ['for another audience', { aud: 'api://another-service' }, {}, /not for this service/],
    ['from another issuer', { iss: 'https://login.elsewhere.example' }, {}, /identity provider/],
    ['signed by another key', {}, { otherKey: true }, /not signed/],
    ['naming a person with no EduBridge role', { roles: [] }, {}, /no EduBridge role/],
  ])('a token %s gets 401 saying why, and no child', async (_name, claims, options, why) => {
    const { app, audit } = makeApp();
    const response = await app.request('/api/v1/children', { headers: { authorization: `Bearer ${await provider.forge(claims, options)}` } });
    expect(response.status).toBe(401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer realm="edubridge", error="invalid_token", error_description="[^"]+"$/);
    expect(challenge).toMatch(why);
    expect(audit.entries).toEqual([]);
  });

  it('refused tokens count towards the failed sign-in limit of the client address', async () => {
    const { app } = makeApp(3);
    const forged = await provider.forge({}, { otherKey: true });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.request('/api/v1/me', { headers: { authorization: `Bearer ${forged}` } })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Even a good token must now wait.
    expect((await app.request('/api/v1/me', { headers: { authorization: `Bearer ${await provider.accessToken('rachel')}` } })).status).toBe(429);
  });
});

describe('browser sign-in through the identity provider', () => {
  async function start(app: ReturnType<typeof makeApp>['app'], next: string) {
    const response = await app.request(`/signin/oidc?next=${encodeURIComponent(next)}`);
    expect(response.status).toBe(302);
    const pending = cookieSet(response, PENDING_COOKIE);
    expect(pending?.attributes).toMatch(/HttpOnly/i);
    return { location: new URL(response.headers.get('location')!), pending: pending!.value };
  }
  const callbackPath = (url: URL) => `/signin/callback${url.search}`;

  it('start → provider → callback → session cookie → the API, with the person’s children only', async () => {
    const { app } = makeApp();
    const { location, pending } = await start(app, '/api/v1/me');
    expect(location.origin).toBe(provider.issuer);
    const back = await provider.signIn(location, 'rachel');
    const done = await app.request(callbackPath(back), { headers: { cookie: `${PENDING_COOKIE}=${pending}` } });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/api/v1/me');
    const session = cookieSet(done, SESSION_COOKIE)!;
    expect(session.attributes).toMatch(/HttpOnly/i);
    // The session lasts no longer than the sign-in the provider gave (its ID token's expiry).
    const maxAge = Number(/Max-Age=(\d+)/i.exec(session.attributes)?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(3600);
    const cookie = { cookie: `${SESSION_COOKIE}=${session.value}` };
    expect(await (await app.request('/api/v1/me', { headers: cookie })).json()).toEqual({ name: 'Rachel Sharma', role: 'social-worker' });
    expect(await ids(await app.request('/api/v1/children?pageSize=100', { headers: cookie }))).toEqual([...RACHEL_CHILDREN].sort());
  });

  it('the cookies: the sign-in in progress is HttpOnly for /signin only, the session HttpOnly and SameSite=Lax; both Secure when asked for', async () => {
    for (const secureCookies of [false, true]) {
      const { app } = makeApp(20, { secureCookies });
      const started = await app.request('/signin/oidc?next=/');
      const pendingCookie = cookieSet(started, PENDING_COOKIE)!;
      expect(pendingCookie.attributes).toMatch(/Path=\/signin(;|$)/i);
      expect(pendingCookie.attributes).toMatch(/HttpOnly/i);
      const back = await provider.signIn(new URL(started.headers.get('location')!), 'rachel');
      const done = await app.request(callbackPath(back), { headers: { cookie: `${PENDING_COOKIE}=${pendingCookie.value}` } });
      const session = cookieSet(done, SESSION_COOKIE)!;
      expect(session.attributes).toMatch(/HttpOnly/i);
      expect(session.attributes).toMatch(/SameSite=Lax/i);
      expect(/Secure/i.test(pendingCookie.attributes)).toBe(secureCookies);
      expect(/Secure/i.test(session.attributes)).toBe(secureCookies);
    }
  });

  it('a request with an Authorization header is judged by it alone: a refused token is not rescued by a good session cookie', async () => {
    const { app } = makeApp();
    const { location, pending } = await start(app, '/');
    const done = await app.request(callbackPath(await provider.signIn(location, 'val')), { headers: { cookie: `${PENDING_COOKIE}=${pending}` } });
    const cookie = `${SESSION_COOKIE}=${cookieSet(done, SESSION_COOKIE)!.value}`;
    expect((await app.request('/api/v1/me', { headers: { cookie } })).status).toBe(200);
    expect((await app.request('/api/v1/me', { headers: { cookie, authorization: `Bearer ${await provider.forge({}, { otherKey: true })}` } })).status).toBe(401);
    expect((await app.request('/api/v1/me', { headers: { cookie, authorization: 'Bearer not-a-token-anyone-has' } })).status).toBe(401);
  });

  it('with the embedded default a session lives in the instance that started it: another instance, or a restart, does not know it', async () => {
    const first = makeApp().app;
    const { location, pending } = await start(first, '/');
    const done = await first.request(callbackPath(await provider.signIn(location, 'rachel')), { headers: { cookie: `${PENDING_COOKIE}=${pending}` } });
    const cookie = `${SESSION_COOKIE}=${cookieSet(done, SESSION_COOKIE)!.value}`;
    expect((await first.request('/api/v1/me', { headers: { cookie } })).status).toBe(200);
    expect((await makeApp().app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('a callback used twice is refused the second time, and starts no session', async () => {
    const { app } = makeApp();
    const { location, pending } = await start(app, '/');
    const back = await provider.signIn(location, 'rachel');
    const headers = { cookie: `${PENDING_COOKIE}=${pending}` };
    expect((await app.request(callbackPath(back), { headers })).status).toBe(303);
    const replay = await app.request(callbackPath(back), { headers });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toMatch(/expired or was already used/);
    expect(cookieSet(replay, SESSION_COOKIE)).toBeUndefined();
  });

  it('a callback from someone else’s sign-in (another state), or with no sign-in started, is refused', async () => {
    const { app } = makeApp();
    const mine = await start(app, '/');
    const theirs = await start(app, '/');
    const back = await provider.signIn(theirs.location, 'val');
    const forged = await app.request(callbackPath(back), { headers: { cookie: `${PENDING_COOKIE}=${mine.pending}` } });
    expect(forged.status).toBe(400);
    expect(cookieSet(forged, SESSION_COOKIE)).toBeUndefined();
    const none = await app.request(callbackPath(back));
    expect(none.status).toBe(400);
    expect(cookieSet(none, SESSION_COOKIE)).toBeUndefined();
  });

  it('a person with no EduBridge role is told so (403) and gets no session', async () => {
    const { app } = makeApp();
    const { location, pending } = await start(app, '/');
    const refused = await app.request(callbackPath(await provider.signIn(location, 'nobody')), { headers: { cookie: `${PENDING_COOKIE}=${pending}` } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/no EduBridge role/);
    expect(cookieSet(refused, SESSION_COOKIE)).toBeUndefined();
  });

  it('"Sign in again" on a refused sign-in returns to the page first asked for', async () => {
    const { app } = makeApp(20, { signInStartLimit: 1 });
    const next = '/cms/atlas/people/1?tab=plans';
    const { location, pending } = await start(app, next);
    const refused = await (await app.request(callbackPath(await provider.signIn(location, 'nobody')), { headers: { cookie: `${PENDING_COOKIE}=${pending}` } })).text();
    expect(/<a href="([^"]+)">Sign in again<\/a>/.exec(refused)?.[1]).toBe(`/signin/oidc?next=${encodeURIComponent(next)}`);
    // Refused for starting too many: the link still goes back there.
    const tooMany = await app.request(`/signin/oidc?next=${encodeURIComponent(next)}`);
    expect(tooMany.status).toBe(429);
    expect(/<a href="([^"]+)">Sign in again<\/a>/.exec(await tooMany.text())?.[1]).toBe(`/signin/oidc?next=${encodeURIComponent(next)}`);
    // Never to another site.
    const hostile = await app.request(`/signin/oidc?next=${encodeURIComponent('//evil.example/')}`);
    expect(/<a href="([^"]+)">Sign in again<\/a>/.exec(await hostile.text())?.[1]).toBe('/signin/oidc?next=%2F');
  });

  it('the sign-in page offers the council account, keeping where to go next, besides the token form', async () => {
    const { app } = makeApp();
    const page = await (await app.request('/signin?next=%2Fcms%2Fatlas%2Fpeople%2F1%3Ftab%3Dplans')).text();
    const href = /<a id="signin-council" href="([^"]+)">Sign in with your council account<\/a>/.exec(page)?.[1];
    expect(href).toBe('/signin/oidc?next=%2Fcms%2Fatlas%2Fpeople%2F1%3Ftab%3Dplans');
    expect(page).toMatch(/<h2>Or sign in with an access token<\/h2>\s*<form method="post" action="\/signin">/);
    // Following the link signs the person in and brings them back to the page they asked for.
    const { location, pending } = await start(app, new URL(href!, 'http://localhost').searchParams.get('next')!);
    const done = await app.request(callbackPath(await provider.signIn(location, 'rachel')), { headers: { cookie: `${PENDING_COOKIE}=${pending}` } });
    expect(done.headers.get('location')).toBe('/cms/atlas/people/1?tab=plans');
    // Another site as `next` is never offered.
    const hostile = await (await app.request(`/signin?next=${encodeURIComponent('//evil.example/"><script>')}`)).text();
    expect(hostile).toContain('href="/signin/oidc?next=%2F"');
    expect(hostile).not.toContain('<script>');
  });

  it('without an identity provider the sign-in page offers the token form only', async () => {
    const app = createApp({ store: new ChildStore(records, AS_OF), users: [], audit: memoryAudit(), log: () => undefined, widgetsDir: null });
    const page = await (await app.request('/signin')).text();
    expect(page).toContain('<form method="post" action="/signin">');
    expect(page).not.toContain('/signin/oidc');
    expect((await app.request('/signin/oidc')).status).toBe(404);
  });

  it('by default a client address may start 60 sign-ins a minute', async () => {
    const { app } = makeApp();
    const statuses = new Set<number>();
    for (let i = 0; i < 60; i++) statuses.add((await app.request('/signin/oidc?next=/')).status);
    expect([...statuses]).toEqual([302]);
    expect((await app.request('/signin/oidc?next=/')).status).toBe(429);
  });

  it('a client address may start only so many sign-ins a minute; another address is not held up', async () => {
    const { app } = makeApp(20, { signInStartLimit: 3, trustProxy: true });
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.request('/signin/oidc?next=/', from('203.0.113.7'))).status);
    expect(statuses).toEqual([302, 302, 302, 429]);
    const refused = await app.request('/signin/oidc?next=/', from('203.0.113.7'));
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/Too many sign-ins started from here\. Try again in \d+ seconds\./);
    // Nothing is kept for a refused start: no sign-in cookie, no trip to the provider.
    expect(cookieSet(refused, PENDING_COOKIE)).toBeUndefined();
    expect(refused.headers.get('location')).toBeNull();
    expect((await app.request('/signin/oidc?next=/', from('198.51.100.20'))).status).toBe(302);
  });

  it('callbacks that fail count towards the address’s failed sign-in limit; then it may neither finish nor start a sign-in', async () => {
    const { app } = makeApp(2);
    const { location, pending } = await start(app, '/');
    const back = await provider.signIn(location, 'rachel');
    const statuses: number[] = [];
    // Forged callbacks: a made-up sign-in cookie, the right code but no cookie.
    for (let i = 0; i < 3; i++) statuses.push((await app.request(callbackPath(back), { headers: { cookie: `${PENDING_COOKIE}=made-up-${i}` } })).status);
    expect(statuses).toEqual([400, 400, 429]);
    // The genuine callback must now wait too (its sign-in is kept until it expires), and so must a new start.
    const genuine = await app.request(callbackPath(back), { headers: { cookie: `${PENDING_COOKIE}=${pending}` } });
    expect(genuine.status).toBe(429);
    expect(genuine.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(cookieSet(genuine, SESSION_COOKIE)).toBeUndefined();
    expect((await app.request('/signin/oidc?next=/')).status).toBe(429);
  });

  it('goes back only to a page on this service: another site in `next` becomes the home page', async () => {
    const { app } = makeApp();
    const { location, pending } = await start(app, 'https://evil.example/phish');
    const done = await app.request(callbackPath(await provider.signIn(location, 'dee')), { headers: { cookie: `${PENDING_COOKIE}=${pending}` } });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
  });
});

describe('the allocated worker in the data', () => {
  it('matches a staff ID exactly (SSDA903 SW_ID) and an email in any case; no staff ID matches nobody', () => {
    const record = records[0]!;
    expect(isAllocatedWorker('SW9001', record)).toBe(true);
    expect(isAllocatedWorker('sw9001', record)).toBe(false);
    expect(isAllocatedWorker('rachel.sharma@council.example', record)).toBe(true);
    expect(isAllocatedWorker('sharma@council.example', record)).toBe(false);
    expect(isAllocatedWorker(undefined, record)).toBe(false);
    expect(isAllocatedWorker('', { ...record, care: { ...record.care, socialWorker: { name: 'No ID' } } })).toBe(false);
  });
});

describe('the key a person signed in through the provider is known by', () => {
  it('is the SHA-256 of "oidc", the issuer and the subject on separate lines, as deploying.md says to compute it for `edubridge revoke`', () => {
    const shell = execFileSync('sh', ['-c', `printf 'oidc\\n%s\\n%s' "$ISSUER" "$SUB" | sha256sum`], { env: { ...process.env, ISSUER: provider.issuer, SUB: 'rachel' }, encoding: 'utf8' });
    expect(shell.split(' ')[0]).toBe(personKey(provider.issuer, 'rachel'));
    expect(userOf({ subject: 'rachel', name: 'Rachel Sharma', role: 'social-worker', staffId: undefined, schools: [], expiresAt: undefined }, provider.issuer).tokenSha256).toBe(personKey(provider.issuer, 'rachel'));
  });
});

describe('settings file', () => {
  it('names the file and the field that is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edubridge-oidc-'));
    const file = join(dir, 'oidc.json');
    await writeFile(file, JSON.stringify({ issuer: 'not a url', clientId: 'x', redirectUri: 'https://edubridge.council.example/signin/callback' }));
    await expect(loadOidcSettings(file)).rejects.toThrow(new RegExp(`${file.replace(/[.\\]/g, '\\$&')} are not valid at \\.issuer`));
    await writeFile(file, '{"issuer": ');
    await expect(loadOidcSettings(file)).rejects.toThrow(/not valid JSON/);
    await writeFile(file, JSON.stringify({ ...settings, roles: { claim: 'roles', 'social-workers': ['x'] } }));
    await expect(loadOidcSettings(file)).rejects.toThrow(/at \.roles/);
  });
});

describe('edubridge serve --oidc FILE', () => {
  it('serves people signed in at the provider, with no users file; a settings file in error stops it at start-up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edubridge-oidc-serve-'));
    await writeTemplateCsv(join(dir, 'data'), generateRecords({ children: 6, seed: 3, asOf: AS_OF }));
    const oidcFile = join(dir, 'oidc.json');
    await writeFile(oidcFile, JSON.stringify(settings));
    const server = await startServer({ dir: join(dir, 'data'), port: 0, oidcFile, auditFile: join(dir, 'audit.jsonl'), asOf: AS_OF, refreshSeconds: 0, log: () => undefined });
    try {
      const head = await fetch(`${server.url}/api/v1/children`, { headers: { authorization: `Bearer ${await provider.accessToken('val')}` } });
      expect(((await head.json()) as { total: number }).total).toBe(6);
      const forged = await fetch(`${server.url}/api/v1/children`, { headers: { authorization: `Bearer ${await provider.forge({}, { otherKey: true })}` } });
      expect(forged.status).toBe(401);
      const start = await fetch(`${server.url}/signin/oidc?next=/`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      expect(start.headers.get('location')).toMatch(new RegExp(`^${provider.issuer}/`));
    } finally {
      await server.close();
    }
    await writeFile(oidcFile, JSON.stringify({ ...settings, clockToleranceSeconds: 600 }));
    await expect(startServer({ dir: join(dir, 'data'), port: 0, oidcFile, auditFile: join(dir, 'audit2.jsonl'), asOf: AS_OF, refreshSeconds: 0, log: () => undefined })).rejects.toThrow(/oidc\.json are not valid at \.clockToleranceSeconds/);
  });

  it('--signin-start-limit sets how many sign-ins one address may start a minute', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edubridge-oidc-cli-'));
    await writeTemplateCsv(join(dir, 'data'), generateRecords({ children: 2, seed: 3, asOf: AS_OF }));
    const oidcFile = join(dir, 'oidc.json');
    await writeFile(oidcFile, JSON.stringify(settings));
    const args = ['--import', 'tsx', CLI, 'serve', join(dir, 'data'), '--port', '0', '--oidc', oidcFile, '--audit', join(dir, 'audit.jsonl'), '--as-of', AS_OF, '--refresh-seconds', '0', '--stop-with-stdin'];
    const child = spawn(process.execPath, [...args, '--signin-start-limit', '2'], { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${url}/signin/oidc?next=/`, { redirect: 'manual' })).status);
      expect(statuses).toEqual([302, 302, 429]);
    } finally {
      child.stdin.end();
      child.kill();
    }
    expect(() => execFileSync(process.execPath, [...args, '--signin-start-limit', '0'], { stdio: 'pipe' })).toThrow(/--signin-start-limit/);
  });
});
