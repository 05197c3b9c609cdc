import { z } from 'zod';
import { ROUTES, type RouteName } from './paths.ts';
import {
  API_VERSION,
  Caller,
  ChildId,
  ChildRecordResponse,
  CohortFilterParameters,
  CohortSummary,
  LIST_PARAMETERS,
  ListParameters,
  MAX_PAGE_SIZE,
  MAX_SUMMARY_PAGE_SIZE,
  PROBLEM_TYPES,
  ProblemDetails,
  PageOrigin,
  PAGE_ORIGIN_HEADER,
  Purpose,
  PURPOSE_HEADER,
  StatusPage,
  StatusSummaryPage,
  StatusParameters,
  StatusResponse,
  type ProblemKind,
} from './schemas.ts';

/**
 * The OpenAPI 3.1 document of the Education Status API, generated from the zod schemas of the contract
 * (never written by hand): what a council implementing the API over its own systems builds against.
 * It documents every answer the reference server gives — each problem with its `type`, and the headers
 * a client acts on — so a contract test can hold every response to it (tests/unit/api/contract-openapi.test.ts),
 * and `redocly lint` and `spectral lint` find nothing to report.
 */

type JsonObject = Record<string, unknown>;

/** The response schemas, each a named component. */
const COMPONENTS = {
  ChildEducationRecord: ChildRecordResponse,
  EducationStatus: StatusResponse,
  StatusPage,
  StatusSummaryPage,
  CohortSummary,
  Caller,
  ProblemDetails,
} as const;
type ComponentName = keyof typeof COMPONENTS;

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });

function componentSchemas(): Record<ComponentName, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const [name, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id: name });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonObject> };
  const result = {} as Record<ComponentName, JsonObject>;
  for (const name of Object.keys(COMPONENTS) as ComponentName[]) {
    // A component is referenced by its place in the document: drop the standalone-document keywords.
    const { $schema: _schema, $id: _id, ...schema } = schemas[name] ?? {};
    result[name] = schema;
  }
  return result;
}

/** A schema as JSON Schema, without `$schema`, its description returned apart. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): { description: string | undefined; json: JsonObject } {
  const { $schema: _schema, description, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject;
  return { description: description as string | undefined, json };
}

/**
 * A query parameter, as it is written in the URL. A list is an array sent comma-separated
 * (`style: form, explode: false`: `yearGroup=6,11`), each item with its own schema; the server reads a
 * repeated parameter (`yearGroup=6&yearGroup=11`) the same way.
 */
function queryParameter(name: string, schema: z.ZodType, defaultValue?: string | number): JsonObject {
  const list = LIST_PARAMETERS.get(schema);
  const { description, json } = jsonSchema(schema, 'input');
  if (list) {
    const item = jsonSchema(list.item, 'output');
    const items = { ...item.json, ...(item.description ? { description: item.description } : {}) };
    return {
      name,
      in: 'query',
      required: false,
      description,
      style: 'form',
      explode: false,
      schema: { type: 'array', items, minItems: 1, ...(list.maxItems === undefined ? {} : { maxItems: list.maxItems }) },
    };
  }
  return { name, in: 'query', required: false, description, schema: { ...json, ...(defaultValue === undefined ? {} : { default: defaultValue }) } };
}

const idParameter = (): JsonObject => {
  const { description, json } = jsonSchema(ChildId, 'output');
  return { name: 'id', in: 'path', required: true, description, schema: json };
};

const purposeParameter = (): JsonObject => {
  const { description, json } = jsonSchema(Purpose, 'output');
  return { name: PURPOSE_HEADER, in: 'header', required: false, description, schema: json };
};

const pageOriginParameter = (): JsonObject => {
  const { $schema: _schema, description, ...json } = z.toJSONSchema(PageOrigin, { target: 'draft-2020-12' }) as JsonObject;
  return { name: PAGE_ORIGIN_HEADER, in: 'header', required: false, description, schema: json };
};

const filterParameters = () => Object.entries(CohortFilterParameters).map(([name, schema]) => queryParameter(name, schema));

// ---------------------------------------------------------------------------------------------------
// Headers and responses.

const HEADERS = {
  XRequestId: {
    description: 'The request ID, also in a problem\'s `instance` and in the server\'s log line: quote it to support',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  },
  RetryAfter: { description: 'Seconds to wait before trying again', required: true, schema: { type: 'integer', minimum: 1 } },
  WWWAuthenticate: { description: 'The authentication scheme the API takes: `Bearer realm="edubridge"`', required: true, schema: { type: 'string' } },
  Allow: { description: 'The methods the path supports', required: true, schema: { type: 'string', const: 'GET, HEAD, OPTIONS' } },
  AccessControlAllowOrigin: { description: 'The Origin of the request, echoed (CORS); absent for the opaque origin `null`', schema: { type: 'string' } },
  AccessControlAllowCredentials: { description: 'Cookies may be sent (CORS); absent for the opaque origin `null`', schema: { type: 'string', const: 'true' } },
  AccessControlAllowMethods: { description: 'The methods the API supports (CORS)', schema: { type: 'string' } },
  AccessControlAllowHeaders: { description: 'The request headers the API reads (CORS)', schema: { type: 'string' } },
  AccessControlExposeHeaders: { description: 'The response headers a page may read (CORS); absent for the opaque origin `null`', schema: { type: 'string' } },
  AccessControlMaxAge: { description: 'Seconds a browser may keep this preflight answer', schema: { type: 'string', pattern: '^\\d+$' } },
} as const;
type HeaderName = keyof typeof HEADERS;
const header = (name: HeaderName) => ({ $ref: `#/components/headers/${name}` });
const REQUEST_ID = { 'X-Request-Id': header('XRequestId') };

/** The problems, each a response component whose schema pins its `type` and `status`. */
const PROBLEM_RESPONSES: Record<string, { kind: ProblemKind; description: string; headers?: Record<string, HeaderName> }> = {
  BadRequest: { kind: 'badRequest', description: 'A parameter is wrong: `errors` names each one, and why' },
  Unauthorised: {
    kind: 'unauthorised',
    description: 'No credentials, or they were not accepted',
    headers: { 'WWW-Authenticate': 'WWWAuthenticate' },
  },
  OriginNotAllowed: {
    kind: 'originNotAllowed',
    description:
      'The request came from a web page whose origin the service does not allow (or from an opaque origin). Refused before credentials are looked at; readable by that page (CORS), so it can say "this site is not allowed to use the service"',
    headers: {
      'Access-Control-Allow-Origin': 'AccessControlAllowOrigin',
      'Access-Control-Allow-Credentials': 'AccessControlAllowCredentials',
      'Access-Control-Expose-Headers': 'AccessControlExposeHeaders',
    },
  },
  NotFound: { kind: 'notFound', description: 'No such child, or the child is not shared with the caller: the two are indistinguishable by design' },
  MethodNotAllowed: {
    kind: 'methodNotAllowed',
    description: 'Any method but GET, HEAD or OPTIONS on this path (the API is read-only)',
    headers: { Allow: 'Allow' },
  },
  PayloadTooLarge: { kind: 'payloadTooLarge', description: 'A request body over 16 KB' },
  TooManyRequests: { kind: 'tooManyRequests', description: 'Over the rate limit: `Retry-After` says when to try again', headers: { 'Retry-After': 'RetryAfter' } },
  HeadersTooLarge: { kind: 'headersTooLarge', description: 'Request headers over 8 KB in all' },
  Internal: { kind: 'internal', description: 'The service failed (also when it could not write its audit log: nothing unaudited is disclosed)' },
};

function problemResponses(): JsonObject {
  const responses: JsonObject = {};
  for (const [name, { kind, description, headers }] of Object.entries(PROBLEM_RESPONSES)) {
    const { type, status } = PROBLEM_TYPES[kind];
    responses[name] = {
      description,
      headers: { ...REQUEST_ID, ...Object.fromEntries(Object.entries(headers ?? {}).map(([field, component]) => [field, header(component)])) },
      content: {
        'application/problem+json': {
          schema: { allOf: [ref('ProblemDetails'), { type: 'object', properties: { type: { const: type }, status: { const: status } } }] },
        },
      },
    };
  }
  return responses;
}

const use = (name: keyof typeof PROBLEM_RESPONSES) => ({ $ref: `#/components/responses/${name}` });

/** What any API request can be answered with, whatever the operation. */
const ALWAYS = {
  '403': use('OriginNotAllowed'),
  '405': use('MethodNotAllowed'),
  '413': use('PayloadTooLarge'),
  '429': use('TooManyRequests'),
  '431': use('HeadersTooLarge'),
  '500': use('Internal'),
};
/** The public document is served before any sign-in or rate limit. */
const { '429': _rateLimited, ...PUBLIC } = ALWAYS;
/** …and what an operation that needs a user and reads parameters can be answered with too. */
const SIGNED_IN = { '400': use('BadRequest'), '401': use('Unauthorised'), ...ALWAYS };

const ok = (description: string, schema: JsonObject) => ({
  description,
  headers: REQUEST_ID,
  content: { 'application/json': { schema } },
});

/** The CORS preflight of a path, answered for any origin (the request that follows is refused with a readable 403 if the origin is not allowed). */
function preflight(route: RouteName, what: string): JsonObject {
  return {
    operationId: `${route}Preflight`,
    tags: ['CORS'],
    summary: `CORS preflight for ${what}`,
    description:
      'What a browser asks before a cross-origin request with an Authorization or EduBridge-Purpose header. Answered for every origin, so a page on an origin the service does not allow reads the 403 that follows and can say so.',
    security: [],
    parameters: ROUTES[route].includes('{id}') ? [idParameter()] : [],
    responses: {
      '204': {
        description: 'The request may be sent',
        headers: {
          ...REQUEST_ID,
          'Access-Control-Allow-Origin': header('AccessControlAllowOrigin'),
          'Access-Control-Allow-Credentials': header('AccessControlAllowCredentials'),
          'Access-Control-Allow-Methods': header('AccessControlAllowMethods'),
          'Access-Control-Allow-Headers': header('AccessControlAllowHeaders'),
          'Access-Control-Max-Age': header('AccessControlMaxAge'),
        },
      },
      '403': use('OriginNotAllowed'),
      '431': use('HeadersTooLarge'),
    },
  };
}

const TAGS = [
  { name: 'Children', description: 'One child: the education record and the education status worked out from it' },
  { name: 'Cohort', description: 'The children the caller may see: lists a page at a time, and dashboard figures' },
  { name: 'Service', description: 'The description of the API itself' },
  { name: 'CORS', description: 'Preflight requests a browser makes before calling the API from another origin' },
];

export function buildOpenApiDocument(options: { serverUrl?: string } = {}): JsonObject {
  const security = [{ bearer: [] }, { session: [] }];
  const statusParameters = [idParameter(), queryParameter('asOf', StatusParameters.asOf), queryParameter('lang', StatusParameters.lang, 'en'), purposeParameter(), pageOriginParameter()];
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'EduBridge Education Status API',
      version: API_VERSION,
      description:
        "A looked-after child's education record and status, for the people who work with the child. Every response is scoped to the caller: a child outside the caller's scope is answered exactly as a child that does not exist. Every disclosure is audited. Errors are RFC 9457 problems (application/problem+json) whose `type` clients branch on. Answers are compressed (brotli or gzip) when the client accepts it.",
      license: { name: 'MIT', identifier: 'MIT' },
      contact: { name: 'The council that runs this service' },
    },
    servers: [{ url: options.serverUrl ?? '/', description: 'The service this document was fetched from' }],
    security,
    tags: TAGS,
    paths: {
      [ROUTES.child]: {
        get: {
          operationId: 'getRecord',
          tags: ['Children'],
          summary: "A child's education record",
          description: 'The child education record the status is worked out from: identity, care, school, attendance, attainment, PEPs, exclusions and SEN, each with where it came from. The disclosure is audited.',
          parameters: [idParameter(), purposeParameter(), pageOriginParameter()],
          responses: { '200': ok('The child education record', ref('ChildEducationRecord')), ...SIGNED_IN, '404': use('NotFound') },
        },
        options: preflight('child', "a child's education record"),
      },
      [ROUTES.status]: {
        get: {
          operationId: 'getStatus',
          tags: ['Children'],
          summary: "A child's education status",
          description: "The child's education status, worked out by the statutory rules for a date (default: the service's date), with its flags, ratings and their reasons in English or Welsh. The disclosure is audited.",
          parameters: statusParameters,
          responses: { '200': ok('The education status', ref('EducationStatus')), ...SIGNED_IN, '404': use('NotFound') },
        },
        options: preflight('status', "a child's education status"),
      },
      [ROUTES.children]: {
        get: {
          operationId: 'listChildren',
          tags: ['Cohort'],
          summary: 'The statuses of the children the caller may see, a page at a time',
          description: `Ordered by last name, first name, person ID, and narrowed by the cohort filters. \`view=full\` (the default) gives whole statuses, up to ${MAX_PAGE_SIZE} a page; \`view=summary\` gives the compact form lists show, up to ${MAX_SUMMARY_PAGE_SIZE} a page. Each child sent is audited.`,
          parameters: [
            queryParameter('caseload', ListParameters.caseload),
            queryParameter('page', ListParameters.page, 1),
            queryParameter('pageSize', ListParameters.pageSize, 50),
            queryParameter('asOf', ListParameters.asOf),
            queryParameter('lang', ListParameters.lang, 'en'),
            queryParameter('view', ListParameters.view, 'full'),
            queryParameter('ids', ListParameters.ids),
            ...filterParameters(),
            purposeParameter(),
            pageOriginParameter(),
          ],
          responses: {
            '200': ok('A page of statuses (view=full), or of their compact form (view=summary)', { anyOf: [ref('StatusPage'), ref('StatusSummaryPage')] }),
            ...SIGNED_IN,
          },
        },
        options: preflight('children', 'the list of children'),
      },
      [ROUTES.cohortSummary]: {
        get: {
          operationId: 'cohortSummary',
          tags: ['Cohort'],
          summary: 'Dashboard figures for the children the caller may see',
          description: 'Counts and shares over the children the caller may see, narrowed by the cohort filters; every figure carries the number of children behind it. Audited as one disclosure of aggregate figures.',
          parameters: [queryParameter('asOf', StatusParameters.asOf), ...filterParameters(), purposeParameter(), pageOriginParameter()],
          responses: { '200': ok('The cohort summary', ref('CohortSummary')), ...SIGNED_IN },
        },
        options: preflight('cohortSummary', 'the cohort summary'),
      },
      [ROUTES.me]: {
        get: {
          operationId: 'me',
          tags: ['Service'],
          summary: 'Who is signed in',
          description: 'The name and role the credentials belong to, so a client (the extension\'s "Test the connection") can say whom it is signed in as. No child is disclosed; the audit line names no child.',
          responses: { '200': ok('The caller', ref('Caller')), ...SIGNED_IN },
        },
        options: preflight('me', 'who is signed in'),
      },
      [ROUTES.openapi]: {
        get: {
          operationId: 'openapi',
          tags: ['Service'],
          summary: 'This document',
          description: 'The OpenAPI 3.1 description of the API. Needs no credentials.',
          security: [],
          responses: { '200': ok('The OpenAPI document', {
              type: 'object',
              properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } },
              required: ['openapi', 'info', 'paths'],
            }), ...PUBLIC },
        },
        options: preflight('openapi', 'this document'),
      },
    },
    components: {
      schemas: componentSchemas(),
      responses: problemResponses(),
      headers: HEADERS,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: "The caller's access token" },
        session: { type: 'apiKey', in: 'cookie', name: 'edubridge_session', description: 'The session cookie set by signing in' },
      },
    },
  };
}
