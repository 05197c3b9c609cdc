import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { parse } from 'hono/utils/cookie';

/**
 * A request's headers, read from what Node's HTTP server parsed rather than from `c.req.header()`: the
 * first such call builds a fetch `Headers` object of every header (each name and value checked and
 * copied, and a record of them kept): 4–8% of the server's CPU time under load in profiles, and a share of
 * the garbage each request leaves. The values are the same as `Headers.get` gives: repeated
 * headers joined with ", " (Cookie with "; "), none discarded.
 *
 * Outside Node's server (`app.request()` in tests, another runtime) these read the request object.
 */

function incomingOf(c: Context): IncomingMessage | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
}

/** A request header by its name (in any case); undefined when it was not sent. */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c);
  if (incoming === undefined) return c.req.header(name);
  const key = name.toLowerCase();
  const values = incoming.headersDistinct[key];
  if (values === undefined) return undefined;
  return values.length === 1 ? values[0] : values.join(key === 'cookie' ? '; ' : ', ');
}

/** A cookie the request sent, as Hono's `getCookie(c, name)` gives it. */
export function requestCookie(c: Context, name: string): string | undefined {
  const cookie = requestHeader(c, 'cookie');
  return cookie ? parse(cookie, name)[name] : undefined;
}

/** The size of a request's headers as sent: `name: value\r\n` each. */
export function requestHeaderBytes(c: Context): number {
  let total = 0;
  const incoming = incomingOf(c);
  if (incoming === undefined) {
    c.req.raw.headers.forEach((value, name) => {
      total += name.length + value.length + 4;
    });
    return total;
  }
  const raw = incoming.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) total += (raw[i] as string).length + (raw[i + 1] as string).length + 4;
  return total;
}
