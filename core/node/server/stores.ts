import type { ChildEducationRecord } from '../../model/index.ts';
import type { AuditLog } from './audit.ts';
import { RateLimiter } from './security.ts';
import { SessionStore } from './sessions.ts';

/**
 * What the server keeps between requests, behind small interfaces: the embedded default keeps it in this
 * process (memory, and the audit log in a file); with `--database` it is in PostgreSQL (pg-stores.ts), so
 * several instances behind a load balancer share sessions, rate limits, revocations and one audit log.
 */

/** Signed-in sessions: each holds the SHA-256 of the token it was started with. */
export interface Sessions {
  start(tokenSha256: string): Promise<string>;
  tokenHash(id: string): Promise<string | undefined>;
  end(id: string): Promise<void>;
}

/** A fixed-window counter per key; `hit` counts and says how many seconds to wait (0: go ahead). */
export interface RateCounter {
  readonly limit: number;
  hit(key: string): Promise<number>;
  peek(key: string): Promise<number>;
}

/** Tokens revoked before their expiry, by SHA-256. */
export interface Revocations {
  revoke(tokenSha256: string, reason?: string): Promise<void>;
  isRevoked(tokenSha256: string): Promise<boolean>;
}

/**
 * The children in the database, by generation: an instance that reads new data from the directory
 * publishes it as a new generation; every instance loads the newest generation, so all answer from the
 * same data.
 */
export interface SharedRecords {
  latest(): Promise<{ generation: number; signature: string; summary: unknown } | undefined>;
  /** Publishes the children read from a directory state; an already published state is not written twice. */
  publish(children: readonly ChildEducationRecord[], signature: string, summary: unknown): Promise<number>;
  load(generation: number): Promise<ChildEducationRecord[]>;
}

export interface ServerStores {
  sessions: Sessions;
  /** A counter for `limit` requests per minute, under a name (so instances share the same one). */
  counter(name: string, limit: number): RateCounter;
  revocations: Revocations;
  /** The children, when the store keeps them (PostgreSQL); the embedded default holds them in memory only. */
  records?: SharedRecords;
  /** The audit log, when the store keeps it (PostgreSQL); the embedded default appends to a file instead. */
  audit?: AuditLog;
  close(): Promise<void>;
}

/** The embedded default: everything in this process. */
export function memoryStores(): ServerStores {
  const sessions = new SessionStore();
  const revoked = new Map<string, string | undefined>();
  return {
    sessions: {
      start: async (hash) => sessions.start(hash),
      tokenHash: async (id) => sessions.tokenHash(id),
      end: async (id) => sessions.end(id),
    },
    counter(_name, limit) {
      const limiter = new RateLimiter(limit, 60_000);
      return { limit, hit: async (key) => limiter.hit(key), peek: async (key) => limiter.peek(key) };
    },
    revocations: {
      revoke: async (hash, reason) => void revoked.set(hash, reason),
      isRevoked: async (hash) => revoked.has(hash),
    },
    close: async () => undefined,
  };
}
