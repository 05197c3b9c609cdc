import { z } from 'zod';
import { startPicker } from '../lib/builder/picker.ts';
import { BUILDER_PORT } from '../lib/builder/protocol.ts';

z.config({ jitless: true });

interface PickerState {
  stop?: (() => void) | undefined;
  listening: boolean;
}

// Injected into one case-management tab by the adapter builder (entrypoints/teach), when the
// administrator asks; never registered on any page by itself. It waits for the builder page to connect
// to this tab (tabs.connect), and answers that page only. Injected again, it stops the picker it had.
export default defineUnlistedScript(() => {
  const scope = globalThis as unknown as { __edubridgePicker?: PickerState };
  const state = (scope.__edubridgePicker ??= { listening: false });
  state.stop?.();
  state.stop = undefined;
  if (state.listening) return;
  state.listening = true;
  const builderPage = new URL(browser.runtime.getURL('/teach.html')).href;
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== BUILDER_PORT || port.sender?.id !== browser.runtime.id || port.sender?.url?.split('#')[0] !== builderPage) return;
    state.stop?.();
    state.stop = startPicker(document, port);
  });
});
