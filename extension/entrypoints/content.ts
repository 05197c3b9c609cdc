// First: zod is configured before any module builds a schema (see lib/zod-config.ts).
import '../lib/zod-config.ts';
import { runContent } from '../lib/content/run.ts';

// Registered at run time (scripting.registerContentScripts) only for the origins the user or the
// organisation has granted: see lib/background/content-scripts.ts.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  allFrames: true,
  runAt: 'document_start',
  main(ctx) {
    const controller = new AbortController();
    ctx.onInvalidated(() => controller.abort());
    const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
    void runContent({
      send: (message) => browser.runtime.sendMessage(message),
      frameUrl: (session) => `${browser.runtime.getURL('/overlay.html')}#${session}`,
      extensionOrigin,
      onMessage(listener) {
        browser.runtime.onMessage.addListener((message, _sender, sendResponse) => {
          const reply = listener(message);
          if (!reply) return undefined;
          reply.then(sendResponse, () => sendResponse(undefined));
          return true;
        });
      },
      signal: controller.signal,
    });
  },
});
