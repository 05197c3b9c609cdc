// First: zod is configured before any module builds a schema (see lib/zod-config.ts).
import '../../lib/zod-config.ts';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Overlay } from '../../ui/Overlay.tsx';
import type { OverlayMessage, OverlayState } from '../../lib/messages.ts';
import '../../ui/overlay.css';

// The panel frame, loaded hidden as soon as the page's child is recognised so that opening it is instant.
// It learns its session from its address; the background checks that the session belongs to the tab this
// frame is in before it sends anything.
const session = location.hash.slice(1);
const port = browser.runtime.connect({ name: 'overlay' });
const send = (message: OverlayMessage) => port.postMessage(message);

/** Tells the content script whether to show this frame, and on closing whether the person closed it from
 * inside (so focus goes back to the badge). Only open/closed crosses: never data. */
function reportLayout(open: boolean, closedFromInside: boolean) {
  window.parent.postMessage({ type: 'edubridge:layout', open, ...(open ? {} : { returnFocus: closedFromInside }) }, '*');
}

/** Open/close requests from the badge. Anything in the page's window can post these, so they may only
 * open or close the panel; they carry no data and get none back. One may arrive before the panel has its
 * first state (the badge was pressed while the panel loaded): it waits here for the panel to start. */
let openRequest: ((open: boolean) => void) | null = null;
let pendingOpen: boolean | undefined;
window.addEventListener('message', (event) => {
  if (event.source !== window.parent) return;
  const data = event.data as { type?: unknown; open?: unknown } | null;
  if (data?.type !== 'edubridge:open' || typeof data.open !== 'boolean') return;
  if (openRequest) openRequest(data.open);
  else pendingOpen = data.open;
});
window.parent.postMessage({ type: 'edubridge:ready' }, '*');

function App() {
  const [state, setState] = useState<OverlayState | null>(null);
  const focusHeading = useRef(false);
  // Counted, so a request to focus the heading also works when the panel is open already (the background's
  // state can open it a moment before the page's request arrives).
  const [focusRequests, setFocusRequests] = useState(0);
  // Set when the person closes the panel from inside it (Escape, a button): the focus was here, whatever
  // the page's own idea of its focused element by the time the frame is hidden.
  const closedFromInside = useRef(false);
  // Open or closed is the person's to decide, and only this frame asks the background to change it: once
  // they have chosen here, a state the background sent before it heard of the choice does not undo it.
  const chosenOpen = useRef<boolean | undefined>(undefined);
  const setOpen = (open: boolean, focus: boolean) => {
    chosenOpen.current = open;
    focusHeading.current = open && focus;
    closedFromInside.current = !open && !focus;
    if (open && focus) setFocusRequests((count) => count + 1);
    setState((current) => (current ? { ...current, open } : current));
    send({ type: 'set-open', open });
  };
  useEffect(() => {
    const listener = (message: unknown) => {
      const next = message as OverlayState;
      setState(chosenOpen.current === undefined ? next : { ...next, open: chosenOpen.current });
    };
    port.onMessage.addListener(listener);
    // The background restarted (or refused the session): ask the page's content script to start again.
    port.onDisconnect.addListener(() => window.parent.postMessage({ type: 'edubridge:restart' }, '*'));
    send({ type: 'attach', session });
    // After the attach, so the background knows the session a request names.
    openRequest = (open) => setOpen(open, true);
    if (pendingOpen !== undefined) setOpen(pendingOpen, true);
    pendingOpen = undefined;
    return () => port.onMessage.removeListener(listener);
  }, []);
  const open = state?.open ?? false;
  useEffect(() => {
    if (!state) return;
    reportLayout(open, closedFromInside.current);
    closedFromInside.current = false;
  }, [open, state !== null]);
  return (
    <Overlay
      state={state}
      focusHeading={focusHeading}
      focusRequests={focusRequests}
      actions={{
        setOpen: (next) => setOpen(next, false),
        dismiss: () => send({ type: 'dismiss' }),
        retry: () => send({ type: 'retry' }),
      }}
    />
  );
}

render(<App />, document.getElementById('root')!);
