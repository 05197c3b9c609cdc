import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOidc } from '../../../core/node/server/oidc.ts';
import { CouncilSignIn, REFRESH_BEFORE_EXPIRY_MS, REFRESH_RETRY_MS, nextRefresh, refreshAt, SignInError, type SignInConfig, type StoredSignIn } from '../../../extension/lib/background/sign-in.ts';
import { API_AUDIENCE, EXTENSION_CLIENT_ID, settingsFor, startTestProvider, type TestProvider } from '../api/oidc-provider.ts';

// Signing in with a council account, against a real OpenID provider (oidc-provider) started by the test:
// the browser's sign-in window is played by the provider harness, which fills in the provider's own login
// and consent pages and stops at the extension's redirect address, as identity.launchWebAuthFlow does.

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
const TTL_S = 60;

let provider: TestProvider;
let config: SignInConfig;
let stored: unknown;
let now: number;
let flows: URL[];
let requests: string[];
/** Rewrites a response from the provider, for the attack tests. */
let tamper: ((url: string, body: Record<string, unknown>) => Record<string, unknown>) | undefined;
let offline: boolean;
let account: string;

beforeAll(async () => {
  provider = await startTestProvider({ accessTokenTTL: TTL_S, extensionRedirectUris: [REDIRECT] });
});
afterAll(async () => {
  await provider?.close();
});

function makeSignIn(launch?: (url: URL) => Promise<string | undefined>): CouncilSignIn {
  return new CouncilSignIn({
    async fetch(input, init) {
      const url = String(input instanceof Request ? input.url : input);
      requests.push(url);
      if (offline) throw new TypeError('Failed to fetch');
      const response = await fetch(input, init);
      if (!tamper || !response.headers.get('content-type')?.includes('json')) return response;
      const body = tamper(url, (await response.json()) as Record<string, unknown>);
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    },
    launchWebAuthFlow: async (url) => {
      flows.push(new URL(url));
      return launch ? launch(new URL(url)) : (await provider.signIn(new URL(url), account)).href;
    },
    redirectUri: () => REDIRECT,
    store: {
      get: async () => stored,
      set: async (value) => void (stored = structuredClone(value)),
      clear: async () => void (stored = undefined),
    },
    now: () => now,
  });
}

beforeEach(() => {
  config = { issuer: provider.issuer, clientId: EXTENSION_CLIENT_ID, scope: 'openid profile email offline_access', resource: API_AUDIENCE };
  stored = undefined;
  now = Date.now();
  flows = [];
  requests = [];
  tamper = undefined;
  offline = false;
  account = 'rachel';
});

describe('signing in', () => {
  it('runs the authorisation-code flow with PKCE (S256), state and nonce, and keeps a token the API accepts', async () => {
    const session = await makeSignIn().signIn(config);
    const [authorize] = flows;
    expect(authorize!.origin).toBe(provider.issuer);
    expect(Object.fromEntries(authorize!.searchParams)).toMatchObject({
      client_id: EXTENSION_CLIENT_ID,
      redirect_uri: REDIRECT,
      response_type: 'code',
      code_challenge_method: 'S256',
      resource: API_AUDIENCE,
      scope: 'openid profile email offline_access',
    });
    expect(authorize!.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize!.searchParams.get('state')).toMatch(/^[\w-]{43}$/);
    expect(authorize!.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
    expect(session).toMatchObject({ issuer: provider.issuer, clientId: EXTENSION_CLIENT_ID, subject: 'rachel', name: 'Rachel Sharma' });
    expect(session.refreshToken).toBeTruthy();
    expect(session.expiresAt - session.obtainedAt).toBe(TTL_S * 1000);
    expect(stored).toEqual(session);
    // The API's own checks (issuer, audience, signature, expiry) accept the access token, as Rachel.
    const oidc = await createOidc(settingsFor(provider));
    expect(await oidc.verifyAccessToken(session.accessToken)).toMatchObject({ name: 'Rachel Sharma', role: 'social-worker' });
    // Only the issuer's origin was contacted.
    expect(new Set(requests.map((url) => new URL(url).origin))).toEqual(new Set([provider.issuer]));
  });

  it('asks for openid even when the configured scope leaves it out (who signed in comes from the ID token)', async () => {
    await makeSignIn().signIn({ ...config, scope: 'profile offline_access' });
    expect(flows[0]!.searchParams.get('scope')).toBe('openid profile offline_access');
  });

  it('refuses an answer whose state is not the one it sent (a forged or replayed callback), and keeps nothing', async () => {
    const signIn = makeSignIn(async (url) => {
      const back = await provider.signIn(url, 'rachel');
      back.searchParams.set('state', 'an-attackers-state');
      return back.href;
    });
    await expect(signIn.signIn(config)).rejects.toMatchObject({ reason: 'provider' });
    expect(stored).toBeUndefined();
  });

  it('refuses a code from another sign-in (an injected code fails the PKCE check at the provider), and keeps nothing', async () => {
    // The attacker's own sign-in, with their own verifier: its code, carrying the victim's state.
    const theirs = new URL(`${provider.issuer}/auth`);
    for (const [k, v] of Object.entries({ client_id: EXTENSION_CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', nonce: 'n' }))
      theirs.searchParams.set(k, v);
    const injected = (await provider.signIn(theirs, 'val')).searchParams.get('code')!;
    const signIn = makeSignIn(async (url) => `${REDIRECT}?code=${encodeURIComponent(injected)}&state=${url.searchParams.get('state')}&iss=${encodeURIComponent(provider.issuer)}`);
    await expect(signIn.signIn(config)).rejects.toMatchObject({ reason: 'refused' });
    expect(stored).toBeUndefined();
  });

  it('says so when the person closes the sign-in window, or the provider refuses them', async () => {
    await expect(makeSignIn(() => Promise.reject(new Error('The user did not approve access.'))).signIn(config)).rejects.toMatchObject({ reason: 'cancelled' });
    const denied = makeSignIn(async (url) => `${REDIRECT}?error=access_denied&error_description=no&state=${url.searchParams.get('state')}&iss=${encodeURIComponent(provider.issuer)}`);
    const error = (await denied.signIn(config).catch((e: unknown) => e)) as SignInError;
    expect(error).toBeInstanceOf(SignInError);
    expect(error.reason).toBe('refused');
    expect(error.message).toMatch(/access_denied/);
    expect(stored).toBeUndefined();
  });

  it('refuses a provider whose token endpoint is not at the issuer’s address (the code would go elsewhere)', async () => {
    tamper = (url, body) => (url.includes('/.well-known/openid-configuration') ? { ...body, token_endpoint: 'https://collector.example/token' } : body);
    const error = (await makeSignIn().signIn(config).catch((e: unknown) => e)) as SignInError;
    expect(error.reason).toBe('provider');
    expect(error.message).toMatch(/collector\.example/);
    expect(flows).toEqual([]);
    expect(requests.some((url) => url.includes('collector.example'))).toBe(false);
  });

  it.each([
    ['a token type other than bearer', { token_type: 'mac' }],
    ['an empty access token', { access_token: '' }],
    ['a lifetime that is not a number', { expires_in: 'forever' }],
  ])('refuses a token response with %s, and keeps nothing', async (_name, change) => {
    tamper = (url, body) => (url.endsWith('/token') ? { ...body, ...change } : body);
    const error = (await makeSignIn().signIn(config).catch((e: unknown) => e)) as SignInError;
    expect(error).toBeInstanceOf(SignInError);
    expect(error.reason).toBe('provider');
    expect(stored).toBeUndefined();
  });

  it('needs the provider’s address and the client ID first', async () => {
    await expect(makeSignIn().signIn({ ...config, clientId: '' })).rejects.toMatchObject({ reason: 'not-configured' });
    expect(requests).toEqual([]);
  });
});

describe('staying signed in', () => {
  it('renews the access token with the refresh token once it is due, before it expires', async () => {
    const signIn = makeSignIn();
    const first = await signIn.signIn(config);
    expect(await signIn.accessToken(config)).toBe(first.accessToken);
    requests = [];
    now = refreshAt(first);
    const token = await signIn.accessToken(config);
    expect(token).not.toBe(first.accessToken);
    expect(requests.some((url) => url.endsWith('/token'))).toBe(true);
    const renewed = stored as StoredSignIn;
    expect(renewed.accessToken).toBe(token);
    expect(renewed.subject).toBe('rachel');
    expect(renewed.expiresAt).toBeGreaterThan(first.expiresAt);
    // The provider rotates a public client's refresh token: the new one is kept.
    expect(renewed.refreshToken).not.toBe(first.refreshToken);
    const oidc = await createOidc(settingsFor(provider));
    expect(await oidc.verifyAccessToken(token!)).toMatchObject({ name: 'Rachel Sharma' });
  });

  it('ends the sign-in when the provider refuses the refresh (the person’s account was removed)', async () => {
    provider.accounts.leaver = { name: 'Lee Leaver', email: 'lee@council.example', roles: ['EduBridge.SocialWorker'] };
    account = 'leaver';
    const signIn = makeSignIn();
    const first = await signIn.signIn(config);
    delete provider.accounts.leaver;
    now = refreshAt(first);
    expect(await signIn.accessToken(config)).toBeUndefined();
    expect(stored).toBeUndefined();
  });

  it('keeps a valid token while the provider cannot be reached, and ends the sign-in once it has expired', async () => {
    const signIn = makeSignIn();
    const first = await signIn.signIn(config);
    offline = true;
    now = refreshAt(first);
    expect(await signIn.accessToken(config)).toBe(first.accessToken);
    expect(nextRefresh(first, now)).toBe(now + REFRESH_RETRY_MS);
    now = first.expiresAt;
    expect(await signIn.accessToken(config)).toBeUndefined();
    expect(stored).toBeUndefined();
  });

  it('signing out asks the provider to revoke the tokens: a copy of the refresh token can no longer renew the sign-in', async () => {
    const signIn = makeSignIn();
    const first = await signIn.signIn(config);
    requests = [];
    await signIn.signOutAndRevoke(config);
    expect(stored).toBeUndefined();
    expect(requests.filter((url) => url.endsWith('/token/revocation'))).toHaveLength(2);
    // Before: the same refresh token renews the sign-in. After: the provider refuses it.
    stored = structuredClone(first);
    now = refreshAt(first);
    expect(await signIn.refresh(config)).toBeUndefined();
    expect(stored).toBeUndefined();
  });

  it('a refresh token not revoked still renews (so the test above shows the revocation)', async () => {
    const signIn = makeSignIn();
    const first = await signIn.signIn(config);
    await signIn.signOut();
    stored = structuredClone(first);
    now = refreshAt(first);
    expect(await signIn.refresh(config)).toMatchObject({ subject: 'rachel' });
  });

  it('signing out forgets the tokens even when the provider cannot be reached, and never sends them to another address', async () => {
    const signIn = makeSignIn();
    await signIn.signIn(config);
    offline = true;
    await signIn.signOutAndRevoke(config);
    expect(stored).toBeUndefined();
    // A provider whose revocation endpoint is elsewhere is not asked.
    offline = false;
    tamper = (url, body) => (url.endsWith('/.well-known/openid-configuration') ? { ...body, revocation_endpoint: 'https://elsewhere.example/revoke' } : body);
    const other = makeSignIn();
    await other.signIn(config);
    requests = [];
    await other.signOutAndRevoke(config);
    expect(stored).toBeUndefined();
    expect(requests.some((url) => url.includes('elsewhere.example') || url.endsWith('/token/revocation'))).toBe(false);
  });

  it('does not use a sign-in kept for another provider or client, and forgets it', async () => {
    const signIn = makeSignIn();
    await signIn.signIn(config);
    expect(await signIn.current({ ...config, clientId: 'another-client' })).toBeUndefined();
    expect(stored).toBeUndefined();
  });

  it('does not use what the store holds unless it has the shape of a sign-in', async () => {
    stored = { issuer: provider.issuer, clientId: EXTENSION_CLIENT_ID, subject: 'rachel', accessToken: 42 };
    expect(await makeSignIn().accessToken(config)).toBeUndefined();
  });

  it('renews five minutes before expiry, or half-way through a short-lived token', () => {
    const hour = { obtainedAt: 0, expiresAt: 3600_000 };
    expect(refreshAt(hour)).toBe(3600_000 - REFRESH_BEFORE_EXPIRY_MS);
    expect(refreshAt({ obtainedAt: 0, expiresAt: 60_000 })).toBe(30_000);
    expect(nextRefresh(hour, 0)).toBe(3600_000 - REFRESH_BEFORE_EXPIRY_MS);
  });
});
