import type { Command } from 'commander';
import { generateRecords } from '../../../generate/generate.ts';
import { writeTemplateCsv } from '../../generate/write.ts';
import { EXIT, parseAsOf, parseCount, parseSeed, runAction, UsageError } from '../../import/cli-support.ts';
import { todayInEngland } from '../../../rules/calendar.ts';
import type { RegisterCommand } from './index.ts';

export const registerGenerate: RegisterCommand = (program: Command) => {
  program
    .command('generate')
    .description('Write a synthetic data set (entirely fictional children) as EduBridge CSV templates')
    .argument('<outdir>', 'directory to write children.csv, attendance.csv, … into (created if needed)')
    .option('--children <n>', 'how many children', parseCount, 200)
    .option('--seed <s>', 'any whole number: the same seed and date give the same files', parseSeed, 1)
    .option('--as-of <date>', 'the date the data is correct at (YYYY-MM-DD); default today in England (Europe/London)', parseAsOf)
    .option('--la-code <number>', "the council's 3-digit LA number", '383')
    .addHelpText('after', '\nThe distributions are described in docs/data-formats.md ("Synthetic data").')
    .action(
      runAction(async (outdir: string, options: { children: number; seed: number; asOf?: string; laCode: string }) => {
        if (!/^\d{3}$/.test(options.laCode)) throw new UsageError('--la-code must be a 3-digit LA number');
        const asOf = options.asOf ?? todayInEngland();
        const records = generateRecords({ children: options.children, seed: options.seed, asOf, laCode: options.laCode });
        let written;
        try {
          written = await writeTemplateCsv(outdir, records);
        } catch (error) {
          throw new UsageError(`cannot write to ${outdir}: ${(error as Error).message}`);
        }
        for (const { file, rows } of written) process.stdout.write(`${file}\t${rows} rows\n`);
        process.stderr.write(`Generated ${records.length} children (seed ${options.seed}, as of ${asOf}) in ${outdir}\n`);
        return EXIT.ok;
      }),
    );
};
