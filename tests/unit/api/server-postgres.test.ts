import { execFileSync } from 'node:child_process';
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/generate.ts';
import { writeTemplateCsv } from '../../../core/node/generate/write.ts';
import { personKey, PENDING_COOKIE } from '../../../core/node/server/oidc-auth.ts';
import { pgStores } from '../../../core/node/server/pg-stores.ts';
import { startServer, type RunningServer } from '../../../core/node/server/serve.ts';
import { SESSION_COOKIE } from '../../../core/node/server/sessions.ts';
import { newToken } from '../../../core/node/server/users.ts';
import { settingsFor, startTestProvider, type TestProvider } from './oidc-provider.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

// Two instances of the reference server behind one PostgreSQL (a real server, started here) agree: a
// session started on one works on the other (with a token, or through the council's identity provider, a
// real OpenID provider started here too), a sign-in started on one is finished by the other, a sign-out,
// a revocation and a rate limit hold on both, and both write one audit log that the server's role can add
// to but never change.

const AS_OF = '2026-03-10';
const SERVER_ROLE = 'edubridge_server';

describe('two instances, one PostgreSQL', () => {
  let db: TestPostgres;
  let provider: TestProvider;
  let a: RunningServer;
  let b: RunningServer;
  const head = newToken();
  const worker = newToken();
  const limited = newToken();
  const reader = newToken();
  let child: string;
  let serverUrl: string;
  let dir: string;

  beforeAll(async () => {
    db = await startPostgres();
    provider = await startTestProvider();
    db.sql(`CREATE ROLE ${SERVER_ROLE} LOGIN`);
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../core/node/cli/main.ts'), 'db-setup', '--server-role', SERVER_ROLE, '--database', db.url()], { encoding: 'utf8' });
    serverUrl = db.url(SERVER_ROLE);
    const scratch = mkdtempSync(join(tmpdir(), 'edubridge-pg-test-'));
    dir = join(scratch, 'data');
    const records = generateRecords({ children: 12, seed: 9, asOf: AS_OF });
    child = records[0]!.identity.personId;
    await writeTemplateCsv(dir, records);
    const usersFile = join(scratch, 'users.json');
    writeFileSync(
      usersFile,
      JSON.stringify([
        { tokenSha256: head.tokenSha256, name: 'Val Head', role: 'virtual-school' },
        { tokenSha256: worker.tokenSha256, name: 'Sam Worker', role: 'social-worker', children: [child] },
        { tokenSha256: limited.tokenSha256, name: 'Lee Limited', role: 'social-worker', children: [child] },
        { tokenSha256: reader.tokenSha256, name: 'Ray Reader', role: 'virtual-school' },
      ]),
    );
    const oidcFile = join(scratch, 'oidc.json');
    writeFileSync(oidcFile, JSON.stringify(settingsFor(provider)));
    const options = { dir, port: 0, usersFile, oidcFile, auditFile: join(scratch, 'unused-audit.jsonl'), asOf: AS_OF, database: serverUrl, rateLimit: 5, refreshSeconds: 0, log: () => undefined };
    a = await startServer(options);
    b = await startServer(options);
  }, 60_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await provider?.close();
    db?.stop();
  });

  const get = (server: RunningServer, path: string, headers: Record<string, string>) => fetch(`${server.url}${path}`, { headers });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('a session started on one instance is honoured by the other, and ended on both', async () => {
    const signIn = await fetch(`${a.url}/signin`, { method: 'POST', body: new URLSearchParams({ token: worker.token }), headers: { origin: a.url }, redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    expect((await get(b, `/api/v1/children/${child}`, { cookie })).status).toBe(200);
    const out = await fetch(`${b.url}/signout`, { method: 'POST', headers: { cookie, origin: b.url }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect((await get(a, `/api/v1/children/${child}`, { cookie })).status).toBe(401);
  });

  /** The value a response sets a cookie to. */
  const cookieValue = (response: Response, name: string) =>
    response.headers
      .getSetCookie()
      .find((line) => line.startsWith(`${name}=`))
      ?.split(';')[0]!
      .slice(name.length + 1);

  /** Starts a sign-in on one instance and signs `account` in at the provider: the callback to send, and the sign-in cookie. */
  async function startSignIn(server: RunningServer, account: string, next = '/api/v1/me') {
    const started = await fetch(`${server.url}/signin/oidc?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
    expect(started.status).toBe(302);
    const back = await provider.signIn(new URL(started.headers.get('location')!), account);
    return { callback: `/signin/callback${back.search}`, cookie: `${PENDING_COOKIE}=${cookieValue(started, PENDING_COOKIE)}` };
  }

  /** Finishes a sign-in on an instance: the session cookie to send. */
  async function finishSignIn(server: RunningServer, started: { callback: string; cookie: string }) {
    const done = await fetch(`${server.url}${started.callback}`, { headers: { cookie: started.cookie }, redirect: 'manual' });
    expect(done.status).toBe(303);
    return `${SESSION_COOKIE}=${cookieValue(done, SESSION_COOKIE)}`;
  }

  it('a sign-in through the identity provider on one instance is served by the other; signing out on either ends it on both', async () => {
    const cookie = await finishSignIn(a, await startSignIn(a, 'rachel'));
    for (const server of [b, a]) {
      const me = await get(server, '/api/v1/me', { cookie });
      expect(me.status).toBe(200);
      expect(await me.json()).toEqual({ name: 'Rachel Sharma', role: 'social-worker' });
    }
    const out = await fetch(`${b.url}/signout`, { method: 'POST', headers: { cookie, origin: b.url }, redirect: 'manual' });
    expect(out.status).toBe(303);
    expect((await get(a, '/api/v1/me', { cookie })).status).toBe(401);
    expect((await get(b, '/api/v1/me', { cookie })).status).toBe(401);
  });

  it('a sign-in started on one instance is finished by the other, once; the session reaches the person’s children on both', async () => {
    const started = await startSignIn(a, 'val', `/api/v1/children/${child}`);
    const done = await fetch(`${b.url}${started.callback}`, { headers: { cookie: started.cookie }, redirect: 'manual' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/api/v1/children/${child}`);
    const cookie = `${SESSION_COOKIE}=${cookieValue(done, SESSION_COOKIE)}`;
    // The callback replayed at the instance that started it finds nothing: the sign-in was used.
    const replay = await fetch(`${a.url}${started.callback}`, { headers: { cookie: started.cookie }, redirect: 'manual' });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toMatch(/expired or was already used/);
    expect(replay.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
    for (const server of [a, b]) {
      const total = ((await (await get(server, '/api/v1/children?pageSize=1', { cookie })).json()) as { total: number }).total;
      expect(total).toBe(12);
    }
  });

  it('a person signed in through the identity provider, revoked with `edubridge revoke`, is refused by both instances', async () => {
    const cookie = await finishSignIn(b, await startSignIn(b, 'dee'));
    expect((await get(a, '/api/v1/me', { cookie })).status).toBe(200);
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../core/node/cli/main.ts'), 'revoke', personKey(provider.issuer, 'dee'), '--database', serverUrl], { encoding: 'utf8' });
    expect((await get(a, '/api/v1/me', { cookie })).status).toBe(401);
    expect((await get(b, '/api/v1/me', { cookie })).status).toBe(401);
  });

  it('sign-ins in progress are kept by the SHA-256 of their ID and removed once used; a session keeps its person, not a token', async () => {
    const started = await startSignIn(a, 'rachel');
    const id = started.cookie.split('=')[1]!;
    const kept = `SELECT count(*) FROM edubridge_signins WHERE id_sha256 = encode(sha256('${id}'::bytea), 'hex')`;
    expect(db.sql(kept)).toBe('1');
    expect(db.sql('SELECT id_sha256 || pending::text FROM edubridge_signins')).not.toContain(id);
    const cookie = await finishSignIn(b, started);
    expect(db.sql(kept)).toBe('0');
    const session = `id_sha256 = encode(sha256('${cookie.split('=')[1]!}'::bytea), 'hex')`;
    expect(db.sql(`SELECT person::text FROM edubridge_sessions WHERE ${session}`)).toMatch(/"role": "social-worker"/);
    // It ends when the provider's sign-in does (the test provider's ID tokens last an hour), not 8 hours on.
    expect(db.sql(`SELECT expires > now() AND expires <= now() + interval '1 hour' FROM edubridge_sessions WHERE ${session}`)).toBe('t');
    // A person that does not read back as one is no session at all, never a guess at who it was.
    expect((await get(b, '/api/v1/me', { cookie })).status).toBe(200);
    db.sql(`UPDATE edubridge_sessions SET person = person || '{"role": "head-teacher"}' WHERE ${session}`);
    expect((await get(b, '/api/v1/me', { cookie })).status).toBe(401);
  });

  it('tables made by an older version stop the server at start-up, saying to run db-setup, which adds what is missing', async () => {
    const options = { dir, port: 0, usersFile: join(dir, '..', 'users.json'), oidcFile: join(dir, '..', 'oidc.json'), auditFile: join(dir, '..', 'unused.jsonl'), asOf: AS_OF, database: serverUrl, refreshSeconds: 0, log: () => undefined };
    db.sql('DROP TABLE edubridge_signins; ALTER TABLE edubridge_sessions DROP COLUMN person');
    await expect(startServer(options)).rejects.toThrow(/cannot use the database: .*edubridge_signins.* \(run "edubridge db-setup" as the tables' owner first\)/);
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../core/node/cli/main.ts'), 'db-setup', '--server-role', SERVER_ROLE, '--database', db.url()], { encoding: 'utf8' });
    const c = await startServer(options);
    try {
      expect((await get(c, `/api/v1/children/${child}`, bearer(head.token))).status).toBe(200);
      expect((await finishSignIn(c, await startSignIn(a, 'rachel'))).startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    } finally {
      await c.close();
    }
  });

  it('expired sessions, sign-ins in progress and counters are deleted by the sweep', async () => {
    db.sql(`INSERT INTO edubridge_sessions (id_sha256, token_sha256, expires) VALUES ('expired-session', 'x', now() - interval '1 second');
            INSERT INTO edubridge_signins (id_sha256, pending, expires) VALUES ('expired-signin', '{}', now() - interval '1 second');
            INSERT INTO edubridge_rate (key, count, reset_at) VALUES ('expired-counter', 1, now() - interval '1 second')`);
    const count = () => db.sql("SELECT (SELECT count(*) FROM edubridge_sessions WHERE id_sha256 = 'expired-session') + (SELECT count(*) FROM edubridge_signins WHERE id_sha256 = 'expired-signin') + (SELECT count(*) FROM edubridge_rate WHERE key = 'expired-counter')");
    expect(count()).toBe('3');
    const stores = await pgStores(serverUrl, { sweepMs: 50 });
    try {
      await expect.poll(count, { timeout: 10_000 }).toBe('0');
    } finally {
      await stores.close();
    }
  });

  it('the session table keeps a hash of the session ID, never the ID', async () => {
    const signIn = await fetch(`${a.url}/signin`, { method: 'POST', body: new URLSearchParams({ token: head.token }), headers: { origin: a.url }, redirect: 'manual' });
    const id = signIn.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    expect(db.sql('SELECT id_sha256 FROM edubridge_sessions')).not.toContain(id);
  });

  it('a rate limit counts requests on both instances together', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(i % 2 === 0 ? a : b, `/api/v1/children/${child}`, bearer(limited.token))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('a token revoked with `edubridge revoke` is refused by both instances at once', async () => {
    expect((await get(a, `/api/v1/children/${child}/status`, bearer(worker.token))).status).toBe(200);
    execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../core/node/cli/main.ts'), 'revoke', worker.tokenSha256, '--reason', 'left the council', '--database', serverUrl], { encoding: 'utf8' });
    expect((await get(a, `/api/v1/children/${child}/status`, bearer(worker.token))).status).toBe(401);
    expect((await get(b, `/api/v1/children/${child}/status`, bearer(worker.token))).status).toBe(401);
    expect((await get(b, `/api/v1/children/${child}/status`, bearer(head.token))).status).toBe(200);
  });

  it('both instances write one audit log, which the server’s role cannot change or delete', async () => {
    const fromA = await get(a, `/api/v1/children/${child}`, { ...bearer(head.token), 'edubridge-purpose': 'audit-from-a' });
    const fromB = await get(b, `/api/v1/children/${child}`, { ...bearer(head.token), 'edubridge-purpose': 'audit-from-b' });
    const ids = [fromA.headers.get('x-request-id'), fromB.headers.get('x-request-id')];
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ entry: { requestId: string; child: string; purpose: string } }>("SELECT entry FROM edubridge_audit WHERE entry->>'purpose' LIKE 'audit-from-%' ORDER BY id");
      expect(rows.map((r) => [r.entry.requestId, r.entry.child, r.entry.purpose])).toEqual([
        [ids[0], child, 'audit-from-a'],
        [ids[1], child, 'audit-from-b'],
      ]);
      await expect(client.query("UPDATE edubridge_audit SET entry = '{}'::jsonb")).rejects.toThrow(/permission denied/);
      await expect(client.query('DELETE FROM edubridge_audit')).rejects.toThrow(/permission denied/);
      await expect(client.query('TRUNCATE edubridge_audit')).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('the audit lines of many requests at once go in together, few statements for many requests, each request’s lines whole and in order', async () => {
    const stores = await pgStores(serverUrl);
    const purpose = `batched-${Date.now()}`;
    const line = (i: number, part: number) => ({ time: new Date().toISOString(), requestId: `r${i}-${part}`, user: 'Test', role: 'virtual-school', endpoint: 'GET /api/v1/children/:id', child, purpose });
    try {
      await Promise.all(Array.from({ length: 60 }, (_, i) => stores.audit!.record([line(i, 1), line(i, 2)])));
    } finally {
      await stores.close();
    }
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      // Rows written by one statement share its transaction ID (xmin).
      const { rows } = await client.query<{ request: string; tx: string }>("SELECT entry->>'requestId' AS request, xmin::text AS tx FROM edubridge_audit WHERE entry->>'purpose' = $1 ORDER BY id", [purpose]);
      expect(rows.map((r) => r.request)).toEqual(Array.from({ length: 60 }, (_, i) => [`r${i}-1`, `r${i}-2`]).flat());
      expect(new Set(rows.map((r) => r.tx)).size).toBe(2);
    } finally {
      await client.end();
    }
  });

  it('the children are in the database: new data read by one instance is served by both', async () => {
    const total = async (server: RunningServer) => ((await (await get(server, '/api/v1/children?pageSize=1', bearer(reader.token))).json()) as { total: number }).total;
    expect([await total(a), await total(b)]).toEqual([12, 12]);
    expect(db.sql('SELECT count(*) FROM edubridge_children')).toBe('12');
    await writeTemplateCsv(dir, generateRecords({ children: 15, seed: 9, asOf: AS_OF }));
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'children.csv'), later, later);
    expect(await a.data.refresh()).toBe('changing');
    expect(await a.data.refresh()).toBe('loaded');
    expect(await b.data.refresh()).toBe('loaded');
    expect([await total(a), await total(b)]).toEqual([15, 15]);
    expect(a.data.report().generation).toBe(b.data.report().generation);
    // The generation before stays for an instance still reading it; older ones are deleted.
    expect(db.sql('SELECT count(DISTINCT generation) FROM edubridge_children')).toBe('2');
  });
});
