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

/**
 * A fixed-window request counter per key, holding at most `maxKeys` keys: when full, expired windows are
 * dropped first, then the oldest, so distinct keys (addresses, guessed tokens) cannot grow memory without
 * bound.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    readonly maxKeys = 10_000,
  ) {}

  /** How many keys are being counted. */
  get size(): number {
    return this.windows.size;
  }

  /** Counts one request; the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (window) this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) {
        for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
        // Still full: forget the oldest windows (Maps iterate in insertion order).
        for (const k of this.windows.keys()) {
          if (this.windows.size < this.maxKeys) break;
          this.windows.delete(k);
        }
      }
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return this.waitFor(window, now);
  }

  /** The seconds to wait for this key without counting a request, else 0. */
  peek(key: string): number {
    const now = this.now();
    const window = this.windows.get(key);
    return window && window.resetAt > now ? this.waitFor(window, now) : 0;
  }

  private waitFor(window: { count: number; resetAt: number }, now: number): number {
    return window.count > this.limit ? Math.max(1, Math.ceil((window.resetAt - now) / 1000)) : 0;
  }
}

/** Origin wildcards are for extension schemes only: `https://*` would let every web site use a signed-in session. */
const WILDCARD_SCHEMES = new Set(['chrome-extension', 'moz-extension', 'safari-web-extension']);

/** Why a configured allowed origin is refused, or undefined when it is fine. */
export function originProblem(origin: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\/(\*|[^/\s*]+)$/i.test(origin)) return `${JSON.stringify(origin)} is not an origin (scheme://host[:port], or scheme://* for any extension)`;
  if (origin.endsWith('://*') && !WILDCARD_SCHEMES.has(origin.slice(0, -4).toLowerCase())) {
    return `${JSON.stringify(origin)} would allow every site of that scheme to use a signed-in session; list each origin (a wildcard is allowed only for extensions, e.g. chrome-extension://*)`;
  }
  return undefined;
}

/** The host names a server on loopback answers to when no allowed hosts are configured. */
export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'] as const;

/**
 * Whether a request's Host (as the URL's hostname, port ignored) is one this service answers to: a defence
 * against DNS rebinding, and against links built from a forged Host.
 */
export function hostAllowed(hostname: string, allowed: readonly string[]): boolean {
  const name = hostname.toLowerCase();
  return allowed.some((host) => host.toLowerCase() === name);
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
