import { z } from 'zod';
import { ApiError, createClient } from '../../core/api/client.ts';
import { PROBLEM_TYPES, type Caller, type Role } from '../../core/api/schemas.ts';

/**
 * "Test the connection" on the options page: one request to the API's `GET /api/v1/me` with the address and
 * credentials the form holds, and what happened in plain words: reached and signed in as whom, or why not.
 * It fetches no child.
 */

export type ConnectionOutcome =
  | 'signed-in'
  | 'no-address'
  | 'not-reachable'
  | 'refused'
  | 'wrong-token'
  | 'not-signed-in'
  | 'not-edubridge'
  | 'failed';

export interface ConnectionReport {
  outcome: ConnectionOutcome;
  /** One or two plain sentences for the person testing. */
  message: string;
  /** Who the credentials sign in as, when they do. */
  caller?: Caller;
}

export interface ConnectionTarget {
  apiBaseUrl: string;
  authMode: 'cookie' | 'token' | 'oidc';
  /** The access token: the one typed, or (authMode "oidc") the council sign-in's; '' when there is none. */
  token: string;
}

const ROLE_WORDS: Record<Role, string> = {
  'social-worker': 'social worker',
  'designated-teacher': 'designated teacher',
  'virtual-school': 'virtual school',
};

/** Sent as EduBridge-Purpose, so the service's audit line says why it was asked. */
export const CONNECTION_TEST_PURPOSE = 'connection test';
export const CONNECTION_TEST_TIMEOUT_MS = 8_000;

const WebAddress = z.url({ protocol: /^https?$/ });

export async function testConnection(
  target: ConnectionTarget,
  context: { extensionOrigin: string; fetch?: typeof fetch; timeoutMs?: number },
): Promise<ConnectionReport> {
  if (!target.apiBaseUrl.trim()) return { outcome: 'no-address', message: 'Type the education service’s address first.' };
  if (!WebAddress.safeParse(target.apiBaseUrl).success)
    return { outcome: 'no-address', message: `“${target.apiBaseUrl}” is not a web address. It looks like https://education.council.example/` };
  const host = new URL(target.apiBaseUrl).host;
  if (target.authMode === 'token' && !target.token) return { outcome: 'wrong-token', message: 'Type the access token first (or choose your browser’s sign-in).' };
  if (target.authMode === 'oidc' && !target.token) return { outcome: 'not-signed-in', message: 'Sign in with your council account first.' };
  const client = createClient({
    baseUrl: target.apiBaseUrl,
    token: target.authMode === 'cookie' ? undefined : target.token,
    credentials: target.authMode === 'cookie' ? 'include' : 'omit',
    purpose: CONNECTION_TEST_PURPOSE,
    fetch: context.fetch,
    timeoutMs: context.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS,
  });
  try {
    const caller = await client.me();
    return { outcome: 'signed-in', caller, message: `Connected to the education service at ${host}, signed in as ${caller.name} (${ROLE_WORDS[caller.role]}).` };
  } catch (error) {
    return explain(error, host, target.authMode, context.extensionOrigin);
  }
}

function explain(error: unknown, host: string, authMode: ConnectionTarget['authMode'], extensionOrigin: string): ConnectionReport {
  if (!(error instanceof ApiError)) return { outcome: 'failed', message: `The test could not be made (${host}).` };
  switch (error.kind) {
    case 'network':
      // The browser does not say why: no server there, a wrong address, no network, or a service that
      // does not let this extension in (CORS).
      return {
        outcome: 'not-reachable',
        message: `Could not reach ${host}. Check the address, that this computer is on the network, and that the service lets EduBridge in (its allowed origins must include ${extensionOrigin}).`,
      };
    case 'timeout':
      return { outcome: 'not-reachable', message: `${host} did not answer within ${Math.round(CONNECTION_TEST_TIMEOUT_MS / 1000)} seconds. It may be down, or the address may be wrong.` };
    case 'unauthorised':
      if (authMode === 'oidc')
        return { outcome: 'not-signed-in', message: `Reached ${host}, but it did not accept your council sign-in. The service may not be set up for the council’s identity provider, or you may have no EduBridge role: ask your council’s IT support.` };
      return authMode === 'token'
        ? { outcome: 'wrong-token', message: `Reached ${host}, but it did not accept the access token. Check the token, or ask for a new one.` }
        : { outcome: 'not-signed-in', message: `Reached ${host}, but you are not signed in to it in this browser. Sign in to the service, or use an access token.` };
    case 'not-found':
      // An EduBridge service names its problems; anything else answering 403/404 here is another site.
      if (error.status === 403) return { outcome: 'refused', message: `Reached ${host}, but it refused the request (HTTP 403).` };
      if (error.problem?.type === PROBLEM_TYPES.notFound.type)
        return { outcome: 'not-edubridge', message: `Reached an EduBridge service at ${host}, but it cannot say who is signed in: it may run an older version of the API.` };
      return notEduBridge(host);
    case 'invalid-response':
    case 'unexpected-response':
    case 'bad-request':
      return notEduBridge(host);
    case 'origin-refused':
      return { outcome: 'refused', message: `Reached ${host}, but it refused EduBridge: the service must allow this extension (${extensionOrigin}). Ask your council’s IT support.` };
    case 'rate-limited':
      return { outcome: 'failed', message: `Reached ${host}, but it is busy with too many requests from you. Wait a minute and try again.` };
    case 'server':
      return { outcome: 'failed', message: `Reached ${host}, but it had a problem and could not answer (error ${error.status ?? 'unknown'}). Try again later.` };
  }
}

const notEduBridge = (host: string): ConnectionReport => ({
  outcome: 'not-edubridge',
  message: `Reached ${host}, but it is not an EduBridge education service (the API was not at /api/v1). Check the address.`,
});
