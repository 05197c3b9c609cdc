import type { Command } from 'commander';
import { formatProblem, printable } from '../../../import/problem.ts';
import type { ChildEducationRecord, EducationStatus } from '../../../model/index.ts';
import { normaliseUpn } from '../../../rules/identifiers.ts';
import { deriveStatus } from '../../../status/derive.ts';
import { EXIT, parseAsOf, requireReadablePath, runAction } from '../../import/cli-support.ts';
import { loadDataDirectory } from '../../import/load.ts';
import { RATING_VOCABULARY, overallDisplay } from '../../../messages/ratings.ts';
import { todayInEngland } from '../../../rules/calendar.ts';
import type { RegisterCommand } from './index.ts';

/** The child with this person ID, or failing that this UPN. */
export function findChild(records: readonly ChildEducationRecord[], id: string): ChildEducationRecord | undefined {
  const wanted = id.trim();
  return records.find((r) => r.identity.personId === wanted) ?? records.find((r) => r.identity.upn !== undefined && r.identity.upn === normaliseUpn(wanted));
}

const percent = (value: number | null) => (value === null ? 'no possible sessions' : `${value.toFixed(1)}%`);

/** The status as a person reads it: one fact a line, ratings first, each with its reason. */
export function describeStatus(status: EducationStatus): string {
  const { child, lookedAfter: care, school, attendance, pep, exclusions, sen, rag } = status;
  const lines: string[] = [];
  lines.push(`${child.displayName || 'Name not recorded'} (person ID ${child.personId}${child.upn ? `, UPN ${child.upn}${child.upnValid === false ? ' — check letter wrong' : ''}` : ''})`);
  lines.push(`Born ${child.dateOfBirth}, age ${child.age}, ${child.yearGroupLabel} (${child.keyStage})${child.assessmentYear ? ', an assessment year' : ''}`);
  const shown = (rating: keyof typeof RATING_VOCABULARY) => `${RATING_VOCABULARY[rating].symbol} ${RATING_VOCABULARY[rating].word.en}`;
  lines.push(
    `Status on ${status.asOf}: overall ${shown(overallDisplay(status))} — attendance ${shown(rag.attendance)}, PEP ${shown(rag.pep)}, exclusions ${shown(rag.exclusions)}, attainment ${shown(rag.attainment)}`,
  );
  for (const reason of rag.reasons.overall) lines.push(`  ${reason.text}`);
  lines.push('');
  lines.push(
    `Care: ${care.lookedAfter ? 'looked after' : 'not currently looked after'}${care.currentPeriodStart ? ` since ${care.currentPeriodStart}` : ''}${care.legalStatus ? `, ${care.legalStatusLabel ?? care.legalStatus}` : ''}; placement ${care.placementArea}; ${care.placementChangesLast12Months} placement change${care.placementChangesLast12Months === 1 ? '' : 's'} in 12 months`,
  );
  if (care.socialWorker) lines.push(`Social worker: ${care.socialWorker.name}${care.socialWorker.email ? ` <${care.socialWorker.email}>` : ''}`);
  lines.push(school ? `School: ${school.name} (URN ${school.urn})${school.designatedTeacher ? `, designated teacher ${school.designatedTeacher.name}` : ''}` : 'School: none recorded');
  const year = attendance.academicYear;
  lines.push(
    `Attendance this year: ${percent(year.attendancePercent)} of ${year.possibleSessions} sessions${year.severeAbsence ? ' — severe absence' : year.persistentAbsence ? ' — persistent absence' : ''}; this term ${percent(attendance.term.attendancePercent)}; last four school weeks ${percent(attendance.lastFourWeeks.attendancePercent)} (trend ${attendance.trend})`,
  );
  lines.push(`PEP: ${pep.state}${pep.lastMeeting ? `, last meeting ${pep.lastMeeting.date} (${pep.lastMeeting.status})` : ', none held'}${pep.nextDue ? `, next due ${pep.nextDue}` : ''}${pep.daysOverdue > 0 ? `, ${pep.daysOverdue} days overdue` : ''}`);
  for (const action of pep.outstandingActions) lines.push(`  - ${action.owner}: ${action.description}${action.due ? ` (due ${action.due}${action.overdue ? `, ${action.daysOverdue} days overdue` : ''})` : ''}`);
  lines.push(`Exclusions this year: ${exclusions.suspensionsThisYear} suspension${exclusions.suspensionsThisYear === 1 ? '' : 's'}, ${exclusions.sessionsLostThisYear} sessions lost${exclusions.permanentExclusion ? '; permanently excluded' : ''}`);
  lines.push(`SEN: ${sen.provisionLabel}${sen.primaryNeedLabel ? `, ${sen.primaryNeedLabel}` : ''}`);
  if (status.flags.length > 0) {
    lines.push('', 'Flags:');
    for (const flag of status.flags) lines.push(`  [${flag.severity}] ${flag.title.text}: ${flag.meaning.text}`);
  }
  if (status.freshness.stale) lines.push('', `Some data is out of date (oldest ${status.freshness.oldest ?? 'unknown'}).`);
  // Names, descriptions and codes come from the data: nothing in them may drive the terminal.
  return printable(lines.join('\n'), { keepNewlines: true });
}

export const registerStatus: RegisterCommand = (program: Command) => {
  program
    .command('status')
    .description("Print one child's education status, worked out from a data directory")
    .argument('<dir>', 'a data directory (or one file)')
    .requiredOption('--child <id>', "the child's person ID (child_id, SSDA903 CHILD) or UPN")
    .option('--as-of <date>', 'work the status out for this day (YYYY-MM-DD); default today in England (Europe/London)', parseAsOf)
    .option('--json', 'print the status as JSON')
    .option('--la-code <number>', "the council's own 3-digit LA number")
    .addHelpText('after', '\nExit status: 0 printed, 2 usage mistake, 3 no such child. Problems in the data go to stderr as warnings.')
    .action(
      runAction(async (dir: string, options: { child: string; asOf?: string; json?: boolean; laCode?: string }) => {
        await requireReadablePath(dir);
        const asOf = options.asOf ?? todayInEngland();
        const { records, problems } = await loadDataDirectory(dir, { asOf, laCode: options.laCode });
        const errors = problems.filter((p) => p.severity === 'error');
        if (errors.length > 0) process.stderr.write(`edubridge: ${errors.length} row${errors.length === 1 ? '' : 's'} in the data could not be imported (run "edubridge validate"); first: ${formatProblem(errors[0] as (typeof errors)[number])}\n`);
        const record = findChild(records, options.child);
        if (!record) {
          process.stderr.write(`edubridge: no child with person ID or UPN ${printable(JSON.stringify(options.child))} in ${printable(dir)}\n`);
          return EXIT.noSuchChild;
        }
        const status = deriveStatus(record, { asOf });
        process.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : `${describeStatus(status)}\n`);
        return EXIT.ok;
      }),
    );
};
