import type { EducationStatus, StatusSummary } from '../../../core/model/index.ts';
import { Adapter, describeAdapterProblems } from '../adapters/schema.ts';
import { exampleFailures, hostMatches, matchPage } from '../adapters/url.ts';
import { AuditLog, auditCsv } from '../audit.ts';
import { StatusCache } from '../cache.ts';
import { isActionThisWeek, needsAction, sortByNeedsAction } from '../../../core/presentation/needs-action.ts';
import type { EduBridgeDb } from '../db.ts';
import { testConnection, type ConnectionReport } from '../connection.ts';
import { confirmIdentity, namesAgree, pageShowsIdentity } from '../identity.ts';
import {
  BadgeFrameMessage,
  ChipFrameMessage,
  ContentMessage,
  OverlayMessage,
  type BadgeFacts,
  type CaseloadReply,
  type ChipFacts,
  type NeedsActionItem,
  type PrintView,
  PageMessage,
  type DiagnoseResult,
  type RecognisedReply,
  type OverlayState,
  type PopupView,
  type SettingsView,
  type AccountView,
} from '../messages.ts';
import { problemMessage, type Problem } from '../problems.ts';
import {
  activeAdapters,
  defaultSettings,
  mergeSettings,
  readUserSettings,
  OIDC_FIELDS,
  SETTING_FIELDS,
  UserSettings,
  type EffectiveSettings,
} from '../settings.ts';
import { ApiProblem, PURPOSE, type RequestContext, type StatusApi } from './api.ts';
import { RecognitionBudget } from './budget.ts';
import { nextRefresh, refreshAt, signInConfigOf, SignInError, type CouncilSignIn } from './sign-in.ts';

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

/** A port from one of the extension's frames in a page (the panel, the badge or a chip). */
export interface FramePort<T> {
  sender?: MessageSender | undefined;
  postMessage(message: T): void;
}
export type OverlayPort = FramePort<OverlayState>;

export interface BackgroundDeps {
  runtimeId: string;
  /** e.g. "chrome-extension://abc…" (no trailing slash). */
  extensionOrigin: string;
  builtInAdapters: Adapter[];
  defaultApiBaseUrl: string;
  db: EduBridgeDb;
  readManaged(): Promise<unknown>;
  /** The API client, for one purpose and page origin (both go to the API's audit log). */
  createApi(settings: EffectiveSettings, context: RequestContext): StatusApi;
  setBadge(tabId: number, text: string, title: string): Promise<void>;
  grantedOrigins(): Promise<string[]>;
  syncContentScripts(): Promise<void>;
  sendToTab(tabId: number, frameId: number, message: unknown): Promise<unknown>;
  /** The address a tab's top frame shows now. A message's `sender.url` is the address the document was
   * loaded at, which a single-page application changes without reloading. */
  tabUrl(tabId: number): Promise<string | undefined>;
  now(): number;
  randomId(): string;
  /** Signing in with the council account (authMode "oidc"); without it that mode cannot sign in. */
  signIn?: Pick<CouncilSignIn, 'signIn' | 'current' | 'accessToken' | 'refresh' | 'signOut' | 'signOutAndRevoke'>;
  /** Sets the alarm that renews the council sign-in, or clears it (undefined). */
  scheduleSignInRefresh?(when: number | undefined): void;
  /** Makes the toolbar button say that the council sign-in has ended (or stop saying it). */
  showSignedOut?(signedOut: boolean): Promise<void>;
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
  badgePorts: Set<FramePort<BadgeFacts>>;
  audited: boolean;
  /** Whether the page shows a name and date of birth to check the record against (fail closed if not). */
  confirmable: boolean;
  /** Why EduBridge stopped on this tab (the recognition budget), when it did. */
  stopped?: string;
  /** The badge's facts last posted (to post only changes). */
  badgeSent?: string;
}

interface CaseloadSession {
  session: string;
  tabId: number;
  /** Each row's chip: a rating, or none (no record the person may see, or a name that disagrees). */
  chips: ChipFacts[];
}

const OPEN_KEY = 'overlayOpen';
const SETTINGS_KEY = 'settings';
/** Within this many ms of the last fetch, showing the cached copy again does not refetch. */
const REFRESH_AFTER_MS = 15_000;
const OWNER_KEY = 'cacheOwner';
/** How many saved children the popup lists as needing action. */
const POPUP_NEEDS_ACTION_LIMIT = 10;
/** How long a "who is signed in" answer from the API is trusted before asking again (session sign-in). */
const OWNER_RECHECK_MS = 30_000;
/** What the panel, badge and popup say while nobody is signed in with their council account. */
const SIGNED_OUT_MESSAGE = 'You are signed out of EduBridge. Sign in with your council account: the EduBridge button in the toolbar, then “Sign in with your council account”.';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

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
  private readonly caseloads = new Map<string, CaseloadSession>();
  /** Badge frames that attached before the content script's question arrived, by session. */
  private readonly pendingBadgePorts = new Map<string, { tabId: number; ports: Set<FramePort<BadgeFacts>> }>();
  private readonly budget = new RecognitionBudget();
  private owner: { key: string; checkedAt: number; settings: EffectiveSettings } | undefined;
  /** Why the council sign-in ended on its own, until the person signs in again. */
  private signedOutNotice: string | undefined;

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
    // A council sign-in belongs to one provider, client and API: changing any of them ends it.
    const signInChanged = apiChanged || (['authMode', ...OIDC_FIELDS] as const).some((field) => patch[field] !== undefined && patch[field] !== current[field]);
    await this.deps.db.kv.put({ key: SETTINGS_KEY, value: user });
    this.invalidateSettings();
    // Data from one service is never shown as if it came from another, nor one person's to another.
    if (apiChanged) await this.cache.purgeAll();
    if (signInChanged) await this.endCouncilSignIn(undefined);
    if (signInChanged || patch.token !== undefined) {
      this.owner = undefined;
      await this.ensureOwner().catch(() => undefined);
    }
    this.connection = { state: 'unknown', message: 'Not connected yet.' };
    await this.deps.syncContentScripts();
    return this.settingsView();
  }

  async settingsView(): Promise<SettingsView> {
    const settings = await this.settings();
    const { token, ...rest } = settings;
    return {
      settings: { ...rest, tokenSet: token.length > 0 },
      account: await this.accountView(),
      builtInAdapters: this.deps.builtInAdapters,
      grantedOrigins: await this.deps.grantedOrigins(),
    };
  }

  // ---- signing in with the council account (authMode "oidc") -------------------------------------------

  /** Who is signed in with their council account, or why nobody is. */
  async accountView(): Promise<AccountView> {
    const settings = await this.settings();
    if (settings.authMode !== 'oidc') return { mode: settings.authMode, signedIn: false };
    const session = await this.deps.signIn?.current(signInConfigOf(settings));
    if (session) return { mode: 'oidc', signedIn: true, name: session.name };
    return { mode: 'oidc', signedIn: false, ...(this.signedOutNotice ? { notice: this.signedOutNotice } : {}) };
  }

  /** Opens the identity provider's sign-in window; on success the person's own cache is used from now on
   * (a different person than before: everything saved is deleted first). */
  async signInWithCouncil(): Promise<AccountView> {
    const settings = await this.settings();
    if (settings.authMode !== 'oidc') throw new Refused('Choose “My council account” under “How to sign in”, and save, first.');
    if (!this.deps.signIn) throw new Refused('This browser cannot sign in with a council account.');
    let session;
    try {
      session = await this.deps.signIn.signIn(signInConfigOf(settings));
    } catch (error) {
      throw new Refused(error instanceof SignInError ? error.message : 'The sign-in did not complete. Try again.');
    }
    this.signedOutNotice = undefined;
    await this.deps.showSignedOut?.(false);
    this.deps.scheduleSignInRefresh?.(nextRefresh(session, this.deps.now()));
    this.owner = undefined;
    await this.ensureOwner().catch(() => undefined);
    this.connection = { state: 'unknown', message: 'Not connected yet.' };
    return this.accountView();
  }

  /** The renewal alarm: renews the access token when due, and sets the next alarm; a refused renewal
   * ends the sign-in. Also run when the background starts. */
  async refreshSignIn(): Promise<void> {
    const settings = await this.settings();
    const signIn = this.deps.signIn;
    const current = settings.authMode === 'oidc' && signIn ? await signIn.current(signInConfigOf(settings)) : undefined;
    if (!signIn || !current) return this.deps.scheduleSignInRefresh?.(undefined);
    const session = this.deps.now() >= refreshAt(current) ? await signIn.refresh(signInConfigOf(settings)) : current;
    if (!session) return this.endCouncilSignIn('Your council sign-in has ended, so EduBridge signed you out and deleted the education data it had saved. Sign in again to see education records.');
    this.deps.scheduleSignInRefresh?.(nextRefresh(session, this.deps.now()));
  }

  /**
   * Ends the council sign-in: the tokens are forgotten and the renewal alarm cleared. With a notice (the
   * sign-in ended on its own, or the API refused it), everything saved for the person is deleted too and
   * the toolbar button and popup say so until they sign in again.
   */
  private async endCouncilSignIn(notice: string | undefined): Promise<void> {
    await this.deps.signIn?.signOut();
    this.deps.scheduleSignInRefresh?.(undefined);
    this.signedOutNotice = notice;
    if (notice === undefined) return;
    await this.forgetPerson();
    await this.deps.db.kv.delete(OWNER_KEY);
    this.owner = undefined;
    this.connection = { state: 'unauthorised', message: notice, checkedAt: this.deps.now() };
    await this.deps.showSignedOut?.(true);
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

  /** Refuses a frame starting a child while another frame of its tab shows a different one. */
  private oneChildPerTab(from: { tabId: number; frameId: number }, personId: string): void {
    const current = this.sessions.get(this.byTab.get(from.tabId) ?? '');
    if (current && current.frameId !== from.frameId && current.personId !== personId) throw new Refused('Another frame of this tab already shows a child');
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
    // One child per tab: while one frame of the tab shows a child, another frame may not start a second.
    this.oneChildPerTab(from, message.personId);
    this.leave(from.tabId, from.frameId);
    const pageKey = this.pageKey(from.url);
    if (this.dismissedPages.has(pageKey)) return { dismissed: true };
    // The recognition budget: a page that moves through children quickly is slowed, then stopped.
    const verdict = this.budget.check(from.tabId, message.personId, this.deps.now());
    if (verdict.kind === 'slow') {
      await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
      // The tab may have been closed while it waited (the tab is gone: nothing is looked up for it)...
      const tab = await this.deps.tabUrl(from.tabId).then(
        (url) => ({ url }),
        () => null,
      );
      if (!tab) throw new Refused('The tab was closed');
      // ...or the page moved on: only the child its address names now is looked up.
      if (from.frameId === 0) {
        const now = tab.url;
        const still = now ? matchPage([adapter], now) : undefined;
        if (now && (still?.kind !== 'child' || (still.idFromUrl !== undefined && still.idFromUrl !== message.personId)))
          throw new Refused('The page moved on to another child');
      }
    }
    if (message.frameKey && this.sessions.has(message.frameKey)) throw new Refused('That session is in use');
    const open = (await this.deps.db.kv.get(OPEN_KEY))?.value === true;
    const confirmable = pageShowsIdentity(message, adapter.child?.dateFormat ?? 'auto');
    const session: TabSession = {
      session: message.frameKey ?? this.deps.randomId(),
      tabId: from.tabId,
      frameId: from.frameId,
      origin: from.url.origin,
      pageKey,
      adapter,
      personId: message.personId,
      page: { name: message.name, dateOfBirth: message.dateOfBirth },
      diagnostics: message.missing,
      ports: new Set(),
      badgePorts: new Set(),
      audited: false,
      confirmable,
      state: {
        phase: 'loading',
        personId: message.personId,
        refreshing: true,
        diagnostics: message.missing,
        open,
        now: this.deps.now(),
      },
    };
    // Again after the waits above: another frame of the tab may have started a child meanwhile.
    this.oneChildPerTab(from, message.personId);
    this.sessions.set(session.session, session);
    this.byTab.set(from.tabId, session.session);
    // A badge frame that loaded before this answer: it gets the facts from now on.
    const waiting = this.pendingBadgePorts.get(session.session);
    this.pendingBadgePorts.delete(session.session);
    if (waiting?.tabId === from.tabId) for (const port of waiting.ports) session.badgePorts.add(port);
    if (verdict.kind === 'stopped') {
      session.stopped = verdict.reason;
      this.update(session, { phase: 'unavailable', refreshing: false, problem: { kind: 'stopped', message: verdict.reason } });
      void this.deps.setBadge(from.tabId, '!', verdict.reason);
      return { session: session.session };
    }
    // A page that shows no name and date of birth proves nothing about whose record it is: nothing is
    // fetched until the person opens the panel to see the record (and judge it) for themselves.
    if (!confirmable && !open) {
      this.update(session, { refreshing: false });
      return { session: session.session };
    }
    this.startLoad(session);
    return { session: session.session };
  }

  private startLoad(session: TabSession): void {
    void this.load(session, false).catch(() =>
      this.update(session, { phase: 'unavailable', refreshing: false, problem: { kind: 'offline', message: 'EduBridge could not read its saved data.' } }),
    );
  }

  private badgeSeq = 0;

  /** The badge's few facts from a session's state: never more than the rating, attendance and PEP state,
   * and none at all unless the page's name and date of birth confirmed the record. */
  private badgeFacts(session: TabSession): BadgeFacts {
    const { phase, status, problem } = session.state;
    if (session.stopped) return { seq: ++this.badgeSeq, phase: 'stopped', stale: false, problem: session.stopped };
    if (!session.confirmable && phase !== 'mismatch' && phase !== 'uncertain' && phase !== 'no-record')
      return { seq: ++this.badgeSeq, phase: 'unconfirmed', stale: false };
    const facts: BadgeFacts = { seq: ++this.badgeSeq, phase, stale: phase === 'unavailable' && status !== undefined };
    if (status && phase !== 'mismatch' && phase !== 'uncertain') {
      facts.rating = status.rag.overall;
      facts.attendancePercent = status.attendance.academicYear.attendancePercent;
      facts.pep = status.pep.state;
      facts.name = status.child.displayName;
    } else if (phase === 'uncertain') facts.problem = session.state.mismatchReasons?.join(' ');
    else if (problem) facts.problem = problem.message;
    return facts;
  }

  /** Tells the badge frames when the badge's facts change. */
  private pushBadge(session: TabSession): void {
    if (session.badgePorts.size === 0 || !this.sessions.has(session.session)) return;
    const badge = this.badgeFacts(session);
    const key = JSON.stringify({ ...badge, seq: 0 });
    if (key === session.badgeSent) return;
    session.badgeSent = key;
    for (const port of session.badgePorts) port.postMessage(badge);
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
  async load(session: TabSession, force = false): Promise<void> {
    await this.ensureOwner().catch(() => undefined);
    const cached = await this.cache.get(session.personId);
    if (cached) this.show(session, cached.status, cached.fetchedAt, undefined, true);
    if (!force && cached && this.deps.now() - cached.fetchedAt < REFRESH_AFTER_MS) {
      this.update(session, { refreshing: false });
      return;
    }
    await this.refresh(session.personId, session.origin);
    if (!this.sessions.has(session.session)) return;
    const fresh = await this.cache.get(session.personId);
    const problem = this.lastProblem.get(session.personId);
    if (problem) {
      if (problem.kind === 'not-found') this.update(session, { phase: 'no-record', status: undefined, fetchedAt: undefined, problem, refreshing: false });
      // Signed out (or the sign-in expired): nothing saved is shown; it was deleted.
      else if (fresh && problem.kind !== 'unauthorised') this.show(session, fresh.status, fresh.fetchedAt, problem, false);
      else this.update(session, { phase: 'unavailable', status: undefined, fetchedAt: undefined, problem, refreshing: false });
    } else if (fresh) this.show(session, fresh.status, fresh.fetchedAt, undefined, false);
  }

  private readonly lastProblem = new Map<string, Problem>();

  /** Fetches one child's status into the cache (one request at a time per child). */
  async refresh(personId: string, pageOrigin: string): Promise<void> {
    const running = this.inFlight.get(personId);
    if (running) return running;
    const task = (async () => {
      const settings = await this.settings();
      try {
        const status = await this.deps.createApi(settings, { purpose: PURPOSE.caseRecord, pageOrigin }).status(personId);
        await this.cache.put(status, this.deps.now());
        this.lastProblem.delete(personId);
        this.connection = { state: 'ok', message: `Connected to ${this.apiOrigin(settings)}.`, checkedAt: this.deps.now() };
      } catch (error) {
        const problem = this.toProblem(error, settings);
        this.lastProblem.set(personId, problem);
        if (problem.kind === 'unauthorised') await this.signedOutByApi();
        if (problem.kind !== 'not-found') this.connection = { state: problem.kind, message: problem.message, checkedAt: this.deps.now() };
        else this.connection = { state: 'ok', message: `Connected to ${this.apiOrigin(settings)}.`, checkedAt: this.deps.now() };
      }
    })().finally(() => this.inFlight.delete(personId));
    this.inFlight.set(personId, task);
    return task;
  }

  private toProblem(error: unknown, settings: EffectiveSettings): Problem {
    const origin = this.apiOrigin(settings);
    if (error instanceof ApiProblem && error.kind === 'unauthorised' && settings.authMode === 'oidc') return { kind: 'unauthorised', message: this.signedOutNotice ?? SIGNED_OUT_MESSAGE };
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
    // The page shows a name and date of birth, but EduBridge cannot be sure they are this record's (only an
    // initial, only a surname): no figures, and the badge and panel say why.
    if (check.verdict === 'uncertain') {
      this.update(session, { phase: 'uncertain', status: undefined, fetchedAt: undefined, mismatchReasons: check.reasons, problem: undefined, refreshing, diagnostics });
      void this.deps.setBadge(session.tabId, '?', 'EduBridge: cannot be sure this record is the child on the page');
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

  /** The tab an extension frame in a page is in. The frame may be loaded at the extension's dynamic
   * address (use_dynamic_url), so its page is checked by scheme and path; only this extension's own pages
   * can open a port to it at all. */
  private frameSender(sender: MessageSender | undefined, page: 'overlay.html' | 'badge.html' | 'chip.html'): number {
    if (!sender || sender.id !== this.deps.runtimeId) throw new Refused('Not from this extension');
    let url: URL;
    try {
      url = new URL(sender.url ?? '');
    } catch {
      throw new Refused('Not an extension frame');
    }
    if (url.protocol !== new URL(this.deps.extensionOrigin).protocol || url.pathname !== `/${page}`) throw new Refused(`Not the ${page} frame`);
    const tabId = sender.tab?.id;
    if (tabId === undefined) throw new Refused('Not in a tab');
    return tabId;
  }

  private overlaySender(sender: MessageSender | undefined): number {
    return this.frameSender(sender, 'overlay.html');
  }

  /** The badge frame attaches to its session and is sent the badge's facts, then every change. */
  handleBadgeFrame(raw: unknown, port: FramePort<BadgeFacts>): string {
    const tabId = this.frameSender(port.sender, 'badge.html');
    const parsed = BadgeFrameMessage.safeParse(raw);
    if (!parsed.success) throw new Refused('Malformed message');
    const session = this.sessions.get(parsed.data.session);
    if (!session) {
      // The content script puts the frame in before it asks: wait for its question (same tab only).
      const waiting = this.pendingBadgePorts.get(parsed.data.session) ?? { tabId, ports: new Set() };
      if (waiting.tabId !== tabId) throw new Refused('Unknown session');
      waiting.ports.add(port);
      this.pendingBadgePorts.set(parsed.data.session, waiting);
      return parsed.data.session;
    }
    // The session must belong to the tab the frame is in: a page cannot show another tab's child.
    if (session.tabId !== tabId) throw new Refused('Unknown session');
    session.badgePorts.add(port);
    const badge = this.badgeFacts(session);
    session.badgeSent = JSON.stringify({ ...badge, seq: 0 });
    port.postMessage(badge);
    return session.session;
  }

  detachBadgeFrame(port: FramePort<BadgeFacts>, attached: string | undefined): void {
    if (!attached) return;
    this.sessions.get(attached)?.badgePorts.delete(port);
    const waiting = this.pendingBadgePorts.get(attached);
    waiting?.ports.delete(port);
    if (waiting?.ports.size === 0) this.pendingBadgePorts.delete(attached);
  }

  /** A caseload row's chip frame asks for its chip. */
  handleChipFrame(raw: unknown, port: FramePort<ChipFacts>): void {
    const tabId = this.frameSender(port.sender, 'chip.html');
    const parsed = ChipFrameMessage.safeParse(raw);
    if (!parsed.success) throw new Refused('Malformed message');
    const caseload = this.caseloads.get(parsed.data.session);
    if (!caseload || caseload.tabId !== tabId) throw new Refused('Unknown session');
    port.postMessage(caseload.chips[parsed.data.index] ?? {});
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
        // The session first, so that any state sent while the choice is saved carries it.
        session.state = { ...session.state, open: message.open };
        await this.deps.db.kv.put({ key: OPEN_KEY, value: message.open });
        // The person asked to see a record the page could not confirm: fetch it now.
        if (message.open && !session.confirmable && !session.stopped && !session.state.status && !this.inFlight.has(session.personId)) {
          this.update(session, { refreshing: true });
          this.startLoad(session);
        }
        return attached;
      case 'dismiss':
        this.dismissedPages.add(session.pageKey);
        await this.deps.sendToTab(session.tabId, session.frameId, { type: 'dismissed' }).catch(() => undefined);
        this.leave(session.tabId);
        return undefined;
      case 'retry':
        if (session.stopped) return attached;
        this.update(session, { refreshing: true });
        await this.load(session, true);
        return attached;
    }
  }

  detachPort(port: OverlayPort, attached: string | undefined): void {
    if (attached) this.sessions.get(attached)?.ports.delete(port);
  }

  // ---- caseload chips ----------------------------------------------------------------------------

  /**
   * A caseload page's chips: the compact statuses of the children its rows show and no others (never more
   * than MAX_CASELOAD_ROWS), fetched each time, kept out of the cache, and shown only for a row whose text
   * carries the record's name. The chips go to the rows' chip frames, never to the page.
   */
  private async caseloadChips(message: Extract<ContentMessage, { type: 'caseload' }>, from: { tabId: number; url: URL }): Promise<CaseloadReply> {
    const adapter = (await this.adapters()).find((a) => a.id === message.adapterId);
    if (!adapter || matchPage([adapter], from.url.href)?.kind !== 'caseload') throw new Refused('This page is not a caseload for that adapter');
    await this.ensureOwner().catch(() => undefined);
    const wanted = [...new Set(message.rows.map((row) => row.personId))];
    const settings = await this.settings();
    const byId = new Map<string, StatusSummary>();
    try {
      const summaries = await this.deps.createApi(settings, { purpose: PURPOSE.caseload, pageOrigin: from.url.origin }).summaries(wanted);
      for (const summary of summaries) if (wanted.includes(summary.child.personId)) byId.set(summary.child.personId, summary);
      this.connection = { state: 'ok', message: `Connected to ${this.apiOrigin(settings)}.`, checkedAt: this.deps.now() };
    } catch (error) {
      const problem = this.toProblem(error, settings);
      this.connection = { state: problem.kind, message: problem.message, checkedAt: this.deps.now() };
      if (problem.kind === 'unauthorised') await this.signedOutByApi();
    }
    const chips = message.rows.map((row): ChipFacts => {
      const summary = byId.get(row.personId);
      if (!summary || !namesAgree(summary.child, row.text)) return {};
      const action = needsAction(summary);
      return isActionThisWeek(action) ? { overall: summary.rag.overall, action: action!.level as 'overdue' | 'due-this-week' } : { overall: summary.rag.overall };
    });
    const shown = new Set(message.rows.flatMap((row, index) => (chips[index]!.overall ? [row.personId] : [])));
    for (const personId of shown) await this.audit.record(personId, from.url.origin, 'caseload');
    // One caseload session per tab: a new list replaces the last.
    for (const [id, caseload] of this.caseloads) if (caseload.tabId === from.tabId) this.caseloads.delete(id);
    const session = this.deps.randomId();
    this.caseloads.set(session, { session, tabId: from.tabId, chips });
    return { session };
  }

  // ---- whose cache ------------------------------------------------------------------------------

  /**
   * The cache belongs to the person signed in. Their key is a hash of the API address with the access
   * token, or (signed in through the browser) of the API's "who am I" answer (`GET /api/v1/me`); an API
   * without that endpoint is keyed by its address alone, and then only a 401 (below) or signing out purges.
   * When the key changes, everything saved for the last person is deleted before anything is read.
   */
  async ensureOwner(): Promise<void> {
    const settings = await this.settings();
    const now = this.deps.now();
    if (this.owner && this.owner.settings === settings && (settings.authMode !== 'cookie' || now - this.owner.checkedAt < OWNER_RECHECK_MS)) return;
    let who: string;
    if (settings.authMode === 'token') who = `token ${settings.token}`;
    else if (settings.authMode === 'oidc') {
      // The person the identity provider signed in (its issuer and their subject there).
      const session = await this.deps.signIn?.current(signInConfigOf(settings));
      if (!session) {
        // Nobody signed in: nothing saved is anyone's to see.
        if ((await this.deps.db.kv.get(OWNER_KEY)) !== undefined) await this.signedOutByApi();
        return;
      }
      who = `oidc ${session.issuer}\n${session.subject}`;
    } else {
      try {
        who = `session ${(await this.deps.createApi(settings, { purpose: PURPOSE.signedIn }).whoAmI()) ?? ''}`;
      } catch (error) {
        if (error instanceof ApiProblem && error.kind === 'unauthorised') {
          await this.signedOutByApi();
          return;
        }
        return; // Offline: keep the last key; nothing new is fetched while offline anyway.
      }
    }
    const key = await sha256(`${this.apiOrigin(settings)}\n${who}`);
    const stored = (await this.deps.db.kv.get(OWNER_KEY))?.value;
    if (stored !== key) {
      if (stored !== undefined) await this.forgetPerson();
      await this.deps.db.kv.put({ key: OWNER_KEY, value: key });
    }
    this.owner = { key, checkedAt: now, settings };
  }

  /** The API answered 401: whoever was signed in is not any more. Nothing saved is shown again. */
  private async signedOutByApi(): Promise<void> {
    const settings = await this.settings();
    if (settings.authMode === 'oidc') {
      const signedIn = await this.deps.signIn?.current(signInConfigOf(settings));
      return this.endCouncilSignIn(
        signedIn
          ? 'The education service did not accept your council sign-in, so EduBridge signed you out and deleted the education data it had saved. Sign in again.'
          : SIGNED_OUT_MESSAGE,
      );
    }
    await this.forgetPerson();
    await this.deps.db.kv.delete(OWNER_KEY);
    this.owner = undefined;
  }

  /** Deletes everything saved for the last person, and the figures any open page holds. */
  private async forgetPerson(): Promise<void> {
    await this.cache.purgeAll();
    this.caseloads.clear();
    for (const session of this.sessions.values())
      if (session.state.status) this.update(session, { phase: 'loading', status: undefined, fetchedAt: undefined, refreshing: true });
  }

  // ---- messages from the popup and options pages ------------------------------------------------------

  private pageSender(sender: MessageSender): void {
    if (sender.id !== this.deps.runtimeId) throw new Refused('Not from this extension');
    const url = sender.url ?? '';
    if (!['popup.html', 'options.html', 'teach.html', 'summary.html'].some((page) => url.startsWith(`${this.deps.extensionOrigin}/${page}`)))
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
      case 'print':
        return this.printView(message.tabId);
      case 'search':
        await this.ensureOwner().catch(() => undefined);
        return this.cache.search(message.query);
      case 'settings:get':
        return this.settingsView();
      case 'settings:set':
        return this.updateSettings(message.patch);
      case 'cache:purge':
        await this.cache.purgeAll();
        return { purged: true };
      case 'signin':
        return this.signInWithCouncil();
      case 'signout': {
        // The person signing out: the provider is asked to revoke the tokens too.
        await this.deps.signIn?.signOutAndRevoke(signInConfigOf(await this.settings()));
        await this.endCouncilSignIn(undefined);
        await this.deps.showSignedOut?.(false);
        await this.forgetPerson();
        await this.deps.db.kv.delete(OWNER_KEY);
        this.owner = undefined;
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
  async testConnection(trial: { apiBaseUrl?: string | undefined; authMode?: 'cookie' | 'token' | 'oidc' | undefined; token?: string | undefined }): Promise<ConnectionReport> {
    const settings = await this.settings();
    const pick = <K extends 'apiBaseUrl' | 'authMode' | 'token'>(field: K): EffectiveSettings[K] => {
      const value = trial[field];
      return settings.locked.includes(field) || value === undefined || value === '' ? settings[field] : (value as EffectiveSettings[K]);
    };
    const authMode = pick('authMode');
    // Signed in with the council account: the sign-in's own access token (never one typed in the form).
    const token = authMode === 'oidc' ? (settings.authMode === 'oidc' ? ((await this.deps.signIn?.accessToken(signInConfigOf(settings))) ?? '') : '') : pick('token');
    return testConnection({ apiBaseUrl: pick('apiBaseUrl'), authMode, token }, { extensionOrigin: this.deps.extensionOrigin });
  }

  async popupView(tabId: number | undefined): Promise<PopupView> {
    await this.ensureOwner().catch(() => undefined);
    const settings = await this.settings();
    const id = tabId === undefined ? undefined : this.byTab.get(tabId);
    const session = id ? this.sessions.get(id) : undefined;
    let child: PopupView['child'] = null;
    if (session) {
      const { phase, status, fetchedAt, problem } = session.state;
      // The popup is the extension's own page, but it shows figures only for a record the page confirmed.
      const shown = session.confirmable ? status : undefined;
      child = { personId: session.personId, phase, status: shown, fetchedAt, problem };
      if (shown) await this.audit.record(session.personId, 'popup', 'popup');
    }
    const connection =
      settings.apiBaseUrl.length === 0
        ? { state: 'not-configured' as const, message: problemMessage('not-configured', '') }
        : this.connection;
    return {
      child,
      connection: { apiOrigin: this.apiOrigin(settings), ...connection },
      cachedChildren: await this.cache.count(),
      account: await this.accountView(),
      needsAction: await this.needsActionList(),
    };
  }

  /** The child a tab shows, for the printable summary: figures only for a record the page confirmed. */
  async printView(tabId: number): Promise<PrintView> {
    const id = this.byTab.get(tabId);
    const session = id ? this.sessions.get(id) : undefined;
    const status = session?.confirmable && session.state.phase !== 'mismatch' ? session.state.status : undefined;
    if (!session || !status) return { message: 'No confirmed child to print: open the child’s record in the case-management system first.' };
    await this.audit.record(session.personId, 'print', 'popup');
    return { status, message: '' };
  }

  /**
   * The saved children (this person's own cache) with something to act on, judged on today's date in UK
   * time, most urgent first: names and reasons only, each recorded in the audit log as shown in the popup.
   */
  private async needsActionList(limit = POPUP_NEEDS_ACTION_LIMIT): Promise<NeedsActionItem[]> {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(this.deps.now()));
    // Only children this person has been shown on a page whose identity matched: a record fetched to be
    // compared with a page that did not confirm it is never listed.
    const confirmed = new Set((await this.audit.all()).filter((row) => row.shownIn === 'page' || row.shownIn === 'caseload').map((row) => row.personId));
    const judged = (await this.cache.fresh())
      .filter(({ status }) => confirmed.has(status.child.personId))
      .map(({ status }) => ({ status, action: needsAction(status, { asOf: today }) }))
      .filter((item) => item.action !== null);
    const sorted = sortByNeedsAction(
      judged.sort((a, b) => a.status.child.displayName.localeCompare(b.status.child.displayName, 'en-GB')),
      (item) => item.action,
    ).slice(0, limit);
    for (const { status } of sorted) await this.audit.record(status.child.personId, 'popup', 'popup');
    return sorted.map(({ status, action }) => ({ personId: status.child.personId, displayName: status.child.displayName, level: action!.level, reason: action!.reason }));
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
    this.budget.forget(tabId);
    for (const [id, caseload] of this.caseloads) if (caseload.tabId === tabId) this.caseloads.delete(id);
  }
}
