import type { Command } from 'commander';
import { EXIT, runAction } from '../../import/cli-support.ts';
import { newToken } from '../../server/users.ts';
import type { RegisterCommand } from './index.ts';

/** `token`: a new static access token, and the SHA-256 the users file keeps instead of it. */
export const registerToken: RegisterCommand = (program: Command) => {
  program
    .command('token')
    .description('Make a new access token for the users file of `serve`: prints the token (give it to its holder) and its SHA-256 (put it in the file)')
    .option('--json', 'print {"token", "tokenSha256"} as JSON')
    .addHelpText('after', '\nThe server keeps only the hash: a lost token cannot be recovered, only replaced.')
    .action(
      runAction(async (options: { json?: boolean }) => {
        const { token, tokenSha256 } = newToken();
        process.stdout.write(options.json ? `${JSON.stringify({ token, tokenSha256 })}\n` : `token        ${token}\ntokenSha256  ${tokenSha256}\n`);
        return EXIT.ok;
      }),
    );
};
