import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, V1_STORES, V2_STORES } from '../../../extension/lib/db.ts';
import { makeStatus } from './helpers/status.ts';

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

/** Writes rows in an old version's shape, as a browser that ran that version would have left them. */
async function seed(version: number, stores: Record<string, string>, rows: Record<string, unknown[]>): Promise<void> {
  const old = new Dexie(name);
  old.version(version).stores(stores);
  await old.open();
  for (const [table, items] of Object.entries(rows)) await old.table(table).bulkAdd(items);
  old.close();
}

describe('database migrations, every step', () => {
  it('v1 → v3: statuses become searchable, audit times become ISO strings', async () => {
    name = 'edubridge-test-v1';
    const status = makeStatus({ personId: 'P1', firstName: 'Amara', lastName: 'Okafor' });
    await seed(1, V1_STORES, {
      statuses: [{ personId: 'P1', status, fetchedAt: 1_700_000_000_000 }],
      audit: [{ at: Date.UTC(2026, 2, 13, 9, 30), personId: 'P1', origin: 'https://cms.example.org' }],
    });
    const db = openDb(name);
    const row = await db.statuses.get('P1');
    expect(row?.searchText).toContain('amara okafor');
    expect(row?.upn).toBe('B801200005001');
    expect(await db.statuses.where('upn').equals('B801200005001').count()).toBe(1);
    expect(await db.audit.toArray()).toEqual([
      { id: 1, at: '2026-03-13T09:30:00.000Z', personId: 'P1', origin: 'https://cms.example.org', shownIn: 'page' },
    ]);
    expect(await db.kv.count()).toBe(0);
    db.close();
  });

  it('v2 → v3: adds the settings table and leaves the rest alone', async () => {
    name = 'edubridge-test-v2';
    const status = makeStatus({ personId: 'P2' });
    const audit = { at: '2026-03-13T09:30:00.000Z', personId: 'P2', origin: 'popup', shownIn: 'popup' };
    await seed(2, V2_STORES, { statuses: [{ personId: 'P2', upn: '', searchText: 'x', status, fetchedAt: 5 }], audit: [audit] });
    const db = openDb(name);
    expect((await db.statuses.get('P2'))?.searchText).toBe('x');
    expect(await db.audit.toArray()).toEqual([{ id: 1, ...audit }]);
    await db.kv.put({ key: 'settings', value: { cacheHours: 2 } });
    expect((await db.kv.get('settings'))?.value).toEqual({ cacheHours: 2 });
    db.close();
  });

  it('a new install opens at the latest version', async () => {
    name = 'edubridge-test-new';
    const db = openDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    db.close();
  });
});
