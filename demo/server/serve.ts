import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { z } from 'zod';
import { loadDataDirectory, todayUtc } from '../../core/node/import/load.ts';
import { fileAuditLog } from './audit.ts';
import { createApp } from './app.ts';
import { ChildStore } from './data.ts';
import { inconsistentChildId, outOfScopeChildId } from './cms-data.ts';
import { registerDemo } from './demo.ts';
import { makeDemoUsers } from './demo-users.ts';
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
  /** Serve the demo pages too. */
  demo?: boolean;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  users: readonly User[];
  /** In demo mode: the person ID whose case-management pages deliberately disagree with the education record. */
  inconsistentChildId: string | undefined;
  /** In demo mode: a person ID that exists but is not on the demo social worker's caseload. */
  outOfScopeChildId: string | undefined;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
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
  // Work every status out now, so the first dashboard does not wait for them.
  for (const record of records) store.status(record);

  let users: User[];
  if (options.usersFile) users = await loadUsers(options.usersFile);
  else if (options.demo) users = makeDemoUsers(store);
  else throw new Error('give a users file (--users FILE): without one, nobody could use the service');

  const app = createApp({
    store,
    users,
    audit: fileAuditLog(options.auditFile),
    origins: options.origins,
    rateLimit: options.rateLimit,
    log,
    demo: options.demo ? registerDemo : undefined,
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
    inconsistentChildId: options.demo ? inconsistentChildId({ store, users }) : undefined,
    outOfScopeChildId: options.demo ? outOfScopeChildId({ store, users }) : undefined,
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
