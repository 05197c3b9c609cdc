/** Writing records as the EduBridge CSV templates to a directory. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildEducationRecord } from '../../model/index.ts';
import { TEMPLATE_FILES, templateLines } from '../../generate/templates.ts';

/** Writes children.csv, attendance.csv, … and ssda903_episodes.csv into `dir` (created if needed).
 * Returns the files written with their row counts. */
export async function writeTemplateCsv(dir: string, records: readonly ChildEducationRecord[]): Promise<{ file: string; rows: number }[]> {
  await mkdir(dir, { recursive: true });
  const written: { file: string; rows: number }[] = [];
  for (const file of TEMPLATE_FILES) {
    let rows = -1;
    const lines = templateLines(file, records);
    const counted = (function* () {
      for (const chunk of lines) {
        for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) rows++;
        yield chunk;
      }
    })();
    await writeFile(join(dir, file), counted, 'utf8');
    written.push({ file, rows });
  }
  return written;
}
