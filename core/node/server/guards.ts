import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app.ts';
import { requestCookie, requestHeader } from './request-headers.ts';
import { hostAllowed, problem } from './security.ts';
import { SESSION_COOKIE } from './sessions.ts';
import type { RateCounter } from './stores.ts';
import type { User } from './users.ts';

/** The client's address: the socket's peer, or behind a trusted proxy the last X-Forwarded-For entry (the one the proxy added). */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = requestHeader(c, 'x-forwarded-for');
    const last = forwarded?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? 'local';
}

/** Refuses a request whose Host is not one this service answers to (DNS rebinding, forged links). */
export function hostGuard(allowed: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    let hostname: string;
    try {
      hostname = new URL(c.req.url).hostname;
    } catch {
      hostname = '';
    }
    if (!hostAllowed(hostname, allowed)) return problem(c, 'badRequest', 'This service does not answer to that host name.');
    await next();
  };
}

export interface PrincipalLimits {
  /** The API's gate: refuses addresses that guessed too often, names the person, and counts their requests. */
  api: MiddlewareHandler<AppEnv>;
  /** Counts a failed sign-in for this request's client address; the seconds it must now wait, else 0. */
  failed(c: Context<AppEnv>): Promise<number>;
  /** The seconds this client address must wait before trying a token again, else 0. */
  blocked(c: Context<AppEnv>): Promise<number>;
}

/**
 * Rate limits keyed on who is asking, not on the text of a header: each person (by their token's hash,
 * however the token was sent) has `perPerson` requests a minute; each client address `failuresPerAddress`
 * unknown tokens or sessions a minute, after which it must wait even to try. Both counters hold a bounded
 * number of keys.
 */
export function principalRateLimits(options: {
  people: RateCounter;
  failures: RateCounter;
  userFor: (c: Context<AppEnv>) => Promise<User | undefined>;
  userKey: (user: User) => string;
  /** Why a presented token was refused, when the checks can say (an identity provider's JWT). */
  refusal?: (c: Context<AppEnv>) => string | undefined;
}): PrincipalLimits {
  const { people, failures } = options;
  const tooMany = (c: Context, wait: number, what: string) => problem(c, 'tooManyRequests', `${what} Try again in ${wait} seconds.`, { headers: { 'retry-after': String(wait) } });
  const FAILED = 'Too many tries with a token or session that is not recognised.';

  const failed = (c: Context<AppEnv>) => failures.hit(c.get('clientAddress'));
  const blocked = (c: Context<AppEnv>) => failures.peek(c.get('clientAddress'));

  const api: MiddlewareHandler<AppEnv> = async (c, next) => {
    const waitAddress = await blocked(c);
    if (waitAddress > 0) return tooMany(c, waitAddress, FAILED);
    const user = await options.userFor(c);
    if (!user) {
      const presented = requestHeader(c, 'authorization') !== undefined || requestCookie(c, SESSION_COOKIE) !== undefined;
      if (presented) {
        const wait = await failed(c);
        if (wait > 0) return tooMany(c, wait, FAILED);
      }
      const reason = options.refusal?.(c);
      if (reason !== undefined) {
        // RFC 6750: a token that was presented but refused is an "invalid_token", with a description.
        const description = reason.replace(/\u2019/g, "'").replace(/[^\x20-\x7e]|["\\]/g, '');
        return problem(c, 'unauthorised', reason, { headers: { 'www-authenticate': `Bearer realm="edubridge", error="invalid_token", error_description="${description}"` } });
      }
      return problem(c, 'unauthorised', 'Send an access token (Authorization: Bearer …) or sign in first.', { headers: { 'www-authenticate': 'Bearer realm="edubridge"' } });
    }
    const wait = await people.hit(options.userKey(user));
    if (wait > 0) return tooMany(c, wait, `At most ${people.limit} requests a minute.`);
    c.set('user', user);
    await next();
  };

  return { api, failed, blocked };
}

/**
 * The body limit for requests whose bodies nothing reads (GET, HEAD, OPTIONS): their bodies would be read
 * and thrown away, so a declared length over the limit, or a chunked body of unknown length, is refused
 * and the connection closed.
 */
export function bodilessLimit(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') {
      const length = Number(requestHeader(c, 'content-length') ?? '0');
      const chunked = requestHeader(c, 'transfer-encoding') !== undefined;
      if (chunked || !Number.isFinite(length) || length > maxBytes) {
        return problem(c, 'payloadTooLarge', `A ${c.req.method} request may carry at most ${maxBytes} bytes of body, and nothing reads it.`, { headers: { connection: 'close' } });
      }
    }
    await next();
  };
}
