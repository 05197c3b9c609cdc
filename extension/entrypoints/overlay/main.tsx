import { z } from 'zod';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Overlay } from '../../ui/Overlay.tsx';
import type { OverlayMessage, OverlayState } from '../../lib/messages.ts';
import '../../ui/overlay.css';

z.config({ jitless: true });

// The frame learns its session from its address; the background checks that the session belongs to the
// tab this frame is in before it sends anything.
const session = location.hash.slice(1);
const port = browser.runtime.connect({ name: 'overlay' });
const send = (message: OverlayMessage) => port.postMessage(message);

/** Tells the content script how big to make this frame. Only sizes cross: never data. */
function reportLayout(open: boolean) {
  const root = document.querySelector('.overlay');
  const rect = root?.getBoundingClientRect();
  window.parent.postMessage(
    { type: 'edubridge:layout', mode: open ? 'panel' : 'badge', width: Math.ceil(rect?.width ?? 0), height: Math.ceil(rect?.height ?? 0) },
    '*',
  );
}

/** A performance mark when figures first show: `npm run bench` reads it to time page → badge visible. */
let marked = false;
function markBadgeVisible(state: OverlayState | null) {
  if (marked || !state?.status) return;
  marked = true;
  requestAnimationFrame(() => performance.mark('edubridge:badge-visible'));
}

function App() {
  const [state, setState] = useState<OverlayState | null>(null);
  useEffect(() => {
    const listener = (message: unknown) => setState(message as OverlayState);
    port.onMessage.addListener(listener);
    // The background restarted (or refused the session): ask the page's content script to start again.
    port.onDisconnect.addListener(() => window.parent.postMessage({ type: 'edubridge:restart' }, '*'));
    send({ type: 'attach', session });
    return () => port.onMessage.removeListener(listener);
  }, []);
  useEffect(() => {
    const root = document.querySelector('.overlay');
    const open = state?.open ?? false;
    reportLayout(open);
    markBadgeVisible(state);
    if (!root) return;
    const observer = new ResizeObserver(() => reportLayout(open));
    observer.observe(root);
    return () => observer.disconnect();
  }, [state]);
  return (
    <Overlay
      state={state}
      actions={{
        setOpen: (open) => {
          setState((current) => (current ? { ...current, open } : current));
          send({ type: 'set-open', open });
        },
        dismiss: () => send({ type: 'dismiss' }),
        retry: () => send({ type: 'retry' }),
      }}
    />
  );
}

render(<App />, document.getElementById('root')!);
