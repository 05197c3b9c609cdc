import { readdir, readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { BUNDLE_FILE, CHART_FILE, COMPONENTS, WELSH_FILE } from '../../../widgets/components.ts';
import { gzipped, importGraph, WIDGETS_DIST } from '../../fixtures/widget-files.ts';

/**
 * Size budgets of the built widgets (gzip): each component's own code ≤ 15 kB, not counting the shared
 * chunks (Lit, core, the shared widget code); the single bundle ≤ 100 kB, chart.js and the Welsh not in it
 * (they load beside it when a chart is first drawn, when an element is first in Welsh);
 * `<edu-child-summary>` with everything it loads before data arrives (Lit, its English strings and
 * drawing; not chart.js, not the record rules, not zod and the API client, which load with the first
 * status to check or fetch, not the Welsh) within BUDGET_CHILD_SUMMARY.
 * Reads dist/widgets, so `npm test` builds first.
 */
const DIST = WIDGETS_DIST;
const COMPONENT_BUDGET = 15 * 1024;
const BUNDLE_BUDGET = 100 * 1024;
/** About 26 kB today: Lit, the English strings and labels, the summary's drawing. */
const BUDGET_CHILD_SUMMARY = 30 * 1024;

/** Words found only in the Welsh: a label of the summary (core/presentation/labels-cy.ts) and a widget string (widgets/strings/cy.ts). */
const WELSH_MARKERS = ['Beth sydd angen ei wneud', 'Rhoi cynnig arall arni'];
const hasWelsh = (code: string): boolean => WELSH_MARKERS.some((marker) => code.includes(marker));
const allWelsh = (code: string): boolean => WELSH_MARKERS.every((marker) => code.includes(marker));


test('the single bundle is within 100 kB gzipped, without chart.js or the Welsh', async () => {
  const size = await gzipped(`${DIST}${BUNDLE_FILE}`);
  const chart = await gzipped(`${DIST}${CHART_FILE}`);
  const welsh = await gzipped(`${DIST}${WELSH_FILE}`);
  console.log(`${BUNDLE_FILE}: ${(size / 1024).toFixed(1)} kB gzipped; beside it ${CHART_FILE}: ${(chart / 1024).toFixed(1)} kB, ${WELSH_FILE}: ${(welsh / 1024).toFixed(1)} kB`);
  expect(size).toBeLessThanOrEqual(BUNDLE_BUDGET);
  const code = await readFile(`${DIST}${BUNDLE_FILE}`, 'utf8');
  expect(code).toContain(`import("./${CHART_FILE}")`);
  expect(code).not.toMatch(/\bChart\.register\b|chart\.js v\d/);
  expect(code).toContain(`import("./${WELSH_FILE}")`);
  expect(hasWelsh(code)).toBe(false);
});

test('<edu-child-summary> alone: within its budget, and chart.js is loaded only when a chart is drawn', async () => {
  const files = [...(await importGraph(`${DIST}esm/edu-child-summary.js`))];
  let size = 0;
  for (const file of files) size += await gzipped(file);
  console.log(`edu-child-summary with Lit, without chart.js: ${(size / 1024).toFixed(1)} kB gzipped (${files.length} files)`);
  expect(size).toBeLessThanOrEqual(BUDGET_CHILD_SUMMARY);
  expect(files.filter((file) => /chunks\/bar-chart-/.test(file))).toEqual([]);
});

test('<edu-child-summary> alone: the Welsh loads only when an element is in Welsh', async () => {
  const files = [...(await importGraph(`${DIST}esm/edu-child-summary.js`))];
  const code = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
  expect(hasWelsh(code)).toBe(false);
  expect(code).toMatch(/import\("\.\/welsh-[\w-]+\.js"\)/);
  const chunk = (await readdir(`${DIST}esm/chunks`)).find((name) => name.startsWith('welsh-'));
  expect(allWelsh(await readFile(`${DIST}esm/chunks/${chunk}`, 'utf8'))).toBe(true);
  expect(allWelsh(await readFile(`${DIST}${WELSH_FILE}`, 'utf8'))).toBe(true);
  console.log(`the Welsh, loaded when an element is in Welsh: ${((await gzipped(`${DIST}esm/chunks/${chunk}`)) / 1024).toFixed(1)} kB gzipped`);
});

test('<edu-child-summary> alone: zod and the API client load only when there is a status to check or fetch', async () => {
  const files = [...(await importGraph(`${DIST}esm/edu-child-summary.js`))];
  const code = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
  expect(code).not.toMatch(/\$ZodType|_zod\b/);
  expect(code).toMatch(/import\("\.\/child-data-[\w-]+\.js"\)/);
  const checking = [...(await importGraph(`${DIST}esm/chunks/${(await readdir(`${DIST}esm/chunks`)).find((name) => name.startsWith('child-data-'))}`))];
  let size = 0;
  for (const file of checking) if (!files.includes(file)) size += await gzipped(file);
  console.log(`edu-child-summary's checking code (zod, the status schema, the API client), loaded with the first status: ${(size / 1024).toFixed(1)} kB gzipped`);
  const checkingCode = (await Promise.all(checking.map((file) => readFile(file, 'utf8')))).join('\n');
  expect(checkingCode).toMatch(/_zod\b/);
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

test('per-component modules: no component imports chart.js up front; the charted ones load it on demand', async () => {
  for (const { tag } of COMPONENTS) {
    const graph = [...(await importGraph(`${DIST}esm/${tag}.js`))];
    expect(graph.filter((file) => /chunks\/bar-chart-/.test(file)), tag).toEqual([]);
  }
  for (const tag of ['edu-attendance', 'edu-cohort-dashboard']) {
    const graph = [...(await importGraph(`${DIST}esm/${tag}.js`))];
    const code = (await Promise.all(graph.map((file) => readFile(file, 'utf8')))).join('\n');
    expect(code, tag).toMatch(/import\("\.\/bar-chart-[\w-]+\.js"\)/);
  }
});
