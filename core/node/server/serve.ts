import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { z } from 'zod';
import { DEFAULT_POLICY } from '../../policy.ts';
import { loadDataDirectory, todayUtc } from '../import/load.ts';
import { fileAuditLog } from './audit.ts';
import { answerClientError } from './header-limit.ts';
import { createApp, type AppEnv, type DemoContext } from './app.ts';
import type { Hono } from 'hono';
import { ChildStore } from './data.ts';
import { loadUsers, type User } from './users.ts';

z.config({ jitless: true });

export interface ServeOptions {
  dir: string;
  /** 0 picks a free port. */
  port: number;
  /** "localhost" (the default) listens on 127.0.0.1 and ::1 only; any other value is passed to listen. */
  host?: string;
  usersFile?: string;
  origins?: string[];
  /** The date statuses are worked out for; default today. */
  asOf?: string;
  laCode?: string;
  auditFile: string;
  rateLimit?: number;
  /** Serve the demo pages too (the demo lives in demo/ and plugs itself in; the product never imports it). */
  demo?: DemoPlugin;
  log?: (line: string) => void;
}

/** What the demo adds to the reference server: its pages, its users, and lines to print once it is ready. */
export interface DemoPlugin {
  register: (app: Hono<AppEnv>, context: DemoContext) => void;
  /** Users made up from the data, when no users file is given. */
  makeUsers: (store: ChildStore) => User[];
  /** Lines for standard output once the server is ready (which person IDs show what). */
  announce: (context: Pick<DemoContext, 'store' | 'users'>) => string[];
}

export interface RunningServer {
  url: string;
  port: number;
  users: readonly User[];
  /** Lines the demo plugin asks to print once ready (none without the demo). */
  announcements: string[];
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  server.on('clientError', answerClientError);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const asOf = options.asOf ?? todayUtc();
  const { records, problems } = await loadDataDirectory(options.dir, { asOf, laCode: options.laCode });
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) log(`edubridge: ${errors} row${errors === 1 ? '' : 's'} in the data could not be imported (run "edubridge validate ${options.dir}")`);
  const store = new ChildStore(records, asOf);
  // Work every status out now, so the first dashboard does not wait for them, and say when the data
  // (by the dates in it, not the files' times) is older than the policy allows on the status date.
  let stale = 0;
  let oldest: string | null = null;
  for (const record of records) {
    const { freshness } = store.status(record);
    if (!freshness.stale) continue;
    stale++;
    if (freshness.oldest !== null && (oldest === null || freshness.oldest < oldest)) oldest = freshness.oldest;
  }
  if (stale > 0) log(`edubridge: the data for ${stale} of ${records.length} children is older than ${DEFAULT_POLICY.staleDataDays} days on ${asOf} (the oldest part is as of ${oldest ?? 'an unknown date'}); their statuses say so`);

  let users: User[];
  if (options.usersFile) users = await loadUsers(options.usersFile);
  else if (options.demo) users = options.demo.makeUsers(store);
  else throw new Error('give a users file (--users FILE): without one, nobody could use the service');

  const app = createApp({
    store,
    users,
    audit: fileAuditLog(options.auditFile),
    origins: options.origins,
    rateLimit: options.rateLimit,
    log,
    demo: options.demo?.register,
  });

  const listener = getRequestListener(app.fetch);
  const servers: Server[] = [];
  const host = options.host ?? 'localhost';
  let port: number;
  if (host === 'localhost') {
    const v4 = createServer(listener);
    port = await listen(v4, options.port, '127.0.0.1');
    servers.push(v4);
    const v6 = createServer(listener);
    try {
      await listen(v6, port, '::1');
      servers.push(v6);
    } catch {
      // No IPv6 loopback here: 127.0.0.1 is enough.
    }
  } else {
    const server = createServer(listener);
    port = await listen(server, options.port, host);
    servers.push(server);
  }

  const shownHost = host === 'localhost' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    users,
    announcements: options.demo?.announce({ store, users }) ?? [],
    close: () =>
      Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      ).then(() => undefined),
  };
}
