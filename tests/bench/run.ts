/**
 * `npm run bench`: runs every tests/bench/*.bench.ts in turn. Each exports a default async function that
 * measures and prints its figures. Benchmarks report; they never fail a build on timing.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
for (const file of files) {
  if (only.length > 0 && !only.some((name) => file.includes(name))) continue;
  console.log(`\n== ${file.replace('.bench.ts', '')}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default: () => Promise<void> };
  await mod.default();
}
