import type { EducationStatus } from '../../../core/model/index.ts';
import { ApiError, createClient, type ApiErrorKind } from '../../../core/api/client.ts';
import type { ProblemKind } from '../problems.ts';
import type { EffectiveSettings } from '../settings.ts';

/** What the background needs from the Education Status API. */
export interface StatusApi {
  status(personId: string): Promise<EducationStatus>;
  /** The statuses of the children on the user's caseload. */
  caseload(): Promise<EducationStatus[]>;
}

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

/** Core's typed client, with the user's or organisation's credentials. */
export function createStatusApi(settings: EffectiveSettings, fetchImpl?: typeof fetch, timeoutMs = API_TIMEOUT_MS): StatusApi {
  if (!settings.apiBaseUrl) {
    const missing = () => Promise.reject(new ApiProblem('not-configured'));
    return { status: missing, caseload: missing };
  }
  const client = createClient({
    baseUrl: settings.apiBaseUrl,
    token: settings.authMode === 'token' && settings.token ? settings.token : undefined,
    credentials: settings.authMode === 'cookie' ? 'include' : 'omit',
    fetch: fetchImpl,
    timeoutMs,
  });
  return {
    status: (personId) => client.getStatus(personId).catch((error: unknown) => Promise.reject(classify(error))),
    async caseload() {
      try {
        const page = await client.listChildren({ caseload: 'mine', pageSize: 200 });
        return page.items;
      } catch (error) {
        throw classify(error);
      }
    },
  };
}
