import { PEP_STATE_WORD, RATING_ICON, RATING_WORD, percent } from '../format.ts';
import type { BadgeFacts } from '../messages.ts';

/**
 * The compact badge, drawn inside its own extension-origin frame (badge.html) beside the child's name. The
 * page holds only the frame element: it cannot read the frame's document, its painted text (window.find
 * does not search other origins' frames) or its size, which the content script fixes in advance. The
 * facts come from the background over the frame's port and never pass through the page or the content
 * script. Between the frame and the page only "toggle" and "close" cross (see extension/lib/content/badge.ts).
 */

export const BADGE_STYLE = `
html, body { margin: 0; padding: 0; background: transparent; color-scheme: light; overflow: hidden; }
.badge { display: inline-flex; align-items: center; gap: 6px; padding: 3px 8px; border: 2px solid #0b0c0c;
  border-radius: 4px; background: #fff; color: #0b0c0c; font: 13px/1.4 Arial, sans-serif; cursor: pointer;
  white-space: nowrap; margin: 2px; text-align: start; max-width: calc(100vw - 8px); overflow: hidden; text-overflow: ellipsis; }
.badge:focus-visible { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 5px #0b0c0c; }
.face { display: inline-flex; align-items: center; gap: 6px; overflow: hidden; text-overflow: ellipsis; }
.brand, .rating { font-weight: bold; }
.rating { padding: 0 4px; border-radius: 2px; }
.rating-green { background: #cce2d8; color: #005a30; }
.rating-amber { background: #fff7bf; color: #594d00; }
.rating-red { background: #f6d7d2; color: #942514; }
.rating-none { background: #f3f2f1; color: #383f43; }
.muted, .sep { color: #484949; }
.stale { color: #942514; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (forced-colors: active) { .badge { border-color: ButtonText; } }
`;

export function badgeLabel(facts: BadgeFacts): string {
  if (facts.phase === 'stopped') return `EduBridge: ${facts.problem ?? 'stopped on this tab'}`;
  if (facts.phase === 'mismatch') return 'EduBridge: this education record may not match the child on this page';
  if (facts.phase === 'uncertain') return `EduBridge: cannot be sure this education record is the child on this page, so no figures are shown. ${facts.problem ?? ''}`.trim();
  if (facts.phase === 'unconfirmed')
    return "EduBridge: this page does not show the child's name and date of birth, so no figures are shown here. Open to see the education record.";
  if (!facts.rating) return `EduBridge: ${facts.problem ?? 'looking up the education record'}`;
  const summary = [
    `${RATING_WORD[facts.rating]} overall`,
    `attendance this year ${percent(facts.attendancePercent)}`,
    facts.pep ? PEP_STATE_WORD[facts.pep] : '',
  ].filter(Boolean);
  return `EduBridge education status for ${facts.name ?? 'this child'}: ${summary.join(', ')}${facts.stale ? ' (saved, not the latest data)' : ''}`;
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
  if (facts.phase === 'stopped') return [span(doc, 'Stopped on this tab', 'rating rating-red')];
  if (facts.phase === 'mismatch') {
    const rating = span(doc, ' Record may not match', 'rating rating-red');
    rating.prepend(span(doc, '?', undefined, true));
    return [rating];
  }
  if (facts.phase === 'uncertain') {
    const rating = span(doc, ' Cannot confirm this child', 'rating rating-amber');
    rating.prepend(span(doc, '?', undefined, true));
    return [rating];
  }
  if (facts.phase === 'unconfirmed') return [span(doc, 'Open to see the education record', 'muted')];
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
  if (facts.phase === 'uncertain') return 'EduBridge cannot be sure this education record is the child on this page.';
  if (facts.phase === 'stopped') return facts.problem ?? '';
  if (facts.phase === 'ready' && facts.name) return `Education status for ${facts.name} loaded.`;
  return facts.problem ?? '';
}

export interface BadgeView {
  show(facts: BadgeFacts): void;
  setExpanded(open: boolean): void;
  focus(): void;
}

/** Draws the badge into the frame's own document. */
export function renderBadge(doc: Document, actions: { toggle(): void; close(): void }): BadgeView {
  const style = doc.createElement('style');
  style.textContent = BADGE_STYLE;
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
  doc.head.append(style);
  doc.body.append(button, status);
  button.addEventListener('click', () => actions.toggle());
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
      event.preventDefault();
      actions.close();
    }
  });
  let seq = 0;
  let marked = false;
  return {
    show(facts) {
      if (facts.seq < seq) return;
      seq = facts.seq;
      content.replaceChildren(...face(doc, facts));
      const label = badgeLabel(facts);
      button.setAttribute('aria-label', label);
      button.title = label;
      const words = announcement(facts);
      if (status.textContent !== words) status.textContent = words;
      // A performance mark, on this frame's own timeline, when figures first show: `npm run bench` reads it
      // to time page → badge visible.
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
  };
}
