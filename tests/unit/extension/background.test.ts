import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EducationStatus } from '../../../core/model/index.ts';
import { Adapter } from '../../../extension/lib/adapters/schema.ts';
import { ApiProblem, type StatusApi } from '../../../extension/lib/background/api.ts';
import { Background, type MessageSender, type OverlayPort } from '../../../extension/lib/background/service.ts';
import { openDb, type EduBridgeDb } from '../../../extension/lib/db.ts';
import type { BadgeFacts, BadgeUpdate, OverlayState, RecognisedReply } from '../../../extension/lib/messages.ts';
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
let sent: { tabId: number; frameId: number; message: unknown }[];

function api(): StatusApi {
  return {
    async status(personId) {
      requests.push(personId);
      if (failure) throw failure;
      const status = statuses.get(personId);
      if (!status) throw new ApiProblem('not-found', 404);
      return status;
    },
    async caseload() {
      requests.push('caseload');
      if (failure) throw failure;
      return [...statuses.values()];
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
  sent = [];
  let counter = 0;
  background = new Background({
    runtimeId: 'abcdefghijklmnop',
    extensionOrigin: EXT,
    builtInAdapters: [ADAPTER, OTHER_ADAPTER],
    defaultApiBaseUrl: 'https://edu.council.example/',
    db,
    readManaged: async () => managed,
    createApi: () => api(),
    setBadge: async (tabId, text) => void badges.set(tabId, text),
    grantedOrigins: async () => ['https://cms.example.org/*'],
    syncContentScripts: async () => undefined,
    sendToTab: async (tabId, frameId, message) => (sent.push({ tabId, frameId, message }), {}),
    tabUrl: async (tabId) => tabUrls.get(tabId),
    now: () => now,
    randomId: () => `session-${String(++counter).padStart(12, '0')}`,
  });
});
afterEach(async () => {
  await settle();
  db.close();
  await Dexie.delete(db.name);
});

const page = (url: string, tabId = 7): MessageSender => ({ id: 'abcdefghijklmnop', url, tab: { id: tabId }, frameId: 0 });
const overlaySender = (tabId = 7): MessageSender => ({ id: 'abcdefghijklmnop', url: `${EXT}/overlay.html#x`, tab: { id: tabId }, frameId: 3 });
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
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
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
    ['unauthorised', 'unauthorised', 'not signed in'],
    ['server', 'server', 'had a problem (error 500)'],
    ['schema', 'schema', 'does not understand'],
  ] as const)('%s: says so and keeps showing the last good data with its age', async (_label, kind, words) => {
    await recognise();
    await settle();
    now += 2 * 3_600_000;
    failure = new ApiProblem(kind, kind === 'server' ? 500 : kind === 'unauthorised' ? 401 : undefined);
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

describe("the badge's facts, the only figures the content script receives", () => {
  const BADGE_FIELDS = ['seq', 'phase', 'rating', 'attendancePercent', 'pep', 'name', 'stale', 'problem'];
  const recogniseReply = async (message: Record<string, unknown> = {}) =>
    (await background.handleContent(
      { type: 'recognised', adapterId: 'test-cms', personId: 'P1', name: 'Jane Smith', dateOfBirth: '03/03/2015', missing: [], ...message },
      page('https://cms.example.org/people/P1'),
    )) as Extract<RecognisedReply, { session: string }>;
  const updates = () => sent.map((s) => s.message as BadgeUpdate).filter((m) => m.type === 'badge');

  it('nothing saved: the reply says "loading", then one update brings the rating, attendance and PEP state', async () => {
    const reply = await recogniseReply();
    expect(reply.badge).toMatchObject({ phase: 'loading' });
    expect(reply.badge.rating).toBeUndefined();
    await settle();
    const status = statuses.get('P1')!;
    const last = updates().at(-1)!;
    expect(last.session).toBe(reply.session);
    expect(sent.at(-1)).toMatchObject({ tabId: 7, frameId: 0 });
    expect(last.badge).toEqual({
      seq: expect.any(Number),
      phase: 'ready',
      rating: status.rag.overall,
      attendancePercent: status.attendance.academicYear.attendancePercent,
      pep: status.pep.state,
      name: 'Jane Smith',
      stale: false,
    } satisfies BadgeFacts);
    expect(last.badge.seq).toBeGreaterThan(reply.badge.seq);
  });

  it('a saved copy: the reply itself carries the figures, and nothing else about the child', async () => {
    await recogniseReply();
    await settle();
    const reply = await recogniseReply();
    expect(reply.badge).toMatchObject({ phase: 'ready', rating: statuses.get('P1')!.rag.overall });
    for (const key of Object.keys(reply.badge)) expect(BADGE_FIELDS).toContain(key);
  });

  it('a record that disagrees with the page: the badge gets no figures', async () => {
    await recogniseReply({ dateOfBirth: '04/03/2015' });
    await settle();
    const last = updates().at(-1)!.badge;
    expect(last.phase).toBe('mismatch');
    expect(Object.keys(last).sort()).toEqual(['phase', 'seq', 'stale']);
  });
});

describe('caseload chips', () => {
  it('gives the overall rating of each listed child the user may see', async () => {
    const reply = await background.handleContent({ type: 'caseload', adapterId: 'test-cms', personIds: ['P1', 'P9'] }, page('https://cms.example.org/caseload'));
    expect(reply).toEqual({ chips: [{ personId: 'P1', overall: 'amber', name: 'Jane Smith' }] });
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
});
