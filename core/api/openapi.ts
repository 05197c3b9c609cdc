import { z } from 'zod';
import { ROUTES } from './paths.ts';
import {
  API_VERSION,
  ChildId,
  ChildRecordResponse,
  CohortFilterParameters,
  CohortSummary,
  ListParameters,
  ProblemDetails,
  PageOrigin,
  PAGE_ORIGIN_HEADER,
  Purpose,
  PURPOSE_HEADER,
  StatusPage,
  StatusSummaryPage,
  StatusParameters,
  StatusResponse,
} from './schemas.ts';

/**
 * The OpenAPI 3.1 document of the Education Status API, generated from the zod schemas of the contract
 * (never written by hand): what a council implementing the API over its own systems builds against.
 */

type JsonObject = Record<string, unknown>;

/** The response schemas, each a named component. */
const COMPONENTS = {
  ChildEducationRecord: ChildRecordResponse,
  EducationStatus: StatusResponse,
  StatusPage,
  StatusSummaryPage,
  CohortSummary,
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

/** A query parameter: how it is written in the URL (the text form), with its description. */
function queryParameter(name: string, schema: z.ZodType, required = false): JsonObject {
  const { $schema: _schema, description, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonObject;
  return { name, in: 'query', required, description, schema: json };
}

const idParameter = (): JsonObject => {
  const { $schema: _schema, description, ...json } = z.toJSONSchema(ChildId, { target: 'draft-2020-12' }) as JsonObject;
  return { name: 'id', in: 'path', required: true, description, schema: json };
};

const purposeParameter = (): JsonObject => {
  const { $schema: _schema, description, ...json } = z.toJSONSchema(Purpose, { target: 'draft-2020-12' }) as JsonObject;
  return { name: PURPOSE_HEADER, in: 'header', required: false, description, schema: json };
};

const pageOriginParameter = (): JsonObject => {
  const { $schema: _schema, description, ...json } = z.toJSONSchema(PageOrigin, { target: 'draft-2020-12' }) as JsonObject;
  return { name: PAGE_ORIGIN_HEADER, in: 'header', required: false, description, schema: json };
};

const filterParameters = () => Object.entries(CohortFilterParameters).map(([name, schema]) => queryParameter(name, schema));

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ref('ProblemDetails') } } });

const COMMON_ERRORS = {
  '400': problem('A parameter is wrong: `errors` names each one'),
  '401': problem('No credentials, or they were not accepted'),
  '429': problem('Too many requests'),
  '500': problem('The service failed'),
};
const NOT_FOUND = {
  '404': problem('No such child, or the child is not shared with the caller: the two are indistinguishable by design'),
};

const ok = (description: string, name: ComponentName) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const okAnyOf = (description: string, names: ComponentName[]) => ({ description, content: { 'application/json': { schema: { anyOf: names.map(ref) } } } });

export function buildOpenApiDocument(options: { serverUrl?: string } = {}): JsonObject {
  const security = [{ bearer: [] }, { session: [] }];
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'EduBridge Education Status API',
      version: API_VERSION,
      description:
        "A looked-after child's education record and status, for the people who work with the child. Every response is scoped to the caller: a child outside the caller's scope is answered exactly as a child that does not exist. Every disclosure is audited.",
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl ?? '/' }],
    security,
    paths: {
      [ROUTES.child]: {
        get: {
          operationId: 'getRecord',
          summary: "A child's education record",
          parameters: [idParameter(), purposeParameter(), pageOriginParameter()],
          responses: { '200': ok('The child education record', 'ChildEducationRecord'), ...COMMON_ERRORS, ...NOT_FOUND },
        },
      },
      [ROUTES.status]: {
        get: {
          operationId: 'getStatus',
          summary: "A child's education status",
          parameters: [idParameter(), queryParameter('asOf', StatusParameters.asOf), queryParameter('lang', StatusParameters.lang), purposeParameter(), pageOriginParameter()],
          responses: { '200': ok('The education status', 'EducationStatus'), ...COMMON_ERRORS, ...NOT_FOUND },
        },
      },
      [ROUTES.children]: {
        get: {
          operationId: 'listChildren',
          summary: 'The statuses of the children the caller may see, a page at a time',
          parameters: [
            queryParameter('caseload', ListParameters.caseload),
            queryParameter('page', ListParameters.page),
            queryParameter('pageSize', ListParameters.pageSize),
            queryParameter('asOf', ListParameters.asOf),
            queryParameter('lang', ListParameters.lang),
            queryParameter('view', ListParameters.view),
            queryParameter('ids', ListParameters.ids),
            ...filterParameters(),
            purposeParameter(),
            pageOriginParameter(),
          ],
          responses: { '200': okAnyOf('A page of statuses (view=full), or of their compact form (view=summary)', ['StatusPage', 'StatusSummaryPage']), ...COMMON_ERRORS },
        },
      },
      [ROUTES.cohortSummary]: {
        get: {
          operationId: 'cohortSummary',
          summary: 'Dashboard figures for the children the caller may see',
          parameters: [queryParameter('asOf', StatusParameters.asOf), ...filterParameters(), purposeParameter(), pageOriginParameter()],
          responses: { '200': ok('The cohort summary', 'CohortSummary'), ...COMMON_ERRORS },
        },
      },
      [ROUTES.openapi]: {
        get: {
          operationId: 'openapi',
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'The OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: "The caller's access token" },
        session: { type: 'apiKey', in: 'cookie', name: 'edubridge_session', description: 'The session cookie set by signing in' },
      },
    },
  };
}
