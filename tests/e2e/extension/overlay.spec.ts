import { RATING_WORD, PEP_STATE_WORD, percent } from '../../../extension/lib/format.ts';
import { expect, statusOf, test } from './fixtures.ts';
import { badge, toolbarBadge } from './harness.ts';
import { DEMO_PAGES } from './systems.ts';

/** The overlay on each of the demo's imitation case-management systems. */

for (const [key, system] of Object.entries(DEMO_PAGES)) {
  test(`${system.name}: the badge and panel show the right child's figures`, async ({ ext, demo, worker }) => {
    const personId = worker.children.find((id) => id !== demo.inconsistentChildId)!;
    const status = await statusOf(demo, worker.token, personId);
    const page = await ext.context.newPage();
    await page.goto(system.child(demo.cmsUrl, personId));
    const frame = system.overlay(page);
    const shown = badge(page);
    await expect.poll(() => shown.text()).toContain(RATING_WORD[status.rag.overall]);
    await expect.poll(() => shown.text()).toContain(`Attendance ${percent(status.attendance.academicYear.attendancePercent)}`);
    await expect.poll(() => shown.text()).toContain(PEP_STATE_WORD[status.pep.state]);
    await expect.poll(() => shown.label()).toMatch(new RegExp(`for ${status.child.displayName}`));
    const alerts = status.flags.filter((flag) => flag.severity !== 'info').length;
    await expect.poll(() => toolbarBadge(ext, page)).toBe(alerts ? String(alerts) : '');

    await shown.click();
    await expect.poll(() => shown.expanded()).toBe('true');
    const panel = frame.locator('#eb-panel');
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText(`Education status: ${status.child.displayName}`);
    await expect(panel.locator('.tile-' + status.rag.attendance).first()).toContainText(`${percent(status.attendance.academicYear.attendancePercent)} this school year`);
    // Readable at a glance: body text at 16px in Arial (Chromium's own font for extension pages is 75% of that).
    const figure = panel.locator('.figures td').first();
    expect(await figure.evaluate((cell) => Number.parseFloat(getComputedStyle(cell).fontSize))).toBeGreaterThanOrEqual(16);
    expect(await figure.evaluate((cell) => getComputedStyle(cell).fontFamily)).toMatch(/^Arial/);
    for (const flag of status.flags) await expect(panel).toContainText(flag.meaning.text);
    if (status.school) await expect(panel).toContainText(status.school.name);
    expect(key).toBeTruthy();
  });

  test(`${system.name}: a record that disagrees with the page shows a warning and no figures`, async ({ ext, demo }) => {
    const page = await ext.context.newPage();
    await page.goto(system.child(demo.cmsUrl, demo.inconsistentChildId));
    const frame = system.overlay(page);
    const shown = badge(page);
    await expect.poll(() => shown.text()).toContain('Record may not match');
    await shown.click();
    await expect(frame.locator('#eb-panel')).toContainText('This record may not match the child on this page');
    await expect(frame.locator('#eb-panel')).not.toContainText('%');
    await expect(frame.locator('.overlay')).not.toContainText('Attendance');
    expect(await shown.text()).not.toMatch(/Attendance|%|PEP/);
    await expect.poll(() => toolbarBadge(ext, page)).toBe('?');
  });
}

test('caseload lists get a rating chip per child', async ({ ext, demo, worker }) => {
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.caseload(demo.cmsUrl));
  const chips = page.locator('edubridge-chip');
  await expect(chips).toHaveCount(worker.children.length);
  const first = await statusOf(demo, worker.token, worker.children[0]!);
  const row = page.locator('table.caseload tbody tr', { hasText: worker.children[0]! });
  // The chip is drawn in its own extension frame: the page holds only the frame element.
  await expect(row.frameLocator('edubridge-chip iframe').locator('.chip')).toContainText(RATING_WORD[first.rag.overall]);
  expect(await row.locator('edubridge-chip').evaluate((chip) => chip.textContent)).toBe('');
});

test('the single-page application: follows route changes, never showing the previous child', async ({ ext, demo, worker }) => {
  const [first, second] = worker.children.filter((id) => id !== demo.inconsistentChildId);
  const [a, b] = await Promise.all([statusOf(demo, worker.token, first!), statusOf(demo, worker.token, second!)]);
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.atlas.caseload(demo.cmsUrl));
  await expect(page.locator('edubridge-chip')).toHaveCount(worker.children.length);

  await page.locator(`a.at-card-name[href$="/${first}"]`).click();
  await expect.poll(() => badge(page).label()).toMatch(new RegExp(`for ${a.child.displayName}:`));
  await page.getByRole('link', { name: 'Chronology' }).click();
  await expect(page).toHaveURL(/\/chronology$/);
  await expect.poll(() => badge(page).label()).toMatch(new RegExp(`for ${a.child.displayName}:`));

  await page.getByRole('link', { name: 'Caseload' }).click();
  await expect(page.locator('edubridge-overlay')).toHaveCount(0);
  await expect(page.locator('edubridge-badge')).toHaveCount(0);
  await page.locator(`a.at-card-name[href$="/${second}"]`).click();
  await expect.poll(() => badge(page).label()).toMatch(new RegExp(`for ${b.child.displayName}:`));
  await expect(page.locator('edubridge-overlay')).toHaveCount(1);
  await expect(page.locator('edubridge-badge')).toHaveCount(1);

  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/people/${first}/chronology$`));
  await expect.poll(() => badge(page).label()).toMatch(new RegExp(`for ${a.child.displayName}:`));
});

test('remembers open or closed, and can be hidden for the page', async ({ ext, demo, worker }) => {
  const page = await ext.context.newPage();
  const url = DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!);
  await page.goto(url);
  const frame = DEMO_PAGES.carepath.overlay(page);
  await badge(page).click();
  await expect(frame.locator('#eb-panel')).toBeVisible();
  await page.reload();
  await expect(frame.locator('#eb-panel')).toBeVisible();
  await frame.getByRole('button', { name: 'Hide on this page' }).click();
  await expect(page.locator('edubridge-overlay')).toHaveCount(0);
  await expect(page.locator('edubridge-badge')).toHaveCount(0);
  await page.reload();
  await page.locator('.cp-person-name').waitFor();
  await page.waitForTimeout(500);
  await expect(page.locator('edubridge-overlay')).toHaveCount(0);
  await expect(page.locator('edubridge-badge')).toHaveCount(0);
  // Another child's page is not hidden (and the panel is still remembered open).
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[2]!));
  await expect(frame.locator('#eb-panel')).toBeVisible();
  await frame.getByRole('button', { name: 'Close' }).click();
  await expect(frame.locator('#eb-panel')).toHaveCount(0);
  await expect.poll(() => badge(page).expanded()).toBe('false');
  await expect(page.locator('edubridge-overlay iframe')).toBeHidden();
});
