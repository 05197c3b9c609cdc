import type { Command } from 'commander';
import { errorCount, formatProblem, printable } from '../../../import/problem.ts';
import { EXIT, parseAsOf, requireReadablePath, runAction } from '../../import/cli-support.ts';
import { loadDataDirectory } from '../../import/load.ts';
import type { RegisterCommand } from './index.ts';

export const registerValidate: RegisterCommand = (program: Command) => {
  program
    .command('validate')
    .description('Check every file in a data directory and list each problem as FILE:LINE:COLUMN: severity: message')
    .argument('<dir>', 'a data directory (or one file): EduBridge CSV templates, SSDA903 CSV or XML, record JSON')
    .option('--json', 'print the problems and per-file summaries as JSON')
    .option('--as-of <date>', 'check dates against this day (YYYY-MM-DD) instead of today', parseAsOf)
    .option('--la-code <number>', "the council's own 3-digit LA number")
    .addHelpText('after', '\nExit status: 0 no errors (warnings allowed), 1 errors found, 2 usage mistake (e.g. unreadable path).')
    .action(
      runAction(async (dir: string, options: { json?: boolean; asOf?: string; laCode?: string }) => {
        await requireReadablePath(dir);
        const { records, problems, files } = await loadDataDirectory(dir, { asOf: options.asOf, laCode: options.laCode });
        const errors = errorCount(problems);
        const warnings = problems.length - errors;
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ ok: errors === 0, children: records.length, errors, warnings, files, problems }, null, 2)}\n`);
        } else {
          const out: string[] = problems.map(formatProblem);
          if (problems.length > 0) out.push('');
          out.push('file                                     format                          read  accepted  rejected  warnings');
          for (const f of files) {
            out.push(`${printable(f.file).padEnd(40)} ${(f.rejectedWhole ? 'REJECTED' : f.format).padEnd(30)} ${String(f.rowsRead).padStart(5)} ${String(f.accepted).padStart(9)} ${String(f.rejected).padStart(9)} ${String(f.warnings).padStart(9)}`);
          }
          out.push('', `${records.length} children; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`);
          process.stdout.write(`${out.join('\n')}\n`);
        }
        return errors > 0 ? EXIT.inputErrors : EXIT.ok;
      }),
    );
};
