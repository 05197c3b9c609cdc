import type { Command } from 'commander';
import { EXIT, parseAsOf, requireReadablePath, runAction, UsageError } from '../../import/cli-support.ts';
import { originProblem } from '../../server/security.ts';
import type { DemoPlugin } from '../../server/serve.ts';
import type { RegisterCommand } from './index.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

function parsePort(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) throw new UsageError('--port must be a port number, 0 to 65535');
  return Number(value);
}

function checkOrigin(origin: string): string {
  const wrong = originProblem(origin);
  if (wrong) throw new UsageError(`--origin ${wrong}`);
  return origin;
}

function checkHost(name: string): string {
  if (!/^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])$/i.test(name)) throw new UsageError(`--allowed-host ${JSON.stringify(name)} is not a host name (no scheme or port: e.g. education.council.example)`);
  return name.toLowerCase();
}

function wholeNumber(flag: string, value: string, min: number): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < min) throw new UsageError(`${flag} must be a whole number, ${min} or more`);
  return Number(value);
}

/**
 * `serve`: the reference server. The demo (demo/server/main.ts) registers the same command with its plugin,
 * which adds `--demo`; the product's own command line has no demo in it.
 */
export const registerServe: RegisterCommand = (program: Command) => serveCommand(program);

export function serveCommand(program: Command, demoPlugin?: DemoPlugin): void {
  const command = program
    .command('serve')
    .description(demoPlugin ? 'Serve the Education Status API (and, with --demo, the demo pages) from a data directory' : 'Serve the Education Status API from a data directory')
    .argument('<dir>', 'a data directory (any format the importers read)')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '5177')
    .option('--host <name>', 'interface to listen on; "localhost" means 127.0.0.1 and ::1 only', 'localhost')
    .option('--users <file>', 'the users file (JSON): who may use the service, and which children each may see')
    .option('--oidc <file>', "the council's identity provider (JSON settings, see docs/deploying.md): people sign in with their own accounts")
    .option('--origin <url>', 'a web origin allowed to call the API from a browser (repeat for more; chrome-extension://ID for the extension)', collect, [])
    .option('--as-of <date>', 'work statuses out for this day (YYYY-MM-DD); default today in the UK, following the clock', parseAsOf)
    .option('--allowed-host <name>', 'a host name the service answers to (repeat for more); required unless it listens on localhost', collect, [])
    .option('--trust-proxy', "take the client's address from X-Forwarded-For (only behind a proxy that sets it)")
    .option('--secure-cookies', 'mark the session cookie Secure (the service is reached over HTTPS)')
    .option('--refresh-seconds <n>', 'check the data directory and users file for changes this often; 0 never', '30')
    .option('--max-rejected-percent <n>', 'refuse new data when more than this percent of its rows cannot be imported', '1')
    .option('--audit <file>', 'append the audit log (one JSON line per disclosure) to this file', 'edubridge-audit.jsonl')
    .option('--database <url>', 'keep sessions, rate limits, revocations and the audit log in PostgreSQL (default: $EDUBRIDGE_DATABASE_URL; without either, in this process and the audit file)')
    .option('--rate-limit <n>', 'requests per caller per minute', '600')
    .option('--signin-start-limit <n>', 'sign-ins with the identity provider started per client address per minute', '60')
    .option('--la-code <number>', "the council's own 3-digit LA number")
    .option('--stop-with-stdin', 'stop when standard input closes (so a test harness that dies takes the server with it)')
    .addHelpText('after', '\nPrints "EduBridge … listening on URL" once ready. Stop with Ctrl+C.')
    .action(
      runAction(async (dir: string, options: { port: string; host: string; users?: string; oidc?: string; origin: string[]; asOf?: string; allowedHost: string[]; trustProxy?: boolean; secureCookies?: boolean; refreshSeconds: string; maxRejectedPercent: string; audit: string; database?: string; rateLimit: string; signinStartLimit: string; laCode?: string; demo?: boolean; stopWithStdin?: boolean }) => {
        await requireReadablePath(dir);
        const port = parsePort(options.port);
        const origins = options.origin.map(checkOrigin);
        const rateLimit = wholeNumber('--rate-limit', options.rateLimit, 1);
        const signInStartLimit = wholeNumber('--signin-start-limit', options.signinStartLimit, 1);
        const refreshSeconds = wholeNumber('--refresh-seconds', options.refreshSeconds, 0);
        const maxRejectedPercent = wholeNumber('--max-rejected-percent', options.maxRejectedPercent, 0);
        if (maxRejectedPercent > 100) throw new UsageError('--max-rejected-percent must be 100 or less');
        const allowedHosts = options.allowedHost.map(checkHost);
        const demo = options.demo ? demoPlugin : undefined;
        if (!options.users && !options.oidc && !demo) throw new UsageError(demoPlugin ? 'give a users file with --users FILE or an identity provider with --oidc FILE (or use --demo for the demo users)' : 'give a users file with --users FILE or an identity provider with --oidc FILE');
        if (options.oidc) await requireReadablePath(options.oidc);
        const { startServer } = await import('../../server/serve.ts');
        let server;
        try {
          server = await startServer({ dir, port, host: options.host, usersFile: options.users, oidcFile: options.oidc, origins, asOf: options.asOf, auditFile: options.audit, database: options.database ?? (process.env.EDUBRIDGE_DATABASE_URL || undefined), rateLimit, signInStartLimit, laCode: options.laCode, demo, allowedHosts, trustProxy: options.trustProxy, secureCookies: options.secureCookies, refreshSeconds, maxRejectedPercent });
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        for (const line of server.announcements) process.stdout.write(`${line}\n`);
        process.stdout.write(`EduBridge ${options.demo ? 'demo' : 'API'} listening on ${server.url}\n`);
        const stop = () => {
          void server.close().then(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        if (options.stopWithStdin) {
          process.stdin.once('close', stop);
          process.stdin.once('end', stop);
          process.stdin.resume();
        }
        await new Promise<never>(() => undefined);
        return EXIT.ok;
      }),
    );
  if (demoPlugin) command.option('--demo', 'also serve the demo pages (imitation case-management systems, portal, intranet; lists the users and their tokens)');
}
