import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
// @ts-expect-error -- oidc-provider ships no type declarations; the tests use a small, checked part of it.
import Provider from 'oidc-provider';

/**
 * A real, certified OpenID provider (the `oidc-provider` package) on a loopback port, for the sign-in
 * tests: EduBridge's client registered for the authorisation-code flow with PKCE, JWT access tokens for
 * the API's audience, and a few accounts with roles. `signIn` drives its own login and consent pages as a
 * browser would (following redirects with cookies). `forge` signs tokens with the provider's own key, or
 * another, for the refusal tests (expired, wrong audience, wrong issuer, wrong key).
 */

export const API_AUDIENCE = 'api://edubridge';
export const CLIENT_ID = 'edubridge';
export const CLIENT_SECRET = 'a-test-client-secret-that-is-long-enough';

export const ACCOUNTS: Record<string, Record<string, unknown>> = {
  rachel: { name: 'Rachel Sharma', email: 'rachel.sharma@council.example', roles: ['EduBridge.SocialWorker'] },
  dee: { name: 'Dee Teacher', email: 'dee@school.example', roles: ['EduBridge.DesignatedTeacher'], schools: ['100001'] },
  val: { name: 'Val Head', email: 'val@council.example', roles: ['EduBridge.VirtualSchool', 'EduBridge.SocialWorker'] },
  nobody: { name: 'No Role', email: 'nobody@council.example', roles: [] },
};

/** EduBridge's identity-provider settings for the test provider: its roles, staff ID and schools claims. */
export function settingsFor(provider: Pick<TestProvider, 'issuer' | 'redirectUri'>) {
  return {
    issuer: provider.issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    audience: API_AUDIENCE,
    redirectUri: provider.redirectUri,
    scope: 'openid profile email roles',
    roles: { claim: 'roles', 'social-worker': ['EduBridge.SocialWorker'], 'designated-teacher': ['EduBridge.DesignatedTeacher'], 'virtual-school': ['EduBridge.VirtualSchool'] },
    staffIdClaim: 'email',
    schoolsClaim: 'schools',
  };
}

/** The extension's registration at the provider: a public client (no secret) with PKCE and refresh tokens. */
export const EXTENSION_CLIENT_ID = 'edubridge-extension';

export interface TestProviderOptions {
  /** Access-token lifetime in seconds (default 300). */
  accessTokenTTL?: number;
  /** Accounts besides (or replacing) ACCOUNTS, by login name. */
  accounts?: Record<string, Record<string, unknown>>;
  /** The redirect URIs the extension's public client may use (its identity.getRedirectURL() address). */
  extensionRedirectUris?: string[];
  /** The extension's own origins (chrome-extension://ID, moz-extension://UUID), which its token requests
   * carry as Origin: allowed for its client, as Entra ID allows a single-page-application registration. */
  extensionOrigins?: string[];
  /** EduBridge's callback registered with the provider (a browser test gives the server's real one). */
  redirectUri?: string;
}

export interface TestProvider {
  issuer: string;
  redirectUri: string;
  /** The accounts the provider knows now: a test may change or delete one (e.g. a person who leaves). */
  accounts: Record<string, Record<string, unknown>>;
  /** Signs in `account` through the provider's pages, from EduBridge's authorisation URL to the callback URL. */
  signIn(authorizationUrl: URL, account: string): Promise<URL>;
  /** An access token issued by the provider itself (authorisation code flow, then the token endpoint). */
  accessToken(account: string): Promise<string>;
  /** A token signed like the provider's, with the given claims changed (or signed by another key). */
  forge(claims: Record<string, unknown>, options?: { otherKey?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/** A port free on 127.0.0.1 now (for a server that must know its own address before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startTestProvider(options: TestProviderOptions = {}): Promise<TestProvider> {
  const accounts: Record<string, Record<string, unknown>> = { ...ACCOUNTS, ...options.accounts };
  const extensionClients = options.extensionRedirectUris?.length
    ? [{ client_id: EXTENSION_CLIENT_ID, token_endpoint_auth_method: 'none', redirect_uris: options.extensionRedirectUris, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }]
    : [];
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:5999/signin/callback';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' } as JWK;
  const other = await generateKeyPair('RS256', { extractable: true });

  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }, ...extensionClients],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['a-cookie-signing-key-for-tests-only'] },
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], roles: ['roles', 'schools'] },
    scopes: ['openid', 'profile', 'email', 'roles', 'offline_access'],
    pkce: { required: () => true },
    // Lifetimes set, not left to the library's defaults (which it warns about on every use).
    ttl: { AccessToken: options.accessTokenTTL ?? 300, IdToken: 3600, AuthorizationCode: 60, Interaction: 3600, Session: 86400, Grant: 86400, RefreshToken: 86400 },
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ audience: API_AUDIENCE, scope: 'openid profile email roles', accessTokenFormat: 'jwt', accessTokenTTL: options.accessTokenTTL ?? 300, jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    // oidc-provider's own rule (a public client's redirect URIs' origins), plus the extension's origins for its client.
    clientBasedCORS: (ctx: { oidc: { route: string } }, origin: string, client: { clientId: string; clientAuthMethod: string; redirectUris: string[] }) =>
      (client.clientId === EXTENSION_CLIENT_ID && (options.extensionOrigins ?? []).includes(origin)) ||
      (origin !== 'null' && (ctx.oidc.route === 'userinfo' || client.clientAuthMethod === 'none') && client.redirectUris.some((uri) => new URL(uri).origin === origin)),
    // Like Entra ID, the extension's client gets a refresh token without having to ask for consent
    // again at each sign-in (oidc-provider otherwise grants offline_access only with prompt=consent).
    issueRefreshToken: (_ctx: unknown, client: { clientId: string; grantTypeAllowed(type: string): boolean }, code: { scopes: Set<string> }) =>
      client.grantTypeAllowed('refresh_token') && (client.clientId === EXTENSION_CLIENT_ID || code.scopes.has('offline_access')),
    findAccount: (_ctx: unknown, id: string) => (accounts[id] ? { accountId: id, claims: () => ({ sub: id, ...accounts[id] }) } : undefined),
    extraTokenClaims: (_ctx: unknown, token: { accountId?: string }) => (token.accountId && accounts[token.accountId] ? { ...accounts[token.accountId] } : undefined),
  } as never);
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  async function follow(start: URL, account: string): Promise<URL> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const remember = (response: Response) => {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const index = pair!.indexOf('=');
        jar.set(pair!.slice(0, index), pair!.slice(index + 1));
      }
    };
    let url = start;
    let method: 'GET' | 'POST' = 'GET';
    let body: URLSearchParams | undefined;
    for (let hop = 0; hop < 20; hop++) {
      if (url.href.startsWith(redirectUri) || options.extensionRedirectUris?.some((uri) => url.href.startsWith(uri))) return url;
      const response = await fetch(url, { method, body, redirect: 'manual', headers: { cookie: cookieHeader(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) } });
      remember(response);
      if (response.status >= 300 && response.status < 400) {
        url = new URL(response.headers.get('location')!, url);
        method = 'GET';
        body = undefined;
        continue;
      }
      const page = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      if (!action) throw new Error(`the provider answered ${response.status} with no form:\n${page.slice(0, 400)}`);
      const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
      body = new URLSearchParams(prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt: prompt ?? 'consent' });
      url = new URL(action.replace(/&amp;/g, '&'), url);
      method = 'POST';
    }
    throw new Error('too many redirects at the provider');
  }

  async function forge(claims: Record<string, unknown>, options: { otherKey?: boolean } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload = { sub: 'rachel', ...ACCOUNTS.rachel, iss: issuer, aud: API_AUDIENCE, iat: now, exp: now + 300, ...claims };
    return new SignJWT(payload as never).setProtectedHeader({ alg: 'RS256', kid: options.otherKey ? 'other-key' : 'test-key', typ: 'at+jwt' }).sign(options.otherKey ? other.privateKey : privateKey);
  }

  return {
    issuer,
    redirectUri,
    accounts,
    signIn: follow,
    forge,
    async accessToken(account) {
      const verifier = 'a-pkce-code-verifier-of-the-right-length-0123456789';
      const challenge = Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))).toString('base64url');
      const authorize = new URL(`${issuer}/auth`);
      for (const [k, v] of Object.entries({ client_id: CLIENT_ID, response_type: 'code', redirect_uri: redirectUri, scope: 'openid profile email roles', code_challenge: challenge, code_challenge_method: 'S256', state: 'state-1', nonce: 'nonce-1', resource: API_AUDIENCE }))
        authorize.searchParams.set(k, v);
      const back = await follow(authorize, account);
      const code = back.searchParams.get('code');
      if (!code) throw new Error(`no code: ${back.href}`);
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier, resource: API_AUDIENCE }),
      });
      const json = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!json.access_token) throw new Error(`token endpoint: ${json.error} ${json.error_description}`);
      return json.access_token;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
