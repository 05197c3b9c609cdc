import type { BrowserContext, FrameLocator, Page, Request, Route } from '@playwright/test';
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

/** The overlay frame beside the child's name (or docked). */
export function overlay(page: Page): FrameLocator {
  return page.frameLocator('edubridge-overlay iframe');
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
