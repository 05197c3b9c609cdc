import type { Command } from 'commander';
import { registerSchema } from './schema.ts';
import { registerValidate } from './validate.ts';
import { registerStatus } from './status.ts';
import { registerExport } from './export.ts';
import { registerGenerate } from './generate.ts';
import { registerServe } from './serve.ts';
import { registerToken } from './token.ts';
import { registerDatabase } from './database.ts';
import { registerSummary } from './summary.ts';

/** A command of the `edubridge` command line: each lives in its own file and registers itself here. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerSchema, registerValidate, registerStatus, registerExport, registerGenerate, registerServe, registerToken, registerDatabase, registerSummary];
