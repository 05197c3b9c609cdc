import { readCaseload, readChild } from '../adapters/dom.ts';
import type { Adapter } from '../adapters/schema.ts';
import { matchPage } from '../adapters/url.ts';
import type { BadgeFacts, BadgeUpdate, ContentMessage, DiagnoseRequest, DiagnoseResult, RecognisedReply } from '../messages.ts';
import { mountBadge, type Badge } from './badge.ts';
import { mountChip, mountPanel, type Mounted } from './mount.ts';

/**
 * The content script's work on a case-management page: recognise the child (or caseload rows) by the
 * adapters, tell the background, draw the compact badge and load the panel frame. It never sees a token
 * and never makes a request. Of a child's figures it receives only the badge's facts (overall rating,
 * attendance this year, PEP state); the panel's figures go straight from the background to the frame.
 */

export interface ContentEnv {
  send(message: ContentMessage): Promise<unknown>;
  /** The overlay frame's address for a session. */
  frameUrl(session: string): string;
  extensionOrigin: string;
  onMessage(listener: (message: unknown) => Promise<unknown> | undefined): void;
  signal: AbortSignal;
}

interface Shown {
  signature: string;
  session?: string;
  seq: number;
  lastFacts?: BadgeFacts;
  badge: Badge | null;
  mounted: Mounted | null;
  hide(): void;
  remove(): void;
}

const SETTLE_MS = 30;
/** How long to wait for a late-rendering page to show everything the adapter looks for, before going
 * ahead with what it has (and saying what is missing). */
const LATE_CONTENT_MS = 3_000;

export async function runContent(env: ContentEnv, win: Window = window): Promise<void> {
  const doc = win.document;
  const hello = (await env.send({ type: 'hello' }).catch(() => null)) as { adapters?: Adapter[] } | null;
  const adapters = hello?.adapters ?? [];
  let shown: Shown | null = null;
  let dismissed = false;
  /** A badge update that arrived before the reply naming its session. */
  let early: BadgeUpdate | null = null;
  env.onMessage((message) => {
    const request = message as { type?: string } | null;
    if (request?.type === 'badge') {
      const update = message as BadgeUpdate;
      if (shown && shown.session === update.session) showFacts(shown, update.badge);
      else if (shown && shown.session === undefined) early = update;
      return Promise.resolve({});
    }
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

  function showFacts(target: Shown, facts: BadgeFacts): void {
    if (facts.seq < target.seq) return;
    target.seq = facts.seq;
    target.lastFacts = facts;
    target.badge?.show(facts);
  }

  function newShown(signature: string): Shown {
    const next: Shown = {
      signature,
      seq: 0,
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

  /** Draws the badge beside the anchor (or docked), then loads the panel frame, hidden, once the badge
   * has been painted (so the frame's load does not delay it). */
  function place(target: Shown, anchor: { element: Element; position: 'after' | 'before' | 'append' | 'prepend' } | null, facts?: BadgeFacts): void {
    const session = target.session!;
    let open = false;
    const panel = (): Mounted | null => {
      if (!target.mounted && target.badge) {
        target.mounted = mountPanel(doc, env.frameUrl(session), env.extensionOrigin, {
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
    const badge = mountBadge(doc, anchor, {
      toggle: () => panel()?.setOpen(!open),
      close: () => panel()?.setOpen(false),
    });
    target.badge = badge;
    if (facts) showFacts(target, facts);
    requestAnimationFrame(() => setTimeout(() => target.badge === badge && panel(), 0));
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
    if (match.kind === 'caseload') {
      if (pendingCaseload) return;
      const rows = readCaseload(match.adapter, doc).filter((row) => !chipped.has(row.row));
      if (rows.length === 0) return;
      rows.forEach((row) => chipped.add(row.row));
      pendingCaseload = true;
      try {
        const reply = (await env.send({ type: 'caseload', adapterId: match.adapter.id, personIds: rows.map((row) => row.personId) })) as {
          chips?: { personId: string; overall: 'green' | 'amber' | 'red' | 'none' }[];
        };
        const byId = new Map((reply?.chips ?? []).map((chip) => [chip.personId, chip.overall]));
        for (const row of rows) {
          const overall = byId.get(row.personId);
          if (overall && row.row.isConnected) mountChip(doc, row.anchor, overall);
        }
      } catch {
        // A refused or failed caseload lookup leaves the rows as they are.
      } finally {
        pendingCaseload = false;
      }
      return;
    }
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
        shown.seq = 0;
        place(shown, identity.anchor ? { element: identity.anchor, position: anchorPosition } : null, shown.lastFacts);
      }
      return;
    }
    shown?.remove();
    shown = newShown(signature);
    early = null;
    const mine = shown;
    const message: ContentMessage = {
      type: 'recognised',
      adapterId: match.adapter.id,
      personId: identity.personId,
      name: identity.name,
      dateOfBirth: identity.dateOfBirth,
      missing: identity.missing,
    };
    type Reply = Partial<{ session: string; badge: BadgeFacts; dismissed: true }> | null;
    const ask = async () => (await env.send(message).catch(() => null)) as Reply & (RecognisedReply | null);
    let reply: Reply = await ask();
    // The browser may not have seen a client-side route change yet when the message arrives: ask once more.
    if (!reply?.session && !reply?.dismissed) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (shown !== mine) return;
      reply = await ask();
    }
    if (shown !== mine) return;
    if (reply?.dismissed) {
      dismissed = true;
      shown = null;
      return;
    }
    if (!reply?.session || !reply.badge) {
      shown = null; // Refused or failed: the next change to the page tries again.
      return;
    }
    mine.session = reply.session;
    const pending = early as BadgeUpdate | null; // set by the message listener meanwhile
    const first = pending?.session === reply.session && pending.badge.seq > reply.badge.seq ? pending.badge : reply.badge;
    early = null;
    place(mine, identity.anchor ? { element: identity.anchor, position: anchorPosition } : null, first);
  }

  /** The frame lost the background (it restarted): recognise the page again, once. */
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
  env.signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      win.removeEventListener('popstate', schedule);
      win.removeEventListener('hashchange', schedule);
      if (timer !== undefined) clearTimeout(timer);
      if (lateTimer !== undefined) clearTimeout(lateTimer);
      shown?.remove();
    },
    { once: true },
  );
  await evaluate();
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
