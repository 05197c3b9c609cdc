/**
 * Putting EduBridge's panel frame and chips into a host page without disturbing it. The panel frame is
 * loaded, hidden, as soon as the child is recognised, so opening it is instant; it docks at the page's
 * right edge when open, and only sizes and open/closed ever cross from it.
 */

export interface Mounted {
  host: HTMLElement;
  frame: HTMLIFrameElement;
  /** Opens or closes the panel (the frame itself confirms with a layout message). */
  setOpen(open: boolean): void;
  remove(): void;
}

const PANEL_WIDTH = 440;

function setStyles(element: HTMLElement, styles: Record<string, string>): void {
  for (const [name, value] of Object.entries(styles)) element.style.setProperty(name, value, 'important');
}

export function mountPanel(
  doc: Document,
  src: string,
  trustedOrigins: readonly string[],
  events: { onOpenChange(open: boolean, focusWasInside: boolean): void; onRestart(): void },
): Mounted {
  const win = doc.defaultView!;
  const host = doc.createElement('edubridge-overlay');
  host.setAttribute('data-edubridge', '');
  setStyles(host, { all: 'initial', position: 'fixed', top: '0', right: '0', width: '0', height: '0', 'z-index': '2147483647' });
  const frame = doc.createElement('iframe');
  frame.src = src;
  frame.title = 'EduBridge education status';
  setStyles(frame, {
    border: '0',
    position: 'fixed',
    top: '0',
    right: '0',
    width: `${Math.min(PANEL_WIDTH, win.innerWidth)}px`,
    height: '100vh',
    'color-scheme': 'light',
    background: 'transparent',
    display: 'block',
    // Loaded but hidden until opened: not painted, not focusable, no pointer events.
    visibility: 'hidden',
  });
  host.append(frame);

  const root = doc.documentElement;
  const originalMargin = root.style.getPropertyValue('margin-right');
  let panelOpen = false;
  let ready = false;
  let wanted: boolean | undefined;

  function layout(open: boolean, closedFromInside = false): void {
    if (open === panelOpen) return;
    const focusWasInside = doc.activeElement === frame || closedFromInside;
    panelOpen = open;
    if (open) {
      const panelWidth = Math.min(PANEL_WIDTH, win.innerWidth);
      setStyles(frame, { visibility: 'visible', width: `${panelWidth}px` });
      // Make room beside the page rather than cover its controls, when the window is wide enough.
      if (win.innerWidth >= PANEL_WIDTH * 2) root.style.setProperty('margin-right', `${panelWidth}px`);
    } else {
      setStyles(frame, { visibility: 'hidden' });
      restoreMargin();
    }
    events.onOpenChange(open, focusWasInside);
  }
  function restoreMargin(): void {
    if (originalMargin) root.style.setProperty('margin-right', originalMargin);
    else root.style.removeProperty('margin-right');
  }
  const frameOrigin = new URL(src).origin;
  const origins = new Set([frameOrigin, ...trustedOrigins]);
  function tell(open: boolean): void {
    // The frame is addressed at the dynamic origin but its document may have the extension's own origin.
    for (const origin of origins) frame.contentWindow?.postMessage({ type: 'edubridge:open', open }, origin);
  }
  function onMessage(event: MessageEvent): void {
    // Only the frame itself may open, close or restart it: a page script posting the same is ignored.
    if (event.source !== frame.contentWindow || !origins.has(event.origin)) return;
    const data = event.data as { type?: unknown; open?: unknown; returnFocus?: unknown };
    if (data?.type === 'edubridge:restart') return events.onRestart();
    if (data?.type === 'edubridge:ready') {
      ready = true;
      if (wanted !== undefined) tell(wanted);
      wanted = undefined;
      return;
    }
    if (data?.type === 'edubridge:layout' && typeof data.open === 'boolean') layout(data.open, data.returnFocus === true);
  }
  win.addEventListener('message', onMessage);
  (doc.body ?? root).append(host);

  return {
    host,
    frame,
    setOpen(open) {
      if (open) {
        layout(true);
        frame.focus();
      }
      if (ready) tell(open);
      else wanted = open;
    },
    remove() {
      win.removeEventListener('message', onMessage);
      if (panelOpen) restoreMargin();
      host.remove();
    },
  };
}

/** A caseload row's chip frame, of a fixed size: what it shows is in its own document (lib/frames/chip.ts). */
/** Wide enough for "✖ Amber · Due this week" in the chip's 12px bold type. */
export const CHIP_FRAME_SIZE = { width: 200, height: 22 } as const;

export function mountChip(doc: Document, after: Element, src: string): HTMLElement {
  const host = doc.createElement('edubridge-chip');
  host.setAttribute('data-edubridge', '');
  setStyles(host, { all: 'initial', display: 'inline-block', 'vertical-align': 'middle', 'margin-inline-start': '6px' });
  const frame = doc.createElement('iframe');
  frame.src = src;
  frame.title = 'EduBridge rating';
  setStyles(frame, { border: '0', display: 'block', width: `${CHIP_FRAME_SIZE.width}px`, height: `${CHIP_FRAME_SIZE.height}px`, background: 'transparent' });
  host.append(frame);
  after.append(host);
  return host;
}
