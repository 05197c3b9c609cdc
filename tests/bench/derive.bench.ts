/**
 * deriveStatus over a synthetic cohort: 10,000 children, each with a full academic year of session marks
 * (the seeded generator in core/generate). Target: the whole set in under one second on a 2-core machine.
 */
import { cpus, loadavg } from 'node:os';
import { generateRecords } from '../../core/generate/index.ts';
import { DEFAULT_POLICY } from '../../core/policy.ts';
import { deriveStatus } from '../../core/status/derive.ts';
import { percentile } from './stats.ts';

const CHILDREN = 10_000;
const AS_OF = '2026-07-17'; // the last week of the summer term: a full academic year of marks
const ROUNDS = 3;

export default async function bench(): Promise<void> {
  const generatedAt = performance.now();
  const records = generateRecords({ children: CHILDREN, seed: 2026, asOf: AS_OF });
  const marks = records.reduce((sum, r) => sum + r.attendance.marks.length, 0);
  console.log(
    `generated ${CHILDREN.toLocaleString('en-GB')} children, ${marks.toLocaleString('en-GB')} session marks ` +
      `(${Math.round(marks / CHILDREN)} per child) in ${((performance.now() - generatedAt) / 1000).toFixed(2)} s`,
  );

  // Warm up (JIT, term-date and bank-holiday caches), then time whole passes over the cohort.
  for (let i = 0; i < 200; i++) deriveStatus(records[i % records.length]!, { asOf: AS_OF, policy: DEFAULT_POLICY });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let red = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    red = 0;
    for (const record of records) if (deriveStatus(record, { asOf: AS_OF, policy: DEFAULT_POLICY }).rag.overall === 'red') red++;
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const best = Math.min(...times);
  const median = percentile(times, 50);
  console.log(`deriveStatus, ${CHILDREN.toLocaleString('en-GB')} children: best ${(best / 1000).toFixed(3)} s, median ${(median / 1000).toFixed(3)} s over ${ROUNDS} passes`);
  console.log(`  ${Math.round((CHILDREN / median) * 1000).toLocaleString('en-GB')} children/second (median); ${(median / CHILDREN * 1000).toFixed(1)} µs per child`);
  console.log(`  CPU time per pass: best ${(Math.min(...cpuTimes) / 1000).toFixed(3)} s (wall time grows when other work shares the machine)`);
  console.log(`  load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; ${red.toLocaleString('en-GB')} children rated red overall`);
  console.log(`  target: the whole set in under 1 s — ${median < 1000 ? 'met' : 'not met on this run'}`);
}
