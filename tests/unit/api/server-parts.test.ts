import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileAuditLog, groupWriter } from '../../../core/node/server/audit.ts';
import { safeNext } from '../../../core/node/server/pages/signin.ts';
import { originAllowed, RateLimiter } from '../../../core/node/server/security.ts';
import { loadUsers } from '../../../core/node/server/users.ts';
import { makeApp } from './helpers.ts';

// The reference server's parts: the users file (issue 4's JSON format), the append-only audit log,
// origin matching for CORS, the rate limiter and the sign-in redirect.

const scratch = mkdtempSync(join(tmpdir(), 'edubridge-api-test-'));
const write = (name: string, text: string) => {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
};

describe('users file', () => {
  const HASH = 'ab'.repeat(32);
  it('reads hashed tokens, with an optional expiry, defaulting missing lists to empty', async () => {
    const file = write('ok.json', JSON.stringify([{ tokenSha256: HASH, expires: '2027-03-31T23:59:59Z', name: 'Sam', role: 'virtual-school' }]));
    expect(await loadUsers(file)).toEqual([{ tokenSha256: HASH, expires: '2027-03-31T23:59:59Z', name: 'Sam', role: 'virtual-school', children: [], schools: [] }]);
  });

  it('refuses a token in clear, saying to store its hash (the demo alone may allow it)', async () => {
    const file = write('plain.json', JSON.stringify([{ token: 'a-token-of-16-chars', name: 'Sam', role: 'virtual-school' }]));
    await expect(loadUsers(file)).rejects.toThrow(/at \[0\]\.token: store the token’s SHA-256 as "tokenSha256"/);
    expect(await loadUsers(file, { allowPlainTokens: true })).toEqual([{ token: 'a-token-of-16-chars', name: 'Sam', role: 'virtual-school', children: [], schools: [] }]);
  });

  it.each([
    ['not JSON', '[{', /is not valid JSON/],
    ['an unknown role', JSON.stringify([{ tokenSha256: 'ab'.repeat(32), name: 'Sam', role: 'teacher' }]), /at \[0\]\.role/],
    ['a hash that is not SHA-256 hex', JSON.stringify([{ tokenSha256: 'abc', name: 'Sam', role: 'virtual-school' }]), /at \[0\]\.tokenSha256: the SHA-256 of the token/],
    ['no token at all', JSON.stringify([{ name: 'Sam', role: 'virtual-school' }]), /at \[0\]\.tokenSha256: give the token’s SHA-256/],
    ['an expiry without a time zone', JSON.stringify([{ tokenSha256: 'ab'.repeat(32), expires: '2027-03-31', name: 'Sam', role: 'virtual-school' }]), /at \[0\]\.expires/],
    ['a URN that is not digits', JSON.stringify([{ tokenSha256: 'ab'.repeat(32), name: 'D', role: 'designated-teacher', schools: ['Oakfield'] }]), /at \[0\]\.schools\[0\]/],
    ['two users with one token', JSON.stringify([{ tokenSha256: 'ab'.repeat(32), name: 'A', role: 'virtual-school' }, { tokenSha256: 'ab'.repeat(32), name: 'B', role: 'virtual-school' }]), /at \[1\]\.tokenSha256: two users have the same token/],
    ['a misspelt field', JSON.stringify([{ tokenSha256: 'ab'.repeat(32), name: 'A', role: 'social-worker', chidlren: ['1'] }]), /not valid/],
    ['no users at all', '[]', /list at least one user/],
  ])('%s → an error naming the file and field', async (_name, text, message) => {
    const file = write('bad.json', text);
    await expect(loadUsers(file)).rejects.toThrow(message);
    await expect(loadUsers(file)).rejects.toThrow(file);
  });

  it('a missing file → says it cannot read it', async () => {
    await expect(loadUsers(join(scratch, 'absent.json'))).rejects.toThrow(/cannot read the users file/);
  });
});

describe('the server log', () => {
  it('lines logged together are written in order, and those still waiting when the process exits are written', () => {
    const serve = join(import.meta.dirname, '../../../core/node/server/serve.ts');
    const script = `import(${JSON.stringify(serve)}).then(({ logToStderr }) => { logToStderr('first'); logToStderr('second'); setImmediate(() => { logToStderr('third'); process.exit(3); }); })`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('first\nsecond\nthird\n');
  });
});

/** One audit line, as the server writes for a child's record. */
const AUDIT_ENTRY = { time: '2026-03-10T09:00:00.000Z', requestId: 'r1', user: 'Sam', role: 'social-worker', endpoint: 'GET /api/v1/children/:id', child: '400013' };

describe('audit log file', () => {
  it('appends one JSON line per entry, never rewriting, owner-only when created', async () => {
    const file = join(scratch, 'logs', 'audit.jsonl');
    const first = fileAuditLog(file);
    await first.record([AUDIT_ENTRY]);
    await Promise.all([first.record([{ ...AUDIT_ENTRY, requestId: 'r2' }, { ...AUDIT_ENTRY, requestId: 'r3' }]), fileAuditLog(file).record([{ ...AUDIT_ENTRY, requestId: 'r4' }])]);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((l) => l.requestId).sort()).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(lines[0]).toEqual(AUDIT_ENTRY);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('audit log file, rotated while the server runs', () => {
  it('a file moved away keeps its lines, and the next line starts a new file at the path', async () => {
    const file = join(scratch, 'rotated', 'audit.jsonl');
    const log = fileAuditLog(file);
    await log.record([AUDIT_ENTRY]);
    renameSync(file, `${file}.1`);
    await log.record([{ ...AUDIT_ENTRY, requestId: 'r2' }]);
    expect(readFileSync(`${file}.1`, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).requestId)).toEqual(['r1']);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).requestId)).toEqual(['r2']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    rmSync(file);
    await log.record([{ ...AUDIT_ENTRY, requestId: 'r3' }]);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).requestId)).toEqual(['r3']);
  });
});

describe('audit log file, many requests at once', () => {
  it('every line of 500 concurrent requests is written once, whole', async () => {
    const file = join(scratch, 'many', 'audit.jsonl');
    const log = fileAuditLog(file);
    await Promise.all(Array.from({ length: 500 }, (_, i) => log.record([{ ...AUDIT_ENTRY, requestId: `r${i}` }])));
    const ids = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).requestId);
    expect(ids).toHaveLength(500);
    expect(new Set(ids).size).toBe(500);
  });

  it('lines that arrive while an append is under way go together in the next, in the order they came; a failed write fails only the requests waiting on it', async () => {
    const writes: string[][] = [];
    let failNext = false;
    let release: () => void = () => undefined;
    const write = groupWriter<string>(async (items) => {
      writes.push(items);
      await new Promise<void>((resolve) => (release = resolve));
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
    });
    const first = write(['a']);
    const rest = [write(['b', 'c']), write(['d'])];
    expect(writes).toEqual([['a']]);
    failNext = true;
    release();
    await expect(first).rejects.toThrow('disk full');
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([['a'], ['b', 'c', 'd']]);
    release();
    await expect(Promise.all(rest)).resolves.toEqual([undefined, undefined]);
    await expect(write([])).resolves.toBeUndefined();
    expect(writes).toHaveLength(2);
  });

  it('when the file cannot be written, every waiting request fails (and so discloses nothing)', async () => {
    const blocker = write('not-a-folder', 'a file where a folder should be');
    const log = fileAuditLog(join(blocker, 'audit.jsonl'));
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => log.record([AUDIT_ENTRY])));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
  });
});

describe('origins', () => {
  it.each([
    ['exact match', 'https://portal.council.example', ['https://portal.council.example'], true],
    ['another port', 'https://portal.council.example:8443', ['https://portal.council.example'], false],
    ['any extension', 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', ['chrome-extension://*'], true],
    ['a wildcard does not cross schemes', 'moz-extension://1234', ['chrome-extension://*'], false],
    ['a wildcard needs a host', 'chrome-extension://', ['chrome-extension://*'], false],
    ['nothing configured', 'https://portal.council.example', [], false],
  ])('%s', (_name, origin, allowed, expected) => {
    expect(originAllowed(origin, allowed)).toBe(expected);
  });
});

describe('rate limiter', () => {
  it('allows `limit` requests a window per caller, then says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 60_000, () => now);
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a'), limiter.hit('b')]).toEqual([0, 0, 60, 0]);
    now = 30_000;
    expect(limiter.hit('a')).toBe(30);
    now = 60_000;
    expect(limiter.hit('a')).toBe(0);
  });
});

describe('where sign-in returns to', () => {
  it.each([
    ['a path on this server', '/cms/atlas/people/400013', '/cms/atlas/people/400013'],
    ['another site', 'https://evil.example/', '/'],
    ['a protocol-relative URL', '//evil.example/', '/'],
    ['a backslash trick', '/\\evil.example', '/'],
    ['nothing', undefined, '/'],
  ])('%s', (_name, next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe("the service's own pages without the demo", () => {
  it('link only style sheets the service itself serves, as CSS', async () => {
    const { app } = makeApp();
    for (const path of ['/', '/signin']) {
      const pageHtml = await (await app.request(path)).text();
      const sheets = [...pageHtml.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((match) => match[1]!);
      expect(sheets, path).toEqual(['/assets/edubridge.css']);
      for (const sheet of sheets) {
        const response = await app.request(sheet);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/css/);
        expect(await response.text()).toContain('main.narrow');
      }
    }
  });
});
