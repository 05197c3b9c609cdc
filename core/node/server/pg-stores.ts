import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { ChildEducationRecord } from '../../model/index.ts';
import { groupWriter, type AuditEntry, type AuditLog } from './audit.ts';
import { SESSION_HOURS, SessionPerson, PENDING_MINUTES } from './sessions.ts';
import { StoredPendingSignIn, type PendingSignIns, type RateCounter, type ServerStores, type Sessions, type SharedRecords } from './stores.ts';

/**
 * The server's state in PostgreSQL, so that two or more instances behind a load balancer agree: sessions
 * (kept by the SHA-256 of their ID, so whoever reads the table cannot use them; for a sign-in through the
 * identity provider with the person it names), sign-ins in progress (likewise by the SHA-256 of their ID,
 * taken once), rate-limit counters, token revocations and the audit log. The audit table is append-only for the server: `setupDatabase`
 * grants the server's role INSERT and SELECT on it, never UPDATE, DELETE or TRUNCATE.
 */

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS edubridge_sessions (
  id_sha256 text PRIMARY KEY,
  token_sha256 text NOT NULL,
  expires timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS edubridge_sessions_expires ON edubridge_sessions (expires);
ALTER TABLE edubridge_sessions ADD COLUMN IF NOT EXISTS person jsonb;
CREATE TABLE IF NOT EXISTS edubridge_signins (
  id_sha256 text PRIMARY KEY,
  pending jsonb NOT NULL,
  expires timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS edubridge_signins_expires ON edubridge_signins (expires);
CREATE TABLE IF NOT EXISTS edubridge_rate (
  key text PRIMARY KEY,
  count integer NOT NULL,
  reset_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS edubridge_rate_reset ON edubridge_rate (reset_at);
CREATE TABLE IF NOT EXISTS edubridge_revoked (
  token_sha256 text PRIMARY KEY,
  revoked_at timestamptz NOT NULL DEFAULT now(),
  reason text
);
CREATE TABLE IF NOT EXISTS edubridge_audit (
  id bigserial PRIMARY KEY,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  entry jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS edubridge_data (
  generation bigserial PRIMARY KEY,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  signature text NOT NULL,
  summary jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS edubridge_children (
  generation bigint NOT NULL REFERENCES edubridge_data ON DELETE CASCADE,
  person_id text NOT NULL,
  record jsonb NOT NULL,
  PRIMARY KEY (generation, person_id)
);
`;

/** The PostgreSQL client, loaded only by a server started with a database (see `createOidc`'s libraries). */
const loadPg = async (): Promise<typeof pg> => (await import('pg')).default;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates the tables (as their owner, e.g. a migration role) and grants the server's role what it needs:
 * read and write on sessions, sign-ins in progress, counters and revocations; INSERT and SELECT only on the
 * audit log.
 */
export async function setupDatabase(ownerUrl: string, serverRole: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_$]*$/i.test(serverRole)) throw new Error(`${JSON.stringify(serverRole)} is not a PostgreSQL role name`);
  const client = new (await loadPg()).Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(SCHEMA_SQL);
    const role = quoteIdent(serverRole);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON edubridge_sessions, edubridge_rate, edubridge_revoked TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, DELETE ON edubridge_signins TO ${role}`);
    await client.query(`GRANT SELECT, INSERT, DELETE ON edubridge_data, edubridge_children TO ${role}`);
    await client.query(`GRANT USAGE ON SEQUENCE edubridge_data_generation_seq TO ${role}`);
    await client.query(`REVOKE ALL ON edubridge_audit FROM ${role}`);
    await client.query(`GRANT SELECT, INSERT ON edubridge_audit TO ${role}`);
    await client.query(`GRANT USAGE ON SEQUENCE edubridge_audit_id_seq TO ${role}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Children written per statement when new data is published. */
const PUBLISH_BATCH = 500;

/** How often expired sessions, sign-ins in progress and counters are deleted. */
const SWEEP_MS = 60_000;

export interface PgStoresOptions {
  /** Connections in this instance's pool; default 10. */
  poolSize?: number;
  /** How often expired sessions, sign-ins in progress and counters are deleted (milliseconds); default a minute. */
  sweepMs?: number;
  log?: (line: string) => void;
}

/** Connects to PostgreSQL and checks the tables are there and the audit log can be written. */
export async function pgStores(url: string, options: PgStoresOptions = {}): Promise<ServerStores & { records: SharedRecords }> {
  const pool = new (await loadPg()).Pool({ connectionString: url, max: options.poolSize ?? 10 });
  pool.on('error', (error) => options.log?.(`edubridge: database connection lost: ${error.message}`));
  try {
    const { rows } = await pool.query<{ ok: boolean }>(
      "SELECT has_table_privilege('edubridge_audit', 'INSERT') AND has_table_privilege('edubridge_sessions', 'INSERT') AND has_table_privilege('edubridge_signins', 'DELETE') AS ok",
    );
    if (!rows[0]?.ok) throw new Error('the server’s role may not write the audit log, sessions and sign-ins');
    // Tables made by an older version lack the session's person.
    await pool.query('SELECT person FROM edubridge_sessions LIMIT 0');
  } catch (error) {
    await pool.end();
    throw new Error(`cannot use the database: ${(error as Error).message} (run "edubridge db-setup" as the tables' owner first)`);
  }

  const sweep = setInterval(() => {
    void pool.query('DELETE FROM edubridge_sessions WHERE expires <= now()').catch(() => undefined);
    void pool.query('DELETE FROM edubridge_rate WHERE reset_at <= now()').catch(() => undefined);
    void pool.query('DELETE FROM edubridge_signins WHERE expires <= now()').catch(() => undefined);
  }, options.sweepMs ?? SWEEP_MS);
  sweep.unref();

  const counter = (name: string, limit: number): RateCounter => {
    const wait = (count: number, resetAt: Date) => (count > limit ? Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)) : 0);
    return {
      limit,
      async hit(key) {
        const { rows } = await pool.query<{ count: number; reset_at: Date }>(
          `INSERT INTO edubridge_rate AS r (key, count, reset_at) VALUES ($1, 1, now() + interval '1 minute')
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN r.reset_at <= now() THEN 1 ELSE r.count + 1 END,
             reset_at = CASE WHEN r.reset_at <= now() THEN EXCLUDED.reset_at ELSE r.reset_at END
           RETURNING count, reset_at`,
          [`${name}:${key}`],
        );
        const row = rows[0]!;
        return wait(row.count, row.reset_at);
      },
      async peek(key) {
        const { rows } = await pool.query<{ count: number; reset_at: Date }>('SELECT count, reset_at FROM edubridge_rate WHERE key = $1 AND reset_at > now()', [`${name}:${key}`]);
        const row = rows[0];
        return row ? wait(row.count, row.reset_at) : 0;
      },
    };
  };

  // One statement for every line that arrived while the last was being written: each is written, or none
  // is (and nothing is disclosed); many requests at once cost one statement, not one each.
  const audit: AuditLog = {
    record: groupWriter<AuditEntry>(async (entries) => {
      await pool.query('INSERT INTO edubridge_audit (entry) SELECT value FROM jsonb_array_elements($1::jsonb)', [JSON.stringify(entries)]);
    }),
  };

  const records: SharedRecords = {
    async latest() {
      const { rows } = await pool.query<{ generation: string; signature: string; summary: unknown }>('SELECT generation, signature, summary FROM edubridge_data ORDER BY generation DESC LIMIT 1');
      const row = rows[0];
      return row ? { generation: Number(row.generation), signature: row.signature, summary: row.summary } : undefined;
    },
    async publish(children, signature, summary) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // One instance publishes a given directory state; the others find it already there.
        await client.query("SELECT pg_advisory_xact_lock(hashtext('edubridge_data'))");
        const { rows: latest } = await client.query<{ generation: string; signature: string }>('SELECT generation, signature FROM edubridge_data ORDER BY generation DESC LIMIT 1');
        if (latest[0] && latest[0].signature === signature) {
          await client.query('COMMIT');
          return Number(latest[0].generation);
        }
        const { rows } = await client.query<{ generation: string }>('INSERT INTO edubridge_data (signature, summary) VALUES ($1, $2) RETURNING generation', [signature, JSON.stringify(summary)]);
        const generation = Number(rows[0]!.generation);
        for (let i = 0; i < children.length; i += PUBLISH_BATCH) {
          const batch = children.slice(i, i + PUBLISH_BATCH);
          await client.query(
            "INSERT INTO edubridge_children (generation, person_id, record) SELECT $1, value->'identity'->>'personId', value FROM jsonb_array_elements($2::jsonb)",
            [generation, JSON.stringify(batch)],
          );
        }
        // The generation before stays for instances still reading it; older ones go.
        await client.query('DELETE FROM edubridge_data WHERE generation < (SELECT min(generation) FROM (SELECT generation FROM edubridge_data ORDER BY generation DESC LIMIT 2) AS kept)');
        await client.query('COMMIT');
        return generation;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async load(generation) {
      const { rows } = await pool.query<{ record: unknown }>('SELECT record FROM edubridge_children WHERE generation = $1', [generation]);
      const parsed = z.array(ChildEducationRecord).safeParse(rows.map((row) => row.record));
      if (!parsed.success) throw new Error(`the children of data generation ${generation} in the database are not valid: ${parsed.error.issues[0]?.message ?? ''}`);
      return parsed.data;
    },
  };

  const sessions: Sessions = {
    async start(tokenSha256, options = {}) {
      const id = randomBytes(32).toString('base64url');
      await pool.query(
        `INSERT INTO edubridge_sessions (id_sha256, token_sha256, person, expires)
         VALUES ($1, $2, $3, LEAST(now() + interval '${SESSION_HOURS} hours', COALESCE(to_timestamp($4::double precision / 1000), 'infinity')))`,
        [sha256(id), tokenSha256, options.person ? JSON.stringify(options.person) : null, options.expiresAt ?? null],
      );
      return id;
    },
    async get(id) {
      const { rows } = await pool.query<{ token_sha256: string; person: unknown }>('SELECT token_sha256, person FROM edubridge_sessions WHERE id_sha256 = $1 AND expires > now()', [sha256(id)]);
      const row = rows[0];
      if (!row) return undefined;
      if (row.person === null) return { tokenSha256: row.token_sha256 };
      // A person that does not read back as one is no session at all, never a guess.
      const person = SessionPerson.safeParse(row.person);
      return person.success ? { tokenSha256: row.token_sha256, person: person.data } : undefined;
    },
    async tokenHash(id) {
      return (await sessions.get(id))?.tokenSha256;
    },
    async end(id) {
      await pool.query('DELETE FROM edubridge_sessions WHERE id_sha256 = $1', [sha256(id)]);
    },
  };

  const pendingSignIns: PendingSignIns = {
    async keep(pending) {
      const id = randomBytes(32).toString('base64url');
      await pool.query(`INSERT INTO edubridge_signins (id_sha256, pending, expires) VALUES ($1, $2, now() + interval '${PENDING_MINUTES} minutes')`, [sha256(id), JSON.stringify(pending)]);
      return id;
    },
    async take(id) {
      // Deleted as it is read: of two callbacks racing on two instances, one gets it.
      const { rows } = await pool.query<{ pending: unknown; fresh: boolean }>('DELETE FROM edubridge_signins WHERE id_sha256 = $1 RETURNING pending, expires > now() AS fresh', [sha256(id)]);
      const row = rows[0];
      if (!row?.fresh) return undefined;
      const pending = StoredPendingSignIn.safeParse(row.pending);
      return pending.success ? pending.data : undefined;
    },
  };

  return {
    records,
    sessions,
    pendingSignIns,
    counter,
    revocations: {
      async revoke(tokenSha256, reason) {
        await pool.query('INSERT INTO edubridge_revoked (token_sha256, reason) VALUES ($1, $2) ON CONFLICT (token_sha256) DO NOTHING', [tokenSha256, reason ?? null]);
      },
      async isRevoked(tokenSha256) {
        const { rowCount } = await pool.query('SELECT 1 FROM edubridge_revoked WHERE token_sha256 = $1', [tokenSha256]);
        return (rowCount ?? 0) > 0;
      },
    },
    audit,
    async close() {
      clearInterval(sweep);
      await pool.end();
    },
  };
}
