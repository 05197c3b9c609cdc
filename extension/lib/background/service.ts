import type { EducationStatus } from '../../../core/model/index.ts';
import { Adapter, describeAdapterProblems } from '../adapters/schema.ts';
import { exampleFailures, hostMatches, matchPage } from '../adapters/url.ts';
import { AuditLog, auditCsv } from '../audit.ts';
import { StatusCache } from '../cache.ts';
import type { EduBridgeDb } from '../db.ts';
import { testConnection, type ConnectionReport } from '../connection.ts';
import { confirmIdentity } from '../identity.ts';
import {
  ContentMessage,
  OverlayMessage,
  type BadgeFacts,
  type BadgeUpdate,
  PageMessage,
  type DiagnoseResult,
  type RecognisedReply,
  type OverlayState,
  type PopupView,
  type SettingsView,
} from '../messages.ts';
import { problemMessage, type Problem } from '../problems.ts';
import {
  activeAdapters,
  defaultSettings,
  mergeSettings,
  readUserSettings,
  SETTING_FIELDS,
  UserSettings,
  type EffectiveSettings,
} from '../settings.ts';
import { ApiProblem, type StatusApi } from './api.ts';

/**
 * The background's logic as plain async functions over injected dependencies, so it is tested without a
 * browser. background.ts only wires these to the browser's events.
 */

export interface MessageSender {
  id?: string | undefined;
  url?: string | undefined;
  tab?: { id?: number | undefined } | undefined;
  frameId?: number | undefined;
}

export interface OverlayPort {
  sender?: MessageSender | undefined;
  postMessage(message: OverlayState): void;
}

export interface BackgroundDeps {
  runtimeId: string;
  /** e.g. "chrome-extension://abc…" (no trailing slash). */
  extensionOrigin: string;
  builtInAdapters: Adapter[];
  defaultApiBaseUrl: string;
  db: EduBridgeDb;
  readManaged(): Promise<unknown>;
  createApi(settings: EffectiveSettings): StatusApi;
  setBadge(tabId: number, text: string, title: string): Promise<void>;
  grantedOrigins(): Promise<string[]>;
  syncContentScripts(): Promise<void>;
  sendToTab(tabId: number, frameId: number, message: unknown): Promise<unknown>;
  /** The address a tab's top frame shows now. A message's `sender.url` is the address the document was
   * loaded at, which a single-page application changes without reloading. */
  tabUrl(tabId: number): Promise<string | undefined>;
  now(): number;
  randomId(): string;
}

/** A refused message: the reason goes back to the sender, nothing else happens. */
export class Refused extends Error {
  override name = 'Refused';
}

interface TabSession {
  session: string;
  tabId: number;
  frameId: number;
  origin: string;
  pageKey: string;
  adapter: Adapter;
  personId: string;
  page: { name?: string | undefined; dateOfBirth?: string | undefined };
  diagnostics: string[];
  state: OverlayState;
  ports: Set<OverlayPort>;
  audited: boolean;
  /** The badge's facts last given to the content script (to send only changes). */
  badgeSent?: string;
}

const OPEN_KEY = 'overlayOpen';
const SETTINGS_KEY = 'settings';
/** Within this many ms of the last fetch, showing the cached copy again does not refetch. */
const REFRESH_AFTER_MS = 15_000;
const CASELOAD_REFRESH_MS = 5 * 60_000;

export class Background {
  private readonly sessions = new Map<string, TabSession>();
  private readonly byTab = new Map<number, string>();
  private readonly dismissedPages = new Set<string>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly cache: StatusCache;
  private readonly audit: AuditLog;
  private settingsCache: EffectiveSettings | undefined;
  private connection: { state: 'ok' | 'unknown' | Problem['kind']; message: string; checkedAt?: number } = {
    state: 'unknown',
    message: 'Not connected yet.',
  };
  private lastContentTab: { tabId: number; frameId: number } | undefined;
  private caseloadFetchedAt = 0;

  constructor(private readonly deps: BackgroundDeps) {
    this.cache = new StatusCache(deps.db, () => this.settingsCache?.cacheHours ?? 24, deps.now);
    this.audit = new AuditLog(deps.db, () => new Date(deps.now()));
  }

  // ---- settings -------------------------------------------------------------------------------

  async settings(): Promise<EffectiveSettings> {
    if (this.settingsCache) return this.settingsCache;
    const stored = await this.deps.db.kv.get(SETTINGS_KEY);
    const user = readUserSettings(stored?.value, defaultSettings(this.deps.defaultApiBaseUrl));
    let managed: unknown = undefined;
    try {
      managed = await this.deps.readManaged();
    } catch {
      managed = undefined;
    }
    this.settingsCache = mergeSettings(user, managed);
    return this.settingsCache;
  }

  /** Forget the settings read, e.g. when the managed policy changes. */
  invalidateSettings(): void {
    this.settingsCache = undefined;
  }

  async updateSettings(patch: Record<string, unknown>): Promise<SettingsView> {
    const current = await this.settings();
    const stored = await this.deps.db.kv.get(SETTINGS_KEY);
    const user = readUserSettings(stored?.value, defaultSettings(this.deps.defaultApiBaseUrl));
    const problems: string[] = [];
    for (const [field, value] of Object.entries(patch)) {
      if (!(SETTING_FIELDS as readonly string[]).includes(field)) {
        problems.push(`${field}: not a setting`);
        continue;
      }
      if (current.locked.includes(field as (typeof SETTING_FIELDS)[number])) {
        problems.push(`${field}: set by your organisation`);
        continue;
      }
      const parsed = UserSettings.shape[field as keyof typeof UserSettings.shape].safeParse(value);
      if (!parsed.success) {
        problems.push(`${field}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`.trim()).join('; ')}`);
        continue;
      }
      if (field === 'cacheHours' && (parsed.data as number) > current.maxCacheHours) {
        problems.push(`cacheHours: your organisation allows at most ${current.maxCacheHours} hours`);
        continue;
      }
      (user as Record<string, unknown>)[field] = parsed.data;
    }
    if (problems.length) throw new Refused(problems.join('\n'));
    const apiChanged = patch.apiBaseUrl !== undefined && patch.apiBaseUrl !== current.apiBaseUrl;
    await this.deps.db.kv.put({ key: SETTINGS_KEY, value: user });
    this.invalidateSettings();
    // Data from one service is never shown as if it came from another.
    if (apiChanged) await this.cache.purgeAll();
    this.connection = { state: 'unknown', message: 'Not connected yet.' };
    await this.deps.syncContentScripts();
    return this.settingsView();
  }

  async settingsView(): Promise<SettingsView> {
    const settings = await this.settings();
    const { token, ...rest } = settings;
    return { settings: { ...rest, tokenSet: token.length > 0 }, builtInAdapters: this.deps.builtInAdapters, grantedOrigins: await this.deps.grantedOrigins() };
  }

  async adapters(): Promise<Adapter[]> {
    return activeAdapters(this.deps.builtInAdapters, await this.settings());
  }

  apiOrigin(settings: EffectiveSettings): string {
    try {
      return new URL(settings.apiBaseUrl).origin;
    } catch {
      return settings.apiBaseUrl;
    }
  }

  // ---- messages from content scripts ---------------------------------------------------------------

  private async contentSender(sender: MessageSender): Promise<{ tabId: number; frameId: number; url: URL }> {
    if (sender.id !== this.deps.runtimeId) throw new Refused('Not from this extension');
    const tabId = sender.tab?.id;
    if (tabId === undefined || tabId < 0 || !sender.url) throw new Refused('Not from a page in a tab');
    const frameId = sender.frameId ?? 0;
    const loaded = new URL(sender.url);
    // The top frame's current address, as the browser (not the page) reports it, from the same origin.
    const current = frameId === 0 ? await this.deps.tabUrl(tabId).catch(() => undefined) : undefined;
    const url = current && new URL(current).origin === loaded.origin ? new URL(current) : loaded;
    if (url.origin === this.deps.extensionOrigin || !/^https?:$/.test(url.protocol)) throw new Refused('Not from a web page');
    return { tabId, frameId, url };
  }

  async handleContent(raw: unknown, sender: MessageSender): Promise<unknown> {
    const from = await this.contentSender(sender);
    const parsed = ContentMessage.safeParse(raw);
    if (!parsed.success) throw new Refused('Malformed message');
    const message = parsed.data;
    this.lastContentTab = { tabId: from.tabId, frameId: from.frameId };
    switch (message.type) {
      case 'hello': {
        const adapters = (await this.adapters()).filter((adapter) => hostMatches(adapter.hosts, from.url));
        return { adapters };
      }
      case 'recognised':
        return this.recognised(message, from);
      case 'left':
        this.leave(from.tabId, from.frameId);
        return {};
      case 'caseload':
        return this.caseloadChips(message, from);
    }
  }

  private pageKey(url: URL): string {
    return `${url.origin}${url.pathname}${url.search}`;
  }

  private async recognised(
    message: Extract<ContentMessage, { type: 'recognised' }>,
    from: { tabId: number; frameId: number; url: URL },
  ): Promise<RecognisedReply> {
    const adapter = (await this.adapters()).find((a) => a.id === message.adapterId);
    if (!adapter) throw new Refused('No such adapter');
    const match = matchPage([adapter], from.url.href);
    if (match?.kind !== 'child') throw new Refused("This page's address is not a child's record for that adapter");
    // A page cannot ask for a child other than the one its address names.
    if (match.idFromUrl !== undefined && match.idFromUrl !== message.personId)
      throw new Refused("The person ID asked for is not the one in the page's address");
    this.leave(from.tabId, from.frameId);
    const pageKey = this.pageKey(from.url);
    if (this.dismissedPages.has(pageKey)) return { dismissed: true };
    const open = (await this.deps.db.kv.get(OPEN_KEY))?.value === true;
    const session: TabSession = {
      session: this.deps.randomId(),
      tabId: from.tabId,
      frameId: from.frameId,
      origin: from.url.origin,
      pageKey,
      adapter,
      personId: message.personId,
      page: { name: message.name, dateOfBirth: message.dateOfBirth },
      diagnostics: message.missing,
      ports: new Set(),
      audited: false,
      state: {
        phase: 'loading',
        personId: message.personId,
        refreshing: true,
        diagnostics: message.missing,
        open,
        now: this.deps.now(),
      },
    };
    this.sessions.set(session.session, session);
    this.byTab.set(from.tabId, session.session);
    // The reply waits for the saved copy (a local read), so a badge with a warm cache shows its figures at
    // once; later changes (the API's answer) follow as `badge` messages.
    let savedCopyRead: () => void = () => undefined;
    const read = new Promise<void>((resolve) => (savedCopyRead = resolve));
    void this.load(session, false, savedCopyRead)
      .catch(() =>
        this.update(session, { phase: 'unavailable', refreshing: false, problem: { kind: 'offline', message: 'EduBridge could not read its saved data.' } }),
      )
      .finally(savedCopyRead);
    await read;
    const badge = this.badgeFacts(session);
    session.badgeSent = JSON.stringify({ ...badge, seq: 0 });
    return { session: session.session, badge };
  }

  private badgeSeq = 0;

  /** The badge's few facts from a session's state: never more than the rating, attendance and PEP state. */
  private badgeFacts(session: TabSession): BadgeFacts {
    const { phase, status, problem } = session.state;
    const facts: BadgeFacts = { seq: ++this.badgeSeq, phase, stale: phase === 'unavailable' && status !== undefined };
    if (status && phase !== 'mismatch') {
      facts.rating = status.rag.overall;
      facts.attendancePercent = status.attendance.academicYear.attendancePercent;
      facts.pep = status.pep.state;
      facts.name = status.child.displayName;
    } else if (problem) facts.problem = problem.message;
    return facts;
  }

  /** Tells the content script when the badge's facts change. */
  private pushBadge(session: TabSession): void {
    if (session.badgeSent === undefined || !this.sessions.has(session.session)) return;
    const badge = this.badgeFacts(session);
    const key = JSON.stringify({ ...badge, seq: 0 });
    if (key === session.badgeSent) return;
    session.badgeSent = key;
    const update: BadgeUpdate = { type: 'badge', session: session.session, badge };
    void this.deps.sendToTab(session.tabId, session.frameId, update).catch(() => undefined);
  }

  leave(tabId: number, frameId?: number): void {
    const id = this.byTab.get(tabId);
    if (!id) return;
    const session = this.sessions.get(id);
    if (session && frameId !== undefined && session.frameId !== frameId) return;
    this.sessions.delete(id);
    this.byTab.delete(tabId);
    void this.deps.setBadge(tabId, '', 'EduBridge');
  }

  /** Shows the cached copy at once, then refreshes it from the API. */
  async load(session: TabSession, force = false, savedCopyRead: () => void = () => undefined): Promise<void> {
    const cached = await this.cache.get(session.personId);
    if (cached) this.show(session, cached.status, cached.fetchedAt, undefined, true);
    savedCopyRead();
    if (!force && cached && this.deps.now() - cached.fetchedAt < REFRESH_AFTER_MS) {
      this.update(session, { refreshing: false });
      return;
    }
    await this.refresh(session.personId);
    if (!this.sessions.has(session.session)) return;
    const fresh = await this.cache.get(session.personId);
    const problem = this.lastProblem.get(session.personId);
    if (problem) {
      if (problem.kind === 'not-found') this.update(session, { phase: 'no-record', status: undefined, fetchedAt: undefined, problem, refreshing: false });
      else if (fresh) this.show(session, fresh.status, fresh.fetchedAt, problem, false);
      else this.update(session, { phase: 'unavailable', status: undefined, fetchedAt: undefined, problem, refreshing: false });
    } else if (fresh) this.show(session, fresh.status, fresh.fetchedAt, undefined, false);
  }

  private readonly lastProblem = new Map<string, Problem>();

  /** Fetches one child's status into the cache (one request at a time per child). */
  async refresh(personId: string): Promise<void> {
    const running = this.inFlight.get(personId);
    if (running) return running;
    const task = (async () => {
      const settings = await this.settings();
      try {
        const status = await this.deps.createApi(settings).status(personId);
        await this.cache.put(status, this.deps.now());
        this.lastProblem.delete(personId);
        this.connection = { state: 'ok', message: `Connected to ${this.apiOrigin(settings)}.`, checkedAt: this.deps.now() };
      } catch (error) {
        const problem = this.toProblem(error, settings);
        this.lastProblem.set(personId, problem);
        if (problem.kind !== 'not-found') this.connection = { state: problem.kind, message: problem.message, checkedAt: this.deps.now() };
        else this.connection = { state: 'ok', message: `Connected to ${this.apiOrigin(settings)}.`, checkedAt: this.deps.now() };
      }
    })().finally(() => this.inFlight.delete(personId));
    this.inFlight.set(personId, task);
    return task;
  }

  private toProblem(error: unknown, settings: EffectiveSettings): Problem {
    const origin = this.apiOrigin(settings);
    if (error instanceof ApiProblem) return { kind: error.kind, message: error.explanation ?? problemMessage(error.kind, origin, error.httpStatus) };
    return { kind: 'offline', message: problemMessage('offline', origin) };
  }

  private show(session: TabSession, status: EducationStatus, fetchedAt: number, problem: Problem | undefined, refreshing: boolean): void {
    const check = confirmIdentity(status.child, session.page, session.adapter.child?.dateFormat ?? 'auto');
    const diagnostics = [...session.diagnostics, ...check.notes];
    if (check.verdict === 'mismatch') {
      this.update(session, { phase: 'mismatch', status: undefined, fetchedAt: undefined, mismatchReasons: check.reasons, problem: undefined, refreshing, diagnostics });
      void this.deps.setBadge(session.tabId, '?', 'EduBridge: this record may not match the page');
      return;
    }
    const phase = problem ? 'unavailable' : 'ready';
    this.update(session, { phase, status, fetchedAt, problem, refreshing, diagnostics, mismatchReasons: undefined });
    const alerts = status.flags.filter((flag) => flag.severity !== 'info').length;
    void this.deps.setBadge(
      session.tabId,
      alerts ? String(alerts) : '',
      `EduBridge: ${status.child.displayName}, ${alerts} alert${alerts === 1 ? '' : 's'}`,
    );
  }

  private update(session: TabSession, patch: Partial<OverlayState>): void {
    session.state = { ...session.state, ...patch, now: this.deps.now() };
    // The badge shows figures as soon as the session has them: that is a showing, for the audit log.
    if (session.state.status && !session.audited) {
      session.audited = true;
      void this.audit.record(session.personId, session.origin, 'page');
    }
    for (const port of session.ports) this.post(session, port);
    this.pushBadge(session);
  }

  private post(session: TabSession, port: OverlayPort): void {
    port.postMessage(session.state);
  }

  // ---- the overlay frame --------------------------------------------------------------------

  private overlaySender(sender: MessageSender | undefined): number {
    if (!sender || sender.id !== this.deps.runtimeId) throw new Refused('Not from this extension');
    if (!sender.url?.startsWith(`${this.deps.extensionOrigin}/overlay.html`)) throw new Refused('Not the overlay');
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Refused('Not in a tab');
    return tabId;
  }

  /** A message on an overlay frame's port; returns the session it is attached to. */
  async handleOverlay(raw: unknown, port: OverlayPort, attached: string | undefined): Promise<string | undefined> {
    const tabId = this.overlaySender(port.sender);
    const parsed = OverlayMessage.safeParse(raw);
    if (!parsed.success) throw new Refused('Malformed message');
    const message = parsed.data;
    if (message.type === 'attach') {
      const session = this.sessions.get(message.session);
      // The session must belong to the tab the frame is in: a page cannot show another tab's child.
      if (!session || session.tabId !== tabId) throw new Refused('Unknown session');
      session.ports.add(port);
      this.post(session, port);
      return session.session;
    }
    const session = attached ? this.sessions.get(attached) : undefined;
    if (!session || session.tabId !== tabId) throw new Refused('Not attached');
    switch (message.type) {
      case 'set-open':
        await this.deps.db.kv.put({ key: OPEN_KEY, value: message.open });
        session.state = { ...session.state, open: message.open };
        return attached;
      case 'dismiss':
        this.dismissedPages.add(session.pageKey);
        await this.deps.sendToTab(session.tabId, session.frameId, { type: 'dismissed' }).catch(() => undefined);
        this.leave(session.tabId);
        return undefined;
      case 'retry':
        this.update(session, { refreshing: true });
        await this.load(session, true);
        return attached;
    }
  }

  detachPort(port: OverlayPort, attached: string | undefined): void {
    if (attached) this.sessions.get(attached)?.ports.delete(port);
  }

  // ---- caseload chips ----------------------------------------------------------------------------

  private async caseloadChips(
    message: Extract<ContentMessage, { type: 'caseload' }>,
    from: { tabId: number; url: URL },
  ): Promise<{ chips: { personId: string; overall: EducationStatus['rag']['overall']; name: string }[] }> {
    const adapter = (await this.adapters()).find((a) => a.id === message.adapterId);
    if (!adapter || matchPage([adapter], from.url.href)?.kind !== 'caseload') throw new Refused('This page is not a caseload for that adapter');
    const wanted = [...new Set(message.personIds)];
    let found = await Promise.all(wanted.map(async (id) => ({ id, cached: await this.cache.get(id) })));
    if (found.some((f) => !f.cached) && this.deps.now() - this.caseloadFetchedAt > CASELOAD_REFRESH_MS) {
      this.caseloadFetchedAt = this.deps.now();
      const settings = await this.settings();
      try {
        const statuses = await this.deps.createApi(settings).caseload();
        const fetchedAt = this.deps.now();
        for (const status of statuses) await this.cache.put(status, fetchedAt);
        found = await Promise.all(wanted.map(async (id) => ({ id, cached: await this.cache.get(id) })));
      } catch (error) {
        const problem = this.toProblem(error, settings);
        this.connection = { state: problem.kind, message: problem.message, checkedAt: this.deps.now() };
      }
    }
    const chips = found.flatMap(({ id, cached }) =>
      cached ? [{ personId: id, overall: cached.status.rag.overall, name: cached.status.child.displayName }] : [],
    );
    for (const chip of chips) await this.audit.record(chip.personId, from.url.origin, 'caseload');
    return { chips };
  }

  // ---- messages from the popup and options pages ------------------------------------------------------

  private pageSender(sender: MessageSender): void {
    if (sender.id !== this.deps.runtimeId) throw new Refused('Not from this extension');
    const url = sender.url ?? '';
    if (!['popup.html', 'options.html', 'teach.html'].some((page) => url.startsWith(`${this.deps.extensionOrigin}/${page}`)))
      throw new Refused('Only the popup and options pages may ask this');
  }

  async handlePage(raw: unknown, sender: MessageSender): Promise<unknown> {
    this.pageSender(sender);
    const parsed = PageMessage.safeParse(raw);
    if (!parsed.success) throw new Refused('Malformed message');
    const message = parsed.data;
    switch (message.type) {
      case 'popup':
        return this.popupView(message.tabId);
      case 'search':
        return this.cache.search(message.query);
      case 'settings:get':
        return this.settingsView();
      case 'settings:set':
        return this.updateSettings(message.patch);
      case 'cache:purge':
        await this.cache.purgeAll();
        return { purged: true };
      case 'signout': {
        await this.cache.purgeAll();
        const settings = await this.settings();
        if (!settings.locked.includes('token')) {
          const stored = await this.deps.db.kv.get(SETTINGS_KEY);
          const user = readUserSettings(stored?.value, defaultSettings(this.deps.defaultApiBaseUrl));
          await this.deps.db.kv.put({ key: SETTINGS_KEY, value: { ...user, token: '' } });
          this.invalidateSettings();
        }
        return { signedOut: true };
      }
      case 'audit:csv':
        return { csv: auditCsv(await this.audit.all()) };
      case 'adapter:test':
        return this.testAdapter(message.adapter, message.tabId);
      case 'permissions:changed':
        await this.deps.syncContentScripts();
        return this.settingsView();
      case 'connection:test':
        return this.testConnection(message);
    }
  }

  /** Tries the connection the options form describes, without saving it: a field left out, empty or locked
   * by the organisation is the one in force. */
  async testConnection(trial: { apiBaseUrl?: string | undefined; authMode?: 'cookie' | 'token' | undefined; token?: string | undefined }): Promise<ConnectionReport> {
    const settings = await this.settings();
    const pick = <K extends 'apiBaseUrl' | 'authMode' | 'token'>(field: K): EffectiveSettings[K] => {
      const value = trial[field];
      return settings.locked.includes(field) || value === undefined || value === '' ? settings[field] : (value as EffectiveSettings[K]);
    };
    return testConnection({ apiBaseUrl: pick('apiBaseUrl'), authMode: pick('authMode'), token: pick('token') }, { extensionOrigin: this.deps.extensionOrigin });
  }

  async popupView(tabId: number | undefined): Promise<PopupView> {
    const settings = await this.settings();
    const id = tabId === undefined ? undefined : this.byTab.get(tabId);
    const session = id ? this.sessions.get(id) : undefined;
    let child: PopupView['child'] = null;
    if (session) {
      const { phase, status, fetchedAt, problem } = session.state;
      child = { personId: session.personId, phase, status, fetchedAt, problem };
      if (status) await this.audit.record(session.personId, 'popup', 'popup');
    }
    const connection =
      settings.apiBaseUrl.length === 0
        ? { state: 'not-configured' as const, message: problemMessage('not-configured', '') }
        : this.connection;
    return { child, connection: { apiOrigin: this.apiOrigin(settings), ...connection }, cachedChildren: await this.cache.count() };
  }

  async testAdapter(raw: unknown, tabId: number | undefined): Promise<{ problems: string[]; examples: string[]; page?: DiagnoseResult }> {
    const parsed = Adapter.safeParse(raw);
    if (!parsed.success) return { problems: describeAdapterProblems(parsed.error), examples: [] };
    const examples = exampleFailures(parsed.data);
    const target = tabId !== undefined ? { tabId, frameId: 0 } : this.lastContentTab;
    if (!target) return { problems: [], examples };
    try {
      const page = (await this.deps.sendToTab(target.tabId, target.frameId, { type: 'diagnose', adapter: parsed.data })) as DiagnoseResult;
      return { problems: [], examples, page };
    } catch {
      return { problems: ['No case-management page with EduBridge running is open to test against.'], examples };
    }
  }

  // ---- housekeeping -----------------------------------------------------------------------------

  async purgeExpired(): Promise<number> {
    await this.settings();
    return this.cache.purgeExpired();
  }

  tabClosed(tabId: number): void {
    this.leave(tabId);
  }
}
