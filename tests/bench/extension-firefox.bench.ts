/**
 * The extension's time to badge in Firefox ESR (the Firefox build, driven as in tests/e2e/extension-firefox):
 * page DOMContentLoaded → badge visible, warm and cold cache, against the demo API. Prints; asserts
 * nothing. Needs the built extension (`npm run build` does it) and Debian's firefox-esr.
 */
import type { Page } from 'puppeteer-core';
import { startDemoServer } from '../e2e/fixtures/demo-server.ts';
import { DEMO_PAGES } from '../e2e/extension/systems.ts';
import { launchFirefox, type FirefoxWithExtension } from '../e2e/extension-firefox/firefox.ts';
import { control, extensionFrames, tab } from '../e2e/extension-firefox/harness.ts';
import { timesText } from './stats.ts';

const LOADS = 30;

/** ms from the page's DOMContentLoaded to the badge frame's "figures shown" mark. The badge is an
 * extension-origin frame, so its mark is on that frame's timeline: both are put on the wall clock
 * (timeOrigin + time), as the Chromium bench does. */
async function dclToBadge(firefox: FirefoxWithExtension, page: Page, url: string): Promise<number> {
  await page.goto(url);
  const t = tab(firefox, page);
  const dcl = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return performance.timeOrigin + nav.domContentLoadedEventStart;
  });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const [frame] = await extensionFrames(t, 'badge.html');
    const visible = frame
      ? await t
          .asPage(
            () => {
              const mark = performance.getEntriesByName('edubridge:badge-visible')[0];
              return mark ? performance.timeOrigin + mark.startTime : null;
            },
            [],
            frame.context,
          )
          .catch(() => null)
      : null;
    if (visible) return visible - dcl;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`No badge with figures on ${url}`);
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
    await dclToBadge(firefox, page, childUrl); // warm up the browser and the server

    const cold: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      await background.ask({ type: 'cache:purge' });
      cold.push(await dclToBadge(firefox, page, childUrl));
    }
    console.log(`${firefox.version}: DOMContentLoaded → badge, cold cache: ${timesText(cold)}`);

    await dclToBadge(firefox, page, childUrl);
    const warm: number[] = [];
    for (let i = 0; i < LOADS; i++) warm.push(await dclToBadge(firefox, page, childUrl));
    console.log(`${firefox.version}: DOMContentLoaded → badge, warm cache: ${timesText(warm)}`);
  } finally {
    await firefox.close();
    await demo.close();
  }
}
