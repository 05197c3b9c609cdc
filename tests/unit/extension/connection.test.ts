import { describe, expect, it } from 'vitest';
import { testConnection, type ConnectionTarget } from '../../../extension/lib/connection.ts';
import { bearer, makeApp, USERS } from '../api/helpers.ts';

/** "Test the connection": one request to GET /api/v1/me, and what happened in plain words. */

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
// The service answers to the address the tests use (any other Host is refused, as in production).
const { app, audit } = makeApp({ allowedHosts: ['edu.council.example'] });
/** The reference server, in-process, as the API at https://edu.council.example. */
const server: typeof fetch = (input, init) => Promise.resolve(app.fetch(new Request(String(input), init)));
const token = (value: string): ConnectionTarget => ({ apiBaseUrl: 'https://edu.council.example/', authMode: 'token', token: value });
const answer = (status: number, body: string, type = 'application/json'): typeof fetch => async () => new Response(body, { status, headers: { 'content-type': type } });

describe('testConnection', () => {
  it('signed in: says as whom, in words, and the service audits it as a connection test with no child', async () => {
    const before = audit.entries.length;
    const report = await testConnection(token(USERS.socialWorker.token), { extensionOrigin: EXTENSION, fetch: server });
    expect(report).toEqual({
      outcome: 'signed-in',
      caller: { name: 'Sam Worker', role: 'social-worker' },
      message: 'Connected to the education service at edu.council.example, signed in as Sam Worker (social worker).',
    });
    expect(audit.entries.slice(before)).toEqual([expect.objectContaining({ endpoint: 'GET /api/v1/me', child: null, purpose: 'connection test' })]);
    expect((await testConnection(token(USERS.virtualSchool.token), { extensionOrigin: EXTENSION, fetch: server })).message).toMatch(/signed in as Val Head \(virtual school\)\.$/);
  });

  it('a wrong token', async () => {
    const report = await testConnection(token('not-a-token-the-service-knows'), { extensionOrigin: EXTENSION, fetch: server });
    expect(report).toEqual({ outcome: 'wrong-token', message: 'Reached edu.council.example, but it did not accept the access token. Check the token, or ask for a new one.' });
  });

  it('the browser’s sign-in, when not signed in', async () => {
    const report = await testConnection({ apiBaseUrl: 'https://edu.council.example', authMode: 'cookie', token: '' }, { extensionOrigin: EXTENSION, fetch: server });
    expect(report.outcome).toBe('not-signed-in');
    expect(report.message).toBe('Reached edu.council.example, but you are not signed in to it in this browser. Sign in to the service, or use an access token.');
  });

  it('a council account: not signed in yet asks nothing of the service; a sign-in it refuses says so', async () => {
    let asked = 0;
    const counting: typeof fetch = (input, init) => ((asked += 1), server(input, init));
    const signedOut = await testConnection({ apiBaseUrl: 'https://edu.council.example/', authMode: 'oidc', token: '' }, { extensionOrigin: EXTENSION, fetch: counting });
    expect(signedOut).toEqual({ outcome: 'not-signed-in', message: 'Sign in with your council account first.' });
    expect(asked).toBe(0);
    const refused = await testConnection({ apiBaseUrl: 'https://edu.council.example/', authMode: 'oidc', token: 'eyJ.not-a-token.this-service-accepts' }, { extensionOrigin: EXTENSION, fetch: server });
    expect(refused.outcome).toBe('not-signed-in');
    expect(refused.message).toMatch(/^Reached edu\.council\.example, but it did not accept your council sign-in\./);
  });

  it('refused: the service does not let the extension in (its origin is not allowed)', async () => {
    const strict = makeApp({ origins: ['https://portal.council.example'], allowedHosts: ['edu.council.example'] }).app;
    const fromExtension: typeof fetch = (input, init) => {
      const request = new Request(String(input), init);
      request.headers.set('origin', EXTENSION);
      return Promise.resolve(strict.fetch(request));
    };
    const report = await testConnection(token(USERS.socialWorker.token), { extensionOrigin: EXTENSION, fetch: fromExtension });
    expect(report).toEqual({
      outcome: 'refused',
      message: `Reached edu.council.example, but it refused EduBridge: the service must allow this extension (${EXTENSION}). Ask your council’s IT support.`,
    });
  });

  it('not reachable: no answer at all, or none in time', async () => {
    const down: typeof fetch = () => Promise.reject(new TypeError('NetworkError when attempting to fetch resource.'));
    const report = await testConnection(token('x'.repeat(20)), { extensionOrigin: EXTENSION, fetch: down });
    expect(report.outcome).toBe('not-reachable');
    expect(report.message).toMatch(/^Could not reach edu\.council\.example\. Check the address/);
    expect(report.message).toContain(EXTENSION);
    const never: typeof fetch = (_input, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const slow = await testConnection(token('x'.repeat(20)), { extensionOrigin: EXTENSION, fetch: never, timeoutMs: 20 });
    expect(slow).toEqual({ outcome: 'not-reachable', message: 'edu.council.example did not answer within 8 seconds. It may be down, or the address may be wrong.' });
  });

  it.each([
    ['a web page', answer(200, '<!doctype html><title>Intranet</title>', 'text/html')],
    ['another JSON API', answer(200, '{"user":"someone"}')],
    ['a plain 404', answer(404, 'Not found', 'text/plain')],
    ['a redirect to a sign-in page', answer(302, '')],
  ])('not an EduBridge API: %s', async (_name, fetchImpl) => {
    const report = await testConnection(token('x'.repeat(20)), { extensionOrigin: EXTENSION, fetch: fetchImpl });
    expect(report).toEqual({ outcome: 'not-edubridge', message: 'Reached edu.council.example, but it is not an EduBridge education service (the API was not at /api/v1). Check the address.' });
  });

  it('an EduBridge service without /me says so', async () => {
    const old = answer(404, JSON.stringify({ type: 'urn:edubridge:problem:not-found', title: 'No such record', status: 404 }), 'application/problem+json');
    expect((await testConnection(token('x'.repeat(20)), { extensionOrigin: EXTENSION, fetch: old })).message).toBe(
      'Reached an EduBridge service at edu.council.example, but it cannot say who is signed in: it may run an older version of the API.',
    );
  });

  it('the service failing', async () => {
    const report = await testConnection(token('x'.repeat(20)), { extensionOrigin: EXTENSION, fetch: answer(503, '{}') });
    expect(report).toEqual({ outcome: 'failed', message: 'Reached edu.council.example, but it had a problem and could not answer (error 503). Try again later.' });
  });

  it.each([
    ['', 'Type the education service’s address first.'],
    ['edu.council.example', '“edu.council.example” is not a web address. It looks like https://education.council.example/'],
    ['ftp://edu.council.example/', '“ftp://edu.council.example/” is not a web address. It looks like https://education.council.example/'],
  ])('no request for the address %j', async (apiBaseUrl, message) => {
    const unused: typeof fetch = () => Promise.reject(new Error('no request should be made'));
    expect(await testConnection({ apiBaseUrl, authMode: 'token', token: 't' }, { extensionOrigin: EXTENSION, fetch: unused })).toEqual({ outcome: 'no-address', message });
  });

  it('no request without a token in token mode', async () => {
    const unused: typeof fetch = () => Promise.reject(new Error('no request should be made'));
    expect((await testConnection(token(''), { extensionOrigin: EXTENSION, fetch: unused })).outcome).toBe('wrong-token');
  });

  it('never sends the token anywhere but the address given', async () => {
    const seen: string[] = [];
    const recording: typeof fetch = async (input, init) => {
      seen.push(`${String(input)} ${new Headers(init?.headers).get('authorization')}`);
      return new Response(JSON.stringify({ name: 'A', role: 'social-worker' }), { headers: { 'content-type': 'application/json' } });
    };
    await testConnection(token(USERS.teacher.token), { extensionOrigin: EXTENSION, fetch: recording });
    expect(seen).toEqual([`https://edu.council.example/api/v1/me ${bearer(USERS.teacher).authorization}`]);
  });
});
