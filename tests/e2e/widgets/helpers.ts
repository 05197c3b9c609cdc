import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** axe with the WCAG 2.2 AA rule set finds nothing on the page (it scans inside open shadow roots). */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Collects the EduBridge events that reach `document` (they bubble and cross shadow roots). */
export async function collectEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { type: string; detail: unknown }[] = [];
    (window as unknown as { eduEvents: typeof seen }).eduEvents = seen;
    for (const type of ['edu-load', 'edu-error', 'edu-select-child', 'edu-filter-change', 'edu-export']) {
      document.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
    }
  });
}

export const events = (page: Page): Promise<{ type: string; detail: Record<string, unknown> }[]> =>
  page.evaluate(() => (window as unknown as { eduEvents: { type: string; detail: Record<string, unknown> }[] }).eduEvents);
