import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TYPES, ProblemDetails } from '../../../core/api/schemas.ts';
import { answerClientError } from '../../../core/node/server/header-limit.ts';
import { makeApp, rawHttp } from './helpers.ts';

// Request headers too large are refused as a problem, whether the app sees the request (over 8 KB) or
// Node's HTTP parser refuses it first (over 16 KB): never Node's plain-text answer.

const { app } = makeApp();
const server = createServer(getRequestListener(app.fetch));
server.on('clientError', answerClientError);
let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const raw = (request: string) => rawHttp(port, request);

function problemIn(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  expect(head).toMatch(/content-type: application\/problem\+json/i);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), problem: ProblemDetails.parse(JSON.parse(body)) };
}

describe('request headers too large → 431 problem', () => {
  it('over 8 KB: refused by the app', async () => {
    const answer = await raw(`GET /api/v1/openapi.json HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'x'.repeat(10_000)}\r\nConnection: close\r\n\r\n`);
    const { status, problem } = problemIn(answer);
    expect(status).toBe(431);
    expect(problem.type).toBe(PROBLEM_TYPES.headersTooLarge.type);
  });

  it('over Node’s own limit: refused by the parser, with the same problem', async () => {
    const answer = await raw(`GET /api/v1/openapi.json HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'x'.repeat(40_000)}\r\nConnection: close\r\n\r\n`);
    const { status, problem } = problemIn(answer);
    expect(status).toBe(431);
    expect(problem).toMatchObject({ type: PROBLEM_TYPES.headersTooLarge.type, status: 431 });
  });

  it('a request that is not HTTP → 400 problem', async () => {
    const { status, problem } = problemIn(await raw('NOT HTTP AT ALL\r\n\r\n'));
    expect(status).toBe(400);
    expect(problem.type).toBe(PROBLEM_TYPES.badRequest.type);
  });
});
