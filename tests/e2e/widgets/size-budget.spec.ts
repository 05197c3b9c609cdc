import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { BUNDLE_FILE, COMPONENTS } from '../../../widgets/components.ts';

/**
 * Size budgets of the built widgets (gzip): each component's own code ≤ 15 kB, not counting the shared
 * chunks (Lit, chart.js, core, the shared widget code); the single bundle ≤ 120 kB. Reads dist/widgets,
 * so `npm test` builds first.
 */
const DIST = fileURLToPath(new URL('../../../dist/widgets/', import.meta.url));
const COMPONENT_BUDGET = 15 * 1024;
const BUNDLE_BUDGET = 120 * 1024;

const gzipped = async (path: string): Promise<number> => gzipSync(await readFile(path), { level: 9 }).length;

test('the single bundle is within 120 kB gzipped', async () => {
  const size = await gzipped(`${DIST}${BUNDLE_FILE}`);
  console.log(`${BUNDLE_FILE}: ${(size / 1024).toFixed(1)} kB gzipped`);
  expect(size).toBeLessThanOrEqual(BUNDLE_BUDGET);
});

test('each component’s own code is within 15 kB gzipped', async () => {
  const chunks = await readdir(`${DIST}esm/chunks`);
  for (const { tag, dir } of COMPONENTS) {
    const own = [`${DIST}esm/${tag}.js`, `${DIST}esm/classes/${tag}.js`, ...chunks.filter((name) => name.startsWith(`${dir}-`)).map((name) => `${DIST}esm/chunks/${name}`)];
    let size = 0;
    for (const file of own) size += await gzipped(file);
    console.log(`${tag}: ${(size / 1024).toFixed(1)} kB gzipped`);
    expect(size, tag).toBeLessThanOrEqual(COMPONENT_BUDGET);
  }
});

/** The static imports a module pulls in, following chunks. */
async function importGraph(file: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = await readFile(file, 'utf8');
  for (const match of code.matchAll(/(?:import|export)\s*(?:[^'"()]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
    await importGraph(fileURLToPath(new URL(match[1]!, `file://${file}`)), seen);
  }
  return seen;
}

test('per-component modules tree-shake: a component without a chart loads no chart.js', async () => {
  const charted = await importGraph(`${DIST}esm/edu-attendance.js`);
  const chartChunk = [...charted].find((file) => /chunks\/chart-/.test(file));
  expect(chartChunk, 'edu-attendance should load chart.js').toBeDefined();
  for (const tag of ['edu-exclusions', 'edu-pep-status', 'edu-attainment', 'edu-cohort-table']) {
    const graph = await importGraph(`${DIST}esm/${tag}.js`);
    expect([...graph].filter((file) => file === chartChunk), tag).toEqual([]);
  }
});
