/**
 * How the default policy rates the demo's children: the distribution of overall ratings and, for every
 * child rated red, which areas are red. The demo data set is made exactly as `npm start` makes it
 * (scripts/demo-data.mjs: the generator's CSV templates for 200 children, seed 1, as of today, read back
 * through the importer) and the demo social worker's caseload is the one `npm start` signs in with
 * (demo/server/demo-users.ts). The 10,000-child cohort of the derivation benchmark is rated too.
 *
 * `npm run bench ratings`; `EDUBRIDGE_AS_OF=2026-03-02 npm run bench ratings` for another date.
 * A report, not a test: docs/status.md ("Why red means act now") records its figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeDemoUsers } from '../../demo/server/demo-users.ts';
import { generateRecords } from '../../core/generate/index.ts';
import type { ChildEducationRecord } from '../../core/model/record.ts';
import type { EducationStatus, RagArea } from '../../core/model/status.ts';
import { writeTemplateCsv } from '../../core/node/generate/write.ts';
import { loadDataDirectory } from '../../core/node/import/load.ts';
import { ChildStore } from '../../core/node/server/data.ts';
import { DEFAULT_POLICY } from '../../core/policy.ts';
import { deriveStatus } from '../../core/status/derive.ts';

/** scripts/demo-data.mjs: DEMO_CHILDREN and DEMO_SEED. */
const DEMO_CHILDREN = 200;
const DEMO_SEED = 1;
const COHORT_CHILDREN = 10_000;
const COHORT_SEED = 2026;
const AREAS: readonly RagArea[] = ['attendance', 'pep', 'exclusions', 'attainment'];
const RATINGS = ['red', 'amber', 'green', 'none'] as const;

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((part * 100) / whole).toFixed(1)}%`;
}

/** The distribution of overall ratings and what drives the reds, as lines to print. */
export function describeRatings(statuses: readonly EducationStatus[]): string[] {
  const overall = new Map<string, number>(RATINGS.map((r) => [r, 0]));
  let incomplete = 0;
  const redBy = new Map<RagArea, number>(AREAS.map((a) => [a, 0]));
  const redOnlyBy = new Map<RagArea, number>(AREAS.map((a) => [a, 0]));
  const redCombinations = new Map<string, number>();
  const redFlags = new Map<string, number>();
  for (const status of statuses) {
    overall.set(status.rag.overall, (overall.get(status.rag.overall) ?? 0) + 1);
    if (status.rag.overall === 'none' && status.rag.incomplete.length > 0) incomplete += 1;
    if (status.rag.overall !== 'red') continue;
    const red = AREAS.filter((area) => status.rag[area] === 'red');
    for (const area of red) redBy.set(area, (redBy.get(area) ?? 0) + 1);
    if (red.length === 1) redOnlyBy.set(red[0]!, (redOnlyBy.get(red[0]!) ?? 0) + 1);
    for (const key of new Set(status.flags.filter((f) => f.severity === 'red').map((f) => f.key))) redFlags.set(key, (redFlags.get(key) ?? 0) + 1);
    const key = red.join(' + ');
    redCombinations.set(key, (redCombinations.get(key) ?? 0) + 1);
  }
  const n = statuses.length;
  const reds = overall.get('red') ?? 0;
  const lines = [
    `overall: ${RATINGS.map((r) => `${r} ${overall.get(r)} (${percent(overall.get(r) ?? 0, n)})`).join(', ')}; of the none, ${incomplete} incomplete`,
    `red areas among the ${reds} red: ${AREAS.map((a) => `${a} ${redBy.get(a)}`).join(', ')}`,
    `red for one area only: ${AREAS.map((a) => `${a} ${redOnlyBy.get(a)}`).join(', ')}`,
  ];
  const combinations = [...redCombinations].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (combinations.length > 0) lines.push(`red by combination: ${combinations.map(([key, count]) => `${key} ${count}`).join('; ')}`);
  const flags = [...redFlags].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (flags.length > 0) lines.push(`red flags among the red: ${flags.map(([key, count]) => `${key} ${count}`).join('; ')}`);
  return lines;
}

/** The demo data set as `npm start` makes it: CSV templates written and read back. */
async function demoRecords(asOf: string): Promise<ChildEducationRecord[]> {
  const dir = await mkdtemp(join(tmpdir(), 'edubridge-ratings-'));
  try {
    await writeTemplateCsv(dir, generateRecords({ children: DEMO_CHILDREN, seed: DEMO_SEED, asOf }));
    return (await loadDataDirectory(dir, { asOf })).records;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<void> {
  // The demo's date: today, as scripts/demo-data.mjs takes it.
  const asOf = process.env.EDUBRIDGE_AS_OF ?? new Date().toISOString().slice(0, 10);
  const records = await demoRecords(asOf);
  const store = new ChildStore(records, asOf);
  const statuses = records.map((record) => store.status(record));
  console.log(`demo data set, ${records.length} children (seed ${DEMO_SEED}) as of ${asOf}, default policy:`);
  for (const line of describeRatings(statuses)) console.log(`  ${line}`);

  const worker = makeDemoUsers(store).find((user) => user.role === 'social-worker');
  const caseload = new Set(worker?.children ?? []);
  const caseloadStatuses = records.filter((r) => caseload.has(r.identity.personId)).map((record) => store.status(record));
  console.log(`the demo social worker's caseload (${worker?.name ?? 'none'}), ${caseloadStatuses.length} children:`);
  for (const line of describeRatings(caseloadStatuses)) console.log(`  ${line}`);

  const cohort = generateRecords({ children: COHORT_CHILDREN, seed: COHORT_SEED, asOf });
  console.log(`generated cohort, ${COHORT_CHILDREN.toLocaleString('en-GB')} children (seed ${COHORT_SEED}) as of ${asOf}:`);
  for (const line of describeRatings(cohort.map((record) => deriveStatus(record, { asOf, policy: DEFAULT_POLICY })))) console.log(`  ${line}`);
}
