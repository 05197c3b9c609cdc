import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { z } from 'zod';
import { DEFAULT_POLICY } from '../../policy.ts';
import { dayNumberOf } from '../../rules/day-numbers.ts';
import { deriveFreshness } from '../../status/freshness.ts';
import { openFileAuditLog } from './audit.ts';
import { answerClientError } from './header-limit.ts';
import { createApp, type AppEnv, type DemoContext } from './app.ts';
import type { Hono } from 'hono';
import type { ChildStore } from './data.ts';
import { LiveData } from './live-data.ts';
import { pgStores } from './pg-stores.ts';
import { oidcFromFile } from './oidc-auth.ts';
import { LOOPBACK_NAMES } from './security.ts';
import { memoryStores } from './stores.ts';
import { UserDirectory, type User } from './users.ts';

z.config({ jitless: true });

export interface ServeOptions {
  dir: string;
  /** 0 picks a free port. */
  port: number;
  /** "localhost" (the default) listens on 127.0.0.1 and ::1 only; any other value is passed to listen. */
  host?: string;
  usersFile?: string;
  /** The identity provider settings file (JSON, `OidcSettings`): sign-in with the council's own accounts. */
  oidcFile?: string;
  origins?: string[];
  /** The date statuses are worked out for; default today in the UK, following the clock. */
  asOf?: string;
  laCode?: string;
  /** The audit log file (the embedded default); with `database` the audit log is in PostgreSQL instead. */
  auditFile: string;
  /** A PostgreSQL connection URL: sessions, rate limits, revocations and the audit log are kept there. */
  database?: string;
  rateLimit?: number;
  /** Failed token tries per client address per minute. */
  failedAuthLimit?: number;
  /** Sign-ins with the identity provider started per client address per minute. */
  signInStartLimit?: number;
  /** Host names the service answers to; default the loopback names when it listens on localhost. */
  allowedHosts?: string[];
  trustProxy?: boolean;
  secureCookies?: boolean;
  /** How often the data directory and users file are checked for changes (seconds; 0 never). */
  refreshSeconds?: number;
  /** The share of rows (percent) a new load may reject and still replace the data in use. */
  maxRejectedPercent?: number;
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
  /** The data being served (tests and the bench drive its refresh). */
  data: LiveData;
  /** Re-reads the users file now if it changed. */
  refreshUsers(): Promise<boolean>;
  /** Lines the demo plugin asks to print once ready (none without the demo). */
  announcements: string[];
  close(): Promise<void>;
}

/**
 * Idle keep-alive connections are kept longer than a load balancer's usual idle timeout (60 s), so the
 * server never closes a connection the balancer is about to reuse.
 */
const KEEP_ALIVE_MS = 65_000;

function listen(server: Server, port: number, host: string): Promise<number> {
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** One log line when some children's data is older than the policy allows on the service's date. */
function reportStaleData(store: ChildStore, log: (line: string) => void): void {
  const asOf = store.asOf;
  const day = dayNumberOf(asOf);
  let stale = 0;
  let oldest: string | null = null;
  for (const record of store.records) {
    const { section } = deriveFreshness(record, day, DEFAULT_POLICY, 'en');
    if (!section.stale) continue;
    stale++;
    if (section.oldest !== null && (oldest === null || section.oldest < oldest)) oldest = section.oldest;
  }
  if (stale > 0) log(`edubridge: the data for ${stale} of ${store.records.length} children is older than ${DEFAULT_POLICY.staleDataDays} days on ${asOf} (the oldest part is as of ${oldest ?? 'an unknown date'}); their statuses say so`);
}

/** Log lines waiting for the end of this turn of the event loop (see `logToStderr`). */
let waitingLines: string[] = [];
let writtenAtExit = false;

function writeWaitingLines(): void {
  if (waitingLines.length === 0) return;
  const text = `${waitingLines.join('\n')}\n`;
  waitingLines = [];
  process.stderr.write(text);
}

/**
 * The server's log, on standard error: the lines of one turn of the event loop are written together, so
 * a busy server makes one write for many requests rather than one each (a write to a pipe or a terminal
 * holds up the event loop until it is done). Lines still waiting are written before the process exits.
 */
export function logToStderr(line: string): void {
  if (waitingLines.length === 0) {
    if (!writtenAtExit) {
      writtenAtExit = true;
      process.on('exit', writeWaitingLines);
    }
    setImmediate(writeWaitingLines);
  }
  waitingLines.push(line);
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const log = options.log ?? logToStderr;
  const host = options.host ?? 'localhost';
  const allowedHosts = options.allowedHosts && options.allowedHosts.length > 0 ? options.allowedHosts : host === 'localhost' ? [...LOOPBACK_NAMES] : undefined;
  if (!allowedHosts) throw new Error(`give the host names this service answers to (--allowed-host NAME) when it listens on ${host}`);
  // Checked before anything else: a disclosure that cannot be audited is never made.
  const stores = options.database ? await pgStores(options.database, { log }) : memoryStores();
  const audit = stores.audit ?? (await openFileAuditLog(options.auditFile));
  const refreshMs = (options.refreshSeconds ?? 30) * 1000;
  const data = await LiveData.load({ dir: options.dir, asOf: options.asOf, laCode: options.laCode, maxRejectedPercent: options.maxRejectedPercent, pollMs: refreshMs, log, shared: stores.records });
  // Say when the data (by the dates in it, not the files' times) is older than the policy allows on the
  // status date; each status says so too, in its freshness.
  reportStaleData(data.current(), log);

  let directory: UserDirectory;
  if (options.usersFile) directory = await UserDirectory.fromFile(options.usersFile, { allowPlainTokens: options.demo !== undefined }, log);
  else if (options.demo) directory = new UserDirectory(options.demo.makeUsers(data.current()));
  else if (options.oidcFile) directory = new UserDirectory([]);
  else throw new Error('give a users file (--users FILE) or an identity provider (--oidc FILE): without one, nobody could use the service');
  const oidc = options.oidcFile ? await oidcFromFile(options.oidcFile) : undefined;

  const app = createApp({
    data,
    users: directory,
    audit,
    stores,
    origins: options.origins,
    rateLimit: options.rateLimit,
    failedAuthLimit: options.failedAuthLimit,
    signInStartLimit: options.signInStartLimit,
    allowedHosts,
    trustProxy: options.trustProxy,
    secureCookies: options.secureCookies,
    oidc,
    log,
    demo: options.demo?.register,
  });
  data.start();
  const usersTimer = refreshMs > 0 && options.usersFile ? setInterval(() => void directory.refresh(), Math.min(refreshMs, 5_000)) : undefined;
  usersTimer?.unref();

  const listener = getRequestListener(app.fetch);
  const servers: Server[] = [];
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
    get users() {
      return directory.users;
    },
    data,
    refreshUsers: () => directory.refresh(),
    announcements: options.demo?.announce({ store: data.current(), users: directory.users }) ?? [],
    close: () => {
      data.stop();
      clearInterval(usersTimer);
      const closed = Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
      return closed.then(() => stores.close());
    },
  };
}
