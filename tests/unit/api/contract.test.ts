import { describe, expect, it } from 'vitest';
import { ChildRecordResponse, CohortSummary, ProblemDetails, PROBLEM_TYPES, StatusPage, StatusResponse } from '../../../core/api/schemas.ts';
import { AS_OF, bearer, EXPECTED_SCOPE, makeApp, RECORDS, USERS } from './helpers.ts';

// The contract of issue 4 ("The reference server"): every response validates against the schemas; each
// role sees exactly its scope; 401 without credentials; 404 alike for "no such child" and "not yours";
// 400 with a problem body for bad parameters; every disclosure audited; CORS for configured origins only,
// and a refusal any other origin can read.

const { app } = makeApp();
const inScope = USERS.socialWorker.children[0]!;
const outOfScope = RECORDS.map((r) => r.identity.personId).find((id) => !USERS.socialWorker.children.includes(id))!;

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return ProblemDetails.parse(await response.json());
}

/** Every person ID a user gets from the list endpoint, page by page. */
async function listAll(token: Record<string, string>, query = ''): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const response = await app.request(`/api/v1/children?pageSize=7&page=${page}${query}`, { headers: token });
    expect(response.status).toBe(200);
    const body = StatusPage.parse(await response.json());
    ids.push(...body.items.map((s) => s.child.personId));
    if (page * body.pageSize >= body.total) return ids;
  }
}

describe('authentication: every API request names a user', () => {
  it.each([
    ['record', `/api/v1/children/${inScope}`],
    ['status', `/api/v1/children/${inScope}/status`],
    ['list', '/api/v1/children?caseload=mine'],
    ['cohort summary', '/api/v1/cohort/summary'],
  ])('%s without credentials → 401 problem, with WWW-Authenticate', async (_name, path) => {
    const response = await app.request(path);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await problemOf(response)).type).toBe(PROBLEM_TYPES.unauthorised.type);
  });

  it.each([
    ['an unknown token', 'Bearer not-a-real-token-at-all'],
    ['a malformed header', 'Basic dXNlcjpwYXNz'],
    ['an empty bearer', 'Bearer '],
  ])('%s → 401', async (_name, header) => {
    const response = await app.request(`/api/v1/children/${inScope}`, { headers: { authorization: header } });
    expect(response.status).toBe(401);
  });

  it('the OpenAPI document needs no credentials', async () => {
    const response = await app.request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect((await response.json()).openapi).toBe('3.1.0');
  });
});

describe('responses validate against the contract schemas', () => {
  it('GET /children/{id} → the ChildEducationRecord', async () => {
    const response = await app.request(`/api/v1/children/${inScope}`, { headers: bearer(USERS.socialWorker) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const record = ChildRecordResponse.parse(await response.json());
    expect(record.identity.personId).toBe(inScope);
  });

  it('GET /children/{id}/status → the EducationStatus, on the service date unless asOf is given', async () => {
    const plain = StatusResponse.parse(await (await app.request(`/api/v1/children/${inScope}/status`, { headers: bearer(USERS.socialWorker) })).json());
    expect(plain.asOf).toBe(AS_OF);
    const earlier = StatusResponse.parse(await (await app.request(`/api/v1/children/${inScope}/status?asOf=2026-01-15&lang=cy`, { headers: bearer(USERS.socialWorker) })).json());
    expect(earlier.asOf).toBe('2026-01-15');
    expect(earlier.language).toBe('cy');
  });

  it('a child can be named by UPN as well as person ID', async () => {
    const record = RECORDS.find((r) => r.identity.upn !== undefined)!;
    const response = await app.request(`/api/v1/children/${record.identity.upn}/status`, { headers: bearer(USERS.virtualSchool) });
    expect(response.status).toBe(200);
    expect(StatusResponse.parse(await response.json()).child.personId).toBe(record.identity.personId);
  });

  it('GET /cohort/summary → a CohortSummary whose figures carry the children behind them', async () => {
    const response = await app.request('/api/v1/cohort/summary?keyStage=KS2,KS3', { headers: bearer(USERS.virtualSchool) });
    const summary = CohortSummary.parse(await response.json());
    const expected = RECORDS.length;
    expect(summary.children).toBeLessThan(expected);
    expect(summary.children).toBeGreaterThan(0);
    expect(summary.lookedAfter.children).toBe(summary.children);
    expect(summary.attendance.persistentAbsence.children).toBeLessThanOrEqual(summary.children);
  });
});

describe('scope: each role sees exactly its children', () => {
  it.each([
    ['social worker: the children listed', 'socialWorker'],
    ['designated teacher: the children on their school’s roll', 'teacher'],
    ['virtual school: every child', 'virtualSchool'],
  ] as const)('%s', async (_name, who) => {
    const ids = await listAll(bearer(USERS[who]));
    expect([...ids].sort()).toEqual([...EXPECTED_SCOPE[who]].sort());
    expect(new Set(ids).size).toBe(ids.length);
    const mine = await listAll(bearer(USERS[who]), '&caseload=mine');
    expect(mine).toEqual(ids);
    const summary = CohortSummary.parse(await (await app.request('/api/v1/cohort/summary', { headers: bearer(USERS[who]) })).json());
    expect(summary.children).toBe(EXPECTED_SCOPE[who].length);
  });

  it('the designated teacher’s school filter cannot widen their scope', async () => {
    const other = RECORDS.find((r) => !EXPECTED_SCOPE.teacher.includes(r.identity.personId) && r.school.enrolments.length > 0)!;
    const urn = other.school.enrolments.at(-1)!.urn;
    const body = StatusPage.parse(await (await app.request(`/api/v1/children?school=${urn}`, { headers: bearer(USERS.teacher) })).json());
    expect(body.items.every((s) => EXPECTED_SCOPE.teacher.includes(s.child.personId))).toBe(true);
  });

  it('a child outside the caller’s scope gets the very same 404 as a child that does not exist', async () => {
    const hidden = await app.request(`/api/v1/children/${outOfScope}/status`, { headers: bearer(USERS.socialWorker) });
    const missing = await app.request('/api/v1/children/999999999/status', { headers: bearer(USERS.socialWorker) });
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = ({ instance: _instance, ...rest }: ProblemDetails) => rest;
    expect(strip(await problemOf(hidden))).toEqual(strip(await problemOf(missing)));
    // …and the virtual school does see that child.
    expect((await app.request(`/api/v1/children/${outOfScope}/status`, { headers: bearer(USERS.virtualSchool) })).status).toBe(200);
  });
});

describe('bad parameters → 400 with a problem naming each one', () => {
  it.each([
    ['an impossible asOf date', `/api/v1/children/${inScope}/status?asOf=2026-02-30`, 'asOf'],
    ['an unknown language', `/api/v1/children/${inScope}/status?lang=fr`, 'lang'],
    ['a parameter the endpoint does not take', `/api/v1/children/${inScope}?asOf=2026-01-01`, 'asOf'],
    ['a page size of 0', '/api/v1/children?pageSize=0', 'pageSize'],
    ['a page size over the maximum', '/api/v1/children?pageSize=5000', 'pageSize'],
    ['a year group that is not a number', '/api/v1/cohort/summary?yearGroup=six', 'yearGroup'],
    ['an unknown SEN provision', '/api/v1/cohort/summary?sen=X', 'sen'],
    ['a misspelt filter', '/api/v1/cohort/summary?yeargroup=6', 'yeargroup'],
    ['a boolean filter that is not true/false', '/api/v1/cohort/summary?lookedAfter12Months=yes', 'lookedAfter12Months'],
    ['caseload other than "mine"', '/api/v1/children?caseload=all', 'caseload'],
    ['a URN that is not digits', '/api/v1/children?school=abc', 'school'],
    ['a child ID with characters IDs never have', '/api/v1/children/%3Cscript%3E', 'id'],
  ])('%s', async (_name, path, parameter) => {
    const response = await app.request(path, { headers: bearer(USERS.virtualSchool) });
    expect(response.status).toBe(400);
    const body = await problemOf(response);
    expect(body.type).toBe(PROBLEM_TYPES.badRequest.type);
    expect(body.errors?.map((e) => e.parameter)).toContain(parameter);
  });

  it('an unknown endpoint under the API → 404 problem; a wrong method → 405', async () => {
    expect((await app.request('/api/v1/schools', { headers: bearer(USERS.virtualSchool) })).status).toBe(404);
    const post = await app.request(`/api/v1/children/${inScope}`, { method: 'POST', headers: bearer(USERS.virtualSchool) });
    expect(post.status).toBe(405);
    expect((await problemOf(post)).type).toBe(PROBLEM_TYPES.methodNotAllowed.type);
  });
});

describe('audit: every disclosure is recorded (who, which child, when, which endpoint)', () => {
  it('one line per child disclosed, none for refusals', async () => {
    const { app: audited, audit } = makeApp();
    await audited.request(`/api/v1/children/${inScope}/status`, { headers: bearer(USERS.socialWorker) });
    await audited.request(`/api/v1/children/${outOfScope}`, { headers: bearer(USERS.socialWorker) });
    await audited.request('/api/v1/children?pageSize=3', { headers: bearer(USERS.virtualSchool) });
    await audited.request('/api/v1/cohort/summary', { headers: bearer(USERS.teacher) });
    await audited.request('/api/v1/children?pageSize=3');
    expect(audit.entries.map((e) => [e.user, e.role, e.endpoint, e.child])).toEqual([
      ['Sam Worker', 'social-worker', 'GET /api/v1/children/:id/status', inScope],
      ...(
        await (async () => {
          const body = StatusPage.parse(await (await app.request('/api/v1/children?pageSize=3', { headers: bearer(USERS.virtualSchool) })).json());
          return body.items.map((s) => ['Val Head', 'virtual-school', 'GET /api/v1/children', s.child.personId]);
        })()
      ),
      ['Dee Teacher', 'designated-teacher', 'GET /api/v1/cohort/summary', null],
    ]);
    expect(audit.entries.at(-1)?.cohortSize).toBe(EXPECTED_SCOPE.teacher.length);
    for (const entry of audit.entries) expect(Date.parse(entry.time)).not.toBeNaN();
  });

  it('keeps the purpose the caller gives (EduBridge-Purpose header), and ignores one that is not plain text', async () => {
    const { app: audited, audit } = makeApp();
    await audited.request(`/api/v1/children/${inScope}`, { headers: { ...bearer(USERS.socialWorker), 'EduBridge-Purpose': 'case record page' } });
    await audited.request(`/api/v1/children/${inScope}`, { headers: { ...bearer(USERS.socialWorker), 'EduBridge-Purpose': 'x'.repeat(500) } });
    expect(audit.entries.map((e) => e.purpose)).toEqual(['case record page', undefined]);
  });

  it('keeps the page origin the caller gives (EduBridge-Page-Origin header), and ignores one that is not an origin', async () => {
    const { app: audited, audit } = makeApp();
    const send = (origin: string) =>
      audited.request(`/api/v1/children/${inScope}/status`, {
        headers: { ...bearer(USERS.socialWorker), 'EduBridge-Purpose': 'case record page', 'EduBridge-Page-Origin': origin },
      });
    await send('https://cases.council.example');
    await send('https://cases.council.example/people/1?name=Jane');
    await send('javascript:alert(1)');
    expect(audit.entries.map((e) => [e.purpose, e.pageOrigin])).toEqual([
      ['case record page', 'https://cases.council.example'],
      ['case record page', undefined],
      ['case record page', undefined],
    ]);
  });

  it('a disclosure that cannot be audited is not made', async () => {
    const { app: failing } = makeApp({ audit: { record: () => Promise.reject(new Error('disk full')) } });
    const response = await failing.request(`/api/v1/children/${inScope}`, { headers: bearer(USERS.socialWorker) });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain(RECORDS[0]!.identity.lastName);
  });

  it('request logs carry IDs only, never a child’s or user’s name', async () => {
    const { app: logged, logs } = makeApp();
    await logged.request('/api/v1/children?pageSize=50', { headers: bearer(USERS.virtualSchool) });
    await logged.request(`/api/v1/children/${inScope}/status`, { headers: bearer(USERS.socialWorker) });
    const text = logs.join('\n');
    expect(text).toContain(inScope);
    for (const record of RECORDS) {
      expect(text).not.toContain(record.identity.lastName);
    }
    for (const user of Object.values(USERS)) expect(text).not.toContain(user.name);
  });
});

describe('CORS: only configured origins', () => {
  it.each([
    ['a configured origin', 'https://portal.council.example', true],
    ['any extension, when chrome-extension://* is configured', 'chrome-extension://abcdefghijklmnop', true],
    ['an origin not configured', 'https://evil.example', false],
    ['a look-alike of a configured origin', 'https://portal.council.example.evil.example', false],
  ])('%s', async (_name, origin, allowed) => {
    const response = await app.request(`/api/v1/children/${inScope}/status`, { headers: { ...bearer(USERS.socialWorker), origin } });
    expect(response.status).toBe(allowed ? 200 : 403);
    // Allowed or not, the page can read the answer: data for an allowed origin, a refusal for any other.
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('vary')).toContain('Origin');
    if (allowed) expect(StatusResponse.parse(await response.json()).child.personId).toBe(inScope);
    else {
      const body = await problemOf(response);
      expect(body.type).toBe(PROBLEM_TYPES.originNotAllowed.type);
      expect(body.detail).toMatch(/not allowed to use the Education Status service/);
      expect(JSON.stringify(body)).not.toContain(inScope);
    }
    const preflight = await app.request(`/api/v1/children/${inScope}/status`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });

  it('a refused origin learns nothing, is not audited, and needs no credentials to be refused', async () => {
    const { app: audited, audit } = makeApp();
    for (const headers of [{ origin: 'https://evil.example' }, { origin: 'https://evil.example', ...bearer(USERS.virtualSchool) }, { origin: 'null', ...bearer(USERS.virtualSchool) }]) {
      const response = await audited.request('/api/v1/children?pageSize=200', { headers });
      expect(response.status).toBe(403);
      expect((await problemOf(response)).type).toBe(PROBLEM_TYPES.originNotAllowed.type);
    }
    expect(audit.entries).toEqual([]);
  });

  it('an allowed origin can read the headers a page needs: X-Request-Id, Retry-After, WWW-Authenticate', async () => {
    const response = await app.request(`/api/v1/children/${inScope}`, { headers: { origin: 'https://portal.council.example' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(response.headers.get('access-control-expose-headers')?.split(/\s*,\s*/)).toEqual(expect.arrayContaining(['X-Request-Id', 'Retry-After', 'WWW-Authenticate']));
  });
});

describe('sessions: the sign-in page sets an HttpOnly cookie the API accepts', () => {
  const signIn = (token: string, headers: Record<string, string> = {}) =>
    app.request('/signin', { method: 'POST', body: new URLSearchParams({ token, next: '/cms/atlas/' }), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', ...headers } });

  it('a good token → a session cookie, a redirect to `next`, and API access as that user', async () => {
    const response = await signIn(USERS.socialWorker.token);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/cms/atlas/');
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const session = cookie.split(';')[0]!;
    expect((await app.request(`/api/v1/children/${inScope}`, { headers: { cookie: session } })).status).toBe(200);
    expect((await app.request(`/api/v1/children/${outOfScope}`, { headers: { cookie: session } })).status).toBe(404);
    const out = await app.request('/signout', { method: 'POST', headers: { cookie: session, origin: 'http://localhost' } });
    expect(out.status).toBe(303);
    expect((await app.request(`/api/v1/children/${inScope}`, { headers: { cookie: session } })).status).toBe(401);
  });

  it.each([
    ['an unknown token', 'wrong-token-wrong-token', {}, 401],
    ['a form posted from another site', USERS.socialWorker.token, { origin: 'https://evil.example' }, 403],
  ])('%s → no session', async (_name, token, headers, status) => {
    const response = await signIn(token, headers);
    expect(response.status).toBe(status);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('`next` never leads to another site', async () => {
    const response = await app.request('/signin', {
      method: 'POST',
      body: new URLSearchParams({ token: USERS.socialWorker.token, next: '//evil.example/' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    });
    expect(response.headers.get('location')).toBe('/');
  });
});

describe('limits and headers', () => {
  it('over the rate limit → 429 with Retry-After', async () => {
    const { app: limited } = makeApp({ rateLimit: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.request(`/api/v1/children/${inScope}`, { headers: bearer(USERS.socialWorker) })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const last = await limited.request(`/api/v1/children/${inScope}`, { headers: bearer(USERS.socialWorker) });
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another caller has their own allowance.
    expect((await limited.request(`/api/v1/children/${inScope}`, { headers: bearer(USERS.virtualSchool) })).status).toBe(200);
  });

  it('a request body over 16 KB → 413', async () => {
    const response = await app.request('/signin', { method: 'POST', body: 'token=' + 'x'.repeat(20_000), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(413);
  });

  it('security headers on data and pages', async () => {
    const data = await app.request(`/api/v1/children/${inScope}`, { headers: bearer(USERS.socialWorker) });
    expect(data.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(data.headers.get('x-content-type-options')).toBe('nosniff');
    expect(data.headers.get('x-frame-options')).toBe('DENY');
    expect(data.headers.get('referrer-policy')).toBe('no-referrer');
    expect(data.headers.get('cache-control')).toBe('no-store');
    // A refusal is data too.
    const refused = await app.request(`/api/v1/children/${inScope}`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
    expect(refused.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const page = await app.request('/signin');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Pages also get the headers that only mean something for a document; the API's JSON does without.
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-dns-prefetch-control')).toBe('off');
    expect(data.headers.get('x-dns-prefetch-control')).toBeNull();
  });
});
