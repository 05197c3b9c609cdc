import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ChildEducationRecord } from '../../model/index.ts';
import type { AuditLog } from './audit.ts';
import type { PendingSignIn } from './oidc.ts';
import { RateLimiter } from './security.ts';
import { PENDING_MINUTES, SessionStore, type SessionRecord, type StartSession } from './sessions.ts';

/**
 * What the server keeps between requests, behind small interfaces: the embedded default keeps it in this
 * process (memory, and the audit log in a file); with `--database` it is in PostgreSQL (pg-stores.ts), so
 * several instances behind a load balancer share sessions, rate limits, revocations and one audit log.
 */

/**
 * Signed-in sessions: each holds the SHA-256 of the token it was started with, and for a sign-in through
 * the identity provider the person it names, so any instance sharing the store serves it and ending it
 * on one ends it on all.
 */
export interface Sessions {
  start(tokenSha256: string, options?: StartSession): Promise<string>;
  /** A live session, by its ID. */
  get(id: string): Promise<SessionRecord | undefined>;
  tokenHash(id: string): Promise<string | undefined>;
  end(id: string): Promise<void>;
}

/**
 * Sign-ins with the identity provider in progress (PKCE verifier, state, nonce, where to go next), kept
 * on the server for `PENDING_MINUTES` under a random ID the browser holds in a cookie. Each is taken
 * once: the provider may send the browser back to any instance sharing the store, and a replayed
 * callback finds nothing.
 */
export interface PendingSignIns {
  keep(pending: PendingSignIn): Promise<string>;
  /** The sign-in an ID names, removing it; undefined when unknown, already taken or expired. */
  take(id: string): Promise<PendingSignIn | undefined>;
}

/** A pending sign-in as read back from a store. */
export const StoredPendingSignIn = z.strictObject({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  codeVerifier: z.string().min(43).max(128),
  next: z.string().max(4096),
});

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
  pendingSignIns: PendingSignIns;
  /** A counter for `limit` requests per minute, under a name (so instances share the same one). */
  counter(name: string, limit: number): RateCounter;
  revocations: Revocations;
  /** The children, when the store keeps them (PostgreSQL); the embedded default holds them in memory only. */
  records?: SharedRecords;
  /** The audit log, when the store keeps it (PostgreSQL); the embedded default appends to a file instead. */
  audit?: AuditLog;
  close(): Promise<void>;
}

/** Sign-ins in progress kept at once in memory; the oldest is dropped beyond this. */
export const MAX_PENDING_SIGN_INS = 10_000;

/** Pending sign-ins in this process, at most `max` (all last equally long, so the oldest go first). */
export function memoryPendingSignIns(now: () => number = Date.now, max = MAX_PENDING_SIGN_INS): PendingSignIns & { readonly size: number } {
  const pending = new Map<string, { pending: PendingSignIn; expires: number }>();
  return {
    get size() {
      return pending.size;
    },
    async keep(signIn) {
      const id = randomBytes(32).toString('base64url');
      const time = now();
      // Oldest first: drop the expired, and the oldest beyond the limit.
      for (const [key, entry] of pending) {
        if (entry.expires > time && pending.size < max) break;
        pending.delete(key);
      }
      pending.set(id, { pending: signIn, expires: time + PENDING_MINUTES * 60_000 });
      return id;
    },
    async take(id) {
      const entry = pending.get(id);
      pending.delete(id);
      return entry && entry.expires > now() ? entry.pending : undefined;
    },
  };
}

/** The embedded default: everything in this process. */
export function memoryStores(): ServerStores {
  const sessions = new SessionStore();
  const revoked = new Map<string, string | undefined>();
  return {
    sessions: {
      start: async (hash, options) => sessions.start(hash, options),
      get: async (id) => sessions.get(id),
      tokenHash: async (id) => sessions.tokenHash(id),
      end: async (id) => sessions.end(id),
    },
    pendingSignIns: memoryPendingSignIns(),
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
