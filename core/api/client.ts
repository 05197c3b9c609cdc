import { z } from 'zod';
import type { ChildEducationRecord, EducationStatus } from '../model/index.ts';
import { apiPaths, cohortFiltersToQuery, withQuery } from './paths.ts';
import {
  Caller,
  ChildRecordResponse,
  CohortSummary,
  PROBLEM_TYPES,
  ProblemDetails,
  PURPOSE_HEADER,
  StatusPage,
  StatusSummaryPage,
  StatusResponse,
  type CohortFilters,
} from './schemas.ts';

/** The little of an OpenAPI document the client checks. */
const OpenApiShape = z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) });

/**
 * A typed client for the Education Status API. Every response is checked against the contract's
 * schemas, and every way a request can fail becomes its own error class with a message a social worker
 * or teacher can act on (the extension and the widgets show `error.message` as it is).
 */

export type ApiErrorKind =
  | 'network'
  | 'timeout'
  | 'unauthorised'
  | 'origin-refused'
  | 'not-found'
  | 'bad-request'
  | 'rate-limited'
  | 'server'
  | 'invalid-response'
  | 'unexpected-response';

/** Any failure of an API request. `message` is plain English, fit to show to the person using the page. */
export abstract class ApiError extends Error {
  abstract readonly kind: ApiErrorKind;
  /** The HTTP status, when the service answered. */
  readonly status: number | undefined;
  /** The problem document the service sent, when it sent one. */
  readonly problem: z.infer<typeof ProblemDetails> | undefined;
  /** The URL that was requested. */
  readonly url: string;

  constructor(message: string, details: { url: string; status?: number; problem?: z.infer<typeof ProblemDetails>; cause?: unknown }) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.url = details.url;
    this.status = details.status;
    this.problem = details.problem;
  }
}

/** The service could not be reached at all (offline, wrong address, refused, blocked). */
export class NetworkError extends ApiError {
  readonly kind = 'network';
  override readonly name = 'NetworkError';
}
/** The service did not answer in time. */
export class TimeoutError extends ApiError {
  readonly kind = 'timeout';
  override readonly name = 'TimeoutError';
}
/** 401: no credentials, or they were not accepted. */
export class UnauthorisedError extends ApiError {
  readonly kind = 'unauthorised';
  override readonly name = 'UnauthorisedError';
}
/**
 * 403 `urn:edubridge:problem:origin-not-allowed`: the web site the request came from is not one the
 * service allows (its origin is not configured). Nothing is wrong with the person's sign-in or network.
 */
export class OriginRefusedError extends ApiError {
  readonly kind = 'origin-refused';
  override readonly name = 'OriginRefusedError';
}
/** 403 or 404: the record does not exist, or is not shared with this person (the service does not say which). */
export class NotFoundError extends ApiError {
  readonly kind = 'not-found';
  override readonly name = 'NotFoundError';
}
/** 400: the request's parameters were wrong (a programming or configuration mistake). */
export class BadRequestError extends ApiError {
  readonly kind = 'bad-request';
  override readonly name = 'BadRequestError';
}
/** 429: too many requests in a short time. */
export class RateLimitedError extends ApiError {
  readonly kind = 'rate-limited';
  override readonly name = 'RateLimitedError';
}
/** 5xx: the service failed. */
export class ServerError extends ApiError {
  readonly kind = 'server';
  override readonly name = 'ServerError';
}
/** The service answered 2xx, but not with what the contract promises (not JSON, or failing the schema). */
export class InvalidResponseError extends ApiError {
  readonly kind = 'invalid-response';
  override readonly name = 'InvalidResponseError';
}
/** Any other answer (a redirect, 405, 413, …). */
export class UnexpectedResponseError extends ApiError {
  readonly kind = 'unexpected-response';
  override readonly name = 'UnexpectedResponseError';
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

export interface ClientOptions {
  /** The service's base URL, e.g. https://education.council.example (the API is under /api/v1). */
  baseUrl: string;
  /** A bearer token; without one the client relies on a session cookie. */
  token?: string;
  /** Whether to send cookies; default "omit" with a token, "include" without. */
  credentials?: NonNullable<RequestInit['credentials']>;
  fetch?: typeof fetch;
  /** Give up after this long; default 10 000 ms. */
  timeoutMs?: number;
  /** Why this client is looking (sent as the EduBridge-Purpose header; the service's audit log keeps it). */
  purpose?: string;
}

export interface RequestOptions {
  /** Cancels the request; a cancelled request rejects with the signal's reason, not an ApiError. */
  signal?: AbortSignal;
}

export interface StatusOptions extends RequestOptions {
  asOf?: string;
  lang?: 'en' | 'cy';
}

export type ListChildrenOptions = RequestOptions &
  CohortFilters & { caseload?: 'mine'; page?: number; pageSize?: number; asOf?: string; lang?: 'en' | 'cy'; ids?: readonly string[] };

export type CohortSummaryOptions = RequestOptions & CohortFilters & { asOf?: string };

export interface EduBridgeClient {
  /** The child education record; `id` is a person ID or a UPN. */
  getRecord(id: string, options?: RequestOptions): Promise<ChildEducationRecord>;
  /** The child's education status. */
  getStatus(id: string, options?: StatusOptions): Promise<EducationStatus>;
  /** A page of the statuses of the children the caller may see, narrowed by the filters. */
  listChildren(options?: ListChildrenOptions): Promise<z.infer<typeof StatusPage>>;
  /** The same page in the compact form lists show (`view=summary`): what a table, dashboard or chip needs. */
  listChildSummaries(options?: ListChildrenOptions): Promise<z.infer<typeof StatusSummaryPage>>;
  /** Dashboard figures for the children the caller may see, narrowed by the filters. */
  cohortSummary(options?: CohortSummaryOptions): Promise<z.infer<typeof CohortSummary>>;
  /** The OpenAPI document the service publishes. */
  openapi(options?: RequestOptions): Promise<Record<string, unknown>>;
  /** Who the credentials sign in as (name and role): to check a connection. */
  me(options?: RequestOptions): Promise<Caller>;
}


const DEFAULT_TIMEOUT_MS = 10_000;

function describeService(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** The plain-English message for an HTTP failure. */
function errorForStatus(status: number, service: string, url: string, problem: z.infer<typeof ProblemDetails> | undefined): ApiError {
  const details = { url, status, problem };
  if (status === 401) {
    return new UnauthorisedError(`You are not signed in to the education service (${service}), or your sign-in has expired. Sign in again, or check the access token in the settings.`, details);
  }
  if (status === 403 && problem?.type === PROBLEM_TYPES.originNotAllowed.type) {
    return new OriginRefusedError(
      `This web site is not allowed to use the education service (${service}). The service's administrators must add this site's address to the origins it allows.`,
      details,
    );
  }
  if (status === 403 || status === 404) {
    return new NotFoundError(
      'The education service has no record for this child that you can see. Either it holds none, or the record is not shared with you: if you work with this child, ask the virtual school to add them to your caseload.',
      details,
    );
  }
  if (status === 400) {
    const which = problem?.errors?.map((e) => `${e.parameter}: ${e.message}`).join('; ');
    return new BadRequestError(`The education service could not understand the request${which ? ` (${which})` : ''}. This is a fault in EduBridge or its settings; please report it.`, details);
  }
  if (status === 429) {
    return new RateLimitedError('The education service is busy with too many requests from you. Wait a minute and try again.', details);
  }
  if (status >= 500) {
    return new ServerError(`The education service (${service}) had a problem and could not answer (error ${status}). Try again later; if it keeps happening, tell your council's IT support.`, details);
  }
  return new UnexpectedResponseError(`The education service (${service}) gave an answer EduBridge does not expect (HTTP ${status}). Check the service address in the settings.`, details);
}

export function createClient(options: ClientOptions): EduBridgeClient {
  const fetchImpl = options.fetch ?? ((input: Parameters<typeof fetch>[0], init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const credentials = options.credentials ?? (options.token ? 'omit' : 'include');
  const base = options.baseUrl.replace(/\/+$/, '');
  const service = describeService(base);

  async function request<T>(path: string, schema: z.ZodType<T>, requestOptions: RequestOptions | undefined): Promise<T> {
    const url = `${base}${path}`;
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.purpose) headers[PURPOSE_HEADER] = options.purpose;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const outer = requestOptions?.signal;
    const onOuterAbort = () => controller.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    else outer?.addEventListener('abort', onOuterAbort, { once: true });

    try {
      let response: Response;
      try {
        response = await fetchImpl(url, { method: 'GET', headers, credentials, signal: controller.signal, redirect: 'manual' });
      } catch (cause) {
        if (timedOut) throw new TimeoutError(`The education service (${service}) did not answer within ${Math.round(timeoutMs / 1000)} seconds. Try again; if it keeps happening, the service may be down.`, { url, cause });
        if (outer?.aborted) throw outer.reason;
        throw new NetworkError(`Could not reach the education service at ${service}. Check your network connection and the service address in the settings.`, { url, cause });
      }

      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        if (timedOut) throw new TimeoutError(`The education service (${service}) did not finish answering within ${Math.round(timeoutMs / 1000)} seconds. Try again.`, { url, cause });
        if (outer?.aborted) throw outer.reason;
        throw new NetworkError(`The connection to the education service at ${service} broke while it was answering. Try again.`, { url, cause });
      }

      let body: unknown;
      let parsed = false;
      try {
        body = JSON.parse(text);
        parsed = true;
      } catch {
        body = undefined;
      }

      if (!response.ok) {
        const problem = parsed ? ProblemDetails.safeParse(body) : undefined;
        throw errorForStatus(response.status, service, url, problem?.success ? problem.data : undefined);
      }
      if (!parsed) {
        throw new InvalidResponseError(`The education service (${service}) answered with something that is not data (it may be a sign-in page or a proxy). Check the service address in the settings.`, { url, status: response.status });
      }
      const result = schema.safeParse(body);
      if (!result.success) {
        const first = result.error.issues[0];
        const where = first && first.path.length > 0 ? ` (at ${first.path.join('.')})` : '';
        throw new InvalidResponseError(
          `The education service (${service}) sent data that does not match what EduBridge expects${where}. The service may run a different version of the API; tell your council's IT support.`,
          { url, status: response.status, cause: result.error },
        );
      }
      return result.data;
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  }

  const split = <T extends RequestOptions>(all: T | undefined): [Omit<T, 'signal'>, RequestOptions] => {
    const { signal, ...rest } = all ?? ({} as T);
    return [rest, { signal }];
  };

  return {
    getRecord: (id, requestOptions) => request(apiPaths.child(id), ChildRecordResponse, requestOptions),
    getStatus: (id, statusOptions) => {
      const [{ asOf, lang }, requestOptions] = split(statusOptions);
      return request(withQuery(apiPaths.status(id), { asOf, lang }), StatusResponse, requestOptions);
    },
    listChildren: (listOptions) => {
      const [{ caseload, page, pageSize, asOf, lang, ids, ...filters }, requestOptions] = split(listOptions);
      return request(withQuery(apiPaths.children(), { caseload, page, pageSize, asOf, lang, ids: ids?.join(','), ...cohortFiltersToQuery(filters) }), StatusPage, requestOptions);
    },
    listChildSummaries: (listOptions) => {
      const [{ caseload, page, pageSize, asOf, lang, ids, ...filters }, requestOptions] = split(listOptions);
      return request(withQuery(apiPaths.children(), { view: 'summary', caseload, page, pageSize, asOf, lang, ids: ids?.join(','), ...cohortFiltersToQuery(filters) }), StatusSummaryPage, requestOptions);
    },
    cohortSummary: (summaryOptions) => {
      const [{ asOf, ...filters }, requestOptions] = split(summaryOptions);
      return request(withQuery(apiPaths.cohortSummary(), { asOf, ...cohortFiltersToQuery(filters) }), CohortSummary, requestOptions);
    },
    openapi: (requestOptions) => request(apiPaths.openapi(), OpenApiShape, requestOptions),
    me: (requestOptions) => request(apiPaths.me(), Caller, requestOptions),
  };
}

