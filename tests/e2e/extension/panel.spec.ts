import { expect, statusOf, test } from './fixtures.ts';
import { badge } from './harness.ts';
import { DEMO_PAGES } from './systems.ts';

/** The panel's first screen in the extension: how the child is doing, what needs doing, whom to contact; and print. */

test('the panel opens on how the child is doing, what needs doing and by whom, and whom to contact; it prints with every group open', async ({ ext, demo, worker }) => {
  const personId = worker.children.find((id) => id !== demo.inconsistentChildId)!;
  const status = await statusOf(demo, worker.token, personId);
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, personId));
  const frame = DEMO_PAGES.carepath.overlay(page);
  await badge(page).click();
  const panel = frame.locator('#eb-panel');
  const headings = await panel.getByRole('heading', { level: 3 }).allTextContents();
  expect(headings.slice(0, 4)).toEqual([`How ${status.child.displayName} is doing`, 'What needs doing', 'Who to contact', 'More detail']);
  await expect(panel.locator('.tile')).toHaveCount(4);
  for (const flag of status.flags.filter((f) => f.severity !== 'info')) await expect(panel.locator('.todo')).toContainText(flag.title.text);
  if (status.school?.designatedTeacher) await expect(panel.locator('.contacts')).toContainText(status.school.designatedTeacher.name);
  await expect(panel.locator('details.group[open]')).toHaveCount(0);
  await expect(panel.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
  await frame.locator('body').evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await expect(panel.locator('details.group:not([open])')).toHaveCount(0);
  await frame.locator('body').evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await expect(panel.locator('details.group[open]')).toHaveCount(0);
});
