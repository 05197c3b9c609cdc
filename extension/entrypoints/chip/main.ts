import { config } from 'zod/mini';
import { renderChip } from '../../lib/frames/chip.ts';
import type { ChipFacts } from '../../lib/messages.ts';

config({ jitless: true });

// A caseload row's chip frame: "<session>.<row>" in its address; the background checks the session
// belongs to this frame's tab, sends the row's chip once, and nothing crosses back to the page.
const [session = '', row = ''] = location.hash.slice(1).split('.');
const port = browser.runtime.connect({ name: 'chip' });
port.onMessage.addListener((facts: ChipFacts) => {
  renderChip(document, facts);
  port.disconnect();
});
port.postMessage({ type: 'attach', session, index: Number(row) });
