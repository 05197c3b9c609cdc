import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EducationStatus } from '../../../core/model/index.ts';
import { ChildEducationRecord } from '../../../core/model/index.ts';
import { AS_OF, FIXTURES } from './helpers.ts';

// The command users run: core/node/cli/main.ts (built to dist/node/core/node/cli/main.js), here run
// from source through tsx so the test needs no build.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = join(ROOT, 'core/node/cli/main.ts');

function edubridge(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('edubridge generate → validate → status → export (end to end)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edubridge-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generate writes the CSV templates and lists them on stdout', async () => {
    const { code, stdout, stderr } = await edubridge('generate', join(dir, 'data'), '--children', '25', '--seed', '3', '--as-of', AS_OF);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^children\.csv\t25 rows$/m);
    expect(stdout).toMatch(/^attendance\.csv\t\d{4,} rows$/m);
    expect(stderr).toContain('Generated 25 children (seed 3, as of 2026-03-15)');
    expect((await readdir(join(dir, 'data'))).sort()).toEqual(['assessments.csv', 'attendance.csv', 'attendance_summaries.csv', 'children.csv', 'contacts.csv', 'exclusions.csv', 'pep_actions.csv', 'peps.csv', 'ssda903_episodes.csv']);
  });

  it('the same seed gives the same files', async () => {
    await edubridge('generate', join(dir, 'again'), '--children', '25', '--seed', '3', '--as-of', AS_OF);
    for (const file of ['children.csv', 'attendance.csv', 'peps.csv']) {
      expect(await readFile(join(dir, 'again', file), 'utf8')).toBe(await readFile(join(dir, 'data', file), 'utf8'));
    }
  });

  it('validate exits 0 with a per-file summary, and --json gives the same as JSON', async () => {
    const text = await edubridge('validate', join(dir, 'data'), '--as-of', AS_OF);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^children\.csv\s+children\s+25\s+25\s+0\s+0$/m);
    expect(text.stdout).toContain('25 children; 0 errors, 0 warnings.');
    const json = await edubridge('validate', join(dir, 'data'), '--as-of', AS_OF, '--json');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; children: number; files: { file: string; rowsRead: number }[]; problems: unknown[] };
    expect(parsed).toMatchObject({ ok: true, children: 25, problems: [] });
    expect(parsed.files.find((f) => f.file === 'children.csv')?.rowsRead).toBe(25);
  });

  it('status prints a child by child_id or UPN; --json prints the status document', async () => {
    const children = (await readFile(join(dir, 'data', 'children.csv'), 'utf8')).split('\r\n')[1]?.split(',') ?? [];
    const [childId, upn, firstName] = children as [string, string, string];
    const byId = await edubridge('status', join(dir, 'data'), '--child', childId, '--as-of', AS_OF);
    expect(byId.code).toBe(0);
    expect(byId.stdout).toContain(`${firstName} `);
    expect(byId.stdout).toContain(`person ID ${childId}`);
    expect(byId.stdout).toMatch(/^Attendance this year: /m);
    const byUpn = await edubridge('status', join(dir, 'data'), '--child', upn.toLowerCase(), '--as-of', AS_OF, '--json');
    expect(byUpn.code).toBe(0);
    const status = EducationStatus.parse(JSON.parse(byUpn.stdout));
    expect(status.child).toMatchObject({ personId: childId, upn });
    expect(status.asOf).toBe(AS_OF);
  });

  it('status exits 3 for a child who is not there', async () => {
    const { code, stdout, stderr } = await edubridge('status', join(dir, 'data'), '--child', 'nobody', '--as-of', AS_OF);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toContain('no child with person ID or UPN "nobody"');
  });

  it('export writes one schema-valid record per child plus an index, which imports back', async () => {
    const out = join(dir, 'export');
    const { code, stdout } = await edubridge('export', join(dir, 'data'), '--out', out, '--as-of', AS_OF);
    expect(code).toBe(0);
    expect(stdout).toContain('25 records written');
    const files = await readdir(out);
    expect(files).toHaveLength(26);
    const index = JSON.parse(await readFile(join(out, 'index.json'), 'utf8')) as { count: number; children: { file: string }[] };
    expect(index.count).toBe(25);
    for (const entry of index.children) ChildEducationRecord.parse(JSON.parse(await readFile(join(out, entry.file), 'utf8')));
    const again = await edubridge('validate', out, '--as-of', AS_OF);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('25 children; 0 errors, 0 warnings.');
  });
});

describe('edubridge exit codes and errors', () => {
  it.each([
    ['validate of a directory with errors', 1, ['validate', `${FIXTURES}malformed/attendance`, '--as-of', AS_OF]],
    ['validate of a path that does not exist', 2, ['validate', `${FIXTURES}no-such-dir`]],
    ['an unknown option', 2, ['validate', `${FIXTURES}valid`, '--frobnicate']],
    ['a malformed --as-of', 2, ['status', `${FIXTURES}valid`, '--child', '1001', '--as-of', '15/03/2026']],
    ['status without --child', 2, ['status', `${FIXTURES}valid`]],
  ] as const)('%s exits %i', async (_what, expected, args) => {
    const { code, stderr } = await edubridge(...args);
    expect(code).toBe(expected);
    if (expected === 2) expect(stderr.length).toBeGreaterThan(0);
  });

  it('validate lists each problem as FILE:LINE:COLUMN: severity: message on stdout', async () => {
    const { stdout } = await edubridge('validate', `${FIXTURES}malformed/attendance`, '--as-of', AS_OF);
    expect(stdout).toContain('attendance.csv:3:code: error: "Q9" is not a national attendance code. Row not imported.');
    expect(stdout).toMatch(/^attendance\.csv\s+attendance\s+12\s+7\s+5\s+7$/m);
  });

  it.each(['validate', 'status', 'export', 'generate'])('%s --help describes the command', async (command) => {
    const { code, stdout } = await edubridge(command, '--help');
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: edubridge ${command}`);
  });
});
