import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real PostgreSQL server for the tests, in a temporary directory on a free port: Debian's binaries
 * (`apt-get install postgresql`; .ci/run installs them). PostgreSQL refuses to run as root, so when the
 * tests run as root (as in CI containers) the server runs as the `postgres` user through `runuser`.
 */

const BIN = process.env.EDUBRIDGE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** A connection URL for `role` (the superuser, who owns the tables, is "edubridge_owner"). */
  url(role?: string, password?: string): string;
  /** Runs SQL as the superuser. */
  sql(text: string): string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  if (!existsSync(join(BIN, 'initdb'))) throw new Error(`PostgreSQL is not installed at ${BIN}: apt-get install postgresql (or set EDUBRIDGE_PG_BIN)`);
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'edubridge-pg-'));
  const run = (command: string, args: string[]) => {
    const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', join(BIN, command), ...args]] : [join(BIN, command), args];
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'edubridge_owner', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  const url = (role = 'edubridge_owner', password?: string) => `postgres://${role}${password ? `:${password}` : ''}@127.0.0.1:${port}/postgres`;
  return {
    url,
    sql: (text) => run('psql', ['-h', dir, '-p', String(port), '-U', 'edubridge_owner', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-Atc', text]).trim(),
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
