import type { RATING_WORD } from '../format.ts';

/**
 * Putting EduBridge's frame and chips into a host page without disturbing it: the frame sits beside the
 * anchor (or docks at the page edge), is sized by the frame itself, and only sizes ever cross from it.
 */

export interface Mounted {
  host: HTMLElement;
  frame: HTMLIFrameElement;
  remove(): void;
}

const PANEL_WIDTH = 440;

function setStyles(element: HTMLElement, styles: Record<string, string>): void {
  for (const [name, value] of Object.entries(styles)) element.style.setProperty(name, value, 'important');
}

export function mountFrame(
  doc: Document,
  src: string,
  extensionOrigin: string,
  anchor: { element: Element; position: 'after' | 'before' | 'append' | 'prepend' } | null,
  onRestart: () => void = () => undefined,
): Mounted {
  const win = doc.defaultView!;
  const host = doc.createElement('edubridge-overlay');
  host.setAttribute('data-edubridge', '');
  const docked = !anchor;
  setStyles(host, {
    all: 'initial',
    display: 'inline-block',
    'vertical-align': 'middle',
    'margin-inline-start': docked ? '0' : '8px',
    'line-height': '0',
  });
  if (docked) setStyles(host, { position: 'fixed', right: '12px', bottom: '12px', 'z-index': '2147483646' });
  const frame = doc.createElement('iframe');
  frame.src = src;
  frame.title = 'EduBridge education status';
  // The frame reports its own size; until then it takes a badge's usual space.
  setStyles(frame, { border: '0', width: '320px', height: '34px', 'color-scheme': 'light', background: 'transparent', display: 'block' });
  host.append(frame);

  const root = doc.documentElement;
  const originalMargin = root.style.getPropertyValue('margin-right');
  let panelOpen = false;
  function layout(mode: 'badge' | 'panel', width: number, height: number): void {
    if (mode === 'panel') {
      const panelWidth = Math.min(PANEL_WIDTH, win.innerWidth);
      setStyles(frame, { position: 'fixed', top: '0', right: '0', width: `${panelWidth}px`, height: '100vh', 'z-index': '2147483647' });
      // Make room beside the page rather than cover its controls, when the window is wide enough.
      if (win.innerWidth >= PANEL_WIDTH * 2) root.style.setProperty('margin-right', `${panelWidth}px`);
      panelOpen = true;
    } else {
      frame.style.removeProperty('position');
      frame.style.removeProperty('top');
      frame.style.removeProperty('right');
      frame.style.removeProperty('z-index');
      setStyles(frame, { width: `${Math.max(40, width)}px`, height: `${Math.max(24, height)}px` });
      if (panelOpen) restoreMargin();
      panelOpen = false;
    }
  }
  function restoreMargin(): void {
    if (originalMargin) root.style.setProperty('margin-right', originalMargin);
    else root.style.removeProperty('margin-right');
  }
  function onMessage(event: MessageEvent): void {
    // Only the frame itself may resize it: a page script posting the same message is ignored.
    if (event.source !== frame.contentWindow || event.origin !== extensionOrigin) return;
    const data = event.data as { type?: unknown; mode?: unknown; width?: unknown; height?: unknown };
    if (data?.type === 'edubridge:restart') return onRestart();
    if (data?.type !== 'edubridge:layout' || (data.mode !== 'badge' && data.mode !== 'panel')) return;
    layout(data.mode, Number(data.width) || 0, Number(data.height) || 0);
  }
  win.addEventListener('message', onMessage);

  if (!anchor) (doc.body ?? root).append(host);
  else if (anchor.position === 'after') anchor.element.after(host);
  else if (anchor.position === 'before') anchor.element.before(host);
  else if (anchor.position === 'append') anchor.element.append(host);
  else anchor.element.prepend(host);

  return {
    host,
    frame,
    remove() {
      win.removeEventListener('message', onMessage);
      if (panelOpen) restoreMargin();
      host.remove();
    },
  };
}

const CHIP_ICON: Record<keyof typeof RATING_WORD, string> = { green: '✓', amber: '▲', red: '✕', none: '–' };
const CHIP_WORD: Record<keyof typeof RATING_WORD, string> = { green: 'Green', amber: 'Amber', red: 'Red', none: 'Not rated' };
const CHIP_COLOURS: Record<keyof typeof RATING_WORD, [string, string]> = {
  green: ['#cce2d8', '#005a30'],
  amber: ['#fff7bf', '#594d00'],
  red: ['#f6d7d2', '#942514'],
  none: ['#f3f2f1', '#383f43'],
};

/** A caseload row's chip: the overall rating only, as a word and an icon. */
export function mountChip(doc: Document, after: Element, rating: keyof typeof RATING_WORD): HTMLElement {
  const host = doc.createElement('edubridge-chip');
  host.setAttribute('data-edubridge', '');
  const shadow = host.attachShadow({ mode: 'open' });
  const chip = doc.createElement('span');
  const [background, colour] = CHIP_COLOURS[rating];
  chip.setAttribute('style', `font:bold 12px Arial,sans-serif;padding:1px 6px;border-radius:2px;margin-inline-start:6px;background:${background};color:${colour};white-space:nowrap`);
  chip.setAttribute('title', `EduBridge overall rating: ${CHIP_WORD[rating]}`);
  const icon = doc.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = `${CHIP_ICON[rating]} `;
  const word = doc.createElement('span');
  word.textContent = CHIP_WORD[rating];
  const hidden = doc.createElement('span');
  hidden.setAttribute('style', 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)');
  hidden.textContent = 'EduBridge overall rating: ';
  chip.append(hidden, icon, word);
  shadow.append(chip);
  after.append(host);
  return host;
}
