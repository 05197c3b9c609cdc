import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, rawHttp, RECORDS, USERS } from './helpers.ts';

// Behind Node's HTTP server the app reads request headers from what Node parsed, not from a fetch Headers
// object (request-headers.ts). These requests are sent as raw HTTP, so that what a client may send, and a
// Headers object would have read in one way, is read the same way: names in any case, repeated headers
// joined, none dropped.

const { app, audit } = makeApp();
const server = createServer(getRequestListener(app.fetch));
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const child = RECORDS[0]!.identity.personId;

/** Sends a GET for `path` with these header lines, as written, and returns the answer's status. */
async function get(path: string, lines: readonly string[]): Promise<{ status: number }> {
  const answer = await rawHttp(port, [`GET ${path} HTTP/1.1`, 'Host: localhost', ...lines, 'Connection: close', '', ''].join('\r\n'));
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]) };
}

describe('request headers read from Node’s parser', () => {
  it('names in any case: a token under AUTHORIZATION is accepted, a purpose under EDUBRIDGE-PURPOSE is recorded', async () => {
    const answer = await get(`/api/v1/children/${child}/status`, [`AUTHORIZATION: Bearer ${USERS.virtualSchool.token}`, 'EDUBRIDGE-PURPOSE: checking a header in capitals']);
    expect(answer.status).toBe(200);
    expect(audit.entries.at(-1)).toMatchObject({ child, purpose: 'checking a header in capitals' });
  });

  it('two Authorization headers are not taken as either: 401, even when both carry a good token', async () => {
    for (const second of [USERS.virtualSchool.token, 'not-a-token-at-all']) {
      const answer = await get(`/api/v1/children/${child}/status`, [`Authorization: Bearer ${USERS.virtualSchool.token}`, `Authorization: Bearer ${second}`]);
      expect(answer.status).toBe(401);
    }
  });

  it('a session cookie in a second Cookie header is found, as in one', async () => {
    const signedIn = await app.request('/signin', {
      method: 'POST',
      body: new URLSearchParams({ token: USERS.virtualSchool.token, next: '/' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    });
    const session = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    expect((await get(`/api/v1/children/${child}/status`, ['Cookie: theme=dark', `Cookie: ${session}`])).status).toBe(200);
    expect((await get(`/api/v1/children/${child}/status`, ['Cookie: theme=dark'])).status).toBe(401);
  });

  it('the 8 KB limit counts every header line, repeated names too', async () => {
    const lines = Array.from({ length: 20 }, () => `X-Padding: ${'x'.repeat(400)}`);
    expect((await get(`/api/v1/children/${child}/status`, [`Authorization: Bearer ${USERS.virtualSchool.token}`, ...lines])).status).toBe(431);
    expect((await get(`/api/v1/children/${child}/status`, [`Authorization: Bearer ${USERS.virtualSchool.token}`, ...lines.slice(0, 10)])).status).toBe(200);
  });
});
