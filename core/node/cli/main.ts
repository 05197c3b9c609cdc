#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { commands } from './commands/index.ts';

z.config({ jitless: true });

/** Exit codes: 0 success, 1 the input has errors, 2 a usage mistake, 3 no such child. */
export function buildProgram(): Command {
  const program = new Command('edubridge')
    .description("A looked-after child's education status: import, validate, derive and serve it.")
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
