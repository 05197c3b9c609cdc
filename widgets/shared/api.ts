import { ApiError, createClient, type EduBridgeClient } from '../../core/api/client.ts';
import { MAX_SUMMARY_PAGE_SIZE } from '../../core/api/schemas.ts';
import type { EducationStatus } from '../../core/model/status.ts';
import type { StatusSummary } from '../../core/model/summary.ts';
import type { WidgetProblem } from './base.ts';
import type { EduErrorKind } from './events.ts';
import type { Language } from './i18n.ts';

/** How a component reaches the Education Status API: the service's address and credentials. */
export interface ApiAccess {
  /** The service's base address (the API is under /api/v1); relative addresses resolve against the page. */
  src: string;
  /** A bearer token (set as a property, never an attribute). Without one the session cookie is sent. */
  token?: string | undefined;
  signal?: AbortSignal;
}

/** Narrows the children loaded: the API's cohort filters. */
export interface CohortQuery {
  school?: string[];
  yearGroup?: number[];
  keyStage?: ('early-years' | 'KS1' | 'KS2' | 'KS3' | 'KS4' | '16-19' | 'none')[];
}

function clientFor(access: ApiAccess): EduBridgeClient {
  const baseUrl = new URL(access.src, document.baseURI).href;
  return createClient({ baseUrl, ...(access.token ? { token: access.token } : {}) });
}

export function issueText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return '';
  return first.path.length > 0 ? `${first.path.map(String).join('.')}: ${first.message}` : first.message;
}

export async function loadChildStatus(access: ApiAccess, childId: string, lang: Language): Promise<EducationStatus> {
  return clientFor(access).getStatus(childId, { lang, ...(access.signal ? { signal: access.signal } : {}) });
}

/**
 * Every child the caller may see that matches the query, in the compact form lists show (`view=summary`):
 * up to 2,000 children a request, so a virtual school's whole cohort is usually one response.
 */
export async function loadCohort(access: ApiAccess, query: CohortQuery, lang: Language): Promise<StatusSummary[]> {
  const client = clientFor(access);
  const children: StatusSummary[] = [];
  for (let page = 1; ; page += 1) {
    const result = await client.listChildSummaries({ ...query, page, pageSize: MAX_SUMMARY_PAGE_SIZE, lang, ...(access.signal ? { signal: access.signal } : {}) });
    children.push(...result.items);
    if (result.items.length === 0 || children.length >= result.total) return children;
  }
}

const KINDS = new Set<EduErrorKind>([
  'network',
  'timeout',
  'unauthorised',
  'origin-refused',
  'not-found',
  'bad-request',
  'rate-limited',
  'server',
  'invalid-response',
  'unexpected-response',
]);

/** What to tell the user about a failure, from the client's error classes. */
export function problemFrom(error: unknown, childId?: string): WidgetProblem {
  if (error instanceof ApiError) {
    const kind = KINDS.has(error.kind as EduErrorKind) ? (error.kind as EduErrorKind) : 'unexpected-response';
    return {
      kind,
      ...(error.status === undefined ? {} : { status: error.status }),
      ...(kind === 'invalid-response' ? { detail: error.message } : {}),
      ...(childId ? { id: childId } : {}),
    };
  }
  return { kind: 'network' };
}

export { isAbort } from './abort.ts';
