import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRecords, startRecords } from '../../../core/import/build.ts';
import { DataSet } from '../../../core/import/dataset.ts';
import { sortProblems } from '../../../core/import/problem.ts';
import { readDataFile } from '../../../core/node/import/load.ts';
import { AS_OF, FIXTURES, SAMPLE_903 } from './helpers.ts';

/**
 * The server joins the records while the attendance file is still being read on its second thread
 * (`startRecords`), and adds the marks when they come (`finish`). Joining early must change nothing in the
 * data set until `finish`, and give exactly what joining everything at the end gives: the same records
 * (their marks, the provenance of each part and its date), the same problems and the same file summaries.
 */
describe('joining records before the attendance marks are in (core/import/build.ts startRecords)', () => {
  /** The valid fixtures, the SSDA903 sample (its episodes give care-period warnings), and a JSON file
   * with one record twice (an error that also moves a row to rejected) and a child children.csv has. */
  function dataDirectory(): string {
    const dir = mkdtempSync(join(tmpdir(), 'edubridge-start-'));
    cpSync(`${FIXTURES}valid`, dir, { recursive: true });
    cpSync(SAMPLE_903, join(dir, 'ssda903'), { recursive: true });
    const record = JSON.parse(readFileSync(join(dir, 'records', '2001.json'), 'utf8')) as { identity: { personId: string } };
    const again = { ...record, identity: { ...record.identity, personId: '1001' } };
    writeFileSync(join(dir, 'records', 'twice.json'), JSON.stringify([again, again]));
    return dir;
  }

  const filesOf = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(csv|xml|json)$/.test(entry.name) && !entry.name.startsWith('.'))
      .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
      .sort();

  async function read(dir: string, files: readonly string[], data: DataSet): Promise<void> {
    for (const file of files) await readDataFile(join(dir, file), file, data);
  }

  it('changes nothing until finish, then gives what buildRecords gives after every file', async () => {
    const dir = dataDirectory();
    const files = filesOf(dir).filter((file) => file !== 'attendance.csv');

    const atEnd = new DataSet(AS_OF);
    await read(dir, [...files, 'attendance.csv'], atEnd);
    const expected = buildRecords(atEnd);
    atEnd.closeProblems();

    const early = new DataSet(AS_OF);
    await read(dir, files, early);
    const before = JSON.stringify({ problems: early.problems, summaries: [...early.summaries] });
    const begun = startRecords(early);
    expect(JSON.stringify({ problems: early.problems, summaries: [...early.summaries] })).toBe(before);
    await read(dir, ['attendance.csv'], early);
    const records = begun.finish();
    expect(() => begun.finish()).toThrow(/finished already/);
    early.closeProblems();

    // Not a trivial case: marks and their file joined after the start, and problems the start found.
    const marked = records.filter((r) => r.provenance.attendance?.source.includes('attendance.csv'));
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.every((r) => 'packed' in r.attendance || r.attendance.marks.length > 0)).toBe(true);
    expect(early.problems.some((p) => p.file === 'records/twice.json' && p.code === 'conflict')).toBe(true);
    expect(early.problems.some((p) => p.code === 'care-period')).toBe(true);
    expect(early.summaries.get('records/twice.json')?.rejected).toBe(1);

    // Exactly the same, to the order of each record's keys.
    expect(JSON.stringify(records)).toBe(JSON.stringify(expected));
    expect(sortProblems(early.problems)).toEqual(sortProblems(atEnd.problems));
    expect([...early.summaries].sort()).toEqual([...atEnd.summaries].sort());
  });
});
