// First: zod is configured before any module builds a schema (see lib/zod-config.ts).
import '../lib/zod-config.ts';
import { AdapterList } from '../lib/adapters/schema.ts';
import { BUILT_IN_ADAPTERS } from '../lib/adapters/builtin.ts';
import { createStatusApi } from '../lib/background/api.ts';
import { CHROMIUM_PATTERNS, FIREFOX_PATTERNS } from '../lib/adapters/url.ts';
import { syncContentScripts, type ScriptingApi } from '../lib/background/content-scripts.ts';
import { Background, Refused, type FramePort, type OverlayPort } from '../lib/background/service.ts';
import type { BadgeFacts, ChipFacts } from '../lib/messages.ts';
import { openDb } from '../lib/db.ts';
import { CouncilSignIn, signInConfigOf, type StoredSignIn } from '../lib/background/sign-in.ts';

const PURGE_ALARM = 'purge-expired';
const SIGN_IN_ALARM = 'renew-sign-in';
/** Where the council sign-in's tokens live: storage.session, in memory only, gone when the browser
 * closes, and (its default access level) out of reach of content scripts. */
const SIGN_IN_KEY = 'councilSignIn';

export default defineBackground(() => {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const session = browser.storage.session;
  // The default already, in Chrome; said here so no content script may ever read the tokens.
  void (session as unknown as { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> }).setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch(() => undefined);
  const councilSignIn = new CouncilSignIn({
    fetch: (input, init) => globalThis.fetch(input, init),
    launchWebAuthFlow: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
    redirectUri: () => browser.identity.getRedirectURL(),
    store: {
      get: async () => (await session.get(SIGN_IN_KEY))[SIGN_IN_KEY],
      set: (value: StoredSignIn) => session.set({ [SIGN_IN_KEY]: value }),
      clear: () => session.remove(SIGN_IN_KEY),
    },
    now: () => Date.now(),
  });
  const background = new Background({
    runtimeId: browser.runtime.id,
    extensionOrigin,
    builtInAdapters: AdapterList.parse(BUILT_IN_ADAPTERS),
    defaultApiBaseUrl: import.meta.env.WXT_DEFAULT_API_URL ?? '',
    db: openDb(),
    readManaged: async () => {
      try {
        return await browser.storage.managed.get(null);
      } catch {
        return undefined; // No policy, or a browser without managed storage.
      }
    },
    createApi: (settings, context) => createStatusApi(settings, context, undefined, undefined, () => councilSignIn.accessToken(signInConfigOf(settings))),
    signIn: councilSignIn,
    scheduleSignInRefresh(when) {
      if (when === undefined) void browser.alarms.clear(SIGN_IN_ALARM);
      else void browser.alarms.create(SIGN_IN_ALARM, { when });
    },
    async showSignedOut(signedOut) {
      await browser.action.setBadgeText({ text: signedOut ? '!' : '' }).catch(() => undefined);
      await browser.action.setTitle({ title: signedOut ? 'EduBridge: you are signed out. Open EduBridge to sign in again.' : 'EduBridge' }).catch(() => undefined);
    },
    async setBadge(tabId, text, title) {
      await browser.action.setBadgeText({ tabId, text }).catch(() => undefined);
      await browser.action.setBadgeBackgroundColor({ tabId, color: '#0b0c0c' }).catch(() => undefined);
      await browser.action.setTitle({ tabId, title }).catch(() => undefined);
    },
    grantedOrigins: async () => (await browser.permissions.getAll()).origins ?? [],
    syncContentScripts: async () => {
      await sync();
    },
    sendToTab: (tabId, frameId, message) => browser.tabs.sendMessage(tabId, message, { frameId }),
    tabUrl: async (tabId) => (await browser.tabs.get(tabId)).url,
    now: () => Date.now(),
    randomId: () => crypto.randomUUID(),
  });

  async function sync(): Promise<void> {
    const granted = (await browser.permissions.getAll()).origins ?? [];
    await syncContentScripts(browser.scripting as unknown as ScriptingApi, granted, import.meta.env.FIREFOX ? FIREFOX_PATTERNS : CHROMIUM_PATTERNS);
  }

  // Chrome needs sendResponse and `return true`; the logic itself is plain async functions.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const fromExtensionPage = sender.url?.startsWith(`${extensionOrigin}/`) ?? false;
    const handled = fromExtensionPage ? background.handlePage(message, sender) : background.handleContent(message, sender);
    handled.then(sendResponse, (error: unknown) =>
      sendResponse({ refused: error instanceof Refused ? error.message : 'EduBridge could not do that.' }),
    );
    return true;
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === 'badge') {
      let attached: string | undefined;
      const badgePort: FramePort<BadgeFacts> = { sender: port.sender, postMessage: (facts) => port.postMessage(facts) };
      port.onMessage.addListener((message) => {
        try {
          attached = background.handleBadgeFrame(message, badgePort);
        } catch {
          port.disconnect();
        }
      });
      port.onDisconnect.addListener(() => background.detachBadgeFrame(badgePort, attached));
      return;
    }
    if (port.name === 'chip') {
      const chipPort: FramePort<ChipFacts> = { sender: port.sender, postMessage: (facts) => port.postMessage(facts) };
      port.onMessage.addListener((message) => {
        try {
          background.handleChipFrame(message, chipPort);
        } catch {
          port.disconnect();
        }
      });
      return;
    }
    if (port.name !== 'overlay') return port.disconnect();
    let attached: string | undefined;
    const overlayPort: OverlayPort = { sender: port.sender, postMessage: (state) => port.postMessage(state) };
    port.onMessage.addListener((message) => {
      background.handleOverlay(message, overlayPort, attached).then(
        (session) => {
          attached = session;
        },
        () => port.disconnect(),
      );
    });
    port.onDisconnect.addListener(() => background.detachPort(overlayPort, attached));
  });

  browser.permissions.onAdded.addListener(() => void sync());
  browser.permissions.onRemoved.addListener(() => void sync());
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') background.invalidateSettings();
  });
  browser.tabs.onRemoved.addListener((tabId) => background.tabClosed(tabId));
  browser.alarms.create(PURGE_ALARM, { periodInMinutes: 30 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PURGE_ALARM) void background.purgeExpired();
    if (alarm.name === SIGN_IN_ALARM) void background.refreshSignIn();
  });
  browser.runtime.onInstalled.addListener(() => void sync());
  browser.runtime.onStartup.addListener(() => void sync());
  void sync();
  void background.purgeExpired();
  void background.refreshSignIn();
});
