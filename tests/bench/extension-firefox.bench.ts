/**
 * The extension's time to badge in Firefox ESR (the Firefox build, driven as in tests/e2e/extension-firefox):
 * page DOMContentLoaded → badge visible, warm and cold cache, against the demo API. Prints; asserts
 * nothing. Needs the built extension (`npm run build` does it) and Debian's firefox-esr.
 */
import type { Page } from 'puppeteer-core';
import { startDemoServer } from '../e2e/fixtures/demo-server.ts';
import { DEMO_PAGES } from '../e2e/extension/systems.ts';
import { launchFirefox } from '../e2e/extension-firefox/firefox.ts';
import { control } from '../e2e/extension-firefox/harness.ts';

const LOADS = 30;

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (n=${values.length}, min ${sorted[0]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)})`;
}

/** ms from DOMContentLoaded to the content script's "figures shown" mark, on the page's own timeline. */
async function dclToBadge(page: Page, url: string): Promise<number> {
  await page.goto(url);
  const visible = await page.waitForFunction(
    () => {
      const mark = performance.getEntriesByName('edubridge:badge-visible')[0];
      if (!mark) return null;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return mark.startTime - nav.domContentLoadedEventStart;
    },
    { timeout: 15_000, polling: 50 },
  );
  return (await visible.jsonValue()) as number;
}

export default async function bench(): Promise<void> {
  const demo = await startDemoServer({ origins: ['moz-extension://*'] });
  const socialWorker = demo.users.find((user) => user.role === 'social-worker' && user.children.length > 0)!;
  const firefox = await launchFirefox();
  try {
    const background = control(firefox, await firefox.openExtensionPage('options.html'));
    await background.ask({ type: 'settings:set', patch: { apiBaseUrl: `${demo.url}/`, authMode: 'token', token: socialWorker.token } });
    const page = await firefox.browser.newPage();
    const childUrl = DEMO_PAGES.carepath.child(demo.cmsUrl, socialWorker.children[0]!);
    await dclToBadge(page, childUrl); // warm up the browser and the server

    const cold: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await background.ask({ type: 'cache:purge' });
      cold.push(await dclToBadge(page, childUrl));
    }
    console.log(`${firefox.version}: DOMContentLoaded → badge, cold cache: ${stats(cold)}`);

    await dclToBadge(page, childUrl);
    const warm: number[] = [];
    for (let i = 0; i < LOADS; i++) warm.push(await dclToBadge(page, childUrl));
    console.log(`${firefox.version}: DOMContentLoaded → badge, warm cache: ${stats(warm)}`);
  } finally {
    await firefox.close();
    await demo.close();
  }
}
