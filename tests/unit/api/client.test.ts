import { describe, expect, it } from 'vitest';
import {
  ApiError,
  BadRequestError,
  createClient,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  UnauthorisedError,
  UnexpectedResponseError,
} from '../../../core/api/client.ts';
import { PROBLEM_TYPES } from '../../../core/api/schemas.ts';
import { AS_OF, makeApp, RECORDS, USERS } from './helpers.ts';

// The typed client (issue 4, "The contract"): validates every response, and turns each way a request can
// fail into its own error class with a message a social worker can act on.

const BASE = 'https://education.council.example';

/** A fetch that answers every request with one response. */
const answering =
  (status: number, body: string, contentType = 'application/json'): typeof fetch =>
  async () =>
    new Response(body, { status, headers: { 'content-type': contentType } });

const problemBody = (kind: keyof typeof PROBLEM_TYPES, extra: object = {}) => JSON.stringify({ ...PROBLEM_TYPES[kind], ...extra });

describe('each failure becomes its own error, with a plain-English message', () => {
  it.each([
    ['network: the service cannot be reached', (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch, NetworkError, /Could not reach the education service at education\.council\.example/],
    ['401: not signed in', answering(401, problemBody('unauthorised'), 'application/problem+json'), UnauthorisedError, /not signed in/],
    ['403: treated as not found (no leaking why)', answering(403, JSON.stringify({ type: 'urn:example:problem:forbidden', title: 'Not allowed', status: 403 }), 'application/problem+json'), NotFoundError, /no record for this child that you can see/],
    ['404: no such child, or not shared', answering(404, problemBody('notFound'), 'application/problem+json'), NotFoundError, /not shared with you/],
    ['400: names the bad parameter', answering(400, problemBody('badRequest', { errors: [{ parameter: 'asOf', message: 'Invalid date' }] }), 'application/problem+json'), BadRequestError, /asOf: Invalid date/],
    ['429: too many requests', answering(429, problemBody('tooManyRequests'), 'application/problem+json'), RateLimitedError, /Wait a minute/],
    ['500: the service failed', answering(500, problemBody('internal'), 'application/problem+json'), ServerError, /had a problem.*error 500/],
    ['502 from a proxy, with an HTML body', answering(502, '<html>Bad gateway</html>', 'text/html'), ServerError, /error 502/],
    ['200 that is not JSON (a sign-in page)', answering(200, '<html>Please log in</html>', 'text/html'), InvalidResponseError, /not data/],
    ['200 JSON that fails the schema', answering(200, JSON.stringify({ schemaVersion: 1, asOf: 'yesterday' })), InvalidResponseError, /does not match what EduBridge expects/],
    ['302 redirect', async () => new Response(null, { status: 302, headers: { location: '/login' } }), UnexpectedResponseError, /HTTP 302/],
  ] as const)('%s', async (_name, fetchImpl, ErrorClass, message) => {
    const client = createClient({ baseUrl: BASE, token: 't', fetch: fetchImpl });
    const error = await client.getStatus('400001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(message);
    expect((error as ApiError).message).not.toMatch(/undefined|\[object/);
    expect((error as ApiError).url).toBe(`${BASE}/api/v1/children/400001/status`);
  });

  it('timeout: gives up after timeoutMs', async () => {
    const never: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const client = createClient({ baseUrl: BASE, fetch: never, timeoutMs: 30 });
    const error = await client.getRecord('400001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toMatch(/did not answer within/);
  });

  it('a request the caller cancels rejects with the caller’s reason, not an ApiError', async () => {
    const never: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const client = createClient({ baseUrl: BASE, fetch: never, timeoutMs: 5000 });
    const controller = new AbortController();
    const pending = client.getRecord('400001', { signal: controller.signal }).catch((e: unknown) => e);
    controller.abort(new Error('navigated away'));
    const error = await pending;
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).message).toBe('navigated away');
  });

  it('each error class has its own kind', () => {
    const kinds = [NetworkError, TimeoutError, UnauthorisedError, NotFoundError, BadRequestError, RateLimitedError, ServerError, InvalidResponseError, UnexpectedResponseError].map(
      (ErrorClass) => new ErrorClass('m', { url: BASE }).kind,
    );
    expect(new Set(kinds).size).toBe(kinds.length);
  });
});

describe('requests', () => {
  it('sends the bearer token, omits cookies with a token and includes them without one', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const recording: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), init });
      return new Response('{}', { status: 404 });
    };
    await createClient({ baseUrl: `${BASE}/`, token: 'abc', fetch: recording, purpose: 'case record page' }).getRecord('A 1/2').catch(() => undefined);
    await createClient({ baseUrl: BASE, fetch: recording }).getRecord('400001').catch(() => undefined);
    expect(seen[0]!.url).toBe(`${BASE}/api/v1/children/A%201%2F2`);
    expect((seen[0]!.init!.headers as Record<string, string>).authorization).toBe('Bearer abc');
    expect(seen[0]!.init!.credentials).toBe('omit');
    expect((seen[0]!.init!.headers as Record<string, string>)['EduBridge-Purpose']).toBe('case record page');
    expect((seen[1]!.init!.headers as Record<string, string>).authorization).toBeUndefined();
    expect(seen[1]!.init!.credentials).toBe('include');
  });

  it('serialises cohort filters the way the server reads them', async () => {
    let url = '';
    const recording: typeof fetch = async (input) => {
      url = String(input);
      return new Response('{}', { status: 500 });
    };
    await createClient({ baseUrl: BASE, fetch: recording })
      .cohortSummary({ yearGroup: [6, 11], lookedAfter12Months: true, placementArea: ['out-of-area'], sen: [] })
      .catch(() => undefined);
    const params = new URL(url).searchParams;
    expect(params.get('yearGroup')).toBe('6,11');
    expect(params.get('lookedAfter12Months')).toBe('true');
    expect(params.get('placementArea')).toBe('out-of-area');
    expect(params.has('sen')).toBe(false);
  });
});

describe('against the reference server (in-process)', () => {
  const { app } = makeApp();
  const viaApp: typeof fetch = (input, init) => Promise.resolve(app.fetch(new Request(input as string, init)));
  const worker = createClient({ baseUrl: 'http://localhost', token: USERS.socialWorker.token, fetch: viaApp });
  const head = createClient({ baseUrl: 'http://localhost', token: USERS.virtualSchool.token, fetch: viaApp });
  const mine = USERS.socialWorker.children[0]!;
  const notMine = RECORDS.find((r) => !USERS.socialWorker.children.includes(r.identity.personId))!.identity.personId;

  it('reads a record, a status, a page and a summary, each validated', async () => {
    expect((await worker.getRecord(mine)).identity.personId).toBe(mine);
    expect((await worker.getStatus(mine, { asOf: AS_OF })).child.personId).toBe(mine);
    const page = await head.listChildren({ pageSize: 5, keyStage: ['KS3', 'KS4'] });
    expect(page.items.length).toBeLessThanOrEqual(5);
    expect(page.items.every((s) => s.child.keyStage === 'KS3' || s.child.keyStage === 'KS4')).toBe(true);
    expect((await head.cohortSummary({ lookedAfter12Months: true })).inCare12MonthsOrMore.percent).toBe(100);
    expect((await head.openapi()).openapi).toBe('3.1.0');
  });

  it('a child outside the caller’s scope → NotFoundError; a wrong token → UnauthorisedError; a bad date → BadRequestError', async () => {
    await expect(worker.getStatus(notMine)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createClient({ baseUrl: 'http://localhost', token: 'nope-nope-nope-nope', fetch: viaApp }).getStatus(mine)).rejects.toBeInstanceOf(UnauthorisedError);
    await expect(worker.getStatus(mine, { asOf: '2026-02-31' })).rejects.toBeInstanceOf(BadRequestError);
  });
});
