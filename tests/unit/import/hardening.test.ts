/**
 * Hostile and broken files: each attack first, then what the importer must do. Growth is measured by
 * counting work or what is kept at two sizes, never by timing.
 */
import nodeBuffer from 'node:buffer';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataSet } from '../../../core/import/dataset.ts';
import { formatProblem } from '../../../core/import/problem.ts';
import { firstInvalidUtf8 } from '../../../core/import/utf8.ts';
import { loadDataDirectory, readCsvStream } from '../../../core/node/import/load.ts';
import { AS_OF, brief } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'edubridge-hardening-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
});

let folders = 0;
async function folder(files: Record<string, string | Buffer>): Promise<string> {
  const path = join(dir, `case-${++folders}`);
  execFileSync('mkdir', ['-p', path]);
  for (const [name, content] of Object.entries(files)) await writeFile(join(path, name), content);
  return path;
}

/** Bytes checked or decoded as UTF-8 (by TextDecoder.decode, or Node's UTF-8 check that CSV files go
 * through before they are decoded) while `run` runs: the decoding work an import does. */
async function bytesDecoded(run: () => Promise<unknown>): Promise<number> {
  let total = 0;
  const original = TextDecoder.prototype.decode;
  vi.spyOn(TextDecoder.prototype, 'decode').mockImplementation(function (this: TextDecoder, input?: AllowSharedBufferSource, options?: TextDecodeOptions) {
    total += input === undefined ? 0 : input.byteLength;
    return original.call(this, input, options);
  });
  const isUtf8 = nodeBuffer.isUtf8;
  vi.spyOn(nodeBuffer, 'isUtf8').mockImplementation((input: Parameters<typeof isUtf8>[0]) => {
    total += input.byteLength;
    return isUtf8(input);
  });
  await run();
  vi.restoreAllMocks();
  return total;
}

const CHILDREN_HEADER = 'child_id,upn,first_name,last_name,date_of_birth\n';

describe('one invalid byte late in a file costs one more pass, not one per byte (linear time)', () => {
  const xml = (children: number) => {
    const body = Array.from({ length: children }, (_, i) => `<CHILD>\n<HEADER><CHILDID>${i}</CHILDID><SEX>1</SEX><DOB>01/01/2015</DOB></HEADER>\n</CHILD>`).join('\n');
    return Buffer.concat([Buffer.from(`<?xml version="1.0"?>\n<EXPSSDA903>\n${body}\n`), Buffer.from([0xc3, 0x28]), Buffer.from('\n</EXPSSDA903>\n')]);
  };
  const json = (records: number) => Buffer.concat([Buffer.from(`[\n${Array.from({ length: records }, (_, i) => `{"id": ${i}}`).join(',\n')},\n"`), Buffer.from([0xff]), Buffer.from('"]\n')]);
  const csv = (rows: number) => Buffer.concat([Buffer.from(CHILDREN_HEADER + Array.from({ length: rows }, (_, i) => `${i},,Ann,Lee,2015-01-01`).join('\n') + '\n'), Buffer.from([0xe2, 0x82]), Buffer.from(',x\n')]);

  it.each([
    ['SSDA903 XML', '903.xml', xml, 200],
    ['records JSON', 'records.json', json, 1000],
    ['CSV', 'children.csv', csv, 1000],
  ] as const)('%s: the work grows with the size, and the error names the line of the bad byte', async (_kind, name, make, small) => {
    const runs: { bytes: number; work: number; line: number }[] = [];
    for (const count of [small, small * 8]) {
      const bytes = make(count);
      const path = await folder({ [name]: bytes });
      let problems: string[] = [];
      const work = await bytesDecoded(async () => {
        problems = brief((await loadDataDirectory(path, { asOf: AS_OF })).problems);
      });
      const line = bytes.subarray(0, bytes.indexOf(name === '903.xml' ? 0xc3 : name === 'records.json' ? 0xff : 0xe2)).toString('latin1').split('\n').length;
      expect(problems).toEqual([`${name}:${line}:- error not-utf8`]);
      runs.push({ bytes: bytes.length, work, line });
    }
    const [few, many] = runs as [(typeof runs)[number], (typeof runs)[number]];
    // Linear: eight times the bytes, about eight times the work (a quadratic search would be 64 times).
    expect(many.work / few.work).toBeLessThan(2 * (many.bytes / few.bytes));
    expect(many.work).toBeLessThan(4 * many.bytes);
  });

  it('firstInvalidUtf8 agrees with the WHATWG decoder on every kind of bad sequence', () => {
    const cases: [number[], number][] = [
      [[0x41, 0x42], -1],
      [[0x41, 0xff], 1],
      [[0xc0, 0x80], 0], // overlong
      [[0xe0, 0x80, 0x80], 0], // overlong
      [[0xed, 0xa0, 0x80], 0], // a surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x41, 0xe2, 0x82], 1], // truncated at the end
      [[0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], -1], // € and an emoji
    ];
    for (const [bytes, expected] of cases) {
      const array = Uint8Array.from(bytes);
      expect(firstInvalidUtf8(array)).toBe(expected);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(array);
      } catch {
        valid = false;
      }
      expect(valid).toBe(expected === -1);
    }
    expect(firstInvalidUtf8(Uint8Array.from([0x41, 0xe2, 0x82]), true)).toBe(-1);
  });

  it('a bad byte split across two chunks of a stream is found on the right line', async () => {
    const bytes = Buffer.concat([Buffer.from(`${CHILDREN_HEADER}1,,Ann,Lee,2015-01-01\n2,,Bo,Ng,2015-01-01\n3,,`), Buffer.from([0xe2, 0x82, 0x41]), Buffer.from(',Ng,2015-01-01\n')]);
    const cut = bytes.indexOf(0x82);
    const data = new DataSet(AS_OF);
    await readCsvStream(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]), 'children.csv', data);
    expect(brief(data.problems)).toEqual(['children.csv:4:- error not-utf8']);
  });
});

describe('a file of bad rows costs bounded memory: problems beyond the limit are counted, not kept', () => {
  const badRows = (rows: number) => CHILDREN_HEADER + Array.from({ length: rows }, (_, i) => `${i},,Ann,Lee,not a date`).join('\n') + '\n';

  it('four times the bad rows: the same number of problems kept, every row counted, one line saying how many more', async () => {
    const kept: number[] = [];
    for (const rows of [1000, 4000]) {
      const path = await folder({ 'children.csv': badRows(rows) });
      const { problems, files } = await loadDataDirectory(path, { asOf: AS_OF, limits: { problemsPerFile: 100 } });
      expect(files[0]).toMatchObject({ rowsRead: rows, rejected: rows, errors: rows });
      kept.push(problems.length);
      const closing = problems.find((p) => p.code === 'too-many-problems');
      expect(closing && formatProblem(closing)).toBe(`children.csv:1:-: error: ${(rows - 100).toLocaleString('en-GB')} errors more in this file are not listed (only the first 100 are); correct those and validate again`);
    }
    expect(kept).toEqual([101, 101]);
  });

  it('distinct wrong UPNs (twelve characters) on every row do not grow the kept warnings past the limit either', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},Z${String(10000000000 + i)},Ann,Lee,2015-01-01`).join('\n');
    const path = await folder({ 'children.csv': `${CHILDREN_HEADER}${rows}\n` });
    const { problems, files } = await loadDataDirectory(path, { asOf: AS_OF, limits: { problemsPerFile: 50 } });
    expect(files[0]).toMatchObject({ rowsRead: 3000, accepted: 3000, warnings: 3000 });
    expect(problems.filter((p) => p.file === 'children.csv')).toHaveLength(51);
  });
});

describe('a broken XML file costs one short message, however much is broken', () => {
  it('ten thousand unclosed elements: one line under 300 characters, not a list of every tag', async () => {
    const path = await folder({ '903.xml': `<EXPSSDA903>\n${'<CHILD><HEADER>\n'.repeat(10_000)}` });
    const { problems } = await loadDataDirectory(path, { asOf: AS_OF });
    expect(brief(problems)).toEqual([expect.stringMatching(/^903\.xml:\d+:- error xml-syntax$/)]);
    expect(formatProblem(problems[0]!).length).toBeLessThan(300);
    expect(formatProblem(problems[0]!)).not.toContain('\n');
  });
});

describe('only regular files within the limits are read', () => {
  it.each(['children.csv', 'records.json', '903.xml'])('a link named %s pointing at /dev/zero is refused, not read without end', async (name) => {
    const path = await folder({});
    await symlink('/dev/zero', join(path, name));
    const { problems, files } = await loadDataDirectory(path, { asOf: AS_OF });
    expect(brief(problems)).toEqual([`${name}:1:- error not-a-file`]);
    expect(files[0]).toMatchObject({ rejectedWhole: true, rowsRead: 0 });
  });

  it('a named pipe is refused without waiting for a writer', async () => {
    const path = await folder({ 'children.csv': `${CHILDREN_HEADER}1,,Ann,Lee,2015-01-01\n` });
    execFileSync('mkfifo', [join(path, 'attendance.csv')]);
    const { problems, records } = await loadDataDirectory(path, { asOf: AS_OF });
    expect(brief(problems)).toEqual(['attendance.csv:1:- error not-a-file']);
    expect(records).toHaveLength(1);
  });

  it('a file over the size limit is refused before it is read', async () => {
    const path = await folder({ 'children.csv': `${CHILDREN_HEADER}${'1,,Ann,Lee,2015-01-01\n'.repeat(100)}`, 'records.json': `[${'{},'.repeat(500)}{}]` });
    const { problems } = await loadDataDirectory(path, { asOf: AS_OF, limits: { csvFileBytes: 1000, wholeFileBytes: 1000 } });
    expect(problems.map(formatProblem)).toEqual([
      'children.csv:1:-: error: The file is larger than 0 MB, the most EduBridge reads from one file of this kind; split it. File not imported.',
      'records.json:1:-: error: The file is larger than 0 MB, the most EduBridge reads from one file of this kind; split it. File not imported.',
    ]);
  });

  it('a stream that goes on past the limit is cut off and refused (a file growing while it is read)', async () => {
    const data = new DataSet(AS_OF, { csvFileBytes: 10_000 });
    function* endless() {
      yield Buffer.from(CHILDREN_HEADER);
      for (;;) yield Buffer.from('1,,Ann,Lee,2015-01-01\n');
    }
    const summary = await readCsvStream(Readable.from(endless()), 'children.csv', data);
    expect(summary.rejectedWhole).toBe(true);
    expect(brief(data.problems)).toEqual(['children.csv:1:- error too-large']);
  });

  it('a field longer than the limit rejects its row, naming the column; the other rows are kept', async () => {
    const long = 'x'.repeat(20_001);
    const path = await folder({ 'children.csv': `${CHILDREN_HEADER}1,,Ann,Lee,2015-01-01\n2,,"${long}",Ng,2015-01-01\n3,,Cy,Ow,2015-01-01\n` });
    const { problems, records } = await loadDataDirectory(path, { asOf: AS_OF, limits: { fieldChars: 20_000 } });
    expect(problems.map(formatProblem)).toEqual(['children.csv:3:first_name: error: This field is 20,001 characters long; no column takes more than 20,000. Row not imported.']);
    expect(records.map((r) => r.identity.personId)).toEqual(['1', '3']);
  });
});

describe('file and column names cannot drive the terminal through validate', () => {
  const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
  const run = (...args: string[]) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'core/node/cli/main.ts'), ...args], { cwd: ROOT }, (error, stdout) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }));
    });

  it('an escape sequence in a file name and a column name is printed as \\u001b, never as ESC', async () => {
    const path = await folder({ 'notes\u001b]0;pwned\u0007.csv': 'a,b\n1,2\n', 'children.csv': `child_id,first_name,last_name,date_of_birth,\u001b[2Jcolour\n1,Ann,Lee,2015-01-01,x\n` });
    const { code, stdout } = await run('validate', path, '--as-of', AS_OF);
    expect(code).toBe(1);
    // eslint-disable-next-line no-control-regex
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(stdout).toContain('children.csv:1:\\u001b[2Jcolour: warning: Column "\\u001b[2Jcolour" is not part of the children template and is ignored');
    expect(stdout).toContain('notes\\u001b]0;pwned\\u0007.csv:1:-: error: The header matches no EduBridge template');
  });
});
