import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { AppEnv } from './app.ts';
import type { PrincipalLimits } from './guards.ts';
import { createOidc, OidcRefused, OidcSettings, type Oidc, type PendingSignIn, type Principal } from './oidc.ts';
import { page } from './pages/layout.ts';
import { safeNext } from './pages/signin.ts';
import { SESSION_COOKIE, SESSION_HOURS } from './sessions.ts';
import type { Sessions } from './stores.ts';
import type { User } from './users.ts';

/**
 * The council's identity provider wired into the server (`edubridge serve --oidc FILE`): API bearer JWTs
 * name a person by their claims; `GET /signin/oidc` and `GET /signin/callback` sign a browser in and start
 * the usual session cookie. The person is mapped to the server's `User` in one place (`userOf`), so the
 * same scope rules apply as for static tokens: a social worker sees the children whose allocated worker is
 * them, a designated teacher the children at their schools, the virtual school every child.
 */

/** The cookie keying a browser's sign-in in progress (HttpOnly; the pending state itself stays here). */
export const PENDING_COOKIE = 'edubridge_oidc';
/** How long a browser has to come back from the provider. */
export const PENDING_MINUTES = 10;
/** Sign-ins in progress kept at once; the oldest is dropped beyond this. */
const MAX_PENDING = 10_000;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The one place a signed-in person becomes the server's user. Their key (what rate limits, revocations,
 * sessions and log lines use in place of a token's hash) is the SHA-256 of the issuer and subject, so it
 * is the same whatever token they present.
 */
export function userOf(principal: Principal, issuer: string): User {
  return {
    tokenSha256: sha256(`oidc\n${issuer}\n${principal.subject}`),
    name: principal.name,
    role: principal.role,
    children: [],
    schools: principal.role === 'designated-teacher' ? principal.schools : [],
    ...(principal.staffId !== undefined ? { staffId: principal.staffId } : {}),
  };
}

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

export class OidcAuth {
  /** People signed in through the browser, by their key, until their sign-in expires. */
  private readonly signedIn = new Map<string, { user: User; expires: number }>();
  private readonly pending = new Map<string, { pending: PendingSignIn; expires: number }>();

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

  /** The person a browser session's key names, while their sign-in lasts. */
  sessionUser(key: string): User | undefined {
    const entry = this.signedIn.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.signedIn.delete(key);
      return undefined;
    }
    return entry.user;
  }

  private keep(pending: PendingSignIn): string {
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    // Oldest first (all last equally long): drop the expired, and the oldest beyond the limit.
    for (const [key, entry] of this.pending) {
      if (entry.expires > now && this.pending.size < MAX_PENDING) break;
      this.pending.delete(key);
    }
    this.pending.set(id, { pending, expires: now + PENDING_MINUTES * 60_000 });
    return id;
  }

  /** The sign-in a cookie names, once only, and only while it is fresh. */
  private take(id: string | undefined): PendingSignIn | undefined {
    if (!id) return undefined;
    const entry = this.pending.get(id);
    this.pending.delete(id);
    return entry && entry.expires > this.now() ? entry.pending : undefined;
  }

  register(app: Hono<AppEnv>, deps: { sessions: Sessions; limits: Pick<PrincipalLimits, 'failed' | 'blocked'>; secureCookies: boolean }): void {
    const { sessions, limits } = deps;
    const pendingCookie = { httpOnly: true, sameSite: 'Lax' as const, path: '/signin', secure: deps.secureCookies };

    const refusedPage = (c: Context<AppEnv>, status: 400 | 403 | 429, message: string, headers: Record<string, string> = {}) =>
      c.html(
        page(
          { title: 'Sign in — EduBridge', styles: ['site.css'] },
          html`<main class="narrow"><h1>Sign in to EduBridge</h1><p class="error" role="alert">${message}</p><p><a href="/signin/oidc">Sign in again</a></p></main>`,
        ),
        status,
        headers,
      );

    app.get('/signin/oidc', async (c) => {
      const { url, pending } = await this.oidc.startSignIn(safeNext(c.req.query('next')));
      setCookie(c, PENDING_COOKIE, this.keep(pending), { ...pendingCookie, maxAge: PENDING_MINUTES * 60 });
      return c.redirect(url.href, 302);
    });

    app.get('/signin/callback', async (c) => {
      const blocked = await limits.blocked(c);
      if (blocked > 0) return refusedPage(c, 429, `Too many sign-ins that did not complete. Try again in ${blocked} seconds.`, { 'retry-after': String(blocked) });
      const pending = this.take(getCookie(c, PENDING_COOKIE));
      deleteCookie(c, PENDING_COOKIE, pendingCookie);
      const refuse = async (status: 400 | 403, message: string) => {
        const wait = await limits.failed(c);
        if (wait > 0) return refusedPage(c, 429, `Too many sign-ins that did not complete. Try again in ${wait} seconds.`, { 'retry-after': String(wait) });
        return refusedPage(c, status, message);
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
      const user = userOf(principal, this.oidc.settings.issuer);
      const sessionMs = SESSION_HOURS * 3600_000;
      const expires = Math.min(this.now() + sessionMs, principal.expiresAt !== undefined ? principal.expiresAt * 1000 : Infinity);
      this.signedIn.set(user.tokenSha256 as string, { user, expires: Math.max(expires, this.signedIn.get(user.tokenSha256 as string)?.expires ?? 0) });
      const previous = getCookie(c, SESSION_COOKIE);
      if (previous) await sessions.end(previous);
      setCookie(c, SESSION_COOKIE, await sessions.start(user.tokenSha256 as string), { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: Math.max(1, Math.floor((expires - this.now()) / 1000)), secure: deps.secureCookies });
      return c.redirect(pending.next, 303);
    });
  }
}
