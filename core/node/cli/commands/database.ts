import type { Command } from 'commander';
import { EXIT, runAction, UsageError } from '../../import/cli-support.ts';
import type { RegisterCommand } from './index.ts';

const databaseUrl = (given: string | undefined): string => {
  const url = given ?? process.env.EDUBRIDGE_DATABASE_URL;
  if (!url) throw new UsageError('give the database with --database URL or EDUBRIDGE_DATABASE_URL');
  return url;
};

/**
 * `db-setup`: creates the server's tables in PostgreSQL and grants its role what it needs (the audit log
 * append-only). `revoke`: revokes a static token at once on every instance that shares the database.
 */
export const registerDatabase: RegisterCommand = (program: Command) => {
  program
    .command('db-setup')
    .description("Create the reference server's tables in PostgreSQL, as their owner, and grant the server's role what it needs (INSERT and SELECT only on the audit log)")
    .requiredOption('--server-role <role>', 'the PostgreSQL role `serve --database` connects as')
    .option('--database <url>', "the owner's connection URL (default: $EDUBRIDGE_DATABASE_URL)")
    .action(
      runAction(async (options: { serverRole: string; database?: string }) => {
        const { setupDatabase } = await import('../../server/pg-stores.ts');
        try {
          await setupDatabase(databaseUrl(options.database), options.serverRole);
        } catch (error) {
          throw new UsageError(`cannot set up the database: ${(error as Error).message}`);
        }
        process.stdout.write(`Tables ready; ${options.serverRole} may write the audit log but never change or delete it.\n`);
        return EXIT.ok;
      }),
    );

  program
    .command('revoke')
    .description('Revoke a static token on every server instance sharing the database, from their next request on')
    .argument('<tokenSha256>', 'the SHA-256 of the token, as in the users file')
    .option('--reason <text>', 'why (kept with the revocation)')
    .option('--database <url>', 'the connection URL (default: $EDUBRIDGE_DATABASE_URL)')
    .action(
      runAction(async (hash: string, options: { reason?: string; database?: string }) => {
        if (!/^[0-9a-f]{64}$/.test(hash)) throw new UsageError('give the token’s SHA-256: 64 lower-case hexadecimal digits, as in the users file');
        const { pgStores } = await import('../../server/pg-stores.ts');
        let stores;
        try {
          stores = await pgStores(databaseUrl(options.database), { poolSize: 1 });
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
        try {
          await stores.revocations.revoke(hash, options.reason);
        } finally {
          await stores.close();
        }
        process.stdout.write('Revoked.\n');
        return EXIT.ok;
      }),
    );
};
