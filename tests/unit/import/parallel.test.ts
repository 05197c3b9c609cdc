import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/index.ts';
import { loadDataDirectory } from '../../../core/node/import/load.ts';
import { writeTemplateCsv } from '../../../core/node/generate/write.ts';
import { AS_OF, FIXTURES } from './helpers.ts';

/**
 * A large attendance file is read on a second thread while the other files are read (`parallel`, as the
 * server loads). The result must be exactly the one reading every file in turn gives: the same records
 * (marks in the same order, a later file's mark for a session after an earlier file's), the same
 * problems at the same file:line:column, the same file summaries.
 */
async function expectSameAsInTurn(dir: string): Promise<void> {
  const inTurn = await loadDataDirectory(dir, { asOf: AS_OF });
  const apart = await loadDataDirectory(dir, { asOf: AS_OF, parallel: true, parallelFromBytes: 0 });
  expect(JSON.parse(JSON.stringify(apart.records))).toEqual(JSON.parse(JSON.stringify(inTurn.records)));
  expect(apart.problems).toEqual(inTurn.problems);
  expect(apart.files).toEqual(inTurn.files);
}

describe('reading an attendance file on a second thread (core/node/import/load.ts, read-worker.ts)', () => {
  it('the import fixtures: the same records, problems and summaries as reading in turn', async () => {
    await expectSameAsInTurn(`${FIXTURES}valid`);
  });

  it('two attendance files with bad rows and a session in both: the later file still counts last', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edubridge-parallel-'));
    await writeTemplateCsv(dir, generateRecords({ children: 40, seed: 7, asOf: AS_OF }));
    const text = readFileSync(join(dir, 'attendance.csv'), 'utf8');
    const nl = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text.trimEnd().split(nl);
    // An earlier file (read in turn) with a different code for sessions the big file also has, and a
    // later big file (read apart) with bad rows: an unknown code, an impossible date, a short row.
    const [header, first, second] = lines as [string, string, string];
    writeFileSync(join(dir, 'attendance-corrections.csv'), [header, first.replace(/,[^,]*$/, ',N'), second.replace(/,[^,]*$/, ',I')].join(nl) + nl);
    lines.splice(5, 0, `${first.split(',')[0]},2025-02-30,AM,/`, `${first.split(',')[0]},2025-10-01,AM,QQ`, 'short,row');
    writeFileSync(join(dir, 'attendance.csv'), lines.join(nl) + nl);
    const inTurn = await loadDataDirectory(dir, { asOf: AS_OF });
    expect(inTurn.problems.filter((p) => p.file === 'attendance.csv' && p.severity === 'error').map((p) => p.line)).toEqual([6, 7, 8]);
    expect(inTurn.problems.some((p) => p.file === 'attendance-corrections.csv')).toBe(false);
    await expectSameAsInTurn(dir);
  });

  it('a file that only looked like attendance is read in turn, whatever the second thread made of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edubridge-parallel-'));
    cpSync(`${FIXTURES}valid`, dir, { recursive: true });
    // The attendance header and many rows (the largest attendance file, so read apart), then bytes that
    // are not UTF-8: the whole file is refused, at its line.
    const rows = Array.from({ length: 3000 }, (_, i) => `B801200005001,2025-09-01,${i % 2 === 0 ? 'AM' : 'PM'},/`);
    const bytes = Buffer.concat([Buffer.from(`upn,date,session,code\n${rows.join('\n')}\n`), Buffer.from([0xff, 0xfe, 0x0a])]);
    writeFileSync(join(dir, 'zz-attendance.csv'), bytes);
    await expectSameAsInTurn(dir);
  });
});
