import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, OriginRefusedError } from '../../../core/api/client.ts';
import { PROBLEM_TYPES, ProblemDetails, StatusSummaryPage } from '../../../core/api/schemas.ts';
import { chooseEncoding } from '../../../core/node/server/compression.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { AS_OF, bearer, makeApp, RECORDS, USERS } from './helpers.ts';

// Embedding the widgets on another site: the bundle and its chunks served with CORS, compression and
// caching; API answers compressed; a refused origin told apart from an unreachable service.

const dist = mkdtempSync(join(tmpdir(), 'edubridge-widgets-'));
mkdirSync(join(dist, 'esm', 'chunks'), { recursive: true });
const BUNDLE = `export const widgets = ${JSON.stringify('edu-'.repeat(2000))};\n`;
writeFileSync(join(dist, 'edubridge-widgets.js'), BUNDLE);
writeFileSync(join(dist, 'esm', 'chunks', 'setup-Ab12Cd34.js'), `export const setup = ${JSON.stringify('lit '.repeat(1000))};\n`);
writeFileSync(join(dist, 'esm', 'edu-tiny.js'), 'export {};\n');
writeFileSync(join(dist, '.hidden.js'), 'secret');
writeFileSync(join(dist, 'notes.txt'), 'not a file a page loads');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const { app, audit } = makeApp({ widgetsDir: dist });
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('the widget bundle, served at /widgets/dist/ without --demo', () => {
  it('to any site, as a module script may load it (CORS), with its type and nosniff', async () => {
    const response = await get('/widgets/dist/edubridge-widgets.js', { origin: 'https://portal.council.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(BUNDLE);
  });

  it('a hashed chunk is immutable for a year; the bundle is revalidated with its ETag and answered 304', async () => {
    const chunk = await get('/widgets/dist/esm/chunks/setup-Ab12Cd34.js');
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bundle = await get('/widgets/dist/edubridge-widgets.js');
    expect(bundle.headers.get('cache-control')).toBe('public, no-cache');
    const etag = bundle.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    const again = await get('/widgets/dist/edubridge-widgets.js', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('a changed file gets a new ETag, so an old copy is not kept', async () => {
    const before = (await get('/widgets/dist/esm/edu-tiny.js')).headers.get('etag')!;
    writeFileSync(join(dist, 'esm', 'edu-tiny.js'), 'export const changed = true;\n');
    utimesSync(join(dist, 'esm', 'edu-tiny.js'), new Date(), new Date(Date.now() + 5000));
    const after = await get('/widgets/dist/esm/edu-tiny.js', { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(await after.text()).toContain('changed');
  });

  it.each([
    ['br', (bytes: Buffer) => brotliDecompressSync(bytes)],
    ['gzip', (bytes: Buffer) => gunzipSync(bytes)],
  ] as const)('compressed with %s when the browser takes it, with an ETag of its own', async (encoding, decode) => {
    const response = await get('/widgets/dist/edubridge-widgets.js', { 'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip' });
    expect(response.headers.get('content-encoding')).toBe(encoding);
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBeLessThan(BUNDLE.length / 10);
    expect(decode(bytes).toString('utf8')).toBe(BUNDLE);
    const etag = response.headers.get('etag')!;
    expect(etag).toMatch(new RegExp(`-${encoding}"$`));
    expect((await get('/widgets/dist/edubridge-widgets.js', { 'accept-encoding': encoding, 'if-none-match': etag })).status).toBe(304);
  });

  it.each([
    ['a path out of the folder', '/widgets/dist/..%2F..%2Fpackage.json'],
    ['a path out of the folder, encoded twice', '/widgets/dist/..%252F..%252Fpackage.json'],
    ['a malformed escape', '/widgets/dist/%E0%A4%A.js'],
    ['a dot-file', '/widgets/dist/.hidden.js'],
    ['a file type pages do not load', '/widgets/dist/notes.txt'],
    ['a file that does not exist', '/widgets/dist/edu-nothing.js'],
    ['the folder itself', '/widgets/dist/esm'],
  ])('%s → 404', async (_name, path) => {
    const response = await get(path);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('without a built bundle, 404 (not a crash)', async () => {
    const { app: bare } = makeApp({ widgetsDir: join(dist, 'absent') });
    expect((await bare.request('/widgets/dist/edubridge-widgets.js')).status).toBe(404);
  });
});

describe('API answers are compressed', () => {
  it('a page of compact statuses, with brotli or gzip, decodes to the same JSON', async () => {
    const plain = await get('/api/v1/children?view=summary&pageSize=40', bearer(USERS.virtualSchool));
    expect(plain.headers.get('content-encoding')).toBeNull();
    const text = await plain.text();
    const br = await get('/api/v1/children?view=summary&pageSize=40', { ...bearer(USERS.virtualSchool), 'accept-encoding': 'gzip, br' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/);
    const bytes = Buffer.from(await br.arrayBuffer());
    expect(bytes.length).toBeLessThan(text.length / 5);
    const decoded = JSON.parse(brotliDecompressSync(bytes).toString('utf8'));
    expect(StatusSummaryPage.parse(decoded).items).toHaveLength(40);
    expect(br.headers.get('cache-control')).toBe('no-store');
    expect(br.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a child\'s status: the same JSON bytes each time it is asked for, with their length, compressed when the client takes it', async () => {
    const id = RECORDS[3]!.identity.personId;
    const path = `/api/v1/children/${id}/status`;
    const first = await get(path, bearer(USERS.virtualSchool));
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(first.headers.get('content-length')).toBe(String(bytes.length));
    expect(JSON.parse(bytes.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(deriveStatus(RECORDS[3]!, { asOf: AS_OF, language: 'en' }))));
    const again = await get(path, bearer(USERS.virtualSchool));
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    // Another language or date is another answer, not the one kept.
    const welsh = await get(`${path}?lang=cy`, bearer(USERS.virtualSchool));
    expect(JSON.parse(await welsh.text())).toEqual(JSON.parse(JSON.stringify(deriveStatus(RECORDS[3]!, { asOf: AS_OF, language: 'cy' }))));
    const earlier = await get(`${path}?asOf=2025-11-03`, bearer(USERS.virtualSchool));
    expect(JSON.parse(await earlier.text()).asOf).toBe('2025-11-03');
    const gzip = await get(path, { ...bearer(USERS.virtualSchool), 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).equals(bytes)).toBe(true);
    // Compressed once, then the same compressed bytes (and every time a line in the audit log).
    const [br1, br2] = await Promise.all([1, 2].map(() => get(path, { ...bearer(USERS.virtualSchool), 'accept-encoding': 'gzip, deflate, br' })));
    const brBytes = Buffer.from(await br1!.arrayBuffer());
    expect(br1!.headers.get('content-encoding')).toBe('br');
    expect(br1!.headers.get('content-length')).toBe(String(brBytes.length));
    expect(Buffer.from(await br2!.arrayBuffer()).equals(brBytes)).toBe(true);
    expect(brotliDecompressSync(brBytes).equals(bytes)).toBe(true);
    expect(audit.entries.filter((e) => e.child === id && e.endpoint === 'GET /api/v1/children/:id/status')).toHaveLength(7);
  });

  it('a small answer is sent as it is', async () => {
    const response = await get('/api/v1/children/nobody', { ...bearer(USERS.virtualSchool), 'accept-encoding': 'br' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(ProblemDetails.parse(await response.json()).type).toBe(PROBLEM_TYPES.notFound.type);
  });

  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['*', 'br'],
    ['identity', undefined],
    ['', undefined],
  ])('Accept-Encoding %j → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('dates the contract accepts but the calendar cannot work with are 400s, not 500s', () => {
  it.each(['0001-01-01', '1899-12-31', '3000-01-01', '9999-12-31'])('asOf=%s → 400 naming asOf', async (date) => {
    for (const path of [`/api/v1/children?asOf=${date}`, `/api/v1/cohort/summary?asOf=${date}`, `/api/v1/children/${USERS.socialWorker.children[0]}/status?asOf=${date}`]) {
      const response = await get(path, bearer(USERS.virtualSchool));
      expect(response.status, path).toBe(400);
      expect(ProblemDetails.parse(await response.json()).errors?.map((e) => e.parameter)).toEqual(['asOf']);
    }
  });

  it.each(['1900-01-01', '2999-12-31'])('asOf=%s, at the ends of the range → 200', async (date) => {
    expect((await get(`/api/v1/cohort/summary?asOf=${date}`, bearer(USERS.virtualSchool))).status).toBe(200);
  });
});

describe('page sizes', () => {
  it('a page of up to 2,000 compact statuses; full statuses stay at 200 a page', async () => {
    expect((await get('/api/v1/children?view=summary&pageSize=2000', bearer(USERS.virtualSchool))).status).toBe(200);
    expect((await get('/api/v1/children?view=summary&pageSize=2001', bearer(USERS.virtualSchool))).status).toBe(400);
    const full = await get('/api/v1/children?pageSize=201', bearer(USERS.virtualSchool));
    expect(full.status).toBe(400);
    const problem = ProblemDetails.parse(await full.json());
    expect(problem.errors).toEqual([{ parameter: 'pageSize', message: expect.stringMatching(/at most 200 full statuses/) }]);
  });
});

describe('the typed client tells a refused site from an unreachable service', () => {
  it('a 403 origin-not-allowed problem → OriginRefusedError (kind origin-refused)', async () => {
    const client = createClient({
      baseUrl: 'https://education.council.example',
      token: 'a-token',
      fetch: async (input, init) => app.request(String(input).replace('https://education.council.example', ''), { ...init, headers: { ...(init?.headers as Record<string, string>), origin: 'https://evil.example' } }),
    });
    const error = await client.listChildSummaries().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OriginRefusedError);
    expect((error as OriginRefusedError).kind).toBe('origin-refused');
    expect((error as OriginRefusedError).status).toBe(403);
    expect((error as OriginRefusedError).message).toMatch(/This web site is not allowed to use the education service \(education\.council\.example\)/);
  });
});
