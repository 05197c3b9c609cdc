import AxeBuilder from '@axe-core/playwright';
import { describeTrends } from '../../../core/presentation/trends.ts';
import { expect, statusOf, test } from './fixtures.ts';
import { badge, badgeShowsFigures } from './harness.ts';
import { DEMO_PAGES } from './systems.ts';

/** The trend over three school years, one click away in the panel: the extension's own SVG chart and its tables. */

test('the trend opens by keyboard from the panel: a named chart of attendance by term with the persistent-absence line, the same figures as a table, attainment over time; axe finds nothing', async ({
  ext,
  demo,
  worker,
}) => {
  const personId = worker.children.find((id) => id !== demo.inconsistentChildId)!;
  const status = await statusOf(demo, worker.token, personId);
  const view = describeTrends(status)!;
  expect(view, 'the API sends the trend').toBeDefined();
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, personId));
  const frame = DEMO_PAGES.carepath.overlay(page);
  await badgeShowsFigures(page);
  await badge(page).click();
  const panel = frame.locator('#eb-panel');
  await expect(panel).toBeVisible();

  // One click away: closed on the first screen, opened from the keyboard.
  const group = panel.locator('details.group-trends');
  await expect(group).not.toHaveAttribute('open', '');
  await group.locator('> summary').focus();
  await page.keyboard.press('Enter');
  await expect(group).toHaveAttribute('open', '');

  const chart = group.getByRole('img', { name: view.attendance.chartLabel });
  await expect(chart).toBeVisible();
  // Every term is drawn: a bar with its percentage, or a dashed outline for no data (never a full bar).
  await expect(group.locator('svg .term-bar')).toHaveCount(view.attendance.terms.filter((t) => t.percent !== null).length);
  await expect(group.locator('svg .term-none')).toHaveCount(view.attendance.terms.filter((t) => t.percent === null).length);
  await expect(group.locator('svg .pa-line')).toHaveCount(1);
  await expect(group.locator('figcaption')).toHaveText(view.attendance.line.label);

  // The table alternative, opened by keyboard too: a caption, column and row headers, every term in words.
  await group.locator('details.trend-table > summary').focus();
  await page.keyboard.press('Space');
  const table = group.getByRole('table', { name: view.attendance.title });
  await expect(table).toBeVisible();
  await expect(table.locator('thead th[scope="col"]')).toHaveCount(4);
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(view.attendance.terms.length);
  for (const [index, term] of view.attendance.terms.entries()) {
    await expect(rows.nth(index).locator('th[scope="row"]')).toHaveText(term.label);
    await expect(rows.nth(index).locator('td').first()).toHaveText(term.value);
  }
  for (const subject of view.attainment.subjects) {
    const results = group.getByRole('table', { name: subject.subject, exact: true });
    await expect(results.locator('tbody tr')).toHaveCount(subject.points.length);
  }
  if (view.attainment.subjects.length === 0) await expect(group).toContainText(view.attainment.none);

  const results = await new AxeBuilder({ page }).include('edubridge-overlay').analyze();
  expect(results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }))).toEqual([]);
});
