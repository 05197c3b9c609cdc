import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../../core/api/openapi.ts';
import { ROUTES, type RouteName } from '../../../core/api/paths.ts';
import type { User } from '../../../core/node/server/users.ts';
import { bearer, DT_SCHOOL, EXPECTED_SCOPE, makeApp, RECORDS, USERS } from './helpers.ts';

// The contract test: every operation of the OpenAPI document, called with valid and invalid parameters
// as each role and as nobody, and every answer held to the document — its status documented for that
// operation, its body valid against the documented schema (Ajv, JSON Schema 2020-12, formats checked),
// its content type, and its documented headers valid (and present, where the document says they always are). Every documented status of every
// operation is seen at least once, so the document promises nothing the server does not do.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the OpenAPI document, walked generically

const doc = buildOpenApiDocument() as Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);

/** Follows a local `$ref` (#/components/…). */
function deref(node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  return deref(
    (node.$ref as string)
      .slice(2)
      .split('/')
      .reduce<Json>((at, part) => at[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc),
  );
}

const validators = new Map<string, ValidateFunction>();
/** A validator for a schema of the document, with the component schemas beside it so every $ref resolves. */
function validatorFor(schema: Json): ValidateFunction {
  const text = JSON.stringify({ ...schema, $defs: doc.components.schemas }).replaceAll('#/components/schemas/', '#/$defs/');
  let validate = validators.get(text);
  if (!validate) {
    validate = ajv.compile(JSON.parse(text));
    validators.set(text, validate);
  }
  return validate;
}

type Method = 'get' | 'options';
const seen = new Map<string, Set<string>>();
const key = (route: RouteName, method: Method) => `${method.toUpperCase()} ${ROUTES[route]}`;

/** Holds one response to the document: status, content type, body and headers. */
async function conforms(route: RouteName, method: Method, response: Response, label: string): Promise<void> {
  const operation = doc.paths[ROUTES[route]][method] as Json;
  const status = String(response.status);
  const documented = operation.responses[status] as Json | undefined;
  expect(documented, `${label}: ${status} is not documented for ${key(route, method)}`).toBeDefined();
  const responseObject = deref(documented!);
  if (!seen.has(key(route, method))) seen.set(key(route, method), new Set());
  seen.get(key(route, method))!.add(status);

  const text = await response.text();
  const content = responseObject.content as Record<string, Json> | undefined;
  if (content === undefined) {
    expect(text, `${label}: no body documented`).toBe('');
  } else {
    const type = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
    expect(Object.keys(content), `${label}: content type`).toContain(type);
    const validate = validatorFor(content[type]!.schema as Json);
    const body: unknown = JSON.parse(text);
    const valid = validate(body);
    expect(valid ? [] : ajv.errorsText(validate.errors).slice(0, 2000), `${label}: body against the document`).toEqual([]);
  }
  for (const [name, headerRef] of Object.entries((responseObject.headers ?? {}) as Record<string, Json>)) {
    const value = response.headers.get(name);
    const documentedHeader = deref(headerRef);
    if (documentedHeader.required === true) expect(value, `${label}: header ${name}`).not.toBeNull();
    if (value === null) continue;
    const schema = documentedHeader.schema as Json;
    const typed = schema.type === 'integer' ? Number(value) : value;
    expect(validatorFor(schema)(typed), `${label}: header ${name}: ${value}`).toBe(true);
  }
}

// ---------------------------------------------------------------------------------------------------
// Values for each parameter, valid and invalid, worked out from the parameter's documented schema (with
// real identifiers where the schema is only a pattern).

const SAMPLES: Record<string, string[]> = {
  school: [DT_SCHOOL],
  ethnicity: ['WBRI', 'WBRI,MOTH'],
  yearGroup: ['6', '0,6,11', '-3,15'],
  ids: [EXPECTED_SCOPE.socialWorker.slice(0, 3).join(','), `${RECORDS[0]!.identity.personId},999999999`],
  asOf: ['2026-01-15', '1900-01-01', '2999-12-31'],
};

function validValues(parameter: Json): string[] {
  if (SAMPLES[parameter.name]) return SAMPLES[parameter.name]!;
  const schema = parameter.schema as Json;
  if (schema.type === 'array') {
    const items = schema.items as Json;
    const values = (items.enum ?? []) as (string | number)[];
    expect(values.length, `${parameter.name}: list items need samples`).toBeGreaterThan(0);
    return [String(values[0]), values.slice(0, 2).join(',')];
  }
  if (schema.enum) return (schema.enum as string[]).map(String);
  if (schema.const !== undefined) return [String(schema.const)];
  if (schema.type === 'integer') return [String(schema.minimum), String(Math.min(schema.maximum as number, (schema.minimum as number) + 2))];
  throw new Error(`no valid values for ${parameter.name}`);
}

function invalidValues(parameter: Json): string[] {
  const schema = parameter.schema as Json;
  if (parameter.name === 'asOf') return ['2026-02-30', '1899-12-31', '3000-01-01', 'today'];
  if (schema.type === 'array') return ['', 'nonsense!', `${validValues(parameter)[0]},<b>`];
  if (schema.enum || schema.const !== undefined) return ['nonsense', ''];
  if (schema.type === 'integer') return [String((schema.minimum as number) - 1), String((schema.maximum as number) + 1), 'abc', '1.5'];
  throw new Error(`no invalid values for ${parameter.name}`);
}

const ROLES: [string, User | undefined][] = [
  ['social worker', USERS.socialWorker],
  ['designated teacher', USERS.teacher],
  ['virtual school', USERS.virtualSchool],
  ['nobody', undefined],
];

const GET_ROUTES = (Object.keys(ROUTES) as RouteName[]).filter((route) => doc.paths[ROUTES[route]].get);
const { app } = makeApp();
const inScope = USERS.socialWorker.children[0]!;
const pathFor = (route: RouteName, id = inScope) => ROUTES[route].replace('{id}', encodeURIComponent(id));
const needsUser = (route: RouteName) => (doc.paths[ROUTES[route]].get as Json).security === undefined;

const scopeOf = (user: User) => (user === USERS.socialWorker ? EXPECTED_SCOPE.socialWorker : user === USERS.teacher ? EXPECTED_SCOPE.teacher : EXPECTED_SCOPE.virtualSchool);

/** What the server should answer: 401 to nobody, 400 for a bad parameter (checked before the child is looked up), 404 for a child out of scope. */
function expectedStatus(route: RouteName, user: User | undefined, valid: boolean): number {
  if (!needsUser(route)) return 200;
  if (user === undefined) return 401;
  if (!valid) return 400;
  if (ROUTES[route].includes('{id}') && !scopeOf(user).includes(inScope)) return 404;
  return 200;
}

describe('every operation, every role, valid and invalid parameters: each answer as the document says', () => {
  for (const route of GET_ROUTES) {
    const operation = doc.paths[ROUTES[route]].get as Json;
    const query = ((operation.parameters ?? []) as Json[]).filter((p) => p.in === 'query');

    for (const [role, user] of ROLES) {
      const headers = user ? bearer(user) : {};

      it(`${key(route, 'get')} as ${role}: with no parameters, and with each query parameter valid`, async () => {
        const plain = await app.request(pathFor(route), { headers });
        expect(plain.status).toBe(expectedStatus(route, user, true));
        await conforms(route, 'get', plain, `${role} ${pathFor(route)}`);
        for (const parameter of query) {
          for (const value of validValues(parameter)) {
            const url = `${pathFor(route)}?${new URLSearchParams({ [parameter.name]: value })}`;
            const response = await app.request(url, { headers });
            expect(response.status, url).toBe(expectedStatus(route, user, true));
            await conforms(route, 'get', response, `${role} ${url}`);
          }
        }
      });

      it(`${key(route, 'get')} as ${role}: each query parameter invalid, and one the operation does not take`, async () => {
        const cases = [...query.flatMap((parameter) => invalidValues(parameter).map((value) => ({ [parameter.name]: value }))), { notAParameter: '1' }];
        for (const params of cases) {
          const url = `${pathFor(route)}?${new URLSearchParams(params)}`;
          const response = await app.request(url, { headers });
          expect(response.status, url).toBe(expectedStatus(route, user, false));
          await conforms(route, 'get', response, `${role} ${url}`);
        }
      });
    }

    if (ROUTES[route].includes('{id}')) {
      it(`${key(route, 'get')}: every child ID, as each role — in scope, out of scope, not there, not an ID`, async () => {
        const ids = [...new Set([...EXPECTED_SCOPE.socialWorker, ...EXPECTED_SCOPE.teacher.slice(0, 3), RECORDS.at(-1)!.identity.personId])];
        for (const [role, user] of ROLES) {
          for (const id of [...ids, '999999999', '<script>', 'a'.repeat(65), '-leading-dash']) {
            const response = await app.request(pathFor(route, id), { headers: user ? bearer(user) : {} });
            const expected = user === undefined ? 401 : !/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(id) ? 400 : scopeOf(user).includes(id) ? 200 : 404;
            expect(response.status, `${role} ${id}`).toBe(expected);
            await conforms(route, 'get', response, `${role} ${pathFor(route, id)}`);
          }
        }
      });
    }

    it(`${key(route, 'get')}: a bad token, a foreign origin, the null origin, other methods, a large body, large headers`, async () => {
      const path = pathFor(route);
      const cases: [string, Response | Promise<Response>, number][] = [
        ['a bad token', app.request(path, { headers: { authorization: 'Bearer not-a-token-at-all' } }), needsUser(route) ? 401 : 200],
        ['a foreign origin', app.request(path, { headers: { ...bearer(USERS.virtualSchool), origin: 'https://evil.example' } }), 403],
        ['the null origin', app.request(path, { headers: { origin: 'null' } }), 403],
        ['an allowed origin', app.request(path, { headers: { ...bearer(USERS.virtualSchool), origin: 'https://portal.council.example' } }), 200],
        ['18 KB of headers', app.request(path, { headers: { ...bearer(USERS.virtualSchool), 'x-padding': 'x'.repeat(18_000) } }), 431],
        ['a 20 KB body', app.request(path, { method: 'POST', body: 'x'.repeat(20_000), headers: { 'content-type': 'text/plain' } }), 413],
        ...(['POST', 'PUT', 'PATCH', 'DELETE'] as const).map((method): [string, Response | Promise<Response>, number] => [method, app.request(path, { method, headers: bearer(USERS.virtualSchool) }), 405]),
      ];
      for (const [name, pending, status] of cases) {
        const response = await pending;
        expect(response.status, name).toBe(status);
        await conforms(route, 'get', response, `${name} ${path}`);
      }
    });

    it(`${key(route, 'options')}: the CORS preflight, from an allowed origin and from any other`, async () => {
      for (const origin of ['https://portal.council.example', 'https://evil.example', 'null']) {
        const response = await app.request(pathFor(route), { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
        expect(response.status, origin).toBe(origin === 'null' ? 403 : 204);
        await conforms(route, 'options', response, `preflight from ${origin}`);
      }
    });
  }

  it('over the rate limit: 429 with Retry-After, as documented, for every operation that documents it', async () => {
    const limitedRoutes = GET_ROUTES.filter((route) => '429' in (doc.paths[ROUTES[route]].get!.responses ?? {}));
    expect(limitedRoutes.length).toBe(GET_ROUTES.length - 1);
    for (const route of limitedRoutes) {
      const { app: limited } = makeApp({ rateLimit: 1 });
      await limited.request(pathFor(route), { headers: bearer(USERS.virtualSchool) });
      const response = await limited.request(pathFor(route), { headers: bearer(USERS.virtualSchool) });
      expect(response.status).toBe(429);
      await conforms(route, 'get', response, `rate-limited ${route}`);
    }
  });

  it('an OPTIONS request with 18 KB of headers: 431, as documented', async () => {
    for (const route of GET_ROUTES) {
      const response = await app.request(pathFor(route), { method: 'OPTIONS', headers: { 'x-padding': 'x'.repeat(18_000) } });
      expect(response.status).toBe(431);
      await conforms(route, 'options', response, `large OPTIONS ${route}`);
    }
  });

  it('the service failing: 500 as documented (a disclosure that cannot be audited is not made)', async () => {
    const { app: failing } = makeApp({ audit: { record: () => Promise.reject(new Error('disk full')) } });
    for (const route of GET_ROUTES.filter(needsUser)) {
      const response = await failing.request(pathFor(route), { headers: bearer(USERS.virtualSchool) });
      expect(response.status).toBe(500);
      await conforms(route, 'get', response, `failing ${route}`);
    }
  });

  afterAll(() => {
    // Every documented status of every operation was seen: the document promises nothing the server does not do.
    // The one exception: the OpenAPI document is built from constants, so nothing in a test makes it fail.
    const missing: string[] = [];
    const unreachable = new Set([`GET ${ROUTES.openapi} 500`]);
    for (const route of GET_ROUTES) {
      for (const method of ['get', 'options'] as const) {
        const operation = doc.paths[ROUTES[route]][method] as Json;
        for (const status of Object.keys(operation.responses)) if (!seen.get(key(route, method))?.has(status) && !unreachable.has(`${key(route, method)} ${status}`)) missing.push(`${key(route, method)} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
