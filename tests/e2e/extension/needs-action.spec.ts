import AxeBuilder from '@axe-core/playwright';
import { isActionThisWeek, needsAction, needsActionRank } from '../../../core/presentation/needs-action.ts';
import { expect, statusOf, test } from './fixtures.ts';
import { badgeShowsFigures } from './harness.ts';
import { DEMO_PAGES } from './systems.ts';

const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

test('the popup lists the saved children needing action, overdue and due this week first, each with its reason', async ({ ext, demo, worker }) => {
  const ids = worker.children.filter((id) => id !== demo.inconsistentChildId).slice(0, 6);
  const page = await ext.context.newPage();
  for (const id of ids) {
    await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, id));
    await badgeShowsFigures(page);
  }
  const statuses = await Promise.all(ids.map((id) => statusOf(demo, worker.token, id)));
  const expected = statuses.map((status) => ({ status, action: needsAction(status, { asOf: today() }) })).filter((item) => item.action !== null);
  expect(expected.length).toBeGreaterThan(1);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  const list = popup.getByRole('region', { name: 'Needs action' }).getByRole('listitem');
  await expect(list).toHaveCount(expected.length);
  const shown = await list.allTextContents();
  const ranks = shown.map((text) => {
    const item = expected.find(({ status }) => text.includes(`(ID ${status.child.personId})`))!;
    expect(text).toContain(item.action!.reason);
    return needsActionRank(item.action);
  });
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  const results = await new AxeBuilder({ page: popup }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test("the popup's Print or save as PDF opens the child's summary in its own tab and prints it", async ({ ext, demo, worker }) => {
  const id = worker.children.find((child) => child !== demo.inconsistentChildId)!;
  const status = await statusOf(demo, worker.token, id);
  await ext.context.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void ((window as unknown as { printed: number }).printed += 1);
  });
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, id));
  await badgeShowsFigures(page);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await page.bringToFront();
  await popup.reload();
  await expect(popup.getByRole('heading', { name: status.child.displayName })).toBeVisible();
  const opened = ext.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Print or save as PDF' }).click();
  const summary = await opened;
  await expect(summary.getByRole('heading', { name: `Education summary: ${status.child.displayName}`, level: 2 })).toBeVisible();
  await expect(summary.getByText('OFFICIAL-SENSITIVE', { exact: false }).first()).toBeAttached();
  await expect.poll(() => summary.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  const results = await new AxeBuilder({ page: summary }).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  // Another tab's number, or none: no figures.
  const other = await ext.context.newPage();
  await other.goto(`chrome-extension://${ext.extensionId}/summary.html#999999`);
  await expect(other.getByRole('alert')).toContainText('No confirmed child to print');
  await expect(other.getByText(status.child.displayName)).toHaveCount(0);
});

test('caseload chips say in words which children need action this week', async ({ ext, demo, worker }) => {
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.caseload(demo.cmsUrl));
  await expect(page.locator('edubridge-chip')).toHaveCount(worker.children.length);
  let marked = 0;
  for (const id of worker.children) {
    const status = await statusOf(demo, worker.token, id);
    const action = needsAction(status);
    const chip = page.locator('table.caseload tbody tr', { hasText: id }).frameLocator('edubridge-chip iframe').locator('.chip');
    if (id === demo.inconsistentChildId) continue;
    await expect(chip).toBeVisible();
    if (isActionThisWeek(action)) {
      marked += 1;
      await expect(chip).toContainText(action!.level === 'overdue' ? '· Overdue' : '· Due this week');
      // The whole marker fits in the chip's frame.
      expect(await chip.evaluate((element) => element.getBoundingClientRect().right <= document.documentElement.clientWidth)).toBe(true);
    } else await expect(chip).not.toContainText('·');
  }
  expect(marked).toBeGreaterThan(0);
});
