import { describe, expect, it } from 'vitest';
import { createClient, UnauthorisedError } from '../../../core/api/client.ts';
import { buildOpenApiDocument } from '../../../core/api/openapi.ts';
import { ROUTES } from '../../../core/api/paths.ts';
import { Caller, PROBLEM_TYPES, ProblemDetails } from '../../../core/api/schemas.ts';
import { bearer, makeApp, USERS } from './helpers.ts';

/** GET /api/v1/me: who the credentials sign in as, so a client can show "signed in as …" when it checks
 * its connection. It names no child, so its audit line is never a disclosure. */

describe('GET /api/v1/me', () => {
  it.each(Object.values(USERS))('$role: the name and role of the caller, and nothing else', async (user) => {
    const { app } = makeApp();
    const response = await app.request('/api/v1/me', { headers: bearer(user) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as unknown;
    expect(body).toEqual({ name: user.name, role: user.role });
    expect(Caller.parse(body)).toEqual(body);
  });

  it.each([
    ['no credentials', {}],
    ['an unknown token', { authorization: 'Bearer not-a-real-token-at-all' }],
  ])('%s → 401 problem', async (_name, headers) => {
    const { app, audit } = makeApp();
    const response = await app.request('/api/v1/me', { headers });
    expect(response.status).toBe(401);
    expect(ProblemDetails.parse(await response.json()).type).toBe(PROBLEM_TYPES.unauthorised.type);
    expect(audit.entries).toEqual([]);
  });

  it('is audited as not a disclosure: who asked and when, with no child and no cohort', async () => {
    const { app, audit } = makeApp();
    await app.request('/api/v1/me', { headers: { ...bearer(USERS.socialWorker), 'EduBridge-Purpose': 'connection test' } });
    expect(audit.entries).toHaveLength(1);
    const [entry] = audit.entries;
    expect(entry).toMatchObject({ user: USERS.socialWorker.name, role: 'social-worker', endpoint: 'GET /api/v1/me', child: null, purpose: 'connection test' });
    expect(entry).not.toHaveProperty('cohortSize');
  });

  it('takes no parameters, and only GET', async () => {
    const { app } = makeApp();
    const bad = await app.request('/api/v1/me?as=someone-else', { headers: bearer(USERS.socialWorker) });
    expect(bad.status).toBe(400);
    expect(ProblemDetails.parse(await bad.json()).errors).toEqual([{ parameter: 'as', message: 'is not a parameter of this endpoint' }]);
    const post = await app.request('/api/v1/me', { method: 'POST', headers: bearer(USERS.socialWorker) });
    expect(post.status).toBe(405);
  });

  it('the typed client reads it, and a wrong token is its own error', async () => {
    const { app } = makeApp();
    const viaApp = ((input: string | URL | Request, init?: RequestInit) => app.request(String(input), init)) as typeof fetch;
    expect(await createClient({ baseUrl: 'http://localhost', token: USERS.teacher.token, fetch: viaApp }).me()).toEqual({ name: 'Dee Teacher', role: 'designated-teacher' });
    await expect(createClient({ baseUrl: 'http://localhost', token: 'nope-nope-nope-nope', fetch: viaApp }).me()).rejects.toBeInstanceOf(UnauthorisedError);
  });

  it('is in the OpenAPI document, answering the Caller schema', () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, { get: { operationId: string; responses: Record<string, { content?: Record<string, { schema: unknown }> }> } }> };
    const operation = doc.paths[ROUTES.me]!.get;
    expect(operation.operationId).toBe('me');
    expect(operation.responses['200']!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Caller' });
    // Like every signed-in operation: the answers the contract test holds the server to.
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '401', '429', '500']));
    expect(Object.keys(operation.responses)).not.toContain('404');
  });
});
