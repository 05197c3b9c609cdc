import { readCaseload, readChild } from '../adapters/dom.ts';
import type { Adapter } from '../adapters/schema.ts';
import { matchPage } from '../adapters/url.ts';
import type { ContentMessage, DiagnoseRequest, DiagnoseResult } from '../messages.ts';
import { mountChip, mountFrame, type Mounted } from './mount.ts';

/**
 * The content script's work on a case-management page: recognise the child (or caseload rows) by the
 * adapters, tell the background, and place the overlay frame. It never sees a token, never makes a
 * request and never receives a child's figures: those go straight from the background to the frame.
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
  mounted: Mounted | null;
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
  env.onMessage((message) => {
    const request = message as { type?: string } | null;
    if (request?.type === 'dismissed') {
      dismissed = true;
      clear();
      return Promise.resolve({});
    }
    if (request?.type === 'diagnose') return Promise.resolve(diagnose(doc, win.location.href, (message as DiagnoseRequest).adapter));
    return undefined;
  });
  // No adapter for this site: nothing to watch, nothing to cost.
  if (adapters.length === 0) return;

  let lastHref = win.location.href;
  let arrivedAt = Date.now();
  let lateTimer: ReturnType<typeof setTimeout> | undefined;
  const chipped = new WeakSet<Element>();
  let pendingCaseload = false;

  function clear(): void {
    if (shown) {
      shown.mounted?.remove();
      if (shown.signature) void env.send({ type: 'left' }).catch(() => undefined);
    }
    shown = null;
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
      // The page removed or replaced our frame (a re-render): put it back.
      if (shown.mounted && !shown.mounted.host.isConnected) {
        const src = shown.mounted.frame.src;
        shown.mounted.remove();
        shown.mounted = mountFrame(doc, src, env.extensionOrigin, identity.anchor ? { element: identity.anchor, position: anchorPosition } : null, restart);
      }
      return;
    }
    shown?.mounted?.remove();
    shown = { signature, mounted: null };
    const mine = shown;
    const message: ContentMessage = {
      type: 'recognised',
      adapterId: match.adapter.id,
      personId: identity.personId,
      name: identity.name,
      dateOfBirth: identity.dateOfBirth,
      missing: identity.missing,
    };
    let reply = (await env.send(message).catch(() => null)) as { session?: string; dismissed?: boolean } | null;
    // The browser may not have seen a client-side route change yet when the message arrives: ask once more.
    if (!reply?.session && !reply?.dismissed) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (shown !== mine) return;
      reply = (await env.send(message).catch(() => null)) as typeof reply;
    }
    if (shown !== mine) return;
    if (reply?.dismissed) {
      dismissed = true;
      shown = null;
      return;
    }
    if (!reply?.session) {
      shown = null; // Refused or failed: the next change to the page tries again.
      return;
    }
    mine.mounted = mountFrame(
      doc,
      env.frameUrl(reply.session),
      env.extensionOrigin,
      identity.anchor ? { element: identity.anchor, position: anchorPosition } : null,
      restart,
    );
  }

  /** The frame lost the background (it restarted): recognise the page again, once. */
  let restarts = 0;
  function restart(): void {
    if (!shown || ++restarts > 3) return;
    shown.mounted?.remove();
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
      shown?.mounted?.remove();
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
