import { config } from 'zod/mini';
import { renderBadge } from '../../lib/frames/badge.ts';
import type { BadgeFacts } from '../../lib/messages.ts';

config({ jitless: true });

// The badge frame: it learns its session from its address, and the background checks that the session
// belongs to the tab this frame is in before it sends the badge's facts. Only "toggle", "close" and
// "restart" go to the page (the content script acts on them); they carry nothing about the child.
const session = location.hash.slice(1);
const tell = (type: 'edubridge:toggle' | 'edubridge:close' | 'edubridge:restart') => window.parent.postMessage({ type }, '*');
const view = renderBadge(document, { toggle: () => tell('edubridge:toggle'), close: () => tell('edubridge:close') });

// From the content script: whether the panel is open, and focus back on the badge when it closes.
window.addEventListener('message', (event) => {
  if (event.source !== window.parent) return;
  const data = event.data as { type?: unknown; open?: unknown } | null;
  if (data?.type === 'edubridge:expanded' && typeof data.open === 'boolean') view.setExpanded(data.open);
  if (data?.type === 'edubridge:focus') {
    // The page has just moved the focus to this frame: take it (as the panel does), then the button.
    window.focus();
    view.focus();
  }
});
window.addEventListener('focus', () => view.focus());

const port = browser.runtime.connect({ name: 'badge' });
port.onMessage.addListener((facts: BadgeFacts) => view.show(facts));
port.onDisconnect.addListener(() => tell('edubridge:restart'));
port.postMessage({ type: 'attach', session });
