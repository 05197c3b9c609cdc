import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildOpenApiDocument } from '../../../core/api/openapi.ts';
import { ROUTES } from '../../../core/api/paths.ts';
import { PROBLEM_TYPES } from '../../../core/api/schemas.ts';
import { bearer, makeApp, USERS } from './helpers.ts';

// The OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0) is generated from the zod schemas:
// check its required structure, that every reference resolves, and that the server publishes it.

type Json = Record<string, unknown>;
const doc = buildOpenApiDocument() as Json & { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> } };

/** Every `$ref` anywhere in a value. */
function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.push(child);
      else refs(child, found);
    }
  }
  return found;
}

/** Resolves a local JSON pointer (#/a/b) in the document. */
function resolve(pointer: string): unknown {
  expect(pointer.startsWith('#/')).toBe(true);
  return pointer
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Json)[part] : undefined), doc);
}

describe('OpenAPI 3.1 document (spec §4.8 "OpenAPI Object")', () => {
  it('has the required fields of an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect((doc.info as Json).title).toEqual(expect.any(String));
    expect((doc.info as Json).version).toBe('v1');
    expect(doc.jsonSchemaDialect).toBe('https://spec.openapis.org/oas/3.1/dialect/base');
  });

  it('describes every route of the contract, and nothing else', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(Object.values(ROUTES).sort());
  });

  it.each(Object.values(ROUTES))('%s: each path template parameter is declared, each operation has an id and responses', (route) => {
    const templated = [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const [method, operation] of Object.entries(doc.paths[route]!)) {
      expect(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']).toContain(method);
      expect(operation.operationId).toEqual(expect.any(String));
      const parameters = (operation.parameters ?? []) as Json[];
      expect(parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(templated);
      for (const parameter of parameters) {
        expect(['query', 'path', 'header', 'cookie']).toContain(parameter.in);
        expect(parameter.schema).toEqual(expect.any(Object));
        if (parameter.in === 'path') expect(parameter.required).toBe(true);
      }
      const names = parameters.map((p) => `${p.in}:${p.name}`);
      expect(new Set(names).size).toBe(names.length);
      const responses = operation.responses as Record<string, Json>;
      expect(Object.keys(responses).length).toBeGreaterThan(0);
      for (const [code, response] of Object.entries(responses)) {
        expect(code).toMatch(/^[1-5]\d\d$/);
        const resolved = (typeof response.$ref === 'string' ? resolve(response.$ref) : response) as Json;
        expect(resolved.description).toEqual(expect.any(String));
      }
    }
  });

  it('operation IDs are unique', () => {
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every $ref points at something that exists, and every component is referenced', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    for (const ref of all) expect(resolve(ref), ref).toEqual(expect.any(Object));
    for (const name of Object.keys(doc.components.schemas)) expect(all).toContain(`#/components/schemas/${name}`);
  });

  it('component schemas are JSON Schema objects without standalone-document keywords', () => {
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(schema.type, name).toBe('object');
      expect(schema.$schema, name).toBeUndefined();
      expect(schema.properties, name).toEqual(expect.any(Object));
    }
  });

  it('every security requirement names a declared scheme', () => {
    const requirements = [...(doc.security as Json[]), ...Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => (op.security ?? []) as Json[]))];
    for (const requirement of requirements) for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes).toHaveProperty(scheme);
  });

  it('documents the problem response and the cohort filters a dashboard needs', () => {
    const summary = doc.paths[ROUTES.cohortSummary]!.get!;
    const names = (summary.parameters as Json[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['lookedAfter12Months', 'placementChange', 'sen', 'gender', 'ethnicity', 'yearGroup', 'keyStage', 'school', 'placementArea']));
    const notFound = (doc.paths[ROUTES.status]!.get!.responses as Record<string, Json>)['404']!;
    expect(refs(notFound)).toEqual(['#/components/responses/NotFound']);
    const problem = resolve('#/components/responses/NotFound') as Json;
    expect(JSON.stringify(problem)).toContain('"#/components/schemas/ProblemDetails"');
    expect(JSON.stringify(problem)).toContain(`{"const":"${PROBLEM_TYPES.notFound.type}"}`);
    expect(Object.values(PROBLEM_TYPES).every((p) => p.type.startsWith('urn:edubridge:problem:'))).toBe(true);
  });

  it.each([
    ['ChildEducationRecord', `/api/v1/children/${USERS.socialWorker.children[0]}`],
    ['EducationStatus', `/api/v1/children/${USERS.socialWorker.children[0]}/status`],
    ['StatusPage', '/api/v1/children?pageSize=3'],
    ['CohortSummary', '/api/v1/cohort/summary?yearGroup=6,11'],
    ['ProblemDetails', '/api/v1/children/999999999'],
  ])('the JSON Schema of %s (read back from the document) accepts what the server sends, and rejects a broken copy', async (name, path) => {
    // Read the published JSON Schema back into a validator, with the components as $defs so every $ref resolves.
    const text = JSON.stringify({ ...doc.components.schemas[name], $defs: doc.components.schemas }).replaceAll('#/components/schemas/', '#/$defs/');
    const validator = z.fromJSONSchema(JSON.parse(text));
    const { app } = makeApp();
    const body = await (await app.request(path, { headers: bearer(USERS.socialWorker) })).json();
    expect(validator.safeParse(body).error).toBeUndefined();
    const firstKey = Object.keys(body)[0]!;
    expect(validator.safeParse({ ...body, [firstKey]: { unexpected: true } }).success).toBe(false);
  });

  it('the server publishes exactly this document', async () => {
    const { app } = makeApp();
    const response = await app.request('/api/v1/openapi.json');
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});
