import { expect, type BrowserContext, type Frame, type FrameLocator, type Locator, type Page, type Request, type Route } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './browser.ts';

/** Helpers the extension's browser tests share: configuring the extension as a user would (through its
 * own pages' messages), faking API failures at the network layer, and counting the extension's requests. */

export interface Configured extends ExtensionBrowser {
  /** Sends a message to the background as the options page does. */
  ask<T = unknown>(message: Record<string, unknown>): Promise<T>;
  optionsPage: Page;
}

export async function launchConfigured(settings: Record<string, unknown>, options: { reducedMotion?: boolean } = {}): Promise<Configured> {
  const browser = await launchWithExtension(options);
  const optionsPage = await browser.context.newPage();
  await optionsPage.goto(`chrome-extension://${browser.extensionId}/options.html`);
  const ask = <T>(message: Record<string, unknown>) =>
    optionsPage.evaluate(async (m) => {
      const reply = (await chrome.runtime.sendMessage(m)) as unknown;
      if (reply && typeof reply === 'object' && 'refused' in reply) throw new Error(String((reply as { refused: string }).refused));
      return reply;
    }, message) as Promise<T>;
  await ask({ type: 'settings:set', patch: settings });
  return { ...browser, ask, optionsPage };
}

/** The panel frame (loaded hidden; shown when the badge is opened). */
export function overlay(page: Page): FrameLocator {
  return page.frameLocator('edubridge-overlay iframe');
}

/**
 * The badge, drawn in its own extension-origin frame (badge.html) beside the child's name. The page cannot
 * read that frame; the tests can, as the browser's automation sees every frame.
 */
export interface BadgeHandle {
  /** The badge's visible text ('' while there is none). */
  text(): Promise<string>;
  label(): Promise<string>;
  expanded(): Promise<string>;
  focused(): Promise<boolean>;
  /** The role and name the browser's accessibility tree gives it. */
  accessible(): Promise<{ role: string; name: string }>;
  click(): Promise<void>;
}

/** The page's badge frame (in the page or in one of its frames), if there is one. */
export function badgeFrame(page: Page): Frame | undefined {
  return page.frames().find((frame) => {
    try {
      const url = new URL(frame.url());
      return url.protocol === 'chrome-extension:' && url.pathname === '/badge.html' && !frame.isDetached();
    } catch {
      return false;
    }
  });
}

export function badge(page: Page): BadgeHandle {
  const call = async <T>(fn: () => T, fallback: T): Promise<T> => {
    const frame = badgeFrame(page);
    if (!frame) return fallback;
    try {
      return await frame.evaluate(fn);
    } catch {
      return fallback; // Replaced while we looked: the caller polls again.
    }
  };
  return {
    text: () => call(() => document.querySelector('button')?.textContent ?? '', ''),
    label: () => call(() => document.querySelector('button')?.getAttribute('aria-label') ?? '', ''),
    expanded: () => call(() => document.querySelector('button')?.getAttribute('aria-expanded') ?? '', ''),
    focused: () => call(() => document.hasFocus() && document.activeElement === document.querySelector('button'), false),
    async accessible() {
      const frame = badgeFrame(page);
      if (!frame) return { role: '', name: '' };
      // The accessible name is the one the browser computes: the button found by role and that exact name.
      const label = (await frame.locator('button').getAttribute('aria-label').catch(() => null)) ?? '';
      const found = await frame.getByRole('button', { name: label, exact: true }).count();
      return found === 1 ? { role: 'button', name: label } : { role: '', name: '' };
    },
    async click() {
      for (let i = 0; i < 100; i++) {
        const frame = badgeFrame(page);
        if (frame && (await frame.locator('button').count()) > 0) {
          await frame.locator('button').click();
          return;
        }
        await page.waitForTimeout(100);
      }
      throw new Error('No EduBridge badge on the page');
    },
  };
}

/** Moves the keyboard focus to the badge as a person would: from the element before it, by Tab. */
export async function tabToBadge(page: Page, before: Locator): Promise<void> {
  const shown = badge(page);
  await before.focus();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if (await shown.focused()) break;
  }
  expect(await shown.focused()).toBe(true);
}

/** Waits until the badge shows a child's figures. */
export async function badgeShowsFigures(page: Page): Promise<void> {
  await expect.poll(() => badge(page).text(), { timeout: 10_000 }).toMatch(/Attendance /);
}

export async function toolbarBadge(browser: ExtensionBrowser, page: Page): Promise<string> {
  const url = page.url();
  return browser.worker.evaluate(async (pageUrl) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === pageUrl);
    return tab?.id === undefined ? 'no tab' : chrome.action.getBadgeText({ tabId: tab.id });
  }, url);
}

export type Fault = 'none' | 'offline' | 'slow' | 'unauthorised' | 'server-error' | 'bad-body';

/** Makes the API misbehave for the extension, at the network layer (the service worker's requests included). */
export async function apiFaults(context: BrowserContext, apiOrigin: string): Promise<{ set(fault: Fault): void }> {
  let fault: Fault = 'none';
  await context.route(`${apiOrigin}/api/**`, async (route: Route) => {
    switch (fault) {
      case 'none':
        return route.continue();
      case 'offline':
        return route.abort('internetdisconnected');
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, 9_000));
        return route.continue().catch(() => undefined);
      case 'unauthorised':
        return route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401 }) });
      case 'server-error':
        return route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 }) });
      case 'bad-body':
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ schemaVersion: 1, child: { personId: 42 } }) });
    }
  });
  return { set: (next) => void (fault = next) };
}

/** Every network request the extension makes (its service worker and its own pages and frames). */
export function recordExtensionRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request: Request) => {
    if (!/^https?:/.test(request.url())) return;
    let fromExtension = request.serviceWorker() !== null;
    if (!fromExtension) {
      try {
        fromExtension = request.frame().url().startsWith('chrome-extension://');
      } catch {
        fromExtension = false;
      }
    }
    if (fromExtension) urls.push(request.url());
  });
  return urls;
}
