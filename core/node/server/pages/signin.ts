import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import type { AppEnv } from '../app.ts';
import type { PrincipalLimits } from '../guards.ts';
import { requestCookie } from '../request-headers.ts';
import { SESSION_COOKIE, SESSION_HOURS } from '../sessions.ts';
import type { Sessions } from '../stores.ts';
import { hashToken, type User, type UserDirectory } from '../users.ts';
import { page } from './layout.ts';

/** Where to go after signing in: only a path on this server, never another site. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/';
}

/** The address that starts a sign-in with the council's identity provider, going on to `next` afterwards. */
export const councilSignInHref = (next: string): string => `/signin/oidc?next=${encodeURIComponent(safeNext(next))}`;

/**
 * The sign-in page: with the council's identity provider configured, a link to sign in with the council
 * account first, then the access-token form (for scripts and break-glass accounts).
 */
function signInPageWith(oidc: boolean, next: string, signedInAs: User | undefined, error?: string) {
  return page(
    { title: 'Sign in — EduBridge' },
    html`<main class="narrow">
  <h1>Sign in to EduBridge</h1>
  ${signedInAs ? html`<p class="notice" role="status">You are signed in as ${signedInAs.name} (${signedInAs.role}).</p>` : ''}
  ${error ? html`<p class="error" role="alert" id="signin-error">${error}</p>` : ''}
  ${oidc ? html`<p><a id="signin-council" href="${councilSignInHref(next)}">Sign in with your council account</a></p>
  <h2>Or sign in with an access token</h2>` : ''}
  <form method="post" action="/signin">
    <input type="hidden" name="next" value="${next}">
    <label for="token">Access token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required ${error ? html`aria-describedby="signin-error"` : ''}>
    <button type="submit">Sign in</button>
  </form>
  <p>Signing in sets a session cookie, so the EduBridge extension and widgets can use the service without a token.</p>
  ${signedInAs ? html`<form method="post" action="/signout"><button type="submit">Sign out</button></form>` : ''}
</main>`,
  );
}

export function registerSignIn(
  app: Hono<AppEnv>,
  deps: {
    directory: UserDirectory;
    sessions: Sessions;
    userFor: (c: Context<AppEnv>) => Promise<User | undefined>;
    limits: Pick<PrincipalLimits, 'failed' | 'blocked'>;
    secureCookies: boolean;
    /** Whether the council's identity provider is configured: the page then offers it. */
    oidc?: boolean;
    sameOrigin: (c: Context) => boolean;
  },
): void {
  const { directory, sessions, limits } = deps;
  const signInPage = (next: string, signedInAs: User | undefined, error?: string) => signInPageWith(deps.oidc ?? false, next, signedInAs, error);

  app.get('/signin', async (c) => c.html(signInPage(safeNext(c.req.query('next')), await deps.userFor(c))));

  app.post('/signin', async (c) => {
    if (!deps.sameOrigin(c)) return c.html(signInPage('/', undefined, 'Sign in from this site’s own sign-in page.'), 403);
    const blocked = await limits.blocked(c);
    if (blocked > 0) return c.html(signInPage('/', undefined, `Too many tries with tokens that are not recognised. Try again in ${blocked} seconds.`), 429, { 'retry-after': String(blocked) });
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      return c.html(signInPage('/', undefined, 'The sign-in form could not be read. Sign in from this page.'), 400);
    }
    const next = safeNext(form.next);
    const token = typeof form.token === 'string' ? form.token.trim() : '';
    const user = token ? directory.byToken(token) : undefined;
    if (!user) {
      const wait = await limits.failed(c);
      if (wait > 0) return c.html(signInPage(next, undefined, `Too many tries with tokens that are not recognised. Try again in ${wait} seconds.`), 429, { 'retry-after': String(wait) });
      return c.html(signInPage(next, undefined, 'That access token is not recognised. Check it and try again.'), 401);
    }
    const previous = requestCookie(c, SESSION_COOKIE);
    if (previous) await sessions.end(previous);
    setCookie(c, SESSION_COOKIE, await sessions.start(hashToken(token)), { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: SESSION_HOURS * 3600, secure: deps.secureCookies });
    return c.redirect(next, 303);
  });

  app.post('/signout', async (c) => {
    if (!deps.sameOrigin(c)) return c.text('Forbidden', 403);
    const session = requestCookie(c, SESSION_COOKIE);
    if (session) await sessions.end(session);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/signin', 303);
  });
}
