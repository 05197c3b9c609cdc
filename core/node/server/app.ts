import { randomBytes, randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import type { z } from 'zod';
import type { ChildEducationRecord } from '../../model/record.ts';
import { API_BASE } from '../../api/paths.ts';
import { buildOpenApiDocument } from '../../api/openapi.ts';
import { ChildId, ChildrenQuery, CohortSummaryQuery, PageOrigin, PAGE_ORIGIN_HEADER, Purpose, PURPOSE_HEADER, RecordQuery, StatusQuery } from '../../api/schemas.ts';
import { apiCors } from './api-cors.ts';
import { chooseEncoding, compression } from './compression.ts';
import { defaultWidgetsDir, registerWidgetFiles } from './widget-files.ts';
import { headerLimit } from './header-limit.ts';
import { filterCohort, summariseCohort } from '../../cohort.ts';
import { summariseStatus } from '../../model/summary.ts';
import type { AuditEntry, AuditLog } from './audit.ts';
import type { ChildStore } from './data.ts';
import { registerAdmin } from './admin.ts';
import { bodilessLimit, clientAddress, hostGuard, principalRateLimits } from './guards.ts';
import type { DataReport } from './live-data.ts';
import { API_CSP, isLoopbackHost, LOOPBACK_NAMES, originAllowed, originProblem, PAGE_CSP, problem } from './security.ts';
import { page } from './pages/layout.ts';
import { registerSignIn } from './pages/signin.ts';
import { SERVICE_CSS, SERVICE_STYLESHEET } from './pages/styles.ts';
import { requestCookie, requestHeader } from './request-headers.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { looksLikeJwt, OidcAuth, userOfPerson } from './oidc-auth.ts';
import type { Oidc, OidcRefused } from './oidc.ts';
import { memoryStores, type ServerStores, type Sessions } from './stores.ts';
import { hashToken, tokenHashOf, UserDirectory, type User } from './users.ts';
import { WorkLimiter } from './work.ts';

/**
 * The reference server of the Education Status API (and, in demo mode, the demo pages), as a Hono app.
 * Every API request names a user; every child outside the user's scope is answered exactly as a child
 * that does not exist; every disclosure is audited before it is sent.
 */

export interface AppOptions {
  /** The children, fixed; or `data`, which can change while the server runs. */
  store?: ChildStore;
  /** The children now, and (for the admin endpoint) what was loaded when. */
  data?: { current(): ChildStore; report?(): DataReport };
  /** The people who may use the service: a fixed list, or a directory that follows the users file. */
  users: readonly User[] | UserDirectory;
  audit: AuditLog;
  /** Sessions, rate-limit counters and revocations; default in memory (one instance). */
  stores?: ServerStores;
  /** Origins allowed to call the API from a browser (CORS); `scheme://*` allows any extension of a scheme. */
  origins?: readonly string[];
  /** Requests per person (or, before sign-in, per client address) per minute; default 600. */
  rateLimit?: number;
  /** The built widgets served at /widgets/dist/ (default: the package's dist/widgets; null: none). */
  widgetsDir?: string | null;
  /** Failed sign-ins and unknown tokens per client address per minute before it must wait; default 20. */
  failedAuthLimit?: number;
  /** Sign-ins with the identity provider started per client address per minute; default 60. */
  signInStartLimit?: number;
  /** Host names this service answers to (the Host header; any port); default the loopback names. */
  allowedHosts?: readonly string[];
  /** Take the client's address from the last X-Forwarded-For entry (only behind a proxy that sets it). */
  trustProxy?: boolean;
  /** Mark the session cookie `Secure` (served over HTTPS, directly or behind a TLS-terminating proxy). */
  secureCookies?: boolean;
  /** Lists and summaries being worked out at once, in all (each person has one at a time); default 2. */
  listConcurrency?: number;
  /** Where request lines go (IDs only, never names); default stderr. */
  log?: (line: string) => void;
  /** The council's identity provider: bearer JWTs and browser sign-in (`/signin/oidc`), besides static tokens. */
  oidc?: Oidc;
  /** Adds the demo pages (imitation case-management systems, portal, intranet, index with demo users). */
  demo?: (app: Hono<AppEnv>, context: DemoContext) => void;
}

export interface DemoContext {
  store: ChildStore;
  users: readonly User[];
  sessions: Sessions;
  userFor: (c: Context<AppEnv>) => Promise<User | undefined>;
}

export type AppEnv = { Variables: { requestId: string; user: User; childId: string | undefined; clientAddress: string; store: ChildStore } };

const MAX_BODY_BYTES = 16 * 1024;
const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Turns a zod failure on query parameters into the `errors` of a 400 problem. */
function parameterErrors(error: z.ZodError): { parameter: string; message: string }[] {
  const errors: { parameter: string; message: string }[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors.push({ parameter: key, message: 'is not a parameter of this endpoint' });
    } else {
      errors.push({ parameter: issue.path.length > 0 ? String(issue.path[0]) : '(query)', message: issue.message });
    }
  }
  return errors;
}

/** The query string as one text value per parameter (a repeated parameter's values joined by commas). */
function queryOf(c: Context): Record<string, string> {
  const all = c.req.queries();
  const query: Record<string, string> = {};
  for (const [key, values] of Object.entries(all)) query[key] = values.join(',');
  return query;
}

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { audit } = options;
  const fixedStore = options.store;
  const data = options.data ?? (fixedStore ? { current: () => fixedStore } : undefined);
  if (!data) throw new Error('give the children: a store or live data');
  /** The children for this request: one set for the whole request, even if new data arrives meanwhile. */
  const storeOf = (c: Context<AppEnv>): ChildStore => c.get('store') ?? data.current();
  const directory = options.users instanceof UserDirectory ? options.users : new UserDirectory(options.users);
  const origins = options.origins ?? [];
  for (const origin of origins) {
    const wrong = originProblem(origin);
    if (wrong) throw new Error(`allowed origin ${wrong}`);
  }
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const stores = options.stores ?? memoryStores();
  const sessions = stores.sessions;
  const work = new WorkLimiter(options.listConcurrency ?? 2);
  /** A person in log lines: the first 12 hex digits of their token's hash, never a name. */
  const userIdOf = (user: User) => `u-${tokenHashOf(user).slice(0, 12)}`;
  let openapi: string | undefined;

  const app = new Hono<AppEnv>();
  const oidc = options.oidc ? new OidcAuth(options.oidc) : undefined;
  /** Why the identity provider's checks refused a request's bearer token, for its 401. */
  const refusals = new WeakMap<Request, OidcRefused>();

  /** The user a request names: by bearer token, else by session cookie; never one whose token is revoked. */
  const userFor = async (c: Context<AppEnv>): Promise<User | undefined> => {
    let hash: string | undefined;
    let user: User | undefined;
    const header = requestHeader(c, 'authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      hash = match ? hashToken(match[1] as string) : undefined;
      user = hash ? directory.byTokenHash(hash) : undefined;
      // Not a static token: a JWT from the council's identity provider.
      if (!user && oidc && match && looksLikeJwt(match[1] as string)) {
        const found = await oidc.bearer(match[1] as string);
        if ('role' in found) {
          user = found;
          hash = tokenHashOf(found);
        } else refusals.set(c.req.raw, found);
      }
    } else {
      const id = requestCookie(c, SESSION_COOKIE);
      const session = id ? await sessions.get(id) : undefined;
      hash = session?.tokenSha256;
      // A session the identity provider started names its person (only honoured while it is configured);
      // a token's session is looked up in the users file again, so removing the token ends it.
      if (session?.person) user = oidc ? userOfPerson(session.tokenSha256, session.person) : undefined;
      else user = hash ? directory.byTokenHash(hash) : undefined;
    }
    if (!user || (await stores.revocations.isRevoked(hash as string))) return undefined;
    return user;
  };

  /** Whether an Origin header is the server itself (under any of its loopback names, when it runs on loopback). */
  const isSelf = (c: Context, origin: string): boolean => {
    try {
      const from = new URL(origin);
      const self = new URL(c.req.url);
      if (from.origin === self.origin) return true;
      return options.demo !== undefined && from.protocol === self.protocol && from.port === self.port && isLoopbackHost(from.hostname) && isLoopbackHost(self.hostname);
    } catch {
      return false;
    }
  };

  // Request ID and a log line of IDs only: method, route pattern, status, time, the user's and child's IDs.
  app.use('*', async (c, next) => {
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.set('childId', undefined);
    const started = performance.now();
    await next();
    // Headers are set on the response itself: Hono's c.header() after the handler would turn the light
    // response into a stream (costlier than the answer). The same in the middleware below.
    c.res.headers.set('x-request-id', requestId);
    const user = c.get('user') ? ` user=${userIdOf(c.get('user'))}` : '';
    const child = c.get('childId') ? ` child=${c.get('childId')}` : '';
    log(`${new Date().toISOString()} ${requestId} ${c.req.method} ${c.req.routePath} ${c.res.status} ${Math.round(performance.now() - started)}ms${user}${child}`);
  });

  app.use('*', hostGuard(options.allowedHosts ?? LOOPBACK_NAMES));

  // Pages and files get Hono's set of security headers; the API's JSON gets the ones that apply to it
  // (the rest, such as X-DNS-Prefetch-Control or Origin-Agent-Cluster, only mean something for a document,
  // and each header costs every request).
  const pageHeaders = secureHeaders({
    crossOriginResourcePolicy: false,
    crossOriginOpenerPolicy: false,
    xFrameOptions: false,
    strictTransportSecurity: false,
    referrerPolicy: false,
  });
  app.use('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : pageHeaders(c, next)));
  app.use('*', async (c, next) => {
    await next();
    const api = c.req.path.startsWith('/api/');
    const embeddable = c.req.path.startsWith('/widgets/dist/');
    const headers = c.res.headers;
    if (api) headers.set('x-content-type-options', 'nosniff');
    if (!headers.has('content-security-policy')) headers.set('content-security-policy', api ? API_CSP : PAGE_CSP);
    headers.set('cross-origin-resource-policy', embeddable || api ? 'cross-origin' : 'same-origin');
    headers.set('x-frame-options', api ? 'DENY' : 'SAMEORIGIN');
    // Pages send a referrer only to themselves: "no-referrer" would make browsers send `Origin: null` with forms.
    headers.set('referrer-policy', api ? 'no-referrer' : 'same-origin');
    if (api) headers.set('cache-control', 'no-store');
  });

  // CORS for the configured origins only; a browser request from any other origin gets a readable 403.
  app.use(`${API_BASE}/*`, apiCors((origin, c) => originAllowed(origin, origins) || isSelf(c, origin)));
  app.use('*', compression());
  app.use('*', headerLimit());
  registerWidgetFiles(app, options.widgetsDir === undefined ? defaultWidgetsDir() : (options.widgetsDir ?? undefined));

  app.use('*', bodilessLimit(MAX_BODY_BYTES));
  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => problem(c, 'payloadTooLarge', `A request body may be at most ${MAX_BODY_BYTES} bytes.`) });
  // GET, HEAD and OPTIONS bodies were refused above; looking for one would build the whole request object.
  app.use('*', (c, next) => (BODILESS.has(c.req.method) ? next() : limitBody(c, next)));

  app.use('*', async (c, next) => {
    c.set('clientAddress', clientAddress(c, options.trustProxy ?? false));
    c.set('store', data.current());
    await next();
  });
  const limits = principalRateLimits({
    people: stores.counter('person', options.rateLimit ?? 600),
    failures: stores.counter('failed', options.failedAuthLimit ?? 20),
    userFor,
    userKey: tokenHashOf,
    refusal: (c) => refusals.get(c.req.raw)?.message,
  });

  app.get(`${API_BASE}/openapi.json`, (c) => {
    openapi ??= JSON.stringify(buildOpenApiDocument());
    return c.body(openapi, 200, { 'content-type': 'application/json' });
  });

  // Everything else under the API needs a user.
  app.use(`${API_BASE}/*`, limits.api);

  const record = async (c: Context<AppEnv>, children: readonly (string | null)[], cohort?: Pick<AuditEntry, 'cohortSize' | 'filters' | 'children'>) => {
    const user = c.get('user');
    const time = new Date().toISOString();
    // Most requests name neither: only a header given is checked (a failed check makes an error object).
    const purposeHeader = requestHeader(c, PURPOSE_HEADER);
    const pageOriginHeader = requestHeader(c, PAGE_ORIGIN_HEADER);
    const purpose = purposeHeader === undefined ? undefined : Purpose.safeParse(purposeHeader);
    const pageOrigin = pageOriginHeader === undefined ? undefined : PageOrigin.safeParse(pageOriginHeader);
    const entries: AuditEntry[] = children.map((child) => ({
      time,
      requestId: c.get('requestId'),
      user: user.name,
      role: user.role,
      endpoint: `${c.req.method} ${c.req.routePath}`,
      child,
      ...cohort,
      ...(purpose?.success ? { purpose: purpose.data } : {}),
      ...(pageOrigin?.success ? { pageOrigin: pageOrigin.data } : {}),
    }));
    await audit.record(entries);
  };

  const NOT_FOUND_DETAIL = 'There is no child with this ID that you may see.';

  /** The child a path names, if it exists and the user may see it; one answer for "no such child" and "not yours". */
  const childFor = (c: Context<AppEnv>) => {
    const id = ChildId.safeParse(c.req.param('id'));
    if (!id.success) return { response: problem(c, 'badRequest', 'The child ID is not valid.', { errors: parameterErrors(id.error).map((e) => ({ ...e, parameter: 'id' })) }) };
    const store = storeOf(c);
    const found = store.find(id.data);
    if (!found || !store.maySee(c.get('user'), found)) return { response: problem(c, 'notFound', NOT_FOUND_DETAIL) };
    c.set('childId', found.identity.personId);
    return { record: found };
  };

  app.get(`${API_BASE}/children/:id`, async (c) => {
    const query = RecordQuery.safeParse(queryOf(c));
    if (!query.success) return problem(c, 'badRequest', 'Some parameters are not valid.', { errors: parameterErrors(query.error) });
    const found = childFor(c);
    if (found.response) return found.response;
    await record(c, [found.record.identity.personId]);
    return c.json(found.record);
  });

  app.get(`${API_BASE}/children/:id/status`, async (c) => {
    const query = StatusQuery.safeParse(queryOf(c));
    if (!query.success) return problem(c, 'badRequest', 'Some parameters are not valid.', { errors: parameterErrors(query.error) });
    const found = childFor(c);
    if (found.response) return found.response;
    const store = storeOf(c);
    // Kept serialised and compressed (the compression middleware passes an answer already compressed by).
    const { body, encoding } = await store.statusBody(found.record, query.data.asOf ?? store.asOf, query.data.lang ?? 'en', chooseEncoding(requestHeader(c, 'accept-encoding')));
    await record(c, [found.record.identity.personId]);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'content-length': String(body.byteLength) };
    if (encoding !== undefined) Object.assign(headers, { 'content-encoding': encoding, vary: 'Accept-Encoding' });
    return c.body(body as Uint8Array<ArrayBuffer>, 200, headers);
  });

  const narrowToIds = (store: ChildStore, visible: readonly ChildEducationRecord[], ids: readonly string[]) => {
    const wanted = new Set<string>();
    for (const id of ids) {
      const found = store.find(id);
      if (found) wanted.add(found.identity.personId);
    }
    return visible.filter((child) => wanted.has(child.identity.personId));
  };

  app.get(`${API_BASE}/children`, async (c) => {
    const query = ChildrenQuery.safeParse(queryOf(c));
    if (!query.success) return problem(c, 'badRequest', 'Some parameters are not valid.', { errors: parameterErrors(query.error) });
    const store = storeOf(c);
    const { caseload: _caseload, page, pageSize, asOf = store.asOf, lang = 'en', view, ids, ...filters } = query.data;
    const statuses = await work.run(tokenHashOf(c.get('user')), async () => {
      const visible = await store.visibleToSliced(c.get('user'));
      // `ids` narrows to the children named; one the caller may not see is left out exactly as one that does not exist.
      return store.statusesOf(ids === undefined ? visible : narrowToIds(store, visible, ids), asOf, lang);
    });
    const matching = filterCohort(statuses, filters);
    const items = matching.slice((page - 1) * pageSize, page * pageSize);
    await record(
      c,
      items.map((status) => status.child.personId),
    );
    return c.json({ asOf, page, pageSize, total: matching.length, items: view === 'summary' ? items.map(summariseStatus) : items });
  });

  app.get(`${API_BASE}/cohort/summary`, async (c) => {
    const query = CohortSummaryQuery.safeParse(queryOf(c));
    if (!query.success) return problem(c, 'badRequest', 'Some parameters are not valid.', { errors: parameterErrors(query.error) });
    const store = storeOf(c);
    const { asOf = store.asOf, ...filters } = query.data;
    const statuses = filterCohort(await work.run(tokenHashOf(c.get('user')), async () => store.statusesOf(await store.visibleToSliced(c.get('user')), asOf)), filters);
    const summary = summariseCohort(statuses);
    await record(c, [null], {
      cohortSize: statuses.length,
      filters: queryOf(c),
      children: statuses.map((status) => status.child.personId),
    });
    return c.json({ ...summary, asOf: summary.asOf ?? asOf });
  });

  // Who the credentials belong to, for a client checking its connection. It names no child: its audit line
  // has no child and no cohort, so it is never counted as a disclosure.
  app.get(`${API_BASE}/me`, async (c) => {
    const query = RecordQuery.safeParse(queryOf(c));
    if (!query.success) return problem(c, 'badRequest', 'Some parameters are not valid.', { errors: parameterErrors(query.error) });
    await record(c, [null]);
    return c.json({ name: c.get('user').name, role: c.get('user').role });
  });

  registerAdmin(app, { report: () => data.report?.() });

  app.all(`${API_BASE}/*`, (c) => {
    const known = /^\/api\/v1\/(children(\/[^/]+(\/status)?)?|cohort\/summary|openapi\.json|me|admin\/data)$/.test(c.req.path);
    return known ? problem(c, 'methodNotAllowed', 'Only GET is supported.', { headers: { allow: 'GET, HEAD, OPTIONS' } }) : problem(c, 'notFound', 'There is no such endpoint.');
  });

  registerSignIn(app, {
    directory,
    sessions,
    userFor,
    limits,
    secureCookies: options.secureCookies ?? false,
    oidc: oidc !== undefined,
    // A sign-in form must say where it comes from, and come from this server's own pages.
    sameOrigin: (c) => {
      const origin = requestHeader(c, 'origin');
      return origin !== undefined && isSelf(c, origin);
    },
  });

  oidc?.register(app, {
    sessions,
    pendingSignIns: stores.pendingSignIns,
    limits,
    starts: stores.counter('signin-start', options.signInStartLimit ?? 60),
    secureCookies: options.secureCookies ?? false,
  });

  options.demo?.(app, {
    get store() {
      return data.current();
    },
    get users() {
      return directory.users;
    },
    sessions,
    userFor,
  });

  app.get(SERVICE_STYLESHEET, (c) => c.body(SERVICE_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400' }));
  app.get('/', (c) =>
    c.html(
      page(
        { title: 'EduBridge Education Status API' },
        html`<main class="narrow"><h1>EduBridge Education Status API</h1><p>The API is at <code>${API_BASE}</code>; its description at <a href="${API_BASE}/openapi.json">${API_BASE}/openapi.json</a>.</p><p><a href="/signin">Sign in</a></p></main>`,
      ),
    ),
  );

  app.notFound((c) => (c.req.path.startsWith('/api/') ? problem(c, 'notFound', 'There is no such endpoint.') : c.text('Not found', 404)));
  app.onError((error, c) => {
    log(`${new Date().toISOString()} ${c.get('requestId') ?? '-'} error ${error.name}`);
    return problem(c, 'internal', 'The server could not answer. The error has been logged.');
  });

  return app;
}

/** A random token, for demo users and sessions. */
export const randomToken = (): string => randomBytes(24).toString('base64url');
