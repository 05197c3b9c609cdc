import type { EducationStatus, StatusSummary } from '../../../core/model/index.ts';
import { ApiError, createClient, type ApiErrorKind } from '../../../core/api/client.ts';
import { PAGE_ORIGIN_HEADER, PURPOSE_HEADER } from '../../../core/api/schemas.ts';
import type { ProblemKind } from '../problems.ts';
import type { EffectiveSettings } from '../settings.ts';

/** What the background needs from the Education Status API. */
export interface StatusApi {
  status(personId: string): Promise<EducationStatus>;
  /** The compact statuses of these children only (those a caseload page shows; at most 200). */
  summaries(personIds: readonly string[]): Promise<StatusSummary[]>;
  /** Who the API says is signed in, as an opaque text that changes when the person does; undefined when
   * the API has no "who am I" endpoint. */
  whoAmI(): Promise<string | undefined>;
}

/** Why a request is made and where its answer will be shown: the API's audit log keeps both. */
export interface RequestContext {
  /** `EduBridge-Purpose`, e.g. "case record page" or "caseload page". */
  purpose: string;
  /** `EduBridge-Page-Origin`: the origin of the case-management page the answer is for. */
  pageOrigin?: string;
}

export const PURPOSE = { caseRecord: 'case record page', caseload: 'caseload page', signedIn: 'who is signed in' } as const;

/** A failed API call, classified for what the panel says. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly kind: ProblemKind,
    readonly httpStatus?: number,
    /** The client's plain-English explanation, when it gave one. */
    readonly explanation?: string,
  ) {
    super(explanation ?? kind);
  }
}

export const API_TIMEOUT_MS = 8_000;

const KIND: Record<ApiErrorKind, ProblemKind> = {
  network: 'offline',
  timeout: 'timeout',
  unauthorised: 'unauthorised',
  // The extension's origin is not among the service's allowed origins: a setting for the council to fix.
  'origin-refused': 'server',
  'not-found': 'not-found',
  'bad-request': 'server',
  'rate-limited': 'server',
  server: 'server',
  'invalid-response': 'schema',
  'unexpected-response': 'server',
};

function classify(error: unknown): ApiProblem {
  if (error instanceof ApiError) return new ApiProblem(KIND[error.kind], error.status, error.message);
  return new ApiProblem('offline');
}

/** Core's typed client, with the user's or organisation's credentials. Signed in with a council account
 * (authMode "oidc"), `accessToken` gives the current access token, renewed first when due, or nothing when
 * the person is signed out: then no request is made and the call fails as unauthorised. */
export function createStatusApi(
  settings: EffectiveSettings,
  context: RequestContext,
  fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init),
  timeoutMs = API_TIMEOUT_MS,
  accessToken: () => Promise<string | undefined> = async () => undefined,
): StatusApi {
  if (!settings.apiBaseUrl) {
    const missing = () => Promise.reject(new ApiProblem('not-configured'));
    return { status: missing, summaries: missing, whoAmI: missing };
  }
  const credentials = settings.authMode === 'cookie' ? 'include' : 'omit';
  async function bearer(): Promise<string | undefined> {
    if (settings.authMode === 'token') return settings.token || undefined;
    if (settings.authMode === 'cookie') return undefined;
    const token = await accessToken().catch(() => undefined);
    if (!token) throw new ApiProblem('unauthorised');
    return token;
  }
  // The page origin rides on every request as its own header (the client sends the purpose).
  const withOrigin: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    if (context.pageOrigin) headers.set(PAGE_ORIGIN_HEADER, context.pageOrigin);
    return fetchImpl(input, { ...init, headers });
  };
  const client = async () => createClient({ baseUrl: settings.apiBaseUrl, token: await bearer(), credentials, fetch: withOrigin, timeoutMs, purpose: context.purpose });
  return {
    status: async (personId) => (await client()).getStatus(personId).catch((error: unknown) => Promise.reject(classify(error))),
    async summaries(personIds) {
      if (personIds.length === 0) return [];
      const api = await client();
      try {
        const page = await api.listChildSummaries({ ids: personIds, pageSize: Math.min(200, personIds.length) });
        return page.items;
      } catch (error) {
        throw classify(error);
      }
    },
    async whoAmI() {
      const token = await bearer();
      const headers: Record<string, string> = { accept: 'application/json', [PURPOSE_HEADER]: context.purpose };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await withOrigin(new URL('api/v1/me', settings.apiBaseUrl.replace(/\/*$/, '/')).href, { headers, credentials, redirect: 'manual' }).catch(() => {
        throw new ApiProblem('offline');
      });
      if (response.status === 401) throw new ApiProblem('unauthorised', 401);
      if (!response.ok) return undefined;
      return response.text();
    },
  };
}
