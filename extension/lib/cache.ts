import { EducationStatus } from '../../core/model/index.ts';
import { searchTextOf, type CachedStatusRow, type EduBridgeDb } from './db.ts';

/** The status cache: shown at once, refreshed in the background, purged on expiry, on sign-out and on
 * demand. Rows are validated again when read, so a damaged entry is dropped, never shown. */

export interface CachedStatus {
  status: EducationStatus;
  fetchedAt: number;
}

export interface ChildSummary {
  personId: string;
  displayName: string;
  dateOfBirth: string;
  overall: EducationStatus['rag']['overall'];
  fetchedAt: number;
}

const HOUR = 3_600_000;

export class StatusCache {
  /** Entries already validated in this worker's lifetime: a warm page skips re-validating the same row. */
  private readonly memory = new Map<string, CachedStatus>();

  constructor(
    private readonly db: EduBridgeDb,
    private readonly ttlHours: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  private expired(row: Pick<CachedStatusRow, 'fetchedAt'>): boolean {
    return this.now() - row.fetchedAt > this.ttlHours() * HOUR;
  }

  private remember(personId: string, entry: CachedStatus): void {
    this.memory.delete(personId);
    this.memory.set(personId, entry);
    if (this.memory.size > 200) this.memory.delete(this.memory.keys().next().value!);
  }

  async get(personId: string): Promise<CachedStatus | undefined> {
    const row = await this.db.statuses.get(personId);
    if (!row) return undefined;
    if (this.expired(row)) {
      this.memory.delete(personId);
      await this.db.statuses.delete(personId);
      return undefined;
    }
    const remembered = this.memory.get(personId);
    if (remembered?.fetchedAt === row.fetchedAt) return remembered;
    const parsed = EducationStatus.safeParse(row.status);
    if (!parsed.success) {
      await this.db.statuses.delete(personId);
      return undefined;
    }
    const entry = { status: parsed.data, fetchedAt: row.fetchedAt };
    this.remember(personId, entry);
    return entry;
  }

  async put(status: EducationStatus, fetchedAt = this.now()): Promise<void> {
    this.remember(status.child.personId, { status, fetchedAt });
    await this.db.statuses.put({
      personId: status.child.personId,
      upn: status.child.upn ?? '',
      searchText: searchTextOf(status),
      status,
      fetchedAt,
    });
  }

  /** Deletes every entry older than the time-to-live; returns how many. */
  async purgeExpired(): Promise<number> {
    const cutoff = this.now() - this.ttlHours() * HOUR;
    for (const [personId, entry] of this.memory) if (entry.fetchedAt < cutoff) this.memory.delete(personId);
    return this.db.statuses.where('fetchedAt').below(cutoff).delete();
  }

  async purgeAll(): Promise<void> {
    this.memory.clear();
    await this.db.statuses.clear();
  }

  async count(): Promise<number> {
    return this.db.statuses.count();
  }

  /** Every saved status still in date, each validated again as it is read (a damaged row is skipped). */
  async fresh(): Promise<CachedStatus[]> {
    const rows = await this.db.statuses.filter((row) => !this.expired(row)).toArray();
    return rows.flatMap((row) => {
      const parsed = EducationStatus.safeParse(row.status);
      return parsed.success ? [{ status: parsed.data, fetchedAt: row.fetchedAt }] : [];
    });
  }

  /** Cached children whose name, person ID or UPN contains every word of the query. */
  async search(query: string, limit = 20): Promise<ChildSummary[]> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const rows = await this.db.statuses
      .filter((row) => !this.expired(row) && words.every((word) => row.searchText.includes(word)))
      .limit(limit)
      .toArray();
    return rows
      .map((row) => ({
        personId: row.personId,
        displayName: row.status.child.displayName,
        dateOfBirth: row.status.child.dateOfBirth,
        overall: row.status.rag.overall,
        fetchedAt: row.fetchedAt,
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }
}
