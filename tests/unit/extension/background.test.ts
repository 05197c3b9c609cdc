import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EducationStatus } from '../../../core/model/index.ts';
import { Adapter } from '../../../extension/lib/adapters/schema.ts';
import type { StatusSummary } from '../../../core/model/index.ts';
import { ApiProblem, type RequestContext, type StatusApi } from '../../../extension/lib/background/api.ts';
import { RECOGNITION_BUDGET } from '../../../extension/lib/background/budget.ts';
import { Background, type BackgroundDeps, type FramePort, type MessageSender, type OverlayPort } from '../../../extension/lib/background/service.ts';
import { SignInError, type SignInConfig, type StoredSignIn } from '../../../extension/lib/background/sign-in.ts';
import { StatusCache } from '../../../extension/lib/cache.ts';
import { openDb, type EduBridgeDb } from '../../../extension/lib/db.ts';
import type { BadgeFacts, ChipFacts, OverlayState, PopupView } from '../../../extension/lib/messages.ts';
import { makeStatus } from './helpers/status.ts';

const EXT = 'chrome-extension://abcdefghijklmnop';
const ADAPTER = Adapter.parse({
  id: 'test-cms',
  name: 'Test CMS',
  hosts: ['cms.example.org'],
  child: {
    url: { path: '^/people/(?<id>[A-Z0-9]+)', examples: { match: ['https://cms.example.org/people/P1'] } },
    id: { from: 'path' },
    name: { selector: 'h1' },
    dateOfBirth: { label: 'Date of birth' },
    anchor: { selector: 'h1' },
  },
  caseload: { url: { path: '^/caseload', examples: { match: ['https://cms.example.org/caseload'] } }, row: 'tr', id: { selector: 'td' } },
});
const OTHER_ADAPTER = Adapter.parse({ ...ADAPTER, id: 'other', hosts: ['other.example.org'] });

let db: EduBridgeDb;
let now: number;
let statuses: Map<string, EducationStatus>;
let failure: ApiProblem | undefined;
let requests: string[];
let badges: Map<number, string>;
let managed: unknown;
let background: Background;
let tabUrls: Map<number, string>;
/** Tabs the browser no longer has: asking for one fails, as browser.tabs.get does. */
let closedTabs: Set<number>;
let sent: { tabId: number; frameId: number; message: unknown }[];
let contexts: RequestContext[];
let summaryRequests: string[][];
/** What the API's "who am I" answers (undefined: the API has no such endpoint). */
let me: string | undefined;
let deps: BackgroundDeps;

function api(): StatusApi {
  return {
    async status(personId) {
      requests.push(personId);
      if (failure) throw failure;
      const status = statuses.get(personId);
      if (!status) throw new ApiProblem('not-found', 404);
      return status;
    },
    async summaries(personIds) {
      summaryRequests.push([...personIds]);
      if (failure) throw failure;
      return personIds.flatMap((id) => (statuses.has(id) ? [statuses.get(id)! as StatusSummary] : []));
    },
    async whoAmI() {
      if (failure?.kind === 'unauthorised') throw failure;
      return me;
    },
  };
}

beforeEach(() => {
  db = openDb(`bg-test-${Math.random()}`);
  now = Date.UTC(2026, 2, 13, 12);
  statuses = new Map([['P1', makeStatus({ personId: 'P1', firstName: 'Jane', lastName: 'Smith', dateOfBirth: '2015-03-03' })]]);
  failure = undefined;
  requests = [];
  badges = new Map();
  managed = undefined;
  tabUrls = new Map();
  closedTabs = new Set();
  sent = [];
  contexts = [];
  summaryRequests = [];
  me = undefined;
  let counter = 0;
  deps = {
    runtimeId: 'abcdefghijklmnop',
    extensionOrigin: EXT,
    builtInAdapters: [ADAPTER, OTHER_ADAPTER],
    defaultApiBaseUrl: 'https://edu.council.example/',
    db,
    readManaged: async () => managed,
    createApi: (_settings, context) => (contexts.push(context), api()),
    setBadge: async (tabId, text) => void badges.set(tabId, text),
    grantedOrigins: async () => ['https://cms.example.org/*'],
    syncContentScripts: async () => undefined,
    sendToTab: async (tabId, frameId, message) => (sent.push({ tabId, frameId, message }), {}),
    tabUrl: async (tabId) => {
      if (closedTabs.has(tabId)) throw new Error(`No tab with id: ${tabId}.`);
      return tabUrls.get(tabId);
    },
    now: () => now,
    randomId: () => `session-${String(++counter).padStart(12, '0')}`,
  };
  background = new Background(deps);
});
afterEach(async () => {
  await settle();
  db.close();
  await Dexie.delete(db.name);
});

const page = (url: string, tabId = 7): MessageSender => ({ id: 'abcdefghijklmnop', url, tab: { id: tabId }, frameId: 0 });
const overlaySender = (tabId = 7): MessageSender => ({ id: 'abcdefghijklmnop', url: `${EXT}/overlay.html#x`, tab: { id: tabId }, frameId: 3 });
/** The badge frame, loaded at the extension's dynamic address (use_dynamic_url). */
const badgeSender = (tabId = 7): MessageSender => ({ id: 'abcdefghijklmnop', url: 'chrome-extension://0f9e8d7c-dynamic/badge.html#x', tab: { id: tabId }, frameId: 4 });
const chipSender = (tabId = 7): MessageSender => ({ id: 'abcdefghijklmnop', url: `${EXT}/chip.html#x`, tab: { id: tabId }, frameId: 5 });
const popupSender: MessageSender = { id: 'abcdefghijklmnop', url: `${EXT}/popup.html` };

function portFor(sender: MessageSender): OverlayPort & { states: OverlayState[] } {
  const states: OverlayState[] = [];
  return { sender, states, postMessage: (state) => void states.push(state) };
}

async function recognise(message: Record<string, unknown> = {}, sender = page('https://cms.example.org/people/P1')): Promise<string> {
  const reply = (await background.handleContent(
    { type: 'recognised', adapterId: 'test-cms', personId: 'P1', name: 'Jane Smith', dateOfBirth: '03/03/2015', missing: [], ...message },
    sender,
  )) as { session: string };
  return reply.session;
}

async function settle(): Promise<void> {
  // Background work (IndexedDB, hashing) runs on timers and promises: give it time on a busy machine.
  for (let i = 0; i < 100; i++) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('messages from content scripts are checked against their sender', () => {
  it.each([
    ['another extension', { ...page('https://cms.example.org/people/P1'), id: 'someone-else' }],
    ['no tab', { id: 'abcdefghijklmnop', url: 'https://cms.example.org/people/P1' }],
    ['an extension page', { id: 'abcdefghijklmnop', url: `${EXT}/popup.html`, tab: { id: 1 } }],
  ])('refuses a message from %s', async (_label, sender) => {
    await expect(background.handleContent({ type: 'hello' }, sender as MessageSender)).rejects.toThrow();
  });

  it('refuses a malformed message', async () => {
    await expect(background.handleContent({ type: 'recognised', personId: 42 }, page('https://cms.example.org/people/P1'))).rejects.toThrow('Malformed');
  });

  it('gives a page only the adapters for its own host', async () => {
    const reply = (await background.handleContent({ type: 'hello' }, page('https://cms.example.org/'))) as { adapters: { id: string }[] };
    expect(reply.adapters.map((a) => a.id)).toEqual(['test-cms']);
  });

  it('refuses a child other than the one the page address names', async () => {
    await expect(recognise({ personId: 'P2' })).rejects.toThrow("not the one in the page's address");
    expect(requests).toEqual([]);
  });

  it("follows a single-page application's route: the tab's current address counts, not the one it loaded at", async () => {
    tabUrls.set(7, 'https://cms.example.org/people/P1');
    await expect(recognise({}, page('https://cms.example.org/caseload'))).resolves.toBeTruthy();
    tabUrls.set(7, 'https://cms.example.org/people/P2');
    await expect(recognise({}, page('https://cms.example.org/caseload'))).rejects.toThrow("not the one in the page's address");
  });

  it('ignores a tab address on another origin than the sender', async () => {
    tabUrls.set(7, 'https://other.example.org/people/P1');
    await expect(recognise({}, page('https://cms.example.org/caseload'))).rejects.toThrow();
  });

  it('refuses a page the adapter does not recognise as a child record', async () => {
    await expect(recognise({}, page('https://cms.example.org/search?q=P1'))).rejects.toThrow();
  });
});

describe('showing a child', () => {
  it('fetches, shows the figures to the frame in the same tab, sets the alert count, audits once', async () => {
    const session = await recognise();
    await settle();
    const port = portFor(overlaySender());
    await background.handleOverlay({ type: 'attach', session }, port, undefined);
    const state = port.states.at(-1)!;
    expect(state.phase).toBe('ready');
    expect(state.status?.child.personId).toBe('P1');
    expect(badges.get(7)).toBe('2');
    await background.handleOverlay({ type: 'attach', session }, portFor(overlaySender()), undefined);
    await settle();
    const csv = (await background.handlePage({ type: 'audit:csv' }, popupSender)) as { csv: string };
    expect(csv.csv.trim().split('\r\n')).toHaveLength(2);
    expect(csv.csv).toContain(',P1,https://cms.example.org,page');
  });

  it('a frame in another tab cannot attach to the session', async () => {
    const session = await recognise();
    await expect(background.handleOverlay({ type: 'attach', session }, portFor(overlaySender(8)), undefined)).rejects.toThrow('Unknown session');
  });

  it('shows no figures when the page name or date of birth disagrees with the record', async () => {
    const session = await recognise({ dateOfBirth: '04/03/2015' });
    await settle();
    const port = portFor(overlaySender());
    await background.handleOverlay({ type: 'attach', session }, port, undefined);
    const state = port.states.at(-1)!;
    expect(state.phase).toBe('mismatch');
    expect(state.status).toBeUndefined();
    expect(state.mismatchReasons).toEqual(['The date of birth on this page is not the date of birth on the education record.']);
    expect(badges.get(7)).toBe('?');
    expect(((await background.handlePage({ type: 'audit:csv' }, popupSender)) as { csv: string }).csv.trim().split('\r\n')).toHaveLength(1);
  });

  it.each([
    ['offline', 'offline', 'cannot reach the education service'],
    ['timeout', 'timeout', 'taking too long'],
    ['server', 'server', 'had a problem (error 500)'],
    ['schema', 'schema', 'does not understand'],
  ] as const)('%s: says so and keeps showing the last good data with its age', async (_label, kind, words) => {
    await recognise();
    await settle();
    now += 2 * 3_600_000;
    failure = new ApiProblem(kind, kind === 'server' ? 500 : undefined);
    const session = await recognise();
    await settle();
    const port = portFor(overlaySender());
    await background.handleOverlay({ type: 'attach', session }, port, undefined);
    const state = port.states.at(-1)!;
    expect(state.phase).toBe('unavailable');
    expect(state.problem?.message).toContain(words);
    expect(state.status?.child.personId).toBe('P1');
    expect(now - state.fetchedAt!).toBe(2 * 3_600_000);
  });

  it('with nothing saved, a failure shows the message and no figures', async () => {
    failure = new ApiProblem('server', 503);
    const session = await recognise();
    await settle();
    const port = portFor(overlaySender());
    await background.handleOverlay({ type: 'attach', session }, port, undefined);
    expect(port.states.at(-1)).toMatchObject({ phase: 'unavailable', status: undefined, problem: { kind: 'server' } });
  });

  it('a child the API does not let this user see: "no record", nothing else', async () => {
    statuses.clear();
    const session = await recognise();
    await settle();
    const port = portFor(overlaySender());
    await background.handleOverlay({ type: 'attach', session }, port, undefined);
    expect(port.states.at(-1)).toMatchObject({ phase: 'no-record', status: undefined });
  });

  it('shows the saved copy at once without asking the API again within seconds', async () => {
    await recognise();
    await settle();
    await recognise();
    await settle();
    expect(requests).toEqual(['P1']);
  });

  it('dismissed for the page: the page is not shown again', async () => {
    const session = await recognise();
    const port = portFor(overlaySender());
    const attached = await background.handleOverlay({ type: 'attach', session }, port, undefined);
    await background.handleOverlay({ type: 'dismiss' }, port, attached);
    expect(
      await background.handleContent(
        { type: 'recognised', adapterId: 'test-cms', personId: 'P1', name: 'Jane Smith', missing: [] },
        page('https://cms.example.org/people/P1'),
      ),
    ).toEqual({ dismissed: true });
  });

  it('remembers whether the panel was open', async () => {
    const session = await recognise();
    const port = portFor(overlaySender());
    const attached = await background.handleOverlay({ type: 'attach', session }, port, undefined);
    await background.handleOverlay({ type: 'set-open', open: true }, port, attached);
    const next = await recognise();
    const port2 = portFor(overlaySender());
    await background.handleOverlay({ type: 'attach', session: next }, port2, undefined);
    expect(port2.states.at(-1)?.open).toBe(true);
  });
});

function badgePort(sender = badgeSender()): FramePort<BadgeFacts> & { facts: BadgeFacts[] } {
  const facts: BadgeFacts[] = [];
  return { sender, facts, postMessage: (next) => void facts.push(next) };
}

describe("the badge's facts go to the badge frame only, and only for a page that confirms the child", () => {
  it('the reply to the content script names a session and nothing about the child', async () => {
    const reply = await background.handleContent(
      { type: 'recognised', adapterId: 'test-cms', personId: 'P1', name: 'Jane Smith', dateOfBirth: '03/03/2015', missing: [] },
      page('https://cms.example.org/people/P1'),
    );
    expect(Object.keys(reply as object)).toEqual(['session']);
    await settle();
    expect(sent).toEqual([]);
  });

  it('the badge frame in the same tab gets the rating, attendance and PEP state, then each change', async () => {
    const session = await recognise();
    const port = badgePort();
    expect(background.handleBadgeFrame({ type: 'attach', session }, port)).toBe(session);
    await settle();
    const status = statuses.get('P1')!;
    expect(port.facts.at(-1)).toEqual({
      seq: expect.any(Number),
      phase: 'ready',
      rating: status.rag.overall,
      attendancePercent: status.attendance.academicYear.attendancePercent,
      pep: status.pep.state,
      name: 'Jane Smith',
      stale: false,
    } satisfies BadgeFacts);
  });

  it('a badge frame put in before the question waits for it, in its own tab only', async () => {
    const key = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
    const early = badgePort();
    const elsewhere = badgePort(badgeSender(8));
    expect(background.handleBadgeFrame({ type: 'attach', session: key }, early)).toBe(key);
    expect(() => background.handleBadgeFrame({ type: 'attach', session: key }, elsewhere)).toThrow('Unknown session');
    expect(early.facts).toEqual([]);
    expect(await recognise({ frameKey: key })).toBe(key);
    await settle();
    expect(early.facts.at(-1)).toMatchObject({ phase: 'ready', rating: statuses.get('P1')!.rag.overall });
    expect(elsewhere.facts).toEqual([]);
    await expect(recognise({ frameKey: key }, page('https://cms.example.org/people/P1', 9))).rejects.toThrow('in use');
  });

  it('a badge frame in another tab, or a page pretending to be one, gets nothing', async () => {
    const session = await recognise();
    expect(() => background.handleBadgeFrame({ type: 'attach', session }, badgePort(badgeSender(8)))).toThrow('Unknown session');
    expect(() => background.handleBadgeFrame({ type: 'attach', session }, badgePort({ ...badgeSender(), url: 'https://cms.example.org/badge.html' }))).toThrow();
    expect(() => background.handleBadgeFrame({ type: 'attach', session }, badgePort({ ...badgeSender(), id: 'another-extension' }))).toThrow();
  });

  it('a record that disagrees with the page: the badge gets no figures', async () => {
    const session = await recognise({ dateOfBirth: '04/03/2015' });
    await settle();
    const port = badgePort();
    background.handleBadgeFrame({ type: 'attach', session }, port);
    expect(port.facts.at(-1)!.phase).toBe('mismatch');
    expect(Object.keys(port.facts.at(-1)!).sort()).toEqual(['phase', 'seq', 'stale']);
  });

  it('a page that shows only an initial for the first name: "cannot confirm", no figures anywhere, and the badge and panel say why', async () => {
    const session = await recognise({ name: 'SMITH, J.' });
    await settle();
    const badge = badgePort();
    background.handleBadgeFrame({ type: 'attach', session }, badge);
    const why = 'This page shows only an initial for the first name, so EduBridge cannot be sure it is the same child.';
    expect(badge.facts.at(-1)).toEqual({ seq: expect.any(Number), phase: 'uncertain', stale: false, problem: why });
    const overlay = portFor(overlaySender());
    await background.handleOverlay({ type: 'attach', session }, overlay, undefined);
    expect(overlay.states.at(-1)).toMatchObject({ phase: 'uncertain', mismatchReasons: [why] });
    expect(overlay.states.every((state) => state.status === undefined)).toBe(true);
    expect(badges.get(7)).toBe('?');
    const popup = (await background.handlePage({ type: 'popup', tabId: 7 }, popupSender)) as { child: { status?: unknown } };
    expect(popup.child.status).toBeUndefined();
    expect(((await background.handlePage({ type: 'audit:csv' }, popupSender)) as { csv: string }).csv.trim().split('\r\n')).toHaveLength(1);
  });

  it.each([
    ['no name and no date of birth', { name: undefined, dateOfBirth: undefined }],
    ['a name only', { dateOfBirth: undefined }],
    ['a date of birth it cannot read', { dateOfBirth: 'spring 2015' }],
  ])('a page that shows %s: "open to see the record", no figures, and nothing fetched until the panel is opened', async (_label, fields) => {
    const session = await recognise(fields);
    await settle();
    const port = badgePort();
    background.handleBadgeFrame({ type: 'attach', session }, port);
    expect(port.facts.at(-1)).toEqual({ seq: expect.any(Number), phase: 'unconfirmed', stale: false });
    expect(requests).toEqual([]);
    const overlay = portFor(overlaySender());
    const attached = await background.handleOverlay({ type: 'attach', session }, overlay, undefined);
    await background.handleOverlay({ type: 'set-open', open: true }, overlay, attached);
    await settle();
    // Opened by the person: the panel (an extension page) shows the record to judge; the badge still no figures.
    expect(requests).toEqual(['P1']);
    expect(overlay.states.at(-1)).toMatchObject({ phase: 'ready' });
    expect(port.facts.at(-1)!.phase).toBe('unconfirmed');
    expect(port.facts.every((facts) => facts.rating === undefined)).toBe(true);
    const popup = (await background.handlePage({ type: 'popup', tabId: 7 }, popupSender)) as { child: { status?: unknown } };
    expect(popup.child.status).toBeUndefined();
  });
});

describe('one child per tab, and a recognition budget', () => {
  it('while one frame of a tab shows a child, another frame cannot start a second', async () => {
    statuses.set('P2', makeStatus({ personId: 'P2', firstName: 'Tom', lastName: 'Jones', dateOfBirth: '2014-01-01' }));
    await recognise();
    const hidden = { ...page('https://cms.example.org/people/P2'), frameId: 9 };
    await expect(recognise({ personId: 'P2', name: 'Tom Jones', dateOfBirth: '01/01/2014' }, hidden)).rejects.toThrow('already shows a child');
    // The same frame moving on to the next child is a person navigating.
    await expect(recognise({ personId: 'P2', name: 'Tom Jones', dateOfBirth: '01/01/2014' }, page('https://cms.example.org/people/P2'))).resolves.toBeTruthy();
  });

  it('two frames of a tab recognising two children at the same moment: only one of them starts, and only one child is fetched', async () => {
    statuses.set('P2', makeStatus({ personId: 'P2', firstName: 'Tom', lastName: 'Jones', dateOfBirth: '2014-01-01' }));
    const first = { ...page('https://cms.example.org/people/P1'), frameId: 3 };
    const second = { ...page('https://cms.example.org/people/P2'), frameId: 4 };
    const results = await Promise.allSettled([recognise({}, first), recognise({ personId: 'P2', name: 'Tom Jones', dateOfBirth: '01/01/2014' }, second)]);
    await settle();
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(String((results.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason)).toContain('already shows a child');
    expect(requests).toHaveLength(1);
  });

  it('a slowed child whose tab is closed while it waits is not fetched', async () => {
    const ids = Array.from({ length: RECOGNITION_BUDGET.freeChildren + 1 }, (_, i) => `C${i}`);
    for (const id of ids) statuses.set(id, makeStatus({ personId: id, firstName: 'Jane', lastName: 'Smith', dateOfBirth: '2015-03-03' }));
    for (const id of ids.slice(0, -1)) {
      await recognise({ personId: id }, page(`https://cms.example.org/people/${id}`));
      await settle();
    }
    const realSetTimeout = globalThis.setTimeout;
    // The tab is closed during the slow-down wait.
    globalThis.setTimeout = ((fn: () => void, ms?: number) => {
      if (ms && ms >= RECOGNITION_BUDGET.slowStepMs) {
        closedTabs.add(7);
        background.tabClosed(7);
      }
      return realSetTimeout(fn, 0);
    }) as typeof setTimeout;
    try {
      await expect(recognise({ personId: ids.at(-1) }, page(`https://cms.example.org/people/${ids.at(-1)}`))).rejects.toThrow('The tab was closed');
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    await settle();
    expect(requests).toEqual(ids.slice(0, -1));
  });

  it('a tab that moves through children quickly is slowed, then stopped and told why; nothing more is fetched', async () => {
    const ids = Array.from({ length: RECOGNITION_BUDGET.stopAtChildren + 2 }, (_, i) => `C${i}`);
    for (const id of ids) statuses.set(id, makeStatus({ personId: id, firstName: 'Jane', lastName: 'Smith', dateOfBirth: '2015-03-03' }));
    const waits: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    // The slow-down waits are recorded rather than waited for.
    globalThis.setTimeout = ((fn: () => void, ms?: number) => {
      if (ms && ms >= RECOGNITION_BUDGET.slowStepMs) waits.push(ms);
      return realSetTimeout(fn, 0);
    }) as typeof setTimeout;
    const facts: BadgeFacts[] = [];
    try {
      for (const id of ids) {
        const session = await recognise({ personId: id }, page(`https://cms.example.org/people/${id}`));
        await settle();
        const port = badgePort();
        background.handleBadgeFrame({ type: 'attach', session }, port);
        facts.push(port.facts.at(-1)!);
        now += 1_000;
      }
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    const free = RECOGNITION_BUDGET.freeChildren;
    expect(waits).toEqual(Array.from({ length: RECOGNITION_BUDGET.stopAtChildren - 1 - free }, (_, i) => (i + 1) * RECOGNITION_BUDGET.slowStepMs));
    const stopped = facts.slice(RECOGNITION_BUDGET.stopAtChildren - 1);
    expect(stopped.every((f) => f.phase === 'stopped' && f.rating === undefined)).toBe(true);
    expect(stopped[0]!.problem).toContain('faster than a person reads them');
    expect(requests).toEqual(ids.slice(0, RECOGNITION_BUDGET.stopAtChildren - 1));
    expect(badges.get(7)).toBe('!');
    // Another tab is not affected; closing the tab ends the stop.
    await expect(recognise({}, page('https://cms.example.org/people/P1', 8))).resolves.toBeTruthy();
    background.tabClosed(7);
    const again = await recognise({}, page('https://cms.example.org/people/P1', 7));
    const port = badgePort();
    background.handleBadgeFrame({ type: 'attach', session: again }, port);
    expect(port.facts.at(-1)!.phase).not.toBe('stopped');
  });
});

describe('purpose and page origin go with every request', () => {
  it('a case record page and a caseload page say which, and where', async () => {
    await recognise();
    await settle();
    await background.handleContent({ type: 'caseload', adapterId: 'test-cms', rows: [{ personId: 'P1', text: 'Jane Smith P1' }] }, page('https://cms.example.org/caseload'));
    // (Signed in through the browser, the extension also asks who is signed in: see below.)
    expect(contexts.filter((context) => context.purpose !== 'who is signed in')).toEqual([
      { purpose: 'case record page', pageOrigin: 'https://cms.example.org' },
      { purpose: 'caseload page', pageOrigin: 'https://cms.example.org' },
    ]);
  });
});

function chipPort(sender = chipSender()): FramePort<ChipFacts> & { chips: ChipFacts[] } {
  const chips: ChipFacts[] = [];
  return { sender, chips, postMessage: (chip) => void chips.push(chip) };
}

describe('caseload chips', () => {
  it('asks for summaries of the rows shown only, and gives each row frame its rating or nothing', async () => {
    statuses.set('P2', makeStatus({ personId: 'P2', firstName: 'Tom', lastName: 'Jones', dateOfBirth: '2014-01-01' }));
    const rows = [
      { personId: 'P1', text: 'Jane Smith  P1  Year 5' },
      { personId: 'P9', text: 'Nobody Known  P9' },
      // The row's name disagrees with the record: no chip.
      { personId: 'P2', text: 'Jane Smith  P2' },
    ];
    const reply = (await background.handleContent({ type: 'caseload', adapterId: 'test-cms', rows }, page('https://cms.example.org/caseload'))) as { session: string };
    expect(Object.keys(reply)).toEqual(['session']);
    expect(summaryRequests).toEqual([['P1', 'P9', 'P2']]);
    expect(requests).toEqual([]);
    expect(await db.statuses.count()).toBe(0);
    const chips = [0, 1, 2].map((index) => {
      const port = chipPort();
      background.handleChipFrame({ type: 'attach', session: reply.session, index }, port);
      return port.chips[0];
    });
    // P1 has something overdue: the chip says so beside the rating.
    expect(chips).toEqual([{ overall: statuses.get('P1')!.rag.overall, action: 'overdue' }, {}, {}]);
    const csv = ((await background.handlePage({ type: 'audit:csv' }, popupSender)) as { csv: string }).csv;
    expect(csv).toContain(',P1,https://cms.example.org,caseload');
    expect(csv).not.toContain('P2');
    expect(() => background.handleChipFrame({ type: 'attach', session: reply.session, index: 0 }, chipPort(chipSender(8)))).toThrow('Unknown session');
  });

  it('refuses more rows than the API will answer for at once', async () => {
    const rows = Array.from({ length: 201 }, (_, i) => ({ personId: `P${i}`, text: 'x' }));
    await expect(background.handleContent({ type: 'caseload', adapterId: 'test-cms', rows }, page('https://cms.example.org/caseload'))).rejects.toThrow('Malformed');
    expect(summaryRequests).toEqual([]);
  });
});

describe('the saved data belongs to the person signed in', () => {
  it('a new access token: the last person\'s saved children are gone before anything is shown or searched', async () => {
    await background.handlePage({ type: 'settings:set', patch: { authMode: 'token', token: 'first-person' } }, popupSender);
    await recognise();
    await settle();
    expect(await background.handlePage({ type: 'search', query: 'smith' }, popupSender)).toMatchObject([{ personId: 'P1' }]);
    await background.handlePage({ type: 'settings:set', patch: { token: 'second-person' } }, popupSender);
    expect(await db.statuses.count()).toBe(0);
    expect(await background.handlePage({ type: 'search', query: 'smith' }, popupSender)).toEqual([]);
  });

  it('signed in through the browser: a different person in the API\'s "who am I" purges the cache', async () => {
    me = '{"user":"first"}';
    await recognise();
    await settle();
    expect(await db.statuses.count()).toBe(1);
    me = '{"user":"second"}';
    now += 60_000;
    expect(await background.handlePage({ type: 'search', query: 'smith' }, popupSender)).toEqual([]);
    expect(await db.statuses.count()).toBe(0);
  });

  it('a 401: everything saved is deleted and no saved figures are shown', async () => {
    const first = await recognise();
    await settle();
    const port = badgePort();
    background.handleBadgeFrame({ type: 'attach', session: first }, port);
    expect(port.facts.at(-1)!.rating).toBeDefined();
    now += 2 * 3_600_000;
    failure = new ApiProblem('unauthorised', 401);
    const session = await recognise();
    await settle();
    const overlay = portFor(overlaySender());
    await background.handleOverlay({ type: 'attach', session }, overlay, undefined);
    expect(overlay.states.at(-1)).toMatchObject({ phase: 'unavailable', status: undefined, problem: { kind: 'unauthorised' } });
    const badge = badgePort();
    background.handleBadgeFrame({ type: 'attach', session }, badge);
    expect(badge.facts.at(-1)).toMatchObject({ phase: 'unavailable', stale: false });
    expect(badge.facts.at(-1)!.rating).toBeUndefined();
    expect(await db.statuses.count()).toBe(0);
    expect(await background.handlePage({ type: 'search', query: 'smith' }, popupSender)).toEqual([]);
  });
});

describe('the popup and options', () => {
  it('refuses settings messages from a content script', async () => {
    await expect(background.handlePage({ type: 'settings:get' }, page('https://cms.example.org/people/P1'))).rejects.toThrow();
  });

  it('refuses to change a setting the organisation set', async () => {
    managed = { apiBaseUrl: 'https://edu.council.example/' };
    await expect(background.handlePage({ type: 'settings:set', patch: { apiBaseUrl: 'https://evil.example/' } }, popupSender)).rejects.toThrow(
      'apiBaseUrl: set by your organisation',
    );
  });

  it('refuses a cache lifetime above the policy cap', async () => {
    managed = { maxCacheHours: 4 };
    await expect(background.handlePage({ type: 'settings:set', patch: { cacheHours: 12 } }, popupSender)).rejects.toThrow('at most 4 hours');
  });

  it('never hands the token to a page', async () => {
    await background.handlePage({ type: 'settings:set', patch: { token: 'secret-token', authMode: 'token' } }, popupSender);
    const view = JSON.stringify(await background.handlePage({ type: 'settings:get' }, popupSender));
    expect(view).not.toContain('secret-token');
    expect(view).toContain('"tokenSet":true');
  });

  it('sign-out purges saved data and forgets the token', async () => {
    await background.handlePage({ type: 'settings:set', patch: { token: 'secret-token' } }, popupSender);
    await recognise();
    await settle();
    await background.handlePage({ type: 'signout' }, popupSender);
    expect(await db.statuses.count()).toBe(0);
    expect(((await background.handlePage({ type: 'settings:get' }, popupSender)) as { settings: { tokenSet: boolean } }).settings.tokenSet).toBe(false);
  });

  it('changing the API address purges data from the old one', async () => {
    await recognise();
    await settle();
    await background.handlePage({ type: 'settings:set', patch: { apiBaseUrl: 'https://other.council.example/' } }, popupSender);
    expect(await db.statuses.count()).toBe(0);
  });

  it('the popup shows the current tab\'s child and searches saved children', async () => {
    await recognise();
    await settle();
    const view = (await background.handlePage({ type: 'popup', tabId: 7 }, popupSender)) as { child: { status: EducationStatus }; connection: { state: string } };
    expect(view.child.status.child.displayName).toBe('Jane Smith');
    expect(view.connection.state).toBe('ok');
    expect(await background.handlePage({ type: 'search', query: 'smith' }, popupSender)).toMatchObject([{ personId: 'P1' }]);
  });

  it('the popup lists saved children needing action, overdue first, judged on today\'s date, each recorded as shown', async () => {
    const cache = new StatusCache(db, () => 24, () => now);
    const child = (personId: string, firstName: string, change: (status: EducationStatus) => void): EducationStatus => {
      const status = makeStatus({ personId, firstName, lastName: 'Test' });
      status.flags = status.flags.filter((flag) => flag.severity === 'info');
      status.rag.overall = 'green';
      change(status);
      return status;
    };
    const explained = (text: string) => ({ key: 'test', params: {}, text });
    // Today is 13 March 2026 in the test's clock.
    await cache.put(child('P10', 'Amber', (s) => {
      s.pep.nextDue = '2026-05-01';
      s.rag.overall = 'amber';
      s.flags.push({ key: 'attendance-declining', area: 'attendance', severity: 'amber', title: explained('Attendance falling'), meaning: explained('m') });
    }));
    await cache.put(child('P11', 'Green', (s) => (s.pep.nextDue = '2026-05-01')));
    await cache.put(child('P12', 'Due', (s) => (s.pep.nextDue = '2026-03-16')));
    // Saved as due soon on the 10th; by today the date has passed.
    await cache.put(child('P13', 'Late', (s) => ((s.asOf = '2026-03-10'), (s.pep.nextDue = '2026-03-12'))));
    // Saved, but only ever fetched to be compared with a page that did not confirm it: never listed.
    await cache.put(child('P14', 'Unconfirmed', (s) => (s.pep.nextDue = '2026-03-01')));
    // The others were shown on a case record page that confirmed them.
    for (const id of ['P10', 'P11', 'P12', 'P13']) await db.audit.add({ at: new Date(now).toISOString(), personId: id, origin: 'https://cms.council.example', shownIn: 'page' });
    const view = (await background.handlePage({ type: 'popup' }, popupSender)) as { needsAction: unknown[] };
    expect(view.needsAction).toEqual([
      { personId: 'P13', displayName: 'Late Test', level: 'overdue', reason: 'PEP overdue since 12 March 2026' },
      { personId: 'P12', displayName: 'Due Test', level: 'due-this-week', reason: 'PEP due by 16 March 2026' },
      { personId: 'P10', displayName: 'Amber Test', level: 'amber', reason: 'Attendance falling' },
    ]);
    const csv = ((await background.handlePage({ type: 'audit:csv' }, popupSender)) as { csv: string }).csv;
    for (const id of ['P10', 'P12', 'P13']) expect(csv).toContain(`,${id},popup,popup`);
    expect(csv).not.toContain('P11,popup');
    expect(csv).not.toContain('P14');
  });
});

describe('signed in with a council account (authMode "oidc")', () => {
  /** The council sign-in, as the background sees it (the protocol itself is tested against a real provider
   * in sign-in.test.ts). `next` is who the provider signs in next. */
  let signedIn: StoredSignIn | undefined;
  let next: { subject: string; name: string } | 'cancelled';
  let alarm: number | undefined;
  let signedOutBadge: boolean;
  let configs: SignInConfig[];
  let revoked: { config: SignInConfig; token: string | undefined }[];
  const OIDC = { authMode: 'oidc', oidcIssuer: 'https://login.council.example/tenant/v2.0', oidcClientId: 'edubridge-extension' };

  beforeEach(async () => {
    signedIn = undefined;
    next = { subject: 'rachel', name: 'Rachel Sharma' };
    alarm = undefined;
    signedOutBadge = false;
    configs = [];
    revoked = [];
    background = new Background({
      ...deps,
      signIn: {
        async signIn(config) {
          configs.push(config);
          if (next === 'cancelled') throw new SignInError('cancelled', 'The sign-in window was closed before you signed in.');
          signedIn = { issuer: config.issuer, clientId: config.clientId, subject: next.subject, name: next.name, accessToken: `token-${next.subject}`, obtainedAt: now, expiresAt: now + 3_600_000, refreshToken: 'r' };
          return signedIn;
        },
        current: async () => signedIn,
        accessToken: async () => signedIn?.accessToken,
        refresh: async () => signedIn,
        signOut: async () => void (signedIn = undefined),
        async signOutAndRevoke(config) {
          revoked.push({ config, token: signedIn?.accessToken });
          signedIn = undefined;
        },
      },
      scheduleSignInRefresh: (when) => void (alarm = when),
      showSignedOut: async (value) => void (signedOutBadge = value),
    });
    await background.handlePage({ type: 'settings:set', patch: OIDC }, popupSender);
  });

  it('signs in with the configured provider and sets the renewal alarm before the token expires', async () => {
    const account = await background.handlePage({ type: 'signin' }, popupSender);
    expect(account).toEqual({ mode: 'oidc', signedIn: true, name: 'Rachel Sharma' });
    expect(configs).toEqual([{ issuer: OIDC.oidcIssuer, clientId: OIDC.oidcClientId, scope: 'openid profile email offline_access', resource: '' }]);
    expect(alarm).toBe(now + 3_600_000 - 5 * 60_000);
  });

  it('a closed sign-in window is said in words, and nobody is signed in', async () => {
    next = 'cancelled';
    await expect(background.handlePage({ type: 'signin' }, popupSender)).rejects.toThrow('The sign-in window was closed');
    expect(((await background.handlePage({ type: 'popup' }, popupSender)) as PopupView).account).toEqual({ mode: 'oidc', signedIn: false });
  });

  it('signed out, the panel says how to sign in', async () => {
    failure = new ApiProblem('unauthorised');
    const session = await recognise();
    await settle();
    const overlay = portFor(overlaySender());
    await background.handleOverlay({ type: 'attach', session }, overlay, undefined);
    expect(overlay.states.at(-1)).toMatchObject({ phase: 'unavailable', status: undefined, problem: { kind: 'unauthorised', message: expect.stringMatching(/Sign in with your council account/) } });
  });

  it('another person signing in: the last person\'s saved children are deleted first', async () => {
    await background.handlePage({ type: 'signin' }, popupSender);
    await recognise();
    await settle();
    expect(await db.statuses.count()).toBe(1);
    next = { subject: 'dee', name: 'Dee Teacher' };
    await background.handlePage({ type: 'signin' }, popupSender);
    expect(await db.statuses.count()).toBe(0);
    expect(await background.handlePage({ type: 'search', query: 'smith' }, popupSender)).toEqual([]);
  });

  it('a 401 while signed in ends the sign-in: tokens forgotten, saved data deleted, the toolbar button and popup say so', async () => {
    await background.handlePage({ type: 'signin' }, popupSender);
    await recognise();
    await settle();
    expect(await db.statuses.count()).toBe(1);
    now += 60_000;
    failure = new ApiProblem('unauthorised', 401);
    await recognise({}, page('https://cms.example.org/people/P1', 8));
    await settle();
    expect(signedIn).toBeUndefined();
    expect(alarm).toBeUndefined();
    expect(signedOutBadge).toBe(true);
    expect(await db.statuses.count()).toBe(0);
    const popup = (await background.handlePage({ type: 'popup' }, popupSender)) as PopupView;
    expect(popup.account).toMatchObject({ mode: 'oidc', signedIn: false, notice: expect.stringMatching(/did not accept your council sign-in/) });
    // Signing in again clears the notice and the toolbar button.
    failure = undefined;
    await background.handlePage({ type: 'signin' }, popupSender);
    expect(signedOutBadge).toBe(false);
    expect(((await background.handlePage({ type: 'popup' }, popupSender)) as PopupView).account).toEqual({ mode: 'oidc', signedIn: true, name: 'Rachel Sharma' });
  });

  it('a renewal the provider refuses (the alarm) ends the sign-in and deletes the saved data', async () => {
    await background.handlePage({ type: 'signin' }, popupSender);
    await recognise();
    await settle();
    const withRefusal = new Background({
      ...deps,
      signIn: { signIn: async () => signedIn!, current: async () => signedIn, accessToken: async () => signedIn?.accessToken, refresh: async () => ((signedIn = undefined), undefined), signOut: async () => void (signedIn = undefined), signOutAndRevoke: async () => void (signedIn = undefined) },
      scheduleSignInRefresh: (when) => void (alarm = when),
      showSignedOut: async (value) => void (signedOutBadge = value),
    });
    now += 3_600_000 - 60_000;
    await withRefusal.refreshSignIn();
    expect(signedIn).toBeUndefined();
    expect(alarm).toBeUndefined();
    expect(signedOutBadge).toBe(true);
    expect(await db.statuses.count()).toBe(0);
  });

  it('changing the identity provider or client ends the sign-in', async () => {
    await background.handlePage({ type: 'signin' }, popupSender);
    await background.handlePage({ type: 'settings:set', patch: { oidcClientId: 'another-client' } }, popupSender);
    expect(signedIn).toBeUndefined();
    expect(alarm).toBeUndefined();
  });

  it('refuses an identity provider on plain http (other than this computer)', async () => {
    await expect(background.handlePage({ type: 'settings:set', patch: { oidcIssuer: 'http://login.council.example/' } }, popupSender)).rejects.toThrow(/oidcIssuer: .*https/);
  });

  it('signing out forgets the tokens and the saved data, and asks the provider to revoke the tokens', async () => {
    await background.handlePage({ type: 'signin' }, popupSender);
    await recognise();
    await settle();
    await background.handlePage({ type: 'signout' }, popupSender);
    expect(revoked).toEqual([{ config: { issuer: OIDC.oidcIssuer, clientId: OIDC.oidcClientId, scope: 'openid profile email offline_access', resource: '' }, token: 'token-rachel' }]);
    expect(signedIn).toBeUndefined();
    expect(await db.statuses.count()).toBe(0);
    expect(signedOutBadge).toBe(false);
  });
});
