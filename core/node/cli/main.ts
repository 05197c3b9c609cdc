#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { commands } from './commands/index.ts';

z.config({ jitless: true });

/** The installed package's version: its package.json is the first one above this file (dist/node/… or the sources). */
export function packageVersion(from: URL = new URL('.', import.meta.url)): string {
  for (let dir = from; ; dir = new URL('..', dir)) {
    try {
      const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'edubridge' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No package.json here (or not ours): look one folder up.
    }
    if (new URL('..', dir).href === dir.href) throw new Error('edubridge: cannot find its own package.json');
  }
}

/** Exit codes: 0 success, 1 the input has errors, 2 a usage mistake, 3 no such child. */
export function buildProgram(): Command {
  const program = new Command('edubridge')
    .description("A looked-after child's education status: import, validate, derive and serve it.")
    .version(packageVersion(), '-V, --version', 'Print the version of EduBridge and stop.')
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    throw error;
  }
}

await main(process.argv);
