/**
 * The extension's figures: page DOMContentLoaded → badge visible (warm and cold cache, against the demo
 * API; the badge is an extension-origin frame), the content script's gzipped size, and its main-thread
 * time on a page with no child.
 * Prints; asserts nothing. Needs the built extension (`npm run build` does it) and Debian's Chromium.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { startDemoServer } from '../e2e/fixtures/demo-server.ts';
import { EXTENSION_DIR } from '../e2e/extension/browser.ts';
import { badgeFrame, launchConfigured } from '../e2e/extension/harness.ts';
import { DEMO_PAGES } from '../e2e/extension/systems.ts';
import { timesText } from './stats.ts';

const LOADS = 30;

/** ms from the page's DOMContentLoaded to the badge's "figures shown" mark. The badge is its own extension
 * frame, so its mark is on that frame's timeline: both are put on the wall clock (timeOrigin + time). */
async function dclToBadge(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const dcl = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return performance.timeOrigin + nav.domContentLoadedEventStart;
  });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const frame = badgeFrame(page);
    const visible = await frame
      ?.evaluate(() => {
        const mark = performance.getEntriesByName('edubridge:badge-visible')[0];
        return mark ? performance.timeOrigin + mark.startTime : null;
      })
      .catch(() => null);
    if (visible) return visible - dcl;
    await page.waitForTimeout(10);
  }
  throw new Error(`No badge with figures on ${url}`);
}

export default async function bench(): Promise<void> {
  const script = await readFile(join(EXTENSION_DIR, 'content-scripts/content.js'));
  console.log(`content script: ${(script.length / 1024).toFixed(1)} kB, ${(gzipSync(script, { level: 9 }).length / 1024).toFixed(1)} kB gzip (target ≤ 40 kB)`);

  const demo = await startDemoServer({ origins: ['chrome-extension://*'] });
  const socialWorker = demo.users.find((user) => user.role === 'social-worker' && user.children.length > 0)!;
  const browser = await launchConfigured({ apiBaseUrl: `${demo.url}/`, authMode: 'token', token: socialWorker.token });
  try {
    const page = await browser.context.newPage();
    const childUrl = DEMO_PAGES.carepath.child(demo.cmsUrl, socialWorker.children[0]!);
    await dclToBadge(page, childUrl); // warm up the browser and the server

    const cold: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await browser.ask({ type: 'cache:purge' });
      cold.push(await dclToBadge(page, childUrl));
    }
    console.log(`DOMContentLoaded → badge, cold cache: ${timesText(cold)} (target p95 ≤ 300 ms)`);

    await dclToBadge(page, childUrl);
    const warm: number[] = [];
    for (let i = 0; i < LOADS; i++) warm.push(await dclToBadge(page, childUrl));
    console.log(`DOMContentLoaded → badge, warm cache: ${timesText(warm)} (target p95 ≤ 100 ms)`);

    // Main-thread time of the content script on a page of the system that shows no child.
    const noChild = DEMO_PAGES.carepath.noChild(demo.cmsUrl);
    const times: number[] = [];
    for (let i = 0; i < 10; i++) times.push(await contentScriptMainThread(page, noChild, browser.extensionId));
    console.log(`content script main-thread time on a page with no child: ${timesText(times)} (target < 5 ms)`);
  } finally {
    await browser.close();
    await demo.close();
  }
}

/** Sums the trace's script events attributed to the content script's file. */
async function contentScriptMainThread(page: Page, url: string, extensionId: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  type TraceEvent = { name: string; dur?: number; args?: { data?: { url?: string; scriptName?: string } } };
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8', transferMode: 'ReportEvents' });
  await page.goto(url);
  await page.waitForTimeout(300);
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  const file = `chrome-extension://${extensionId}/content-scripts/content.js`;
  const total = events
    .filter((event) => ['EvaluateScript', 'FunctionCall', 'v8.compile', 'TimerFire'].includes(event.name))
    .filter((event) => (event.args?.data?.url ?? event.args?.data?.scriptName ?? '') === file)
    .reduce((sum, event) => sum + (event.dur ?? 0), 0);
  return total / 1000;
}
