import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * The built Firefox extension (.output/firefox-mv3) in a stock Firefox ESR (Debian's firefox-esr;
 * FIREFOX_PATH overrides), driven by Puppeteer over WebDriver BiDi: Playwright's own Firefox is a patched
 * build, and geckodriver is not needed. See docs/extension.md, "Testing in Firefox".
 */

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(process.env.EDUBRIDGE_FIREFOX_EXTENSION_DIR ?? '.output/firefox-mv3');
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const ADDON_ID = 'edubridge@edubridge.example';
/** Pinned with the extensions.webextensions.uuids pref, so the extension's pages have a known address. */
export const EXTENSION_UUID = '3f6b0c1e-5d1a-4c6e-9f0b-edb1d9e00001';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** A BiDi remote value, as far as the tests read one. */
export interface RemoteValue {
  type: string;
  value?: unknown;
  sharedId?: string;
}
type EvaluateResult = { type: 'success'; result: RemoteValue } | { type: 'exception'; exceptionDetails: { text: string } };
export interface BrowsingContextInfo {
  context: string;
  url: string;
  parent?: string | null;
  children?: BrowsingContextInfo[] | null;
}

/** Raw WebDriver BiDi, for what Puppeteer does not wrap (extension pages, closed shadow roots, frames by context). */
export interface Bidi {
  send<T = unknown>(method: string, params: object): Promise<T>;
  /** Runs `fn` (self-contained: it is sent as text) in a browsing context's page realm, as the page's own
   * scripts would, with JSON arguments; resolves with its JSON result. `self` becomes `this`. */
  call<T, A extends unknown[]>(context: string, fn: (this: unknown, ...args: A) => T | Promise<T>, args: A, self?: RemoteValue): Promise<Awaited<T>>;
  /** Every browsing context under `root` (itself included), depth first: a page's frames. */
  contexts(root: string): Promise<BrowsingContextInfo[]>;
}

export interface ConsoleEntry {
  /** "error", "warning", "info", "log"… */
  level: string;
  /** The console service's category, e.g. "CSP" (empty for console API calls). */
  category: string;
  text: string;
  where: string;
}

export interface FirefoxWithExtension {
  browser: Browser;
  bidi: Bidi;
  version: string;
  /** A new tab showing an extension page (options.html, popup.html), loaded and with the extension's API ready. */
  openExtensionPage(path: string): Promise<Page>;
  /** Navigates an existing tab to an extension page and waits until its API is ready. */
  gotoExtensionPage(page: Page, path: string): Promise<void>;
  /** Every message Firefox's console holds for the extension since it started: its background, its pages
   * and its content scripts (errors, warnings, CSP reports and console API calls). */
  console(): Promise<ConsoleEntry[]>;
  close(): Promise<void>;
}

/** A tab's WebDriver BiDi browsing context (Puppeteer's frame id is that context's id). */
export const contextOf = (page: Page): string => (page.mainFrame() as unknown as { _id: string })._id;

function bidiOf(browser: Browser): Bidi {
  const connection = (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }).connection;
  const send = async <T>(method: string, params: object): Promise<T> => (await connection.send(method, params)).result as T;
  return {
    send,
    async call(context, fn, args, self) {
      const reply = await send<EvaluateResult>('script.callFunction', {
        target: { context },
        functionDeclaration: `async function (json) { return JSON.stringify(await (${fn.toString()}).apply(this, JSON.parse(json)) ?? null); }`,
        arguments: [{ type: 'string', value: JSON.stringify(args) }],
        ...(self ? { this: self } : {}),
        awaitPromise: true,
        resultOwnership: 'none',
      });
      if (reply.type !== 'success') throw new Error(`in the page: ${reply.exceptionDetails.text}`);
      return JSON.parse(String(reply.result.value)) as never;
    },
    async contexts(root) {
      const { contexts } = await send<{ contexts: BrowsingContextInfo[] }>('browsingContext.getTree', { root });
      const flat: BrowsingContextInfo[] = [];
      const walk = (c: BrowsingContextInfo, parent: string | null) => {
        flat.push({ ...c, parent: c.parent ?? parent });
        for (const child of c.children ?? []) walk(child, c.context);
      };
      for (const c of contexts) walk(c, null);
      return flat;
    },
  };
}

async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await read();
      if (ok(value)) return value;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Launches headless Firefox and installs the built extension as a temporary add-on (as about:debugging does). */
export async function launchFirefox(): Promise<FirefoxWithExtension> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`Firefox is not at ${FIREFOX_PATH}: install Debian's firefox-esr (apt-get install firefox-esr) or set FIREFOX_PATH.`);
  if (!existsSync(`${FIREFOX_EXTENSION_DIR}/manifest.json`)) throw new Error(`No Firefox build at ${FIREFOX_EXTENSION_DIR}: run "npm run build:ext" first.`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Firefox 141 and later let a session open moz-extension:// pages and about:preferences only with this.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: EXTENSION_UUID }),
      // A host permission the options page requests (after a real click) is granted without a prompt.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  try {
    const bidi = bidiOf(browser);
    const installed = await bidi.send<{ extension: string }>('webExtension.install', { extensionData: { type: 'path', path: FIREFOX_EXTENSION_DIR } });
    if (installed.extension !== ADDON_ID) throw new Error(`installed ${installed.extension}, expected ${ADDON_ID}`);
    const version = await browser.version();

    const gotoExtensionPage = async (page: Page, path: string) => {
      const context = contextOf(page);
      // Puppeteer's page.goto() never sees a moz-extension:// navigation finish: navigate with BiDi and
      // wait for the page's own API.
      await bidi.send('browsingContext.navigate', { context, url: `${EXTENSION_ORIGIN}/${path}`, wait: 'none' });
      await until(
        `${path} to load`,
        () => bidi.call(context, () => `${location.href} ${document.readyState} ${typeof (globalThis as { browser?: { runtime?: unknown } }).browser?.runtime}`, []),
        (state) => state.startsWith(`${EXTENSION_ORIGIN}/${path}`) && state.endsWith('complete object'),
      );
    };

    let privileged: Page | undefined;
    return {
      browser,
      bidi,
      version,
      gotoExtensionPage,
      async openExtensionPage(path) {
        const page = await browser.newPage();
        await gotoExtensionPage(page, path);
        return page;
      },
      async console() {
        if (!privileged) {
          privileged = await browser.newPage();
          await bidi.send('browsingContext.navigate', { context: contextOf(privileged), url: 'about:preferences', wait: 'complete' });
        }
        // about:preferences is privileged: it reads Firefox's console service, which holds what the
        // background, the extension's pages and its content scripts logged (BiDi's log events see tabs only).
        return bidi.call(
          contextOf(privileged),
          (uuid: string, addonId: string) => {
            type ScriptError = { errorMessage: string; category: string; flags: number; sourceName: string; lineNumber: number; columnNumber: number };
            const g = globalThis as unknown as {
              Services: { console: { getMessageArray(): { message: string }[] } };
              Ci: { nsIScriptError: unknown; nsIConsoleAPIStorage: unknown };
              Cc: Record<string, { getService(i: unknown): { getEvents(): { level: string; filename?: string; lineNumber?: number; addonId?: string; arguments?: unknown[] }[] } }>;
            };
            const entries: { level: string; category: string; text: string; where: string }[] = [];
            for (const m of g.Services.console.getMessageArray()) {
              const error = m instanceof (g.Ci.nsIScriptError as never) ? (m as unknown as ScriptError) : undefined;
              const text = error?.errorMessage ?? m.message;
              const where = error ? `${error.sourceName}:${error.lineNumber}:${error.columnNumber}` : '';
              if (!`${text} ${where}`.includes(uuid)) continue;
              entries.push({ level: error ? (error.flags & 1 ? 'warning' : error.flags & 4 ? 'info' : 'error') : 'info', category: error?.category ?? '', text, where });
            }
            const storage = g.Cc['@mozilla.org/consoleAPI-storage;1']!.getService(g.Ci.nsIConsoleAPIStorage);
            for (const e of storage.getEvents()) {
              if (!(e.filename ?? '').includes(uuid) && e.addonId !== addonId) continue;
              entries.push({ level: e.level, category: '', text: (e.arguments ?? []).map(String).join(' '), where: `${e.filename ?? ''}:${e.lineNumber ?? ''}` });
            }
            return entries;
          },
          [EXTENSION_UUID, ADDON_ID],
        );
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close().catch(() => undefined);
    throw error;
  }
}

export { until };
