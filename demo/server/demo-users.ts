import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { loadDataDirectory, todayUtc } from '../../core/node/import/load.ts';
import { ChildStore } from '../../core/node/server/data.ts';
import type { User } from '../../core/node/server/users.ts';

/**
 * Demo users made up from a data set: one per role, with scopes that fit the data — a social worker with
 * the most looked-after children (see `demoCaseload`), the designated teacher of the school with the most
 * children, and the virtual school head. Their tokens are fixed and public: for the demo only.
 */

export const DEMO_TOKENS = {
  'social-worker': 'demo-social-worker',
  'designated-teacher': 'demo-designated-teacher',
  'virtual-school': 'demo-virtual-school',
} as const;

function mostCommon<T>(items: readonly T[], key: (item: T) => string | undefined): string | undefined {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [k, count] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    if (count > bestCount) {
      best = k;
      bestCount = count;
    }
  }
  return best;
}

/**
 * A name a case-management system may well write differently from the education record: a letter outside
 * A–Z (Zoë, Yılmaz, Strauß), an apostrophe (O'Neill) or a Welsh ap/ab. The demo social worker has such a
 * child, so the demo shows a child recognised whatever the system makes of their name.
 */
const WRITTEN_DIFFERENTLY = /[^A-Za-z-]/u;

type DemoRecord = ChildStore['records'][number];
const socialWorkerKey = (r: DemoRecord) => r.care.socialWorker?.id ?? r.care.socialWorker?.name;

/**
 * The demo social worker's caseload: the looked-after children of the social worker allocated the most of
 * them, among those with a child whose name is written differently (`WRITTEN_DIFFERENTLY`); of all social
 * workers when none has one. Ties go to the first key in order, so the same data always gives the same person.
 */
function demoCaseload(records: readonly DemoRecord[]): DemoRecord[] {
  const lookedAfter = records.filter((r) => r.care.lookedAfter);
  const showsNames = new Set(
    lookedAfter.filter((r) => WRITTEN_DIFFERENTLY.test(r.identity.firstName) || WRITTEN_DIFFERENTLY.test(r.identity.lastName)).map(socialWorkerKey),
  );
  const theirs = lookedAfter.filter((r) => showsNames.has(socialWorkerKey(r)));
  const candidates = theirs.length > 0 ? theirs : lookedAfter;
  const worker = mostCommon(candidates, socialWorkerKey);
  return lookedAfter.filter((r) => worker !== undefined && socialWorkerKey(r) === worker);
}

export function makeDemoUsers(store: ChildStore): User[] {
  const records = store.records;
  const caseload = demoCaseload(records);
  const workerName = caseload[0]?.care.socialWorker?.name ?? 'Demo Social Worker';

  const schoolOf = (r: DemoRecord) => store.status(r).school;
  const urn = mostCommon(records, (r) => schoolOf(r)?.urn);
  const enrolment = records.flatMap((r) => r.school.enrolments).find((e) => e.urn === urn && e.designatedTeacher !== undefined);
  const schoolName = records.flatMap((r) => r.school.enrolments).find((e) => e.urn === urn)?.name;
  const teacherName = enrolment?.designatedTeacher?.name ?? `Sam Ellery (designated teacher${schoolName ? `, ${schoolName}` : ''})`;

  return [
    { token: DEMO_TOKENS['social-worker'], name: workerName, role: 'social-worker', children: caseload.map((r) => r.identity.personId).sort(), schools: [] },
    { token: DEMO_TOKENS['designated-teacher'], name: teacherName, role: 'designated-teacher', children: [], schools: urn ? [urn] : [] },
    { token: DEMO_TOKENS['virtual-school'], name: 'Jo Whitfield (Virtual School Head)', role: 'virtual-school', children: [], schools: [] },
  ];
}

/** `node demo-users.js DATA_DIR OUT_FILE [AS_OF]`: writes the demo users of a data set as a users file. */
async function main(argv: string[]): Promise<void> {
  const [dir, out, asOf = todayUtc()] = argv;
  if (!dir || !out) {
    process.stderr.write('usage: demo-users DATA_DIR OUT_FILE [AS_OF]\n');
    process.exitCode = 2;
    return;
  }
  const { records } = await loadDataDirectory(dir, { asOf });
  const users = makeDemoUsers(new ChildStore(records, asOf));
  await writeFile(out, `${JSON.stringify(users, null, 2)}\n`, 'utf8');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  z.config({ jitless: true });
  await main(process.argv.slice(2));
}
