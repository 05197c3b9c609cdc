import type { Context } from 'hono';
import { PROBLEM_TYPES, type ProblemKind } from '../../api/schemas.ts';

/** Problems, origins, rate limits and headers: the server's defences, kept apart from its routes. */

/** An RFC 9457 problem response. */
export function problem(c: Context, kind: ProblemKind, detail?: string, extra: { errors?: { parameter: string; message: string }[]; headers?: Record<string, string> } = {}): Response {
  const { type, status, title } = PROBLEM_TYPES[kind];
  const requestId = c.get('requestId' as never) as string | undefined;
  const body = { type, title, status, ...(detail ? { detail } : {}), ...(requestId ? { instance: `urn:edubridge:request:${requestId}` } : {}), ...(extra.errors ? { errors: extra.errors } : {}) };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...extra.headers },
  });
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * Whether an origin is allowed. A configured origin is exact (`https://portal.council.example`), or has
 * `*` for the whole host part (`chrome-extension://*`: any extension — fine for a demo, pin the ID in
 * production).
 */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  for (const pattern of allowed) {
    if (pattern === origin) return true;
    if (pattern.endsWith('://*') && origin.startsWith(pattern.slice(0, -1)) && origin.length > pattern.length - 1) return true;
  }
  return false;
}

/** A fixed-window request counter per caller. */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count > this.limit ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }
}

/** Content security policies: none at all for data, tight for the demo pages. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Inline styles are allowed so an extension overlay and chart libraries can style themselves.
  "style-src 'self' 'unsafe-inline' chrome-extension: moz-extension:",
  "img-src 'self' data: chrome-extension: moz-extension:",
  "font-src 'self' chrome-extension: moz-extension:",
  "connect-src 'self' http://localhost:* http://127.0.0.1:*",
  "frame-src 'self' chrome-extension: moz-extension:",
  "frame-ancestors 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');
