/**
 * Importers: validate and import the SSDA903 sample (tests/fixtures/ssda903); generate 1,000 children and import them
 * (about 380,000 attendance rows); hostile files (an invalid byte late in XML and JSON, 50 MB of bad
 * rows). Prints times, rows per second and memory; asserts nothing.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { generateRecords } from '../../core/generate/generate.ts';
import { DataSet } from '../../core/import/dataset.ts';
import { writeTemplateCsv } from '../../core/node/generate/write.ts';
import { loadDataDirectory, readDataFile } from '../../core/node/import/load.ts';

const SAMPLE_903 = fileURLToPath(new URL('../fixtures/ssda903/', import.meta.url));
const AS_OF = '2026-03-15';
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rate = (rows: number, ms: number) => `${Math.round((rows / ms) * 1000).toLocaleString('en-GB')} rows/s`;

/** CPU time of the last `time` call, in ms: on a shared, busy machine it says more than wall time. */
let lastCpuMs = 0;

async function time<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await run();
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000;
  return [result, performance.now() - start];
}

export default async function bench(): Promise<void> {
  z.config({ jitless: true });

  // 1. The SSDA903 sample (CSV tables and the XML form), three runs.
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  let sample = await loadDataDirectory(SAMPLE_903, { asOf: AS_OF });
  for (let i = 0; i < 5; i++) {
    const [result, ms] = await time(() => loadDataDirectory(SAMPLE_903, { asOf: AS_OF }));
    sample = result;
    runs.push(ms);
    cpuRuns.push(lastCpuMs);
  }
  const sampleRows = sample.files.reduce((n, f) => n + f.rowsRead, 0);
  const best = Math.min(...runs);
  const errors = sample.problems.filter((p) => p.severity === 'error').length;
  console.log(`SSDA903 sample: ${sample.files.length} files, ${sampleRows.toLocaleString('en-GB')} rows, ${sample.records.length} children, ${errors} errors, ${sample.problems.length - errors} warnings`);
  console.log(`  validate + import: best ${best.toFixed(0)} ms of ${runs.map((r) => r.toFixed(0)).join(' / ')} ms wall (target < 500 ms), ${rate(sampleRows, best)}; CPU best ${Math.min(...cpuRuns).toFixed(0)} ms`);
  for (const f of sample.files) console.log(`  ${f.file.padEnd(26)} ${f.format.padEnd(32)} read ${String(f.rowsRead).padStart(6)}  accepted ${String(f.accepted).padStart(6)}  rejected ${String(f.rejected).padStart(3)}  warnings ${String(f.warnings).padStart(5)}`);

  // 2. 1,000 generated children with a year of session marks.
  const dir = await mkdtemp(join(tmpdir(), 'edubridge-bench-'));
  try {
    const [records, generateMs] = await time(() => generateRecords({ children: 1000, seed: 1, asOf: AS_OF }));
    const marks = records.reduce((n, r) => n + r.attendance.marks.length, 0);
    console.log(`generate 1,000 children: ${generateMs.toFixed(0)} ms (${marks.toLocaleString('en-GB')} session marks)`);
    const [written, writeMs] = await time(() => writeTemplateCsv(dir, records));
    console.log(`write CSV templates: ${writeMs.toFixed(0)} ms (${written.map((w) => `${w.file} ${w.rows}`).join(', ')})`);
    const attendanceRows = written.find((w) => w.file === 'attendance.csv')?.rows ?? 0;

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const attendanceRuns: number[] = [];
    const attendanceCpu: number[] = [];
    for (let i = 0; i < 5; i++) {
      const data = new DataSet(AS_OF);
      const [, ms] = await time(() => readDataFile(join(dir, 'attendance.csv'), 'attendance.csv', data));
      attendanceRuns.push(ms);
      attendanceCpu.push(lastCpuMs);
    }
    const bestAttendance = Math.min(...attendanceRuns);
    const bestCpu = Math.min(...attendanceCpu);
    console.log(`attendance.csv alone (${attendanceRows.toLocaleString('en-GB')} rows): best ${bestAttendance.toFixed(0)} ms of ${attendanceRuns.map((r) => r.toFixed(0)).join(' / ')} ms wall, ${rate(attendanceRows, bestAttendance)} (target ≥ 500,000 rows/s); CPU best ${bestCpu.toFixed(0)} ms, ${rate(attendanceRows, bestCpu)} of CPU`);

    const [loaded, loadMs] = await time(() => loadDataDirectory(dir, { asOf: AS_OF }));
    const totalRows = loaded.files.reduce((n, f) => n + f.rowsRead, 0);
    const memory = process.memoryUsage();
    console.log(`whole directory: ${loadMs.toFixed(0)} ms for ${totalRows.toLocaleString('en-GB')} rows (${rate(totalRows, loadMs)}), ${loaded.records.length} children, ${loaded.problems.length} problems`);
    console.log(`  load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} on ${(await import('node:os')).availableParallelism()} cores`);
    console.log(`  memory: heap ${mb(memory.heapUsed)} (was ${mb(heapBefore)} before importing), rss ${mb(memory.rss)}, peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // 3. Hostile files: one invalid byte at the end of 1 MB of XML and of JSON; 50 MB of bad CSV rows.
  const hostile = await mkdtemp(join(tmpdir(), 'edubridge-bench-hostile-'));
  try {
    const children = Array.from({ length: 9000 }, (_, i) => `<CHILD><HEADER><CHILDID>${i}</CHILDID><DOB>01/01/2015</DOB></HEADER></CHILD>`).join('\n');
    await writeFile(join(hostile, '903.xml'), Buffer.concat([Buffer.from(`<EXPSSDA903>\n${children}\n`), Buffer.from([0xff]), Buffer.from('</EXPSSDA903>\n')]));
    await writeFile(join(hostile, 'records.json'), Buffer.concat([Buffer.from(`[${'{"a": 1},\n'.repeat(110_000)}"`), Buffer.from([0xff]), Buffer.from('"]')]));
    for (const name of ['903.xml', 'records.json']) {
      const size = (await stat(join(hostile, name))).size;
      const [, ms] = await time(() => readDataFile(join(hostile, name), name, new DataSet(AS_OF)));
      console.log(`${name} (${mb(size)}) with one invalid byte at the end: rejected in ${ms.toFixed(0)} ms (CPU ${lastCpuMs.toFixed(0)} ms)`);
    }
    const row = '1,,Ann,Lee,not a date\n';
    const rows = Math.ceil((50 * 1024 * 1024) / row.length);
    await writeFile(join(hostile, 'children.csv'), `child_id,upn,first_name,last_name,date_of_birth\n${row.repeat(rows)}`);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const data = new DataSet(AS_OF);
    const [summary, ms] = await time(() => readDataFile(join(hostile, 'children.csv'), 'children.csv', data));
    console.log(`children.csv, 50 MB of bad rows (${summary.rowsRead.toLocaleString('en-GB')} rows, all rejected): ${ms.toFixed(0)} ms wall, CPU ${lastCpuMs.toFixed(0)} ms; ${data.problems.length.toLocaleString('en-GB')} problems kept; rss ${mb(process.memoryUsage().rss)} (was ${mb(rssBefore)}), peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    await rm(hostile, { recursive: true, force: true });
  }
}
