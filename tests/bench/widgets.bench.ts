/**
 * Widgets: the gzipped size of <edu-child-summary>'s own load (its module and static imports, budget
 * 30 kB), of the checking code it loads with its first status and of the Welsh it loads on a Welsh page;
 * of the single bundle (budget 100 kB); in Chromium, time to first render of <edu-child-summary> from a
 * `status` property, and of <edu-cohort-table> with 5,000 children, full statuses and the compact
 * summaries the API sends (target ≤ 200 ms). Uses the built widgets (dist/widgets). Prints figures; never
 * fails on them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { generateRecords } from '../../core/generate/index.ts';
import { summariseStatus } from '../../core/model/summary.ts';
import { deriveStatus } from '../../core/status/derive.ts';
import { gzipped, importGraph, WIDGETS_DIST } from '../fixtures/widget-files.ts';
import { median } from './stats.ts';

const ORIGIN = 'http://bench.test';
const DIST = WIDGETS_DIST;
const AS_OF = '2025-11-20';
const RUNS = 5;

async function gzippedKb(files: Iterable<string>): Promise<string> {
  let size = 0;
  for (const file of files) size += await gzipped(file);
  return (size / 1024).toFixed(1);
}

async function sizes(): Promise<void> {
  const own = await importGraph(`${DIST}esm/edu-child-summary.js`);
  const dataChunk = (await readdir(`${DIST}esm/chunks`)).find((name) => name.startsWith('child-data-'));
  const checking = dataChunk ? [...(await importGraph(`${DIST}esm/chunks/${dataChunk}`))].filter((file) => !own.has(file)) : [];
  const welshChunk = (await readdir(`${DIST}esm/chunks`)).find((name) => name.startsWith('welsh-'));
  console.log(`edu-child-summary's own load, with Lit, without chart.js (budget 30 kB): ${await gzippedKb(own)} kB gzipped`);
  console.log(`  then with its first status: zod, the status schema and the API client, ${await gzippedKb(checking)} kB gzipped`);
  if (welshChunk) console.log(`  on a Welsh page: the Welsh, ${await gzippedKb([`${DIST}esm/chunks/${welshChunk}`])} kB gzipped`);
  console.log(`edubridge-widgets.js, the single bundle (budget 100 kB): ${await gzippedKb([`${DIST}edubridge-widgets.js`])} kB gzipped`);
}

export default async function bench(): Promise<void> {
  await sizes();
  const base = generateRecords({ children: 250, seed: 5000, asOf: AS_OF }).map((record) => deriveStatus(record, { asOf: AS_OF }));
  // The bundle, and the files it loads beside it (chart.js for the summary's attendance chart).
  const files = new Map<string, Buffer>();
  for (const name of ['edubridge-widgets.js', 'edubridge-widgets-chart.js', 'edubridge-widgets-record.js']) files.set(`/${name}`, await readFile(`${DIST}${name}`));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true });
  try {
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) =>
      files.has(new URL(route.request().url()).pathname)
        ? route.fulfill({ contentType: 'text/javascript', body: files.get(new URL(route.request().url()).pathname)! })
        : route.fulfill({
            contentType: 'text/html',
            body: '<!doctype html><html lang="en"><head><title>bench</title><script type="module" src="/edubridge-widgets.js"></script></head><body><div id="host"></div></body></html>',
          }),
    );
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => customElements.get('edu-cohort-table'));
    // The 5,000 children are made in the page from 250 distinct ones (each a copy with its own person ID).
    // Handing the page 5,000 distinct full statuses (about 70 MB of JSON) in one evaluate closes it:
    // Playwright's structured serialisation of that many objects is several times their JSON size.
    await page.evaluate(
      ({ summary, statuses, summaries }) => {
        const data: Record<string, unknown> = { summary };
        for (const [name, list] of [['statuses', statuses], ['summaries', summaries]] as const) {
          data[name] = Array.from({ length: 5000 }, (_, index) => {
            const copy = structuredClone(list[index % list.length]!);
            copy.child.personId = `B${index}`;
            return copy;
          });
        }
        (window as unknown as { benchData: unknown }).benchData = data;
      },
      { summary: base[0]!, statuses: base, summaries: base.map(summariseStatus) },
    );

    const time = (tag: string, property: 'status' | 'statuses' | 'summaries'): Promise<number> =>
      page.evaluate(
        async ({ tag, property }) => {
          const data = (window as unknown as { benchData: { summary: unknown; statuses: unknown[]; summaries: unknown[] } }).benchData;
          const host = document.getElementById('host')!;
          host.replaceChildren();
          const start = performance.now();
          const element = document.createElement(tag) as HTMLElement & { updateComplete: Promise<unknown> };
          Object.assign(element, property === 'status' ? { status: data.summary } : { statuses: data[property] });
          host.append(element);
          await element.updateComplete;
          // Nested elements (the summary's sections) render in their own update cycles.
          for (const inner of element.shadowRoot!.querySelectorAll('*')) {
            const nested = inner as Partial<{ updateComplete: Promise<unknown> }>;
            if (nested.updateComplete) await nested.updateComplete;
          }
          await new Promise(requestAnimationFrame);
          return performance.now() - start;
        },
        { tag, property },
      );

    for (const [label, tag, property] of [
      ['edu-child-summary, first render from the status property', 'edu-child-summary', 'status'],
      ['edu-cohort-table, first render of 5,000 full statuses (target ≤ 200 ms)', 'edu-cohort-table', 'statuses'],
      ['edu-cohort-table, first render of 5,000 compact summaries, as the API sends them (target ≤ 200 ms)', 'edu-cohort-table', 'summaries'],
    ] as const) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run += 1) times.push(await time(tag, property));
      console.log(`${label}: median ${median(times).toFixed(1)} ms, first ${times[0]!.toFixed(1)} ms (${RUNS} runs)`);
    }
  } finally {
    await browser.close();
  }
}
