import type { Context, MiddlewareHandler } from 'hono';
import { PAGE_ORIGIN_HEADER, PURPOSE_HEADER } from '../../api/schemas.ts';
import { requestHeader } from './request-headers.ts';
import { problem } from './security.ts';

/**
 * CORS for the API, so that a refusal is something a page can read.
 *
 * A browser request from an origin the service allows gets the CORS headers (credentials included) and
 * its answer. A request from any other origin is refused with a 403 problem
 * (`urn:edubridge:problem:origin-not-allowed`) before anything else is looked at — no credentials are
 * checked, nothing is disclosed or audited — and that refusal carries CORS headers itself, as does the
 * preflight before it, so the widget on that page can tell "this site is not allowed to use the service"
 * from "the service cannot be reached". Every response that discloses data still goes only to an allowed
 * origin.
 */

export const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';
export const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', PURPOSE_HEADER, PAGE_ORIGIN_HEADER].join(', ');
/** The response headers a page may read: the request ID for support, and the two that say what to do next. */
export const EXPOSED_HEADERS = 'X-Request-Id, Retry-After, WWW-Authenticate';
const PREFLIGHT_MAX_AGE = '600';

export const ORIGIN_REFUSED_DETAIL = 'This web site is not allowed to use the Education Status service: the service must list its origin.';
export const OPAQUE_ORIGIN_DETAIL = 'Requests from opaque origins (sandboxed frames, local files) are not allowed.';

function appendVary(c: Context, value: string): void {
  const vary = c.res.headers.get('vary');
  if (!vary) c.res.headers.set('vary', value);
  else if (!vary.toLowerCase().split(/\s*,\s*/).includes(value.toLowerCase())) c.res.headers.set('vary', `${vary}, ${value}`);
}

function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

export function apiCors(allowed: (origin: string, c: Context) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const origin = requestHeader(c, 'origin');
    if (origin === undefined) {
      await next();
      return;
    }
    // An opaque origin cannot be allowed, and cannot read any answer either.
    if (origin === 'null') return problem(c, 'originNotAllowed', OPAQUE_ORIGIN_DETAIL);
    const ok = allowed(origin, c);
    if (c.req.method === 'OPTIONS' && requestHeader(c, 'access-control-request-method') !== undefined) {
      // The preflight is answered for every origin: the request that follows is refused with a readable 403.
      return c.body(null, 204, {
        ...corsHeaders(origin),
        'access-control-allow-methods': ALLOWED_METHODS,
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': PREFLIGHT_MAX_AGE,
      });
    }
    if (!ok) return problem(c, 'originNotAllowed', ORIGIN_REFUSED_DETAIL, { headers: corsHeaders(origin) });
    await next();
    for (const [name, value] of Object.entries(corsHeaders(origin))) {
      if (name === 'vary') appendVary(c, value);
      else c.res.headers.set(name, value);
    }
  };
}
