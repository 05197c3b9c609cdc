import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { AppEnv } from './app.ts';
import type { PrincipalLimits } from './guards.ts';
import { createOidc, OidcRefused, OidcSettings, type Oidc, type Principal } from './oidc.ts';
import { page } from './pages/layout.ts';
import { requestCookie } from './request-headers.ts';
import { councilSignInHref, safeNext } from './pages/signin.ts';
import { PENDING_MINUTES, SESSION_COOKIE, SESSION_HOURS, type SessionPerson } from './sessions.ts';
import type { PendingSignIns, RateCounter, Sessions } from './stores.ts';
import type { User } from './users.ts';

/**
 * The council's identity provider wired into the server (`edubridge serve --oidc FILE`): API bearer JWTs
 * name a person by their claims; `GET /signin/oidc` and `GET /signin/callback` sign a browser in and start
 * the usual session cookie. The person is mapped to the server’s `User` in one place (`userOfPerson`), so the
 * same scope rules apply as for static tokens: a social worker sees the children whose allocated worker is
 * them, a designated teacher the children at their schools, the virtual school every child.
 */

/** The cookie keying a browser's sign-in in progress (HttpOnly; the pending state itself stays on the server). */
export const PENDING_COOKIE = 'edubridge_oidc';
export { PENDING_MINUTES };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The key of a person signed in through the identity provider: what rate limits, revocations, sessions
 * and log lines use in place of a token's hash. It is the SHA-256 of the issuer and subject, so it is the
 * same whatever token they present (`edubridge revoke KEY` ends all their sessions and tokens).
 */
export const personKey = (issuer: string, subject: string): string => sha256(`oidc\n${issuer}\n${subject}`);

/** What a browser session keeps of the person the provider signed in. */
export function sessionPersonOf(principal: Principal): SessionPerson {
  return {
    name: principal.name,
    role: principal.role,
    schools: principal.role === 'designated-teacher' ? principal.schools : [],
    ...(principal.staffId !== undefined ? { staffId: principal.staffId } : {}),
  };
}

/**
 * The one place a person signed in through the identity provider becomes the server's user, from a
 * bearer token's claims or a browser session: the same scope rules then apply as for static tokens.
 */
export function userOfPerson(key: string, person: SessionPerson): User {
  return {
    tokenSha256: key,
    name: person.name,
    role: person.role,
    children: [],
    schools: person.role === 'designated-teacher' ? person.schools : [],
    ...(person.staffId !== undefined ? { staffId: person.staffId } : {}),
  };
}

/** The user a bearer token's (or a sign-in's) principal names. */
export const userOf = (principal: Principal, issuer: string): User => userOfPerson(personKey(issuer, principal.subject), sessionPersonOf(principal));

/** Reads and checks an OIDC settings file; the error names the file and the field that is wrong. */
export async function loadOidcSettings(file: string): Promise<OidcSettings> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the identity provider settings ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`the identity provider settings ${file} are not valid JSON: ${(error as Error).message}`);
  }
  const result = OidcSettings.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}` : '';
    throw new Error(`the identity provider settings ${file} are not valid${where}: ${issue?.message ?? 'unknown problem'}`);
  }
  return result.data;
}

/** Reads the settings file and connects to the provider (discovery). */
export async function oidcFromFile(file: string): Promise<Oidc> {
  const settings = await loadOidcSettings(file);
  try {
    return await createOidc(settings);
  } catch (error) {
    throw new Error(`cannot use the identity provider in ${file}: ${(error as Error).message}`);
  }
}

/** A JWT's shape: three base64url parts (static tokens have no dots). */
export const looksLikeJwt = (token: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);

/**
 * Bearer JWTs, and the browser sign-in. Nothing about a person or a sign-in in progress is held in this
 * object: both are in the stores (`stores.ts`), so with a shared store any instance finishes a sign-in
 * another started, serves its session, and a sign-out on one ends it on all.
 */
export class OidcAuth {
  constructor(
    readonly oidc: Oidc,
    private readonly now: () => number = Date.now,
  ) {}

  /** The user an API bearer JWT names, or why it is refused. */
  async bearer(token: string): Promise<User | OidcRefused> {
    try {
      return userOf(await this.oidc.verifyAccessToken(token), this.oidc.settings.issuer);
    } catch (error) {
      if (error instanceof OidcRefused) return error;
      throw error;
    }
  }

  register(
    app: Hono<AppEnv>,
    deps: {
      sessions: Sessions;
      pendingSignIns: PendingSignIns;
      limits: Pick<PrincipalLimits, 'failed' | 'blocked'>;
      /** Sign-ins started per client address. */
      starts: RateCounter;
      secureCookies: boolean;
    },
  ): void {
    const { sessions, pendingSignIns, limits, starts } = deps;
    const pendingCookie = { httpOnly: true, sameSite: 'Lax' as const, path: '/signin', secure: deps.secureCookies };

    /** A refused sign-in: why, and a link to sign in again that returns to the page asked for (`next`). */
    const refusedPage = (c: Context<AppEnv>, status: 400 | 403 | 429, message: string, next: string | undefined, headers: Record<string, string> = {}) =>
      c.html(
        page(
          { title: 'Sign in — EduBridge' },
          html`<main class="narrow"><h1>Sign in to EduBridge</h1><p class="error" role="alert">${message}</p><p><a href="${councilSignInHref(next ?? '/')}">Sign in again</a></p></main>`,
        ),
        status,
        headers,
      );

    const tooMany = (c: Context<AppEnv>, wait: number, what: string, next: string | undefined) => refusedPage(c, 429, `${what} Try again in ${wait} seconds.`, next, { 'retry-after': String(wait) });
    const FAILED = 'Too many sign-ins that did not complete.';

    app.get('/signin/oidc', async (c) => {
      // As the token sign-in: an address that failed too often waits; and each address may start only so
      // many sign-ins a minute, since each is kept on the server until it completes or expires.
      const next = c.req.query('next');
      const blocked = await limits.blocked(c);
      if (blocked > 0) return tooMany(c, blocked, FAILED, next);
      const wait = await starts.hit(c.get('clientAddress'));
      if (wait > 0) return tooMany(c, wait, 'Too many sign-ins started from here.', next);
      const { url, pending } = await this.oidc.startSignIn(safeNext(c.req.query('next')));
      setCookie(c, PENDING_COOKIE, await pendingSignIns.keep(pending), { ...pendingCookie, maxAge: PENDING_MINUTES * 60 });
      return c.redirect(url.href, 302);
    });

    app.get('/signin/callback', async (c) => {
      const blocked = await limits.blocked(c);
      if (blocked > 0) return tooMany(c, blocked, FAILED, undefined);
      const pendingId = requestCookie(c, PENDING_COOKIE);
      const pending = pendingId ? await pendingSignIns.take(pendingId) : undefined;
      deleteCookie(c, PENDING_COOKIE, pendingCookie);
      const refuse = async (status: 400 | 403, message: string) => {
        const wait = await limits.failed(c);
        if (wait > 0) return tooMany(c, wait, FAILED, pending?.next);
        return refusedPage(c, status, message, pending?.next);
      };
      if (!pending) return refuse(400, 'This sign-in has expired or was already used. Sign in again.');
      // The provider's answer, at the address registered with it (this service may be behind a proxy).
      const callback = new URL(this.oidc.settings.redirectUri);
      callback.search = new URL(c.req.url).search;
      let principal: Principal;
      try {
        principal = await this.oidc.finishSignIn(callback, pending);
      } catch (error) {
        if (!(error instanceof OidcRefused)) throw error;
        if (error.reason === 'no-role') return refuse(403, 'You have no EduBridge role. Ask your administrator to give you one at the council’s identity provider.');
        return refuse(400, 'The sign-in did not complete. Sign in again.');
      }
      // The session lasts as long as the provider's sign-in (the ID token's expiry), at most SESSION_HOURS.
      const expires = Math.min(this.now() + SESSION_HOURS * 3600_000, principal.expiresAt !== undefined ? principal.expiresAt * 1000 : Infinity);
      const previous = requestCookie(c, SESSION_COOKIE);
      if (previous) await sessions.end(previous);
      const id = await sessions.start(personKey(this.oidc.settings.issuer, principal.subject), { person: sessionPersonOf(principal), expiresAt: expires });
      setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: Math.max(1, Math.floor((expires - this.now()) / 1000)), secure: deps.secureCookies });
      return c.redirect(safeNext(pending.next), 303);
    });
  }
}
