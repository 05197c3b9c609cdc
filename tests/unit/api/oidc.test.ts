import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidc, OidcRefused, type Oidc } from '../../../core/node/server/oidc.ts';
import { API_AUDIENCE, settingsFor, startTestProvider, type TestProvider } from './oidc-provider.ts';

// Sign-in against a real OpenID provider started by the test: the browser flow (authorisation code with
// PKCE, state and nonce), and API bearer tokens checked against the provider's published keys, issuer,
// audience and expiry; roles, staff ID and schools from the person's claims.

let provider: TestProvider;
let oidc: Oidc;

beforeAll(async () => {
  provider = await startTestProvider();
  oidc = await createOidc(settingsFor(provider));
});
afterAll(async () => {
  await provider?.close();
});

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OidcRefused) return error.reason;
    throw error;
  }
  throw new Error('not refused');
}

describe('browser sign-in: authorisation code with PKCE', () => {
  it('asks the provider with S256 PKCE, state and nonce, and signs the person in with their role and staff ID', async () => {
    const { url, pending } = await oidc.startSignIn('/portal/');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBe(pending.state);
    expect(url.searchParams.get('nonce')).toBe(pending.nonce);
    const callback = await provider.signIn(url, 'rachel');
    const person = await oidc.finishSignIn(callback, pending);
    expect(person).toMatchObject({ subject: 'rachel', name: 'Rachel Sharma', role: 'social-worker', staffId: 'rachel.sharma@council.example' });
  });

  it('a designated teacher gets their schools from the claim; the most trusted role wins for a person with two', async () => {
    const teacher = await oidc.startSignIn('/');
    expect(await oidc.finishSignIn(await provider.signIn(teacher.url, 'dee'), teacher.pending)).toMatchObject({ role: 'designated-teacher', schools: ['100001'] });
    const head = await oidc.startSignIn('/');
    expect(await oidc.finishSignIn(await provider.signIn(head.url, 'val'), head.pending)).toMatchObject({ role: 'virtual-school' });
  });

  it('refuses a callback whose state is not the one this browser started with (a forged or replayed sign-in)', async () => {
    const mine = await oidc.startSignIn('/');
    const theirs = await oidc.startSignIn('/');
    const callback = await provider.signIn(theirs.url, 'rachel');
    expect(await refusal(oidc.finishSignIn(callback, mine.pending))).toBe('sign-in');
  });

  it('refuses a person the provider knows but who has no EduBridge role', async () => {
    const { url, pending } = await oidc.startSignIn('/');
    expect(await refusal(oidc.finishSignIn(await provider.signIn(url, 'nobody'), pending))).toBe('no-role');
  });
});

describe('API bearer tokens: JWTs checked against the provider', () => {
  it('accepts an access token the provider issued for this API', async () => {
    const token = await provider.accessToken('rachel');
    expect(token.split('.')).toHaveLength(3);
    expect(await oidc.verifyAccessToken(token)).toMatchObject({ subject: 'rachel', role: 'social-worker', staffId: 'rachel.sharma@council.example' });
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }, {}],
    ['audience', { aud: 'api://another-service' }, {}],
    ['issuer', { iss: 'https://login.elsewhere.example' }, {}],
    ['signature', {}, { otherKey: true }],
  ])('refuses a token with the wrong %s', async (reason, claims, options) => {
    expect(await refusal(oidc.verifyAccessToken(await provider.forge(claims, options)))).toBe(reason);
  });

  it('refuses an unsigned token ("alg": "none") and a symmetric one', async () => {
    const header = (alg: string) => Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'rachel', iss: provider.issuer, aud: API_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300, roles: ['EduBridge.VirtualSchool'] })).toString('base64url');
    expect(await refusal(oidc.verifyAccessToken(`${header('none')}.${body}.`))).not.toBe('');
    expect(await refusal(oidc.verifyAccessToken(`${header('HS256')}.${body}.c2lnbmF0dXJl`))).not.toBe('');
    expect(await refusal(oidc.verifyAccessToken('not a token'))).toBe('malformed');
  });

  it('refuses a token without a mapped role, even when correctly signed', async () => {
    expect(await refusal(oidc.verifyAccessToken(await provider.forge({ roles: ['Something.Else'] })))).toBe('no-role');
  });
});

describe('settings', () => {
  it('refuses a provider over plain http unless it is on this machine', async () => {
    await expect(createOidc({ issuer: 'http://login.council.example', clientId: 'x', redirectUri: 'https://edubridge.council.example/signin/callback' })).rejects.toThrow(/must use https/);
  });
});
