import { RATING_ICON, RATING_WORD } from '../format.ts';
import type { ChipFacts } from '../messages.ts';

/**
 * A caseload row's chip, drawn inside its own extension-origin frame (chip.html) of a fixed size: the
 * overall rating as a word and an icon, and "Overdue" or "Due this week" when something needs action this
 * week, or nothing when there is no record this person may see or the
 * row's name disagrees with the record. The page sees the same empty-looking frame element either way.
 */

export const CHIP_STYLE = `
html, body { margin: 0; padding: 0; background: transparent; color-scheme: light; overflow: hidden; }
.chip { display: inline-block; font: bold 12px/1.5 Arial, sans-serif; padding: 1px 6px; border-radius: 2px; margin: 1px 0; white-space: nowrap; }
.chip-green { background: #cce2d8; color: #005a30; }
.chip-amber { background: #fff7bf; color: #594d00; }
.chip-red { background: #f6d7d2; color: #942514; }
.chip-none { background: #f3f2f1; color: #383f43; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (forced-colors: active) { .chip { border: 1px solid CanvasText; } }
`;

/** The chip's needs-action marker (core/presentation/needs-action.ts decides which). */
export const CHIP_ACTION_WORD: Record<NonNullable<ChipFacts['action']>, string> = { overdue: 'Overdue', 'due-this-week': 'Due this week' };

export function renderChip(doc: Document, facts: ChipFacts): void {
  const style = doc.createElement('style');
  style.textContent = CHIP_STYLE;
  doc.head.append(style);
  if (!facts.overall) return;
  const chip = doc.createElement('span');
  chip.className = `chip chip-${facts.overall}`;
  chip.title = `EduBridge overall rating: ${RATING_WORD[facts.overall]}`;
  const hidden = doc.createElement('span');
  hidden.className = 'visually-hidden';
  hidden.textContent = 'EduBridge overall rating: ';
  const icon = doc.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = `${RATING_ICON[facts.overall]} `;
  const word = doc.createElement('span');
  word.textContent = RATING_WORD[facts.overall];
  chip.append(hidden, icon, word);
  if (facts.action) {
    // In words, not colour alone: "· Overdue" or "· Due this week".
    const action = doc.createElement('span');
    action.className = 'action';
    action.textContent = ` · ${CHIP_ACTION_WORD[facts.action]}`;
    chip.append(action);
    chip.title += `; needs action: ${CHIP_ACTION_WORD[facts.action].toLowerCase()}`;
  }
  doc.body.append(chip);
}
