import type { Socket } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { PROBLEM_TYPES } from '../../api/schemas.ts';
import { requestHeaderBytes } from './request-headers.ts';
import { problem } from './security.ts';

/**
 * Request headers too large: 431 as a problem, like every other refusal. The app refuses more than
 * 8 KB of headers itself (with a request ID, readable by an allowed page); Node's HTTP parser refuses
 * more than its own limit (16 KB by default) before the app sees the request, and `answerClientError`
 * gives that refusal the same problem body.
 */

export const MAX_HEADER_BYTES = 8 * 1024;

export function headerLimit(maxBytes = MAX_HEADER_BYTES): MiddlewareHandler {
  return async (c, next) => {
    if (requestHeaderBytes(c) > maxBytes) return problem(c, 'headersTooLarge', `Request headers may be at most ${maxBytes} bytes in all.`);
    await next();
  };
}

function rawProblem(kind: 'headersTooLarge' | 'badRequest', detail: string): string {
  const { type, status, title } = PROBLEM_TYPES[kind];
  const body = JSON.stringify({ type, title, status, detail });
  const reason = kind === 'headersTooLarge' ? 'Request Header Fields Too Large' : 'Bad Request';
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/problem+json\r\ncache-control: no-store\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/** For `server.on('clientError', …)`: a request Node could not parse gets a problem, not plain text. */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable || (error.code === 'ECONNRESET' && socket.destroyed)) {
    socket.destroy();
    return;
  }
  const overflow = error.code === 'HPE_HEADER_OVERFLOW';
  socket.end(overflow ? rawProblem('headersTooLarge', 'The request headers are too large.') : rawProblem('badRequest', 'The request could not be read as HTTP.'));
}
