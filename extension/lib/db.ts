import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { EducationStatus } from '../../core/model/index.ts';

/**
 * The extension's IndexedDB, opened only in the background worker and extension pages (a content script
 * would open the host site's database instead). Each schema version is a numbered migration below; each
 * has a fixture of the shape before it and a test that walks every step (tests/unit/extension/db.test.ts).
 */

export const DB_NAME = 'edubridge';

export interface CachedStatusRow {
  personId: string;
  upn: string;
  /** Lower-case name, person ID and UPN, for the popup's search. */
  searchText: string;
  status: EducationStatus;
  /** When the API answered (ms since the epoch). */
  fetchedAt: number;
}

export interface AuditRow {
  id?: number;
  /** ISO date-time the data was shown. */
  at: string;
  personId: string;
  /** The page origin the data was shown on, or "popup". */
  origin: string;
  /** Where it was shown: the in-page badge and panel, the popup summary, or a caseload chip. */
  shownIn: 'page' | 'popup' | 'caseload';
}

export interface KeyValueRow {
  key: string;
  value: unknown;
}

export type EduBridgeDb = Dexie & {
  statuses: EntityTable<CachedStatusRow, 'personId'>;
  audit: EntityTable<AuditRow, 'id'>;
  kv: EntityTable<KeyValueRow, 'key'>;
};

export function searchTextOf(status: Pick<EducationStatus, 'child'>): string {
  const { child } = status;
  return [child.displayName, child.firstName, child.lastName, child.personId, child.upn ?? ''].join(' ').toLowerCase();
}

/** Version 1: statuses by person ID with the time fetched; the audit log with times in ms. */
export const V1_STORES = { statuses: 'personId, fetchedAt', audit: '++id, at' };

/** Version 2: statuses searchable by name and UPN; audit times as ISO strings, with where they were shown. */
export const V2_STORES = { statuses: 'personId, upn, fetchedAt', audit: '++id, at' };
async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('statuses')
    .toCollection()
    .modify((row: Record<string, unknown>) => {
      const status = row.status as EducationStatus | undefined;
      row.upn = status?.child?.upn ?? '';
      row.searchText = status?.child ? searchTextOf(status) : String(row.personId).toLowerCase();
    });
  await tx
    .table('audit')
    .toCollection()
    .modify((row: Record<string, unknown>) => {
      if (typeof row.at === 'number') row.at = new Date(row.at).toISOString();
      row.shownIn ??= 'page';
    });
}

/** Version 3: a key-value table for settings and secrets (the API token), out of reach of content
 * scripts, which can read `storage.local` but not the extension's IndexedDB. */
export const V3_STORES = { ...V2_STORES, kv: 'key' };

export function openDb(name = DB_NAME): EduBridgeDb {
  const db = new Dexie(name) as EduBridgeDb;
  db.version(1).stores(V1_STORES);
  db.version(2).stores(V2_STORES).upgrade(upgradeToV2);
  db.version(3).stores(V3_STORES);
  return db;
}
