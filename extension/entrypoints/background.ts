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

const PURGE_ALARM = 'purge-expired';

export default defineBackground(() => {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
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
    createApi: (settings, context) => createStatusApi(settings, context),
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
  });
  browser.runtime.onInstalled.addListener(() => void sync());
  browser.runtime.onStartup.addListener(() => void sync());
  void sync();
  void background.purgeExpired();
});
