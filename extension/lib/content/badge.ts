/**
 * Puts the badge's frame into the page beside the child's name (or docked at the page edge). The badge
 * itself — its text, its figures, its accessible name — lives in the frame's own extension-origin document
 * (extension/lib/frames/badge.ts): the page cannot read it through the DOM, a shadow root or window.find,
 * and cannot learn it from the frame's size, which is fixed here before anything is known. Only "toggle",
 * "close" and "restart" come back from the frame, and only from that frame's window and origin.
 */

export interface Badge {
  host: HTMLElement;
  frame: HTMLIFrameElement;
  setExpanded(open: boolean): void;
  focus(): void;
  remove(): void;
}

/** The badge frame's size, the same whatever it shows (a size that followed the text would tell the page
 * the rating word and the number of digits). */
export const BADGE_FRAME_SIZE = { width: 430, height: 30 } as const;

function setStyles(element: HTMLElement, styles: Record<string, string>): void {
  for (const [name, value] of Object.entries(styles)) element.style.setProperty(name, value, 'important');
}

export function mountBadge(
  doc: Document,
  anchor: { element: Element; position: 'after' | 'before' | 'append' | 'prepend' } | null,
  src: string,
  trustedOrigins: readonly string[],
  actions: { toggle(): void; close(): void; restart(): void },
): Badge {
  const win = doc.defaultView!;
  const host = doc.createElement('edubridge-badge');
  host.setAttribute('data-edubridge', '');
  setStyles(host, { all: 'initial', display: 'inline-block', 'vertical-align': 'middle', margin: anchor ? '0 0 0 8px' : '0' });
  const frame = doc.createElement('iframe');
  frame.src = src;
  frame.title = 'EduBridge';
  setStyles(frame, {
    border: '0',
    display: 'block',
    width: `${BADGE_FRAME_SIZE.width}px`,
    'max-width': '90vw',
    height: `${BADGE_FRAME_SIZE.height}px`,
    background: 'transparent',
    'color-scheme': 'light',
  });
  host.append(frame);
  const frameOrigin = new URL(src).origin;
  const origins = new Set([frameOrigin, ...trustedOrigins]);

  function onMessage(event: MessageEvent): void {
    // Only the badge frame itself: a page script posting the same is ignored.
    if (event.source !== frame.contentWindow || !origins.has(event.origin)) return;
    const type = (event.data as { type?: unknown } | null)?.type;
    if (type === 'edubridge:toggle') actions.toggle();
    else if (type === 'edubridge:close') actions.close();
    else if (type === 'edubridge:restart') actions.restart();
  }
  win.addEventListener('message', onMessage);

  if (!anchor) {
    setStyles(host, { position: 'fixed', right: '12px', bottom: '12px', 'z-index': '2147483646' });
    (doc.body ?? doc.documentElement).append(host);
  } else if (anchor.position === 'after') anchor.element.after(host);
  else if (anchor.position === 'before') anchor.element.before(host);
  else if (anchor.position === 'append') anchor.element.append(host);
  else anchor.element.prepend(host);

  // The frame is addressed at the dynamic origin but its document may have the extension's own origin.
  const post = (message: unknown) => origins.forEach((origin) => frame.contentWindow?.postMessage(message, origin));
  return {
    host,
    frame,
    setExpanded(open) {
      post({ type: 'edubridge:expanded', open });
    },
    focus() {
      frame.focus();
      post({ type: 'edubridge:focus' });
    },
    remove() {
      win.removeEventListener('message', onMessage);
      host.remove();
    },
  };
}
