/**
 * The reference server, in-process (no sockets): a child's status, a page of 50 statuses and the cohort
 * summary for the virtual school over 2,000 children, each request audited (to memory); and the compact
 * list a cohort widget loads — 1,500 children in one gzip response (target: ≤ 150 kB, served in ≤ 100 ms).
 */
import { gunzipSync } from 'node:zlib';
import { generateRecords } from '../../core/generate/index.ts';
import { createApp } from '../../core/node/server/app.ts';
import { ChildStore } from '../../core/node/server/data.ts';
import { percentile } from './stats.ts';

const CHILDREN = 2_000;
const AS_OF = '2026-03-10';

export default async function bench(): Promise<void> {
  const records = generateRecords({ children: CHILDREN, seed: 4, asOf: AS_OF });
  const store = new ChildStore(records, AS_OF);
  const users = [{ token: 'bench-virtual-school-token', name: 'Bench', role: 'virtual-school' as const, children: [], schools: [] }];
  let audited = 0;
  const app = createApp({ store, users, audit: { record: async (entries) => void (audited += entries.length) }, log: () => undefined, rateLimit: 1e9 });
  const headers = { authorization: `Bearer ${users[0]!.token}` };

  const time = async (label: string, rounds: number, path: (i: number) => string) => {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const start = performance.now();
      const response = await app.request(path(i), { headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`);
      times.push(performance.now() - start);
    }
    console.log(`${label.padEnd(44)} first ${times[0]!.toFixed(1)} ms, median ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms (${rounds} requests)`);
  };

  await time(`cohort summary, ${CHILDREN} children (cold, then warm)`, 20, () => '/api/v1/cohort/summary');
  await time('status of one child', 500, (i) => `/api/v1/children/${records[i % CHILDREN]!.identity.personId}/status`);
  await time('page of 50 statuses', 100, (i) => `/api/v1/children?pageSize=50&page=${(i % 40) + 1}`);
  await time('cohort summary with filters', 50, () => '/api/v1/cohort/summary?keyStage=KS3,KS4&lookedAfter12Months=true');
  console.log(`audit lines written: ${audited.toLocaleString('en-GB')}`);

  await compactList(users);
}

/** The cohort widgets' request: every child of a 1,500-child virtual school as one `view=summary` page, gzip. */
async function compactList(users: { token: string; name: string; role: 'virtual-school'; children: never[]; schools: never[] }[]): Promise<void> {
  const COHORT = 1_500;
  const records = generateRecords({ children: COHORT, seed: 15, asOf: AS_OF });
  const store = new ChildStore(records, AS_OF);
  // As `edubridge serve` does at start: every status worked out before the first request.
  for (const record of records) store.status(record);
  const app = createApp({ store, users, audit: { record: async () => undefined }, log: () => undefined, rateLimit: 1e9, widgetsDir: null });
  const headers = { authorization: `Bearer ${users[0]!.token}` };
  const path = `/api/v1/children?view=summary&pageSize=${COHORT}`;

  const plain = await app.request(path, { headers });
  const json = await plain.text();
  const times: number[] = [];
  // CPU time of the process (all threads, zlib's included): what the request costs on an idle machine,
  // where wall time on a busy one also counts the waits for a core.
  const cpu: number[] = [];
  let gzipBytes = 0;
  let brotliBytes = 0;
  for (let i = 0; i < 30; i++) {
    const encoding = i % 2 === 0 ? 'gzip' : 'br';
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const response = await app.request(path, { headers: { ...headers, 'accept-encoding': encoding } });
    const body = new Uint8Array(await response.arrayBuffer());
    const elapsed = performance.now() - start;
    const used = process.cpuUsage(cpuStart);
    if (response.status !== 200 || response.headers.get('content-encoding') !== encoding) throw new Error(`compact list: HTTP ${response.status}, ${response.headers.get('content-encoding')}`);
    if (encoding === 'gzip') {
      times.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
      gzipBytes = body.byteLength;
      if (i === 0 && gunzipSync(body).toString('utf8') !== json) throw new Error('compact list: the gzip body is not the JSON');
    } else brotliBytes = body.byteLength;
  }
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  console.log(
    `compact list, ${COHORT} children in one response`.padEnd(44) +
      ` ${kB(json.length)} JSON, ${kB(gzipBytes)} gzip (target ≤ 150 kB), ${kB(brotliBytes)} brotli; gzip served in median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (target ≤ 100 ms, ${times.length} requests; CPU median ${percentile(cpu, 50).toFixed(1)} ms)`,
  );
}
