import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { EXPORT_INDEX_KIND } from '../../../import/json.ts';
import { formatProblem } from '../../../import/problem.ts';
import { ChildEducationRecord, RECORD_SCHEMA_VERSION } from '../../../model/index.ts';
import { EXIT, parseAsOf, requireReadablePath, runAction, UsageError } from '../../import/cli-support.ts';
import { loadDataDirectory } from '../../import/load.ts';
import type { RegisterCommand } from './index.ts';

/** A file name for a person ID: letters, digits, dot, dash and underscore kept, the rest replaced. */
export function recordFileName(personId: string, taken: Set<string>): string {
  const base = personId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 100) || 'child';
  let name = `${base}.json`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}.json`;
  taken.add(name.toLowerCase());
  return name;
}

export const registerExport: RegisterCommand = (program: Command) => {
  program
    .command('export')
    .description('Import a data directory and write one child education record JSON per child, plus index.json')
    .argument('<dir>', 'a data directory (or one file)')
    .requiredOption('--out <outdir>', 'directory to write the records into (created if needed)')
    .option('--as-of <date>', 'check dates against this day (YYYY-MM-DD) instead of today', parseAsOf)
    .option('--la-code <number>', "the council's own 3-digit LA number")
    .addHelpText('after', '\nEvery record is validated against the schema before it is written. Problems in the input go to stderr.\nExit status: 0 written with no input errors, 1 written but some input rows had errors, 2 usage mistake.')
    .action(
      runAction(async (dir: string, options: { out: string; asOf?: string; laCode?: string }) => {
        await requireReadablePath(dir);
        const { records, problems } = await loadDataDirectory(dir, { asOf: options.asOf, laCode: options.laCode });
        for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
        try {
          await mkdir(options.out, { recursive: true });
        } catch (error) {
          throw new UsageError(`cannot write to ${options.out}: ${(error as Error).message}`);
        }
        const taken = new Set<string>(['index.json']);
        const children: { personId: string; upn?: string; name: string; file: string }[] = [];
        for (const record of records) {
          const valid = ChildEducationRecord.parse(record);
          const file = recordFileName(valid.identity.personId, taken);
          await writeFile(join(options.out, file), `${JSON.stringify(valid, null, 2)}\n`, 'utf8');
          children.push({ personId: valid.identity.personId, upn: valid.identity.upn, name: `${valid.identity.firstName} ${valid.identity.lastName}`.trim(), file });
        }
        const index = { kind: EXPORT_INDEX_KIND, schemaVersion: RECORD_SCHEMA_VERSION, count: children.length, children };
        await writeFile(join(options.out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`, 'utf8');
        process.stdout.write(`${children.length} records written to ${options.out}\n`);
        return problems.some((p) => p.severity === 'error') ? EXIT.inputErrors : EXIT.ok;
      }),
    );
};
