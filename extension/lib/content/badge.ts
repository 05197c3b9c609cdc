import { RATING_VOCABULARY } from '../../../core/messages/ratings.ts';
import { PEP_STATE_WORD, RATING_ICON, RATING_WORD, percent } from '../format.ts';
import type { BadgeFacts } from '../messages.ts';

/**
 * The compact badge, drawn by the content script in a closed shadow root so it appears as soon as its
 * facts arrive, without waiting for a frame to load. It holds only the badge's facts (see BadgeFacts): the
 * full panel stays in the extension-origin frame. A page script cannot reach a closed shadow root, the
 * page's CSS cannot reach into it, and the badge's events stop at the shadow root (see docs/extension.md
 * for what a page can still observe).
 */

export interface Badge {
  host: HTMLElement;
  show(facts: BadgeFacts): void;
  setExpanded(open: boolean): void;
  focus(): void;
  remove(): void;
}

const STYLE = `
:host { all: initial !important; display: inline-block !important; vertical-align: middle !important; }
.badge { display: inline-flex; align-items: center; gap: 6px; padding: 4px 10px; border: 2px solid #0b0c0c;
  border-radius: 4px; background: #fff; color: #0b0c0c; font: 14px/1.4 Arial, sans-serif; cursor: pointer;
  white-space: nowrap; margin: 0; text-align: start; }
.badge:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 5px #0b0c0c; }
.face { display: inline-flex; align-items: center; gap: 6px; }
.brand, .rating { font-weight: bold; }
.rating { padding: 0 4px; border-radius: 2px; }
${(['green', 'amber', 'red', 'none'] as const).map((r) => `.rating-${r} { background: ${RATING_VOCABULARY[r].background}; color: ${RATING_VOCABULARY[r].text}; }`).join('\n')}
.muted, .sep { color: #484949; }
.stale { color: #942514; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (forced-colors: active) { .badge { border-color: ButtonText; } }
`;

/** Events that stop at the badge's shadow root instead of bubbling into the page. */
const ISOLATED_EVENTS = [
  'click', 'dblclick', 'auxclick', 'contextmenu', 'keydown', 'keyup', 'keypress', 'mousedown', 'mouseup',
  'pointerdown', 'pointerup', 'touchstart', 'touchend', 'focusin', 'focusout', 'beforeinput', 'input', 'copy',
];

export function badgeLabel(facts: BadgeFacts): string {
  if (facts.phase === 'mismatch') return 'EduBridge: this education record may not match the child on this page';
  if (!facts.rating) return `EduBridge: ${facts.problem ?? 'looking up the education record'}`;
  const summary = [
    `${RATING_WORD[facts.rating]} overall`,
    `attendance this year ${percent(facts.attendancePercent)}`,
    facts.pep ? PEP_STATE_WORD[facts.pep] : '',
  ].filter(Boolean);
  return `EduBridge education status for ${facts.name ?? 'this child'}: ${summary.join(', ')}`;
}

function span(doc: Document, text: string, className?: string, hidden = false): HTMLSpanElement {
  const element = doc.createElement('span');
  if (className) element.className = className;
  if (hidden) element.setAttribute('aria-hidden', 'true');
  element.textContent = text;
  return element;
}

/** The badge's visible face: all text, never HTML. */
function face(doc: Document, facts: BadgeFacts): Node[] {
  if (facts.phase === 'mismatch') {
    const rating = span(doc, ' Record may not match', 'rating rating-red');
    rating.prepend(span(doc, '?', undefined, true));
    return [rating];
  }
  if (!facts.rating) {
    const word = facts.phase === 'loading' ? 'Looking up education record…' : facts.phase === 'no-record' ? 'No education record' : 'Education data unavailable';
    return [span(doc, word, 'muted')];
  }
  const rating = span(doc, ` ${RATING_WORD[facts.rating]}`, `rating rating-${facts.rating}`);
  rating.prepend(span(doc, RATING_ICON[facts.rating], undefined, true));
  const nodes: Node[] = [
    rating,
    span(doc, '·', 'sep', true),
    span(doc, `Attendance ${percent(facts.attendancePercent)}`),
    span(doc, '·', 'sep', true),
    span(doc, facts.pep ? PEP_STATE_WORD[facts.pep] : ''),
  ];
  if (facts.stale) {
    const stale = span(doc, ' (saved)', 'stale');
    stale.title = 'Not the latest data';
    nodes.push(stale);
  }
  return nodes;
}

function announcement(facts: BadgeFacts): string {
  if (facts.phase === 'mismatch') return 'This education record may not match the child on this page.';
  if (facts.phase === 'ready' && facts.name) return `Education status for ${facts.name} loaded.`;
  return facts.problem ?? '';
}

export function mountBadge(
  doc: Document,
  anchor: { element: Element; position: 'after' | 'before' | 'append' | 'prepend' } | null,
  actions: { toggle(): void; close(): void },
): Badge {
  const host = doc.createElement('edubridge-badge');
  host.setAttribute('data-edubridge', '');
  const shadow = host.attachShadow({ mode: 'closed' });
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'badge';
  button.setAttribute('aria-expanded', 'false');
  const brand = span(doc, 'EduBridge', 'brand', true);
  const content = span(doc, '', 'face');
  button.append(brand, content);
  const status = doc.createElement('div');
  status.setAttribute('role', 'status');
  status.className = 'visually-hidden';
  shadow.append(style, button, status);
  button.addEventListener('click', () => actions.toggle());
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
      event.preventDefault();
      actions.close();
    }
  });

  const margin = anchor ? '0 0 0 8px' : '0';
  host.style.setProperty('margin', margin, 'important');
  if (!anchor) {
    for (const [name, value] of Object.entries({ position: 'fixed', right: '12px', bottom: '12px', 'z-index': '2147483646' }))
      host.style.setProperty(name, value, 'important');
    (doc.body ?? doc.documentElement).append(host);
  } else if (anchor.position === 'after') anchor.element.after(host);
  else if (anchor.position === 'before') anchor.element.before(host);
  else if (anchor.position === 'append') anchor.element.append(host);
  else anchor.element.prepend(host);

  let marked = false;
  return {
    host,
    show(facts) {
      content.replaceChildren(...face(doc, facts));
      button.setAttribute('aria-label', badgeLabel(facts));
      const words = announcement(facts);
      if (status.textContent !== words) status.textContent = words;
      // A performance mark when figures first show: `npm run bench` reads it to time page → badge visible.
      if (!marked && facts.rating) {
        marked = true;
        requestAnimationFrame(() => performance.mark('edubridge:badge-visible'));
      }
    },
    setExpanded(open) {
      button.setAttribute('aria-expanded', String(open));
    },
    focus() {
      button.focus();
    },
    remove() {
      host.remove();
    },
  };
}
