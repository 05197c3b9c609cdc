import type { Page } from 'puppeteer-core';
import { contextOf, EXTENSION_ORIGIN, until, type Bidi, type BrowsingContextInfo, type FirefoxWithExtension, type RemoteValue } from './firefox.ts';

/**
 * What the Firefox tests do with a tab, in two kinds of reach:
 * - as the page itself could (its own scripts, in each of its frames: DOM, open shadow roots, painted text
 *   through window.find), to show what a hostile page learns;
 * - as only the browser can (closed shadow roots, the extension's own frames), to check what EduBridge shows.
 */

export interface Tab {
  page: Page;
  /** The tab's top browsing context. */
  context: string;
  /** The tab's frames, top first, with their addresses. */
  frames(): Promise<BrowsingContextInfo[]>;
  /** The web page's own frames (http and https), top first. */
  webFrames(): Promise<BrowsingContextInfo[]>;
  /** Runs `fn` as the page's own script would, in its top frame or in the frame given. */
  asPage<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, args: A, frame?: string): Promise<Awaited<T>>;
  /** Everything a page script can read of the DOM, in every web frame: the markup (attributes included),
   * the text of open shadow roots (closed ones are out of its reach) and the painted text (innerText). */
  pageReadable(): Promise<string>;
  /** window.find(text) in every web frame, as a page script probing painted text would. */
  find(text: string): Promise<boolean>;
  /** Runs `fn` with `this` = the (closed or open) shadow root of each element matching `host`, in every frame. */
  inShadowRoots<T, A extends unknown[]>(host: string, fn: (this: ShadowRoot, ...args: A) => T, args: A): Promise<Awaited<T>[]>;
  /** The painted text of an extension frame in the tab (the panel: overlay.html), '' when none; with
   * `folded`, the text of closed groups too (textContent). */
  extensionFrameText(path: string, selector?: string, folded?: boolean): Promise<string>;
  /** As the page: adds an iframe (hidden: zero size, out of sight) at `url` and resolves with its browsing
   * context once it has loaded. */
  addFrame(url: string, options?: { hidden?: boolean }): Promise<string>;
  /** As the page: changes its address without loading (history.pushState), as a single-page application does. */
  pushState(url: string): Promise<void>;
  close(): Promise<void>;
}

export function tab(firefox: FirefoxWithExtension, page: Page): Tab {
  const { bidi } = firefox;
  const context = contextOf(page);
  const frames = () => bidi.contexts(context);
  const webFrames = async () => (await frames()).filter((frame) => /^https?:/.test(frame.url));
  const asPage: Tab['asPage'] = (fn, args, frame = context) => bidi.call(frame, fn as never, args);
  return {
    page,
    context,
    frames,
    webFrames,
    asPage,
    async pageReadable() {
      const parts: string[] = [];
      for (const frame of await webFrames()) {
        parts.push(
          await asPage(
            () => {
              const texts: string[] = [];
              const markup = new XMLSerializer();
              const walk = (root: Document | ShadowRoot) => {
                texts.push(root instanceof Document ? markup.serializeToString(root) : [...root.childNodes].map((node) => markup.serializeToString(node)).join(''));
                for (const element of root.querySelectorAll('*')) if (element.shadowRoot) walk(element.shadowRoot);
              };
              walk(document);
              texts.push(document.body?.innerText ?? '');
              return texts.join('\n');
            },
            [],
            frame.context,
          ).catch(() => ''),
        );
      }
      return parts.join('\n');
    },
    async find(text) {
      for (const frame of await webFrames()) {
        const found = await asPage(
          (needle: string) => {
            getSelection()?.removeAllRanges();
            const w = window as unknown as { find(text: string, caseSensitive?: boolean, backwards?: boolean, wrap?: boolean): boolean };
            return w.find(needle, false, false, true);
          },
          [text],
          frame.context,
        ).catch(() => false);
        if (found) return true;
      }
      return false;
    },
    async inShadowRoots(host, fn, args) {
      const results: unknown[] = [];
      for (const frame of await frames()) {
        if (!/^https?:/.test(frame.url)) continue;
        const hosts = await bidi.send<{ type: string; result?: { value?: { value?: { shadowRoot?: RemoteValue | null } }[] } }>('script.evaluate', {
          target: { context: frame.context },
          expression: `document.querySelectorAll(${JSON.stringify(host)})`,
          awaitPromise: false,
          resultOwnership: 'none',
          serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
        });
        for (const node of hosts.result?.value ?? []) {
          const shadow = node.value?.shadowRoot;
          if (shadow?.sharedId) results.push(await bidi.call(frame.context, fn as never, args, { type: 'node', sharedId: shadow.sharedId }).catch(() => undefined));
        }
      }
      return results.filter((r) => r !== undefined) as never;
    },
    async extensionFrameText(path, selector = 'body', folded = false) {
      const frame = (await frames()).find((f) => f.url.startsWith(`${EXTENSION_ORIGIN}/${path}`));
      if (!frame) return '';
      return bidi
        .call(
          frame.context,
          (s: string, all: boolean) => {
            const element = document.querySelector(s) as HTMLElement | null;
            return (all ? element?.textContent : element?.innerText) ?? '';
          },
          [selector, folded],
        )
        .catch(() => '');
    },
    async addFrame(url, options = {}) {
      const before = new Set((await frames()).map((f) => f.context));
      await asPage(
        (src: string, hidden: boolean) =>
          new Promise<void>((resolve) => {
            const frame = document.createElement('iframe');
            if (hidden) frame.setAttribute('style', 'position:absolute;left:-9999px;width:0;height:0;border:0');
            frame.addEventListener('load', () => resolve(), { once: true });
            frame.src = src;
            document.body.append(frame);
          }),
        [url, options.hidden ?? false],
      );
      const added = (await frames()).find((f) => !before.has(f.context) && f.parent === context);
      if (!added) throw new Error(`no new frame for ${url}`);
      return added.context;
    },
    async pushState(url) {
      await asPage((to: string) => history.pushState(null, '', to), [url]);
    },
    close: () => page.close(),
  };
}

/** A new tab at `url`, loaded. */
export async function openTab(firefox: FirefoxWithExtension, url: string): Promise<Tab> {
  const page = await firefox.browser.newPage();
  await page.goto(url);
  return tab(firefox, page);
}

/** The badge, drawn in its own extension-origin frame (badge.html) beside the child's name: read and clicked
 * in that frame, as the browser can and the page cannot. */
export interface BadgeView {
  text: string;
  label: string;
  expanded: string;
}

/** The tab's extension frames at `path` (badge.html, chip.html, overlay.html), in document order. */
export async function extensionFrames(t: Tab, path: string): Promise<BrowsingContextInfo[]> {
  return (await t.frames()).filter((frame) => frame.url.startsWith(`${EXTENSION_ORIGIN}/${path}`));
}

/** Runs `fn` in the tab's badge frame; null when there is none, or it has no button yet. */
async function inBadge<T>(t: Tab, fn: () => T | null): Promise<T | null> {
  const [frame] = await extensionFrames(t, 'badge.html');
  if (!frame) return null;
  // A frame replaced while we looked: the caller polls again.
  return t.asPage(fn, [], frame.context).catch(() => null);
}

export function readBadge(t: Tab): Promise<BadgeView | null> {
  return inBadge(t, () => {
    const button = document.querySelector('button');
    return button ? { text: button.textContent ?? '', label: button.getAttribute('aria-label') ?? '', expanded: button.getAttribute('aria-expanded') ?? '' } : null;
  });
}

export async function clickBadge(t: Tab): Promise<void> {
  await until(
    'a badge to click',
    () =>
      inBadge(t, () => {
        const button = document.querySelector('button');
        button?.click();
        return button ? true : null;
      }),
    (clicked) => clicked === true,
  );
}

/** Each caseload chip frame in the tab: its address (the chip element's iframe src, which the page can read)
 * and its text ('' for an empty chip), once every chip frame has loaded its page. */
export async function chipTexts(t: Tab): Promise<{ url: string; text: string }[]> {
  const chips: { url: string; text: string }[] = [];
  for (const frame of await extensionFrames(t, 'chip.html')) {
    const text = await t.asPage(() => (document.readyState === 'complete' ? (document.body?.textContent ?? '').trim() : null), [], frame.context).catch(() => null);
    if (text === null) throw new Error('a chip frame still loading');
    chips.push({ url: frame.url, text });
  }
  return chips;
}

/**
 * Opens the panel (unless it opens by itself: the extension remembers whether it was left open) and
 * returns its text once it contains `expected`.
 */
export async function openPanel(t: Tab, expected: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const has = (text: string) => (typeof expected === 'string' ? text.includes(expected) : expected.test(text));
  let clickedAt = 0;
  return until(
    'the panel',
    async () => {
      const text = await t.extensionFrameText('overlay.html', '#eb-panel');
      if (!has(text) && Date.now() - clickedAt > 2_000 && (await readBadge(t))?.expanded === 'false') {
        clickedAt = Date.now();
        await clickBadge(t);
      }
      return text;
    },
    has,
    timeoutMs,
  );
}

/** Waits until the badge's text satisfies `ok`, and returns it. */
export function badgeUntil(t: Tab, ok: (view: BadgeView) => boolean, timeoutMs = 15_000): Promise<BadgeView> {
  return until('the badge', () => readBadge(t), (view): view is BadgeView => view !== null && ok(view), timeoutMs) as Promise<BadgeView>;
}

/** The background's message API, from an extension page, as the options page uses it. */
export interface Control {
  page: Page;
  ask<T = unknown>(message: Record<string, unknown>): Promise<T>;
  /** The toolbar badge's text on the tab showing `url`. */
  toolbarBadge(url: string): Promise<string>;
  /** Runs `fn` in the extension page (its `browser` API in reach). */
  inExtension<T, A extends unknown[]>(fn: (...args: A) => T | Promise<T>, args: A): Promise<Awaited<T>>;
}

export function control(firefox: FirefoxWithExtension, page: Page): Control {
  const bidi: Bidi = firefox.bidi;
  const inExtension: Control['inExtension'] = (fn, args) => bidi.call(contextOf(page), fn as never, args);
  return {
    page,
    inExtension,
    async ask<T>(message: Record<string, unknown>) {
      const reply = await inExtension(async (m: Record<string, unknown>) => {
        const api = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser;
        return api.runtime.sendMessage(m);
      }, [message]);
      if (reply && typeof reply === 'object' && 'refused' in reply) throw new Error(String((reply as { refused: unknown }).refused));
      return reply as T;
    },
    toolbarBadge: (url) =>
      inExtension(async (pageUrl: string) => {
        const api = (globalThis as unknown as {
          browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> }; action: { getBadgeText(d: { tabId: number }): Promise<string> } };
        }).browser;
        const found = (await api.tabs.query({})).find((t) => t.url === pageUrl);
        return found?.id === undefined ? 'no tab' : api.action.getBadgeText({ tabId: found.id });
      }, [url]),
  };
}
