#!/usr/bin/env node
/**
 * The demo's launcher: the product's `edubridge serve` command, registered with the demo plugin, which adds
 * `--demo` (the imitation case-management systems, portal, intranet and demo users). `npm start` and the
 * browser tests run this; a council runs `edubridge serve`, which has no demo in it.
 */
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { serveCommand } from '../../core/node/cli/commands/serve.ts';
import type { DemoPlugin } from '../../core/node/server/serve.ts';
import { inconsistentChildId, outOfScopeChildId } from './cms-data.ts';
import { registerDemo } from './demo.ts';
import { makeDemoUsers } from './demo-users.ts';

z.config({ jitless: true });

export const demoPlugin: DemoPlugin = {
  register: registerDemo,
  makeUsers: makeDemoUsers,
  announce(context) {
    const lines: string[] = [];
    const odd = inconsistentChildId(context);
    if (odd) lines.push(`Inconsistent record (the case-management pages disagree with education): person ID ${odd}`);
    const outside = outOfScopeChildId(context);
    if (outside) lines.push(`Record not on the demo social worker's caseload: person ID ${outside}`);
    return lines;
  },
};

const program = new Command('edubridge-demo').description('The EduBridge demo server').showHelpAfterError().exitOverride();
serveCommand(program, demoPlugin);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = error.exitCode === 0 ? 0 : 2;
}
