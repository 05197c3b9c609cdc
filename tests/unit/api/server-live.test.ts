import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/generate.ts';
import { writeTemplateCsv } from '../../../core/node/generate/write.ts';
import { todayInLondon } from '../../../core/node/server/clock.ts';
import { ChildStore } from '../../../core/node/server/data.ts';
import { LiveData } from '../../../core/node/server/live-data.ts';
import { REFRESH_NICENESS } from '../../../core/node/server/load-worker.ts';
import { startServer, type RunningServer } from '../../../core/node/server/serve.ts';
import { hashToken, newToken } from '../../../core/node/server/users.ts';

// The reference server as a council runs it: on a port, from a data directory and a users file of hashed
// tokens, both re-read while it runs.

const AS_OF = '2026-03-10';
const scratch = mkdtempSync(join(tmpdir(), 'edubridge-live-'));
const quiet = () => undefined;

async function dataDir(name: string, children: number, seed = 3): Promise<string> {
  const dir = join(scratch, name);
  await writeTemplateCsv(dir, generateRecords({ children, seed, asOf: AS_OF }));
  return dir;
}

/** Makes a file look changed to a check that compares modification times and sizes. */
const touch = (file: string, seconds: number) => utimesSync(file, new Date(Date.now() + seconds * 1000), new Date(Date.now() + seconds * 1000));

describe('the service date', () => {
  it('follows the clock in UK time: 23:30 UTC on 30 June is already 1 July in London (BST)', () => {
    expect(todayInLondon(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(todayInLondon(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('moves on without a restart unless pinned', async () => {
    const dir = await dataDir('clock', 5);
    let now = new Date('2026-03-10T12:00:00Z');
    const live = await LiveData.load({ dir, now: () => now, log: quiet, pollMs: 0 });
    const pinned = await LiveData.load({ dir, asOf: '2026-03-10', now: () => now, log: quiet, pollMs: 0 });
    expect(live.current().asOf).toBe('2026-03-10');
    now = new Date('2026-03-13T09:00:00Z');
    expect(live.current().asOf).toBe('2026-03-13');
    expect(live.report()).toMatchObject({ asOf: '2026-03-13', asOfFollowsClock: true });
    expect(pinned.current().asOf).toBe('2026-03-10');
    expect(pinned.report().asOfFollowsClock).toBe(false);
  });
});

describe('data that refreshes itself', () => {
  it('a changed directory is loaded once it has stopped changing, and swapped in whole', async () => {
    const dir = await dataDir('refresh', 10);
    const live = await LiveData.load({ dir, asOf: AS_OF, log: quiet, pollMs: 0 });
    const before = live.current();
    expect(before.records).toHaveLength(10);
    expect(await live.refresh()).toBe('unchanged');
    await writeTemplateCsv(dir, generateRecords({ children: 12, seed: 3, asOf: AS_OF }));
    for (const file of ['children.csv']) touch(join(dir, file), 5);
    expect(await live.refresh()).toBe('changing');
    expect(live.current()).toBe(before);
    expect(await live.refresh()).toBe('loaded');
    expect(live.current().records).toHaveLength(12);
    // A request that began on the old set still holds it, whole.
    expect(before.records).toHaveLength(10);
  });

  it('the answers the refresh process makes ready are, byte for byte, those the server would work out from the data it swaps in', async () => {
    const dir = await dataDir('warm', 8);
    const lines: string[] = [];
    const live = await LiveData.load({ dir, asOf: AS_OF, log: (line) => lines.push(line), pollMs: 0 });
    const asked = live.current().records.slice(0, 5);
    for (const [i, record] of asked.entries()) await live.current().statusBody(record, AS_OF, i % 2 === 0 ? 'en' : 'cy', i === 0 ? 'br' : i === 1 ? 'gzip' : undefined);
    const next = generateRecords({ children: 8, seed: 3, asOf: AS_OF });
    next.find((r) => r.identity.personId === asked[2]!.identity.personId)!.identity.firstName = 'Renamed';
    await writeTemplateCsv(dir, next);
    touch(join(dir, 'children.csv'), 5);
    expect(await live.refresh()).toBe('changing');
    expect(await live.refresh()).toBe('loaded');
    expect(lines.at(-1)).toMatch(/\(read in a separate process\); 5 status answers made ready$/);
    const swapped = live.current();
    // A store of the same children that was never warmed works each answer out on this thread.
    const cold = new ChildStore(swapped.records, AS_OF);
    for (const [i, record] of asked.entries()) {
      const language = i % 2 === 0 ? 'en' : 'cy';
      const encoding = i === 0 ? 'br' : i === 1 ? 'gzip' : undefined;
      expect(swapped.hasAnswer(record.identity.personId, AS_OF, language)).toBe(true);
      const current = swapped.records.find((r) => r.identity.personId === record.identity.personId)!;
      const warm = await swapped.statusBody(current, AS_OF, language);
      expect(new TextDecoder().decode(warm.body)).toBe(new TextDecoder().decode((await cold.statusBody(current, AS_OF, language)).body));
      if (encoding) expect((await swapped.statusBody(current, AS_OF, language, encoding)).encoding).toBe(encoding);
    }
    expect(JSON.parse(new TextDecoder().decode((await swapped.statusBody(swapped.records.find((r) => r.identity.personId === asked[2]!.identity.personId)!)).body)).child.firstName).toBe('Renamed');
  });

  it('a load with too many rejected rows keeps the last good data, and says so', async () => {
    const dir = await dataDir('refuse', 10);
    const lines: string[] = [];
    const live = await LiveData.load({ dir, asOf: AS_OF, log: (line) => lines.push(line), pollMs: 0, maxRejectedPercent: 1 });
    const attendance = join(dir, 'attendance.csv');
    const header = readFileSync(attendance, 'utf8').split('\n')[0]!;
    const width = header.split(',').length;
    let bad = '';
    for (let i = 0; i < 200; i++) bad += `${Array.from({ length: width }, () => 'not-a-value').join(',')}\r\n`;
    appendFileSync(attendance, bad);
    expect(await live.refresh()).toBe('changing');
    expect(await live.refresh()).toBe('refused');
    expect(live.current().records).toHaveLength(10);
    const report = live.report();
    expect(report.refused?.reason).toMatch(/rows \(.*%\) could not be imported, more than the 1% allowed/);
    expect(report.loaded.children).toBe(10);
    expect(lines.at(-1)).toMatch(/new data in .* refused: .*; still serving the 10 children loaded at/);
  });
});

describe('on a port, with a users file of hashed tokens', () => {
  let server: RunningServer;
  let dir: string;
  let usersFile: string;
  const auditFile = join(scratch, 'audit', 'audit.jsonl');
  const head = newToken();
  const worker = newToken();
  const lapsed = newToken();
  let workerChild: string;
  const logs: string[] = [];

  const users = (withWorker: boolean) =>
    JSON.stringify([
      { tokenSha256: head.tokenSha256, name: 'Val Head', role: 'virtual-school' },
      ...(withWorker ? [{ tokenSha256: worker.tokenSha256, name: 'Sam Worker', role: 'social-worker', children: [workerChild] }] : []),
      { tokenSha256: lapsed.tokenSha256, expires: '2020-01-01T00:00:00Z', name: 'Lapsed', role: 'virtual-school' },
    ]);

  const get = (path: string, token?: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  beforeAll(async () => {
    dir = await dataDir('served', 20);
    workerChild = generateRecords({ children: 20, seed: 3, asOf: AS_OF })[0]!.identity.personId;
    usersFile = join(scratch, 'users.json');
    writeFileSync(usersFile, users(true));
    server = await startServer({ dir, port: 0, usersFile, auditFile, asOf: AS_OF, refreshSeconds: 0, log: (line) => logs.push(line) });
  });
  afterAll(() => server.close());

  it('a token is known by its hash; an expired token is refused', async () => {
    expect((await get(`/api/v1/children/${workerChild}`, worker.token)).status).toBe(200);
    expect((await get(`/api/v1/children/${workerChild}`, lapsed.token)).status).toBe(401);
    expect((await get(`/api/v1/children/${workerChild}`, worker.tokenSha256)).status).toBe(401);
  });

  it('removing a person from the users file revokes their token and their sessions, without a restart', async () => {
    const signIn = await fetch(`${server.url}/signin`, { method: 'POST', body: new URLSearchParams({ token: worker.token }), headers: { origin: server.url }, redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    expect((await get(`/api/v1/children/${workerChild}`, undefined, { cookie })).status).toBe(200);
    writeFileSync(usersFile, users(false));
    touch(usersFile, 10);
    expect(await server.refreshUsers()).toBe(true);
    expect((await get(`/api/v1/children/${workerChild}`, worker.token)).status).toBe(401);
    expect((await get(`/api/v1/children/${workerChild}`, undefined, { cookie })).status).toBe(401);
    expect((await get(`/api/v1/children/${workerChild}`, head.token)).status).toBe(200);
  });

  it('a users file that becomes invalid is reported, and the people already read are kept', async () => {
    writeFileSync(usersFile, '[{"tokenSha256": "nope"');
    touch(usersFile, 20);
    expect(await server.refreshUsers()).toBe(false);
    expect(logs.at(-1)).toMatch(/is not valid JSON.*keeping the 2 users already read/);
    expect((await get(`/api/v1/children/${workerChild}`, head.token)).status).toBe(200);
  });

  it('the admin endpoint reports what was loaded, to the virtual school only', async () => {
    const response = await get('/api/v1/admin/data', head.token);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({ dir, asOf: AS_OF, asOfFollowsClock: false, refused: null, loaded: { children: 20 } });
    expect(report.loaded.files.map((f: { file: string }) => f.file)).toContain('children.csv');
    expect(report.newestFileSecondsAgo).toBeGreaterThanOrEqual(0);
    writeFileSync(usersFile, users(true));
    touch(usersFile, 30);
    await server.refreshUsers();
    expect((await get('/api/v1/admin/data', worker.token)).status).toBe(404);
    expect(logs.some((line) => /loaded 20 children from \d+ files/.test(line))).toBe(true);
  });

  it('a GET with a body over the limit → 413, and the connection is closed', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/v1/children`, { method: 'GET', headers: { authorization: `Bearer ${head.token}`, 'content-length': String(1_000_000) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('x'.repeat(64 * 1024));
    });
    expect(status).toBe(413);
  });

  it('a Host the service does not answer to → 400', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/v1/children`, { headers: { authorization: `Bearer ${head.token}`, host: 'rebound.evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });
});

describe('start-up refusals', () => {
  it('an audit log under /proc stops the server before it listens', async () => {
    const dir = await dataDir('proc', 3);
    const usersFile = join(scratch, 'proc-users.json');
    writeFileSync(usersFile, JSON.stringify([{ tokenSha256: hashToken('x'.repeat(20)), name: 'V', role: 'virtual-school' }]));
    await expect(startServer({ dir, port: 0, usersFile, auditFile: '/proc/edubridge/audit.jsonl', asOf: AS_OF, log: quiet })).rejects.toThrow(/cannot write the audit log/);
  });

  it('listening beyond loopback needs the host names it answers to', async () => {
    const dir = await dataDir('hosts', 3);
    const usersFile = join(scratch, 'host-users.json');
    writeFileSync(usersFile, JSON.stringify([{ tokenSha256: hashToken('x'.repeat(20)), name: 'V', role: 'virtual-school' }]));
    await expect(startServer({ dir, port: 0, host: '0.0.0.0', usersFile, auditFile: join(scratch, 'a.jsonl'), asOf: AS_OF, log: quiet })).rejects.toThrow(/--allowed-host/);
  });
});

describe('the command line', () => {
  const cli = (args: string[]) => {
    try {
      execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../core/node/cli/main.ts'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { status: 0, stderr: '' };
    } catch (error) {
      const failed = error as { status: number; stderr: string };
      return { status: failed.status, stderr: failed.stderr };
    }
  };

  it('serve refuses https://* as an allowed origin before it starts', async () => {
    const dir = await dataDir('cli', 2);
    const result = cli(['serve', dir, '--port', '0', '--users', join(scratch, 'absent.json'), '--origin', 'https://*']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--origin "https:\/\/\*" would allow every site of that scheme/);
  });

  it('serve refuses an allowed host that is a URL', async () => {
    const dir = await dataDir('cli-host', 2);
    const result = cli(['serve', dir, '--port', '0', '--users', join(scratch, 'absent.json'), '--allowed-host', 'https://education.council.example']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--allowed-host .* is not a host name/);
  });
});

/** The processes `pid` has started (Linux), each thread's listing read once. */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((thread) => readFileSync(`/proc/${pid}/task/${thread}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  } catch {
    return [];
  }
}

/** The niceness of each thread of a process (Linux: field 19 of /proc/PID/task/TID/stat); none when it has ended. */
function threadNiceness(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map((thread) => Number(readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
  } catch {
    return [];
  }
}

describe('a refresh while serving', () => {
  it('reads the new data in a separate process, every thread of it at the lowest priority, then serves it', async () => {
    const dir = await dataDir('worker', 12);
    const { token, tokenSha256 } = newToken();
    const usersFile = join(scratch, 'worker-users.json');
    writeFileSync(usersFile, JSON.stringify([{ tokenSha256, name: 'V', role: 'virtual-school' }]));
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../core/node/cli/main.ts'), 'serve', dir, '--port', '0', '--users', usersFile, '--as-of', AS_OF, '--audit', join(scratch, 'worker-audit.jsonl'), '--refresh-seconds', '1', '--stop-with-stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const waitFor = async (test: () => boolean, what: string) => {
      const deadline = Date.now() + 60_000;
      while (!test()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await waitFor(() => /listening on/.test(stdout), 'the server');
      const url = /listening on (\S+)/.exec(stdout)![1]!;
      const total = async () => ((await (await fetch(`${url}/api/v1/children?pageSize=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number }).total;
      expect(await total()).toBe(12);
      // More children than the refresh process sends in one slice (load-worker.ts LOAD_SLICE): they all arrive.
      const next = generateRecords({ children: 60, seed: 3, asOf: AS_OF });
      const asked = next[0]!.identity.personId;
      const status = async () => (await (await fetch(`${url}/api/v1/children/${asked}/status`, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' } })).json()) as { child: { firstName: string } };
      expect((await status()).child.firstName).not.toBe('Renamed');
      next[0]!.identity.firstName = 'Renamed';
      await writeTemplateCsv(dir, next);
      touch(join(dir, 'children.csv'), 30);
      // The refresh's process, seen while it reads: every thread of it (the garbage collector's helpers
      // too, which a worker thread would share with the server) at the lowest priority.
      const lowered = new Set<number>();
      await waitFor(() => {
        for (const pid of childrenOf(child.pid!)) {
          const niceness = threadNiceness(pid);
          if (niceness.length > 0 && niceness.every((nice) => nice === REFRESH_NICENESS)) lowered.add(pid);
        }
        return /reloaded 60 children/.test(stderr);
      }, 'the refresh');
      expect(REFRESH_NICENESS).toBe(19);
      expect(lowered.size).toBe(1);
      // The one status asked for was made ready from the new data by the refresh process before the swap.
      expect(stderr).toMatch(/reloaded 60 children from \d+ files in .* \(read in a separate process\); 1 status answer made ready/);
      expect(await total()).toBe(60);
      expect((await status()).child.firstName).toBe('Renamed');
    } finally {
      child.stdin.end();
      child.kill('SIGTERM');
    }
  }, 90_000);
});

describe('edubridge token', () => {
  it('prints a new token and the SHA-256 that goes in the users file', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../core/node/cli/main.ts'), 'token', '--json'], { encoding: 'utf8' });
    const { token, tokenSha256 } = JSON.parse(out) as { token: string; tokenSha256: string };
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(tokenSha256).toBe(hashToken(token));
  });
});
