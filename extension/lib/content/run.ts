import { readCaseload, readChild } from '../adapters/dom.ts';
import type { Adapter } from '../adapters/schema.ts';
import { matchPage } from '../adapters/url.ts';
import { MAX_CASELOAD_ROWS } from '../limits.ts';
import type { CaseloadReply, ContentMessage, DiagnoseRequest, DiagnoseResult, RecognisedReply } from '../messages.ts';
import { mountBadge, type Badge } from './badge.ts';
import { mountChip, mountPanel, type Mounted } from './mount.ts';

/**
 * The content script's work on a case-management page: recognise the child (or caseload rows) by the
 * adapters, tell the background, and put EduBridge's frames into the page: the badge, the panel (loaded
 * hidden) and the caseload chips. It never sees a token, makes no request, and never receives a child's
 * figures or name: those go from the background straight to the frames, extension pages the page cannot
 * read. A frame inside the page (not the top one) takes part only while it is shown at a usable size, so
 * hidden frames cannot be used to look children up.
 */

export type FramePage = 'overlay.html' | 'badge.html' | 'chip.html';

export interface ContentEnv {
  send(message: ContentMessage): Promise<unknown>;
  /** An extension frame's address, with a fragment (the session). */
  frameUrl(page: FramePage, fragment: string): string;
  /** The origins the extension's frames may post from (the static and the dynamic extension origin). */
  trustedOrigins: string[];
  onMessage(listener: (message: unknown) => Promise<unknown> | undefined): void;
  signal: AbortSignal;
}

interface Shown {
  signature: string;
  session?: string;
  badge: Badge | null;
  mounted: Mounted | null;
  hide(): void;
  remove(): void;
}

const SETTLE_MS = 30;
/** How long to wait for a late-rendering page to show everything the adapter looks for, before going
 * ahead with what it has (and saying what is missing). */
const LATE_CONTENT_MS = 3_000;
/** The smallest frame (CSS pixels) in which EduBridge recognises a child: a frame a person can read. */
export const MIN_FRAME_SIZE = { width: 240, height: 160 } as const;

/** Whether this window is the top one, or a frame that is shown, unobscured, at a size a person can read.
 * Chromium reports whether the frame is really visible (opacity, transforms, other elements over it);
 * elsewhere (Firefox) the frame must at least intersect the viewport, and its frame element and each one
 * above it that this page can reach (same-origin parents) must be neither hidden nor transparent. */
export async function frameIsShown(win: Window): Promise<boolean> {
  if (win === win.top) return true;
  if (win.innerWidth < MIN_FRAME_SIZE.width || win.innerHeight < MIN_FRAME_SIZE.height) return false;
  if (win.document.visibilityState !== 'visible') return false;
  if (!frameElementsShown(win)) return false;
  const target = win.document.documentElement;
  const tracksVisibility = 'isVisible' in IntersectionObserverEntry.prototype;
  return new Promise<boolean>((resolve) => {
    const done = (value: boolean) => {
      observer.disconnect();
      clearTimeout(timeout);
      resolve(value);
    };
    const observer = new IntersectionObserver(
      (entries) => {
        // The first report can come before the frame is painted: wait (up to a second) for a visible one.
        const entry = entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
        if (entry?.isIntersecting && (!tracksVisibility || entry.isVisible === true)) done(true);
      },
      (tracksVisibility ? { trackVisibility: true, delay: 100 } : {}) as IntersectionObserverInit,
    );
    const timeout = setTimeout(() => done(false), 1_000);
    observer.observe(target);
  });
}

/** False when this frame's element, or a frame element above it, is `visibility: hidden` or at opacity 0
 * (itself or through an ancestor). A cross-origin parent hides its frame element: the check stops there. */
function frameElementsShown(win: Window): boolean {
  for (let current: Window = win; current !== current.top; current = current.parent) {
    let element: Element | null = null;
    try {
      element = current.frameElement;
    } catch {
      element = null;
    }
    if (!element) return true;
    if (typeof element.checkVisibility === 'function' && !element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
  }
  return true;
}

export async function runContent(env: ContentEnv, win: Window = window): Promise<void> {
  const doc = win.document;
  const hello = (await env.send({ type: 'hello' }).catch(() => null)) as { adapters?: Adapter[] } | null;
  const adapters = hello?.adapters ?? [];
  let shown: Shown | null = null;
  let dismissed = false;
  env.onMessage((message) => {
    const request = message as { type?: string } | null;
    if (request?.type === 'dismissed') {
      dismissed = true;
      const leaving = shown;
      shown = null;
      // Hidden at once, and taken out of the page a moment later, once the click that asked for it (in
      // the panel frame) has finished.
      leaving?.hide();
      setTimeout(() => leaving?.remove(), 250);
      return Promise.resolve({});
    }
    if (request?.type === 'diagnose') return Promise.resolve(diagnose(doc, win.location.href, (message as DiagnoseRequest).adapter));
    return undefined;
  });
  // No adapter for this site: nothing to watch, nothing to cost.
  if (adapters.length === 0) return;
  // The script starts at document start (so the question above overlaps the page's loading); the page is
  // read once its DOM is complete.
  if (doc.readyState === 'loading') await new Promise((resolve) => doc.addEventListener('DOMContentLoaded', resolve, { once: true }));
  if (env.signal.aborted) return;

  let lastHref = win.location.href;
  let arrivedAt = Date.now();
  let lateTimer: ReturnType<typeof setTimeout> | undefined;
  const chipped = new WeakSet<Element>();
  let pendingCaseload = false;

  function clear(): void {
    if (shown) {
      shown.remove();
      if (shown.signature) void env.send({ type: 'left' }).catch(() => undefined);
    }
    shown = null;
  }

  function newShown(signature: string): Shown {
    const next: Shown = {
      signature,
      badge: null,
      mounted: null,
      hide() {
        for (const host of [next.badge?.host, next.mounted?.host]) host?.style.setProperty('display', 'none', 'important');
      },
      remove() {
        next.badge?.remove();
        next.mounted?.remove();
        next.badge = null;
        next.mounted = null;
      },
    };
    return next;
  }

  /** Puts the badge frame beside the anchor (or docked) at once, so it loads while the background answers,
   * then loads the panel frame, hidden, once the background has accepted the session and the badge frame
   * has loaded (so the panel's load does not delay the badge). */
  function place(target: Shown, anchor: { element: Element; position: 'after' | 'before' | 'append' | 'prepend' } | null, accepted: Promise<boolean>): void {
    const session = target.session!;
    let open = false;
    const panel = (): Mounted | null => {
      if (!target.mounted && target.badge) {
        target.mounted = mountPanel(doc, env.frameUrl('overlay.html', session), env.trustedOrigins, {
          onOpenChange(isOpen, focusWasInside) {
            open = isOpen;
            if (!target.badge) return;
            target.badge.setExpanded(isOpen);
            if (!isOpen && focusWasInside) target.badge.focus();
          },
          onRestart: restart,
        });
      }
      return target.mounted;
    };
    // The panel, once the background has accepted the session and while this badge is the page's: a panel
    // frame before then would be refused and start over. A press on the badge before then (the background
    // may be slowing this tab down) acts once it has.
    const acceptedPanel = (ok: boolean): Mounted | null => (ok && target.badge === badge ? panel() : null);
    const badge = mountBadge(doc, anchor, env.frameUrl('badge.html', session), env.trustedOrigins, {
      toggle: () => void accepted.then((ok) => acceptedPanel(ok)?.setOpen(!open)),
      close: () => void accepted.then((ok) => acceptedPanel(ok)?.setOpen(false)),
      restart,
    });
    target.badge = badge;
    const loaded = new Promise((resolve) => badge.frame.addEventListener('load', resolve, { once: true }));
    void Promise.all([accepted, loaded]).then(([ok]) => setTimeout(() => acceptedPanel(ok), 0));
  }

  async function caseload(adapter: Adapter): Promise<void> {
    if (pendingCaseload) return;
    const rows = readCaseload(adapter, doc)
      .filter((row) => !chipped.has(row.row))
      .slice(0, MAX_CASELOAD_ROWS);
    if (rows.length === 0) return;
    rows.forEach((row) => chipped.add(row.row));
    pendingCaseload = true;
    try {
      const reply = (await env.send({
        type: 'caseload',
        adapterId: adapter.id,
        rows: rows.map((row) => ({ personId: row.personId, text: rowText(row.row) })),
      })) as Partial<CaseloadReply> | null;
      if (!reply?.session) return;
      rows.forEach((row, index) => {
        if (row.row.isConnected) mountChip(doc, row.anchor, env.frameUrl('chip.html', `${reply.session}.${index}`));
      });
    } catch {
      // A refused or failed caseload lookup leaves the rows as they are.
    } finally {
      pendingCaseload = false;
    }
  }

  async function evaluate(): Promise<void> {
    if (env.signal.aborted) return;
    if (win.location.href !== lastHref) {
      lastHref = win.location.href;
      arrivedAt = Date.now();
      dismissed = false;
      clear();
    }
    if (dismissed) return;
    const match = matchPage(adapters, win.location.href);
    if (!match) {
      clear();
      return;
    }
    // Hidden or tiny frames take no part: a page could otherwise look children up out of sight.
    if (!(await frameIsShown(win))) {
      clear();
      // A frame is often laid out after its content loads: look again for a while, and when it is resized.
      if (Date.now() - arrivedAt < LATE_CONTENT_MS) setTimeout(schedule, 300);
      return;
    }
    if (match.kind === 'caseload') return caseload(match.adapter);
    const identity = readChild(match.adapter, doc, match.idFromUrl);
    if (!identity.personId) return; // Content not rendered yet: the observer calls again when it is.
    const waited = Date.now() - arrivedAt;
    if (identity.missing.length > 0 && waited < LATE_CONTENT_MS) {
      // Wait for the rest to render (the observer calls again), but not for ever.
      if (lateTimer === undefined) lateTimer = setTimeout(() => ((lateTimer = undefined), schedule()), LATE_CONTENT_MS - waited + 10);
      return;
    }
    const anchorPosition = match.adapter.child?.anchor?.position ?? 'after';
    const signature = [match.adapter.id, identity.personId, identity.name ?? '', identity.dateOfBirth ?? '', identity.anchor ? 1 : 0].join('\u0000');
    if (shown?.signature === signature) {
      // The page removed or replaced our badge or frame (a re-render): put them back.
      if (shown.session && ((shown.badge && !shown.badge.host.isConnected) || (shown.mounted && !shown.mounted.host.isConnected))) {
        shown.remove();
        place(shown, identity.anchor ? { element: identity.anchor, position: anchorPosition } : null, Promise.resolve(true));
      }
      return;
    }
    shown?.remove();
    shown = newShown(signature);
    const mine = shown;
    // The badge frame goes in now and loads while the background answers; it shows nothing until the
    // background accepts this session for this tab, and is taken out again if it refuses.
    mine.session = crypto.randomUUID();
    let accept: (ok: boolean) => void = () => undefined;
    place(mine, identity.anchor ? { element: identity.anchor, position: anchorPosition } : null, new Promise<boolean>((resolve) => (accept = resolve)));
    const message: ContentMessage = {
      type: 'recognised',
      adapterId: match.adapter.id,
      personId: identity.personId,
      name: identity.name,
      dateOfBirth: identity.dateOfBirth,
      missing: identity.missing,
      frameKey: mine.session,
    };
    type Reply = Partial<{ session: string; dismissed: true }> | null;
    const ask = async () => (await env.send(message).catch(() => null)) as Reply & (RecognisedReply | null);
    let reply: Reply = await ask();
    // The browser may not have seen a client-side route change yet when the message arrives: ask once more.
    if (!reply?.session && !reply?.dismissed) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (shown !== mine) return accept(false);
      reply = await ask();
    }
    if (shown !== mine) return accept(false);
    if (reply?.session !== mine.session) {
      // Dismissed for this page, refused or failed: the frame goes (the next change to the page tries again).
      if (reply?.dismissed) dismissed = true;
      mine.remove();
      shown = null;
      return accept(false);
    }
    accept(true);
  }

  /** A frame lost the background (it restarted): recognise the page again, a few times at most. */
  let restarts = 0;
  function restart(): void {
    if (!shown || ++restarts > 3) return;
    shown.remove();
    shown = null;
    schedule();
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  function schedule(): void {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void evaluate();
    }, SETTLE_MS);
  }

  // Late content and client-side routes, without polling: DOM changes and history events.
  const observer = new MutationObserver((records) => {
    if (records.every((record) => isOurs(record.target))) return;
    schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  win.addEventListener('popstate', schedule);
  win.addEventListener('hashchange', schedule);
  if (win !== win.top) win.addEventListener('resize', schedule);
  env.signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      win.removeEventListener('popstate', schedule);
      win.removeEventListener('hashchange', schedule);
      win.removeEventListener('resize', schedule);
      if (timer !== undefined) clearTimeout(timer);
      if (lateTimer !== undefined) clearTimeout(lateTimer);
      shown?.remove();
    },
    { once: true },
  );
  await evaluate();
}

/** A caseload row's text, each text node apart (cells run together in textContent), for the name check. */
function rowText(row: Element): string {
  const parts: string[] = [];
  const walker = row.ownerDocument.createTreeWalker(row, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) parts.push(node.nodeValue ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim().slice(0, 2_000);
}

function isOurs(node: Node): boolean {
  return node instanceof Element && node.closest('[data-edubridge]') !== null;
}

/** What an adapter finds on this page, for "Test against this page" in the options. */
export function diagnose(doc: Document, href: string, adapter: Adapter): DiagnoseResult {
  const match = matchPage([adapter], href);
  if (!match) return { url: href, pageKind: 'none', missing: ["The adapter's URL predicates do not match this page."] };
  if (match.kind === 'caseload') {
    const rows = readCaseload(adapter, doc);
    return { url: href, pageKind: 'caseload', caseloadRows: rows.length, missing: rows.length ? [] : ['No caseload rows found.'] };
  }
  const identity = readChild(adapter, doc, match.idFromUrl);
  return {
    url: href,
    pageKind: 'child',
    personId: identity.personId,
    name: identity.name,
    dateOfBirth: identity.dateOfBirth,
    anchorFound: identity.anchor !== null,
    missing: identity.missing,
  };
}
