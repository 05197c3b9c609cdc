import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatusCache } from '../../../extension/lib/cache.ts';
import { openDb, type EduBridgeDb } from '../../../extension/lib/db.ts';
import { auditCsv, AuditLog, csvCell } from '../../../extension/lib/audit.ts';
import { makeStatus } from './helpers/status.ts';

const HOUR = 3_600_000;
let db: EduBridgeDb;
let now = 0;
let ttl = 24;
let cache: StatusCache;

beforeEach(() => {
  db = openDb(`cache-test-${Math.random()}`);
  now = Date.UTC(2026, 2, 13, 12);
  ttl = 24;
  cache = new StatusCache(db, () => ttl, () => now);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('status cache time-to-live', () => {
  it('serves an entry within its lifetime', async () => {
    await cache.put(makeStatus({ personId: 'P1' }), now - 23 * HOUR);
    expect((await cache.get('P1'))?.status.child.personId).toBe('P1');
  });
  it('drops an entry past its lifetime when read', async () => {
    await cache.put(makeStatus({ personId: 'P1' }), now - 25 * HOUR);
    expect(await cache.get('P1')).toBeUndefined();
    expect(await db.statuses.count()).toBe(0);
  });
  it('purges expired entries and keeps fresh ones', async () => {
    await cache.put(makeStatus({ personId: 'OLD' }), now - 3 * HOUR);
    await cache.put(makeStatus({ personId: 'NEW' }), now - 1 * HOUR);
    ttl = 2; // A shorter lifetime set by the user or capped by policy applies to what is already saved.
    expect(await cache.purgeExpired()).toBe(1);
    expect((await db.statuses.toArray()).map((r) => r.personId)).toEqual(['NEW']);
  });
  it('purges everything on demand', async () => {
    await cache.put(makeStatus({ personId: 'P1' }));
    await cache.purgeAll();
    expect(await cache.count()).toBe(0);
  });
  it('drops a damaged entry instead of showing it', async () => {
    await db.statuses.put({ personId: 'BAD', upn: '', searchText: 'bad', status: { schemaVersion: 99 } as never, fetchedAt: now });
    expect(await cache.get('BAD')).toBeUndefined();
  });
  it('searches saved children by name, person ID or UPN', async () => {
    await cache.put(makeStatus({ personId: 'P1', firstName: 'Amara', lastName: 'Okafor' }));
    await cache.put(makeStatus({ personId: 'P2', firstName: 'Ben', lastName: 'Okafor' }));
    expect((await cache.search('okafor')).map((c) => c.displayName)).toEqual(['Amara Okafor', 'Ben Okafor']);
    expect((await cache.search('ben oka')).map((c) => c.personId)).toEqual(['P2']);
    expect((await cache.search('p1')).map((c) => c.personId)).toEqual(['P1']);
  });
});

describe('audit log', () => {
  it('records when, which child and where, and exports CSV', async () => {
    const log = new AuditLog(db, () => new Date(now));
    await log.record('P1', 'https://cms.example.org', 'page');
    await log.record('=HYPERLINK("x")', 'popup', 'popup');
    expect(auditCsv(await log.all())).toBe(
      'shown at,person ID,page origin,shown in\r\n' +
        '2026-03-13T12:00:00.000Z,P1,https://cms.example.org,page\r\n' +
        `2026-03-13T12:00:00.000Z,"'=HYPERLINK(""x"")",popup,popup\r\n`,
    );
  });
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['-1+1', `"'-1+1"`],
    ['@SUM(1)', `"'@SUM(1)"`],
  ])('cell %s → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
