import type { Command } from 'commander';

/** A command of the `edubridge` command line: each lives in its own file and registers itself here. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [];
