import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { allowsPlainHttp, type UserSettings } from '../settings.ts';

/**
 * Signing in with the council's own account (authMode "oidc"): the OAuth 2.0 authorisation-code flow with
 * PKCE (S256), `state` and an OpenID Connect `nonce`, run by the background in the browser's own sign-in
 * window (`identity.launchWebAuthFlow`), for a public client (no secret: an extension cannot keep one).
 * The protocol checks are oauth4webapi's (a certified, dependency-free client for browsers and workers);
 * this module adds what EduBridge decides:
 *
 * - it talks to the configured issuer's origin only: discovery at that issuer, and a provider whose
 *   authorisation or token endpoint is elsewhere is refused (the extension holds no permission there);
 * - every token response is validated with zod before anything is kept;
 * - what is kept (the tokens, who signed in, when the access token expires) goes to the store the
 *   background gives it: `storage.session`, in memory, gone when the browser closes, out of reach of
 *   content scripts; it is validated again when read back;
 * - the access token is renewed with the refresh token before it expires (`refreshAt`); a provider that
 *   refuses the refresh ends the sign-in;
 * - signing out asks the provider to revoke the tokens, when it publishes a revocation endpoint
 *   (`signOutAndRevoke`).
 */

/** Where and as whom to sign in: the settings' oidc fields. */
export interface SignInConfig {
  issuer: string;
  clientId: string;
  scope: string;
  /** The API's resource indicator (RFC 8707), or '' for none. */
  resource: string;
}

/** The sign-in configuration the settings describe. */
export function signInConfigOf(settings: Pick<UserSettings, 'oidcIssuer' | 'oidcClientId' | 'oidcScope' | 'oidcResource'>): SignInConfig {
  return { issuer: settings.oidcIssuer, clientId: settings.oidcClientId, scope: settings.oidcScope, resource: settings.oidcResource };
}

/** A token is renewed this long before it expires (or half-way through its life, if that is later). */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;
/** When a token response says nothing of the token's lifetime, it is treated as this short. */
export const ASSUMED_LIFETIME_S = 300;
/** After a refresh that could not reach the provider, it is tried again this much later (until expiry). */
export const REFRESH_RETRY_MS = 60_000;

const Token = z.string().min(1).max(16_384);

/** A token endpoint's answer, as EduBridge accepts it (after oauth4webapi's own checks). */
export const TokenResponse = z.object({
  access_token: Token,
  token_type: z.string().regex(/^bearer$/i, 'EduBridge sends bearer tokens only'),
  expires_in: z.number().int().positive().max(7 * 24 * 3600).optional(),
  refresh_token: Token.optional(),
  id_token: z.string().max(16_384).optional(),
  scope: z.string().max(4096).optional(),
});

/** What is kept while someone is signed in (storage.session), checked again when read back. */
export const StoredSignIn = z.object({
  issuer: z.string().min(1).max(2048),
  clientId: z.string().min(1).max(256),
  /** The ID token's `sub` at this issuer: whose cache the extension's cache is. */
  subject: z.string().min(1).max(1024),
  /** The person's name, email or username, for "Signed in as …". */
  name: z.string().max(500),
  accessToken: Token,
  refreshToken: Token.optional(),
  /** When the access token was obtained and when it expires (ms since the epoch). */
  obtainedAt: z.number().int().nonnegative(),
  expiresAt: z.number().int().nonnegative(),
});
export type StoredSignIn = z.infer<typeof StoredSignIn>;

export type SignInFailure = 'not-configured' | 'cancelled' | 'refused' | 'provider' | 'offline';

/** Why signing in did not work, in words for the person signing in. */
export class SignInError extends Error {
  override name = 'SignInError';
  constructor(
    readonly reason: SignInFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface SignInStore {
  get(): Promise<unknown>;
  set(value: StoredSignIn): Promise<void>;
  clear(): Promise<void>;
}

export interface SignInDeps {
  fetch: typeof fetch;
  /** `identity.launchWebAuthFlow({ url, interactive: true })`: the provider's pages in the browser's
   * sign-in window; resolves with the address the provider sent the browser back to. */
  launchWebAuthFlow(url: string): Promise<string | undefined>;
  /** `identity.getRedirectURL()`: https://<extension id>.chromiumapp.org/ or https://<hash>.extensions.allizom.org/ */
  redirectUri(): string;
  store: SignInStore;
  now(): number;
}

/** When a signed-in session's access token is renewed. */
export function refreshAt(session: Pick<StoredSignIn, 'obtainedAt' | 'expiresAt'>): number {
  const halfLife = session.obtainedAt + (session.expiresAt - session.obtainedAt) / 2;
  return Math.round(Math.max(halfLife, session.expiresAt - REFRESH_BEFORE_EXPIRY_MS));
}

function withOpenId(scope: string): string {
  const scopes = scope.split(' ').filter(Boolean);
  return (scopes.includes('openid') ? scopes : ['openid', ...scopes]).join(' ');
}

/** When the alarm that renews a sign-in should next fire: at `refreshAt`, or, when that has passed (the
 * provider could not be reached), a little later. */
export function nextRefresh(session: Pick<StoredSignIn, 'obtainedAt' | 'expiresAt'>, now: number): number {
  const due = refreshAt(session);
  return due > now ? due : now + REFRESH_RETRY_MS;
}

export class CouncilSignIn {
  private readonly servers = new Map<string, oauth.AuthorizationServer>();
  private refreshing: Promise<StoredSignIn | undefined> | undefined;

  constructor(private readonly deps: SignInDeps) {}

  private http<Method, Body>(issuer: URL): oauth.HttpRequestOptions<Method, Body> {
    return {
      [oauth.customFetch]: (url: string, init: RequestInit) => this.deps.fetch(url, init),
      // Plain http only for a provider on this computer, in the demo build (settings.ts).
      ...(issuer.protocol === 'http:' && allowsPlainHttp(issuer) ? { [oauth.allowInsecureRequests]: true } : {}),
      signal: () => AbortSignal.timeout(15_000),
    } as oauth.HttpRequestOptions<Method, Body>;
  }

  private check(config: SignInConfig): URL {
    if (!config.issuer || !config.clientId)
      throw new SignInError('not-configured', 'Signing in with a council account needs the identity provider’s address and EduBridge’s client ID (EduBridge options).');
    return new URL(config.issuer);
  }

  /** The provider's metadata, from discovery at the configured issuer. */
  private async server(config: SignInConfig): Promise<oauth.AuthorizationServer> {
    const issuer = this.check(config);
    const known = this.servers.get(issuer.href);
    if (known) return known;
    let server: oauth.AuthorizationServer;
    try {
      server = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...this.http<'GET', undefined>(issuer) }));
    } catch (error) {
      throw this.explain(error, issuer);
    }
    // The only origin besides the API's that EduBridge may reach is the issuer's.
    for (const endpoint of ['authorization_endpoint', 'token_endpoint'] as const) {
      const value = server[endpoint];
      if (!value) throw new SignInError('provider', `The identity provider at ${issuer.host} publishes no ${endpoint.replace('_', ' ')}.`);
      if (new URL(value).origin !== issuer.origin)
        throw new SignInError('provider', `The identity provider’s ${endpoint.replace('_', ' ')} (${new URL(value).host}) is not at its own address (${issuer.host}); EduBridge talks to the issuer’s address only.`);
    }
    this.servers.set(issuer.href, server);
    return server;
  }

  private explain(error: unknown, issuer: URL): SignInError {
    if (error instanceof SignInError) return error;
    if (error instanceof oauth.AuthorizationResponseError)
      return new SignInError('refused', `The identity provider did not sign you in (${error.error}${error.error_description ? `: ${error.error_description}` : ''}).`);
    if (error instanceof oauth.ResponseBodyError)
      return new SignInError('refused', `The identity provider refused (${error.error}${error.error_description ? `: ${error.error_description}` : ''}).`);
    if (error instanceof oauth.OperationProcessingError || error instanceof z.ZodError || error instanceof oauth.UnsupportedOperationError)
      return new SignInError('provider', `The identity provider at ${issuer.host} answered in a way EduBridge cannot accept: ${error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ') : error.message}`);
    return new SignInError('offline', `EduBridge could not reach the identity provider at ${issuer.host}.`);
  }

  private client(config: SignInConfig): oauth.Client {
    return { client_id: config.clientId };
  }

  private extra(config: SignInConfig): Record<string, string> {
    return config.resource ? { resource: config.resource } : {};
  }

  /** Opens the provider's sign-in in the browser's window and keeps the tokens it gives. */
  async signIn(config: SignInConfig): Promise<StoredSignIn> {
    const server = await this.server(config);
    const issuer = new URL(config.issuer);
    const client = this.client(config);
    const redirectUri = this.deps.redirectUri();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const url = new URL(server.authorization_endpoint!);
    const parameters: Record<string, string> = {
      client_id: config.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: withOpenId(config.scope),
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...this.extra(config),
    };
    for (const [key, value] of Object.entries(parameters)) url.searchParams.set(key, value);
    let returned: string | undefined;
    try {
      returned = await this.deps.launchWebAuthFlow(url.href);
    } catch {
      throw new SignInError('cancelled', 'The sign-in window was closed before you signed in.');
    }
    if (!returned || !returned.startsWith(redirectUri)) throw new SignInError('cancelled', 'The sign-in window was closed before you signed in.');
    const obtainedAt = this.deps.now();
    try {
      const callback = oauth.validateAuthResponse(server, client, new URL(returned), state);
      const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), callback, redirectUri, verifier, {
        ...this.http<'POST', URLSearchParams>(issuer),
        additionalParameters: this.extra(config),
      });
      const result = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: nonce, requireIdToken: true });
      const tokens = TokenResponse.parse(result);
      const claims = oauth.getValidatedIdTokenClaims(result);
      if (!claims?.sub) throw new SignInError('provider', 'The identity provider did not say who signed in (no ID token subject).');
      const name = [claims.name, claims.preferred_username, claims.email, claims.sub].find((value): value is string => typeof value === 'string' && value !== '')!;
      const session: StoredSignIn = StoredSignIn.parse({
        issuer: server.issuer,
        clientId: config.clientId,
        subject: claims.sub,
        name: name.slice(0, 500),
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token,
        obtainedAt,
        expiresAt: obtainedAt + (tokens.expires_in ?? ASSUMED_LIFETIME_S) * 1000,
      });
      await this.deps.store.set(session);
      return session;
    } catch (error) {
      throw this.explain(error, issuer);
    }
  }

  /** Who is signed in with this configuration, if anyone (a sign-in kept for another provider or client
   * is not theirs: it is ended). */
  async current(config: SignInConfig): Promise<StoredSignIn | undefined> {
    const parsed = StoredSignIn.safeParse(await this.deps.store.get().catch(() => undefined));
    if (!parsed.success) return undefined;
    const session = parsed.data;
    if (session.clientId !== config.clientId || !config.issuer || new URL(session.issuer).href !== new URL(config.issuer).href) {
      await this.signOut();
      return undefined;
    }
    return session;
  }

  /** A valid access token, renewed first when it is due; undefined when nobody is signed in (or the
   * sign-in has ended). */
  async accessToken(config: SignInConfig): Promise<string | undefined> {
    let session = await this.current(config);
    if (!session) return undefined;
    if (this.deps.now() >= refreshAt(session)) session = await this.refresh(config);
    return session && this.deps.now() < session.expiresAt ? session.accessToken : undefined;
  }

  /**
   * Renews the access token with the refresh token. The provider refusing (the refresh token expired or
   * was revoked, the person was disabled), or no refresh token at an expired token, ends the sign-in:
   * undefined. A provider that cannot be reached leaves the sign-in as it is until its token expires.
   */
  refresh(config: SignInConfig): Promise<StoredSignIn | undefined> {
    this.refreshing ??= this.renew(config).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async renew(config: SignInConfig): Promise<StoredSignIn | undefined> {
    const session = await this.current(config);
    if (!session) return undefined;
    const expired = this.deps.now() >= session.expiresAt;
    if (!session.refreshToken) {
      if (!expired) return session;
      await this.signOut();
      return undefined;
    }
    const issuer = new URL(config.issuer);
    const client = this.client(config);
    let server: oauth.AuthorizationServer;
    try {
      server = await this.server(config);
    } catch {
      return this.unreachable(session);
    }
    const obtainedAt = this.deps.now();
    let response: Response;
    try {
      response = await oauth.refreshTokenGrantRequest(server, client, oauth.None(), session.refreshToken, { ...this.http<'POST', URLSearchParams>(issuer), additionalParameters: this.extra(config) });
    } catch {
      return this.unreachable(session);
    }
    try {
      const result = await oauth.processRefreshTokenResponse(server, client, response);
      const tokens = TokenResponse.parse(result);
      // A renewed ID token must name the same person.
      const claims = oauth.getValidatedIdTokenClaims(result);
      if (claims && claims.sub !== session.subject) throw new SignInError('provider', 'The identity provider renewed the sign-in for someone else.');
      const renewed = StoredSignIn.parse({
        ...session,
        accessToken: tokens.access_token,
        // Providers that rotate refresh tokens send a new one; others keep the old one valid.
        refreshToken: tokens.refresh_token ?? session.refreshToken,
        obtainedAt,
        expiresAt: obtainedAt + (tokens.expires_in ?? ASSUMED_LIFETIME_S) * 1000,
      });
      await this.deps.store.set(renewed);
      return renewed;
    } catch {
      await this.signOut();
      return undefined;
    }
  }

  private async unreachable(session: StoredSignIn): Promise<StoredSignIn | undefined> {
    if (this.deps.now() < session.expiresAt) return session;
    await this.signOut();
    return undefined;
  }

  /** Forgets the tokens. */
  async signOut(): Promise<void> {
    await this.deps.store.clear();
  }

  /**
   * The person signs out: the tokens are forgotten, then the provider is asked to revoke them (RFC 7009),
   * the refresh token first, so that a copy of it (from before the browser forgot it) cannot start the
   * sign-in again. Only a provider that publishes a revocation endpoint at its own address is asked, and
   * only for a sign-in made with this configuration; its answer (or silence) changes nothing here: the
   * tokens are gone from the browser either way. An access token the provider cannot revoke (a JWT)
   * ends at its expiry, minutes away.
   */
  async signOutAndRevoke(config: SignInConfig): Promise<void> {
    const session = await this.current(config);
    await this.signOut();
    if (!session) return;
    const issuer = new URL(config.issuer);
    let server: oauth.AuthorizationServer;
    try {
      server = await this.server(config);
    } catch {
      return;
    }
    const endpoint = server.revocation_endpoint;
    if (!endpoint || new URL(endpoint).origin !== issuer.origin) return;
    const tokens: [token: string, hint: string][] = [[session.accessToken, 'access_token']];
    if (session.refreshToken) tokens.unshift([session.refreshToken, 'refresh_token']);
    for (const [token, hint] of tokens) {
      try {
        await oauth.processRevocationResponse(await oauth.revocationRequest(server, this.client(config), oauth.None(), token, { ...this.http<'POST', URLSearchParams>(issuer), additionalParameters: { token_type_hint: hint } }));
      } catch {
        // Refused or unreachable: nothing more to do from here.
      }
    }
  }
}
