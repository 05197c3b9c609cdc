// First: zod is configured before any module builds a schema (see lib/zod-config.ts).
import '../lib/zod-config.ts';
import { runContent } from '../lib/content/run.ts';

// Registered at run time (scripting.registerContentScripts) only for the origins the user or the
// organisation has granted: see lib/background/content-scripts.ts. It runs in every frame because some
// case-management systems show the record inside a frame; a frame takes part only while it is shown at a
// readable size (lib/content/run.ts), and the background holds one child per tab.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  allFrames: true,
  runAt: 'document_start',
  main(ctx) {
    const controller = new AbortController();
    ctx.onInvalidated(() => controller.abort());
    // The frames' pages are web-accessible at the extension's dynamic address where the browser has one
    // (use_dynamic_url), which runtime.getURL gives for them; postMessage from either origin is accepted.
    const trustedOrigins = [...new Set(['/', '/badge.html'].map((path) => new URL(browser.runtime.getURL(path as '/')).origin))];
    void runContent({
      send: (message) => browser.runtime.sendMessage(message),
      frameUrl: (page, fragment) => `${browser.runtime.getURL(`/${page}`)}#${fragment}`,
      trustedOrigins,
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
