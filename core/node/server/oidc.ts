import type { JWTPayload } from 'jose';
import { z } from 'zod';

/**
 * Sign-in with the council's own identity provider (OpenID Connect: Microsoft Entra ID, or any certified
 * provider). Two ways in:
 *
 * - **Browser sign-in**: the authorisation-code flow with PKCE (S256), `state` and `nonce`; the ID token is
 *   checked by openid-client (issuer, audience, expiry, nonce, signature against the provider's keys).
 * - **API bearer tokens** (the extension, scripts): JWT access tokens checked against the provider's
 *   published keys (JWKS, fetched and cached by jose), its issuer, this API's audience and the expiry,
 *   with a small, bounded clock tolerance. Only asymmetric algorithms are accepted.
 *
 * Who the person is comes from their claims: the role from a roles or groups claim mapped by the
 * settings, the staff ID that the data's allocated-worker column holds (e.g. their email), and a
 * designated teacher's schools from a claim or a mapping. A person with no mapped role is refused.
 */

type Role = 'social-worker' | 'designated-teacher' | 'virtual-school';

export const OidcSettings = z
  .strictObject({
    issuer: z.url().describe("The provider's issuer identifier, e.g. https://login.microsoftonline.com/<tenant>/v2.0"),
    clientId: z.string().min(1).describe("EduBridge's client (application) ID at the provider"),
    clientSecret: z.string().min(1).optional().describe('For the browser sign-in, when the provider treats EduBridge as a confidential client'),
    audience: z.string().min(1).optional().describe('The audience API access tokens must carry (default: the client ID), e.g. api://edubridge'),
    redirectUri: z.url().describe("Where the provider sends the browser back: this service's /signin/callback"),
    scope: z.string().default('openid profile email'),
    roles: z
      .strictObject({
        claim: z.string().min(1).default('roles').describe('The claim holding the roles or groups (Entra ID: "roles" for app roles, "groups" for group IDs)'),
        'social-worker': z.array(z.string().min(1)).default([]),
        'designated-teacher': z.array(z.string().min(1)).default([]),
        'virtual-school': z.array(z.string().min(1)).default([]),
      })
      .prefault({})
      .describe('Which claim values give which EduBridge role; a person with none of them cannot sign in'),
    staffIdClaim: z.string().min(1).default('email').describe("The claim matched against the data's allocated-worker ID (the social worker's caseload)"),
    schoolsClaim: z.string().min(1).optional().describe("A claim listing a designated teacher's school URNs"),
    schoolsByStaffId: z.record(z.string(), z.array(z.string().regex(/^\d{5,7}$/))).default({}).describe('Or a mapping: staff ID → school URNs'),
    clockToleranceSeconds: z.number().int().min(0).max(120).default(30),
  })
  .describe("The council's identity provider settings");
export type OidcSettings = z.input<typeof OidcSettings>;

/** The person a token or a sign-in names, as EduBridge understands them. */
export interface Principal {
  subject: string;
  name: string;
  role: Role;
  /** What the data's allocated-worker column holds for this person (e.g. their email). */
  staffId: string | undefined;
  /** A designated teacher's schools (URNs). */
  schools: string[];
  /** When the token or session expires (seconds since the epoch). */
  expiresAt: number | undefined;
}

/** Why a token or a sign-in was refused: for the log and the `WWW-Authenticate` error description. */
export class OidcRefused extends Error {
  constructor(
    readonly reason: 'expired' | 'audience' | 'issuer' | 'signature' | 'malformed' | 'no-role' | 'sign-in',
    message: string,
  ) {
    super(message);
  }
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

function claimList(payload: Record<string, unknown>, claim: string): string[] {
  const value = payload[claim];
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go after signing in (already checked to be on this service). */
  next: string;
}

export interface Oidc {
  readonly settings: z.output<typeof OidcSettings>;
  /** Checks an API bearer token (a JWT access token) and says who it names. */
  verifyAccessToken(token: string): Promise<Principal>;
  /** The provider's sign-in address for the browser, and what to keep (server-side) until it comes back. */
  startSignIn(next: string): Promise<{ url: URL; pending: PendingSignIn }>;
  /** Completes a sign-in from the address the provider sent the browser back to. */
  finishSignIn(callback: URL, pending: PendingSignIn): Promise<Principal>;
  /** The person claims name, or a refusal when no role is mapped. */
  principal(claims: Record<string, unknown>): Principal;
}

/** Connects to the provider (discovery) and returns the checks. Plain http is allowed for a loopback issuer only (tests, a local provider). */
export async function createOidc(input: OidcSettings): Promise<Oidc> {
  const settings = OidcSettings.parse(input);
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:';
  if (insecure && !isLoopback(issuer)) throw new Error(`the identity provider ${settings.issuer} must use https`);
  // Loaded only for a server that signs in with an identity provider: with the PostgreSQL client, they took
  // about a tenth of a second of every other start-up.
  const [client, { createRemoteJWKSet, errors: joseErrors, jwtVerify }] = await Promise.all([import('openid-client'), import('jose')]);
  const config = await client.discovery(issuer, settings.clientId, settings.clientSecret, undefined, insecure ? { execute: [client.allowInsecureRequests] } : undefined);
  const metadata = config.serverMetadata();
  if (!metadata.jwks_uri) throw new Error(`the identity provider ${settings.issuer} publishes no keys (jwks_uri)`);
  const keys = createRemoteJWKSet(new URL(metadata.jwks_uri), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  const audience = settings.audience ?? settings.clientId;

  const principal = (claims: Record<string, unknown>): Principal => {
    const values = new Set(claimList(claims, settings.roles.claim));
    // The most trusted role the person holds wins; a person with none may not sign in.
    const role = (['virtual-school', 'designated-teacher', 'social-worker'] as const).find((candidate) => settings.roles[candidate].some((value) => values.has(value)));
    if (!role) throw new OidcRefused('no-role', 'This person has no EduBridge role at the identity provider.');
    const staffId = typeof claims[settings.staffIdClaim] === 'string' ? (claims[settings.staffIdClaim] as string) : undefined;
    const schools = [...(settings.schoolsClaim ? claimList(claims, settings.schoolsClaim) : []), ...(staffId ? (settings.schoolsByStaffId[staffId] ?? []) : [])].filter((urn) => /^\d{5,7}$/.test(urn));
    const name = [claims.name, claims.preferred_username, claims.email, claims.sub].find((value): value is string => typeof value === 'string' && value !== '') ?? 'unknown';
    return { subject: String(claims.sub ?? ''), name, role, staffId, schools: [...new Set(schools)], expiresAt: typeof claims.exp === 'number' ? claims.exp : undefined };
  };

  return {
    settings,
    principal,
    async verifyAccessToken(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, { issuer: metadata.issuer, audience, algorithms: ASYMMETRIC, clockTolerance: settings.clockToleranceSeconds, requiredClaims: ['exp', 'sub'] }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw new OidcRefused('expired', 'The token has expired.');
        if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud') throw new OidcRefused('audience', 'The token is not for this service.');
        if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'iss') throw new OidcRefused('issuer', 'The token is not from the council’s identity provider.');
        if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) throw new OidcRefused('signature', 'The token is not signed by the identity provider.');
        throw new OidcRefused('malformed', 'The token could not be read.');
      }
      return principal(payload as Record<string, unknown>);
    },
    async startSignIn(next) {
      const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), next };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: settings.scope,
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url, pending };
    },
    async finishSignIn(callback, pending) {
      let claims: Record<string, unknown> | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
        claims = tokens.claims() as Record<string, unknown> | undefined;
        // A provider that keeps ID tokens small gives roles only at its userinfo endpoint: ask there too.
        if (claims && !(settings.roles.claim in claims) && tokens.access_token && metadata.userinfo_endpoint) {
          try {
            claims = { ...(await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))), ...claims };
          } catch {
            // No userinfo for this token (e.g. an access token for another resource): the ID token decides.
          }
        }
      } catch (error) {
        throw new OidcRefused('sign-in', `The sign-in did not complete: ${(error as Error).message}`);
      }
      if (!claims) throw new OidcRefused('sign-in', 'The identity provider sent no ID token.');
      return principal(claims);
    },
  };
}
