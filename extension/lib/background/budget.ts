/**
 * The recognition budget: how fast one tab may move from child to child before EduBridge slows down and
 * then stops there. A person opens a child's record, reads it and moves on at reading pace; a page that
 * flips through children (by rewriting its address, or in hidden frames) to make EduBridge look each one up
 * is harvesting, and gets slower answers and then none. Counted per tab, by distinct children.
 */
export const RECOGNITION_BUDGET = {
  /** The window in which distinct children are counted. */
  windowMs: 2 * 60_000,
  /** Distinct children a tab may move through in the window at full speed. */
  freeChildren: 4,
  /** Each further child in the window waits this much longer than the one before it. */
  slowStepMs: 1_500,
  /** The number of distinct children in the window at which EduBridge stops on the tab. */
  stopAtChildren: 8,
  /** How long it stays stopped (closing the tab ends it sooner). */
  stopForMs: 10 * 60_000,
} as const;

export type BudgetVerdict = { kind: 'go' } | { kind: 'slow'; delayMs: number } | { kind: 'stopped'; reason: string };

interface TabRecord {
  /** When each distinct child was first recognised in the window. */
  seen: Map<string, number>;
  stoppedUntil?: number;
}

export class RecognitionBudget {
  private readonly tabs = new Map<number, TabRecord>();

  constructor(private readonly budget: typeof RECOGNITION_BUDGET = RECOGNITION_BUDGET) {}

  /** Counts a recognition of `personId` in a tab and says whether to answer now, later or not at all. */
  check(tabId: number, personId: string, now: number): BudgetVerdict {
    const tab = this.tabs.get(tabId) ?? { seen: new Map<string, number>() };
    this.tabs.set(tabId, tab);
    if (tab.stoppedUntil !== undefined && now < tab.stoppedUntil) return { kind: 'stopped', reason: stoppedReason(this.budget) };
    tab.stoppedUntil = undefined;
    for (const [id, at] of tab.seen) if (now - at > this.budget.windowMs) tab.seen.delete(id);
    if (!tab.seen.has(personId)) tab.seen.set(personId, now);
    const count = tab.seen.size;
    if (count >= this.budget.stopAtChildren) {
      tab.stoppedUntil = now + this.budget.stopForMs;
      return { kind: 'stopped', reason: stoppedReason(this.budget) };
    }
    if (count > this.budget.freeChildren) return { kind: 'slow', delayMs: (count - this.budget.freeChildren) * this.budget.slowStepMs };
    return { kind: 'go' };
  }

  /** The tab was closed: its count ends with it. */
  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }
}

function stoppedReason(budget: typeof RECOGNITION_BUDGET): string {
  const minutes = Math.round(budget.windowMs / 60_000);
  return `EduBridge has stopped on this tab: the page moved through ${budget.stopAtChildren} children's records in under ${minutes} minutes, faster than a person reads them, which is how a page would try to collect children's details. Close this tab and open the record again in a new one; if this keeps happening, tell your council's IT support.`;
}
