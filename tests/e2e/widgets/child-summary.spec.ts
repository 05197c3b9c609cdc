import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { EducationStatus } from '../../../core/model/status.ts';
import { expectNoAxeViolations } from './helpers.ts';
import { mount, openHarness } from './fixtures.ts';

/**
 * <edu-child-summary> as people use it: the first screen (how the child is doing, what needs doing and by
 * whom, whom to contact), the detail one click away, the PEP link only to the ePEP origin, the keyboard,
 * 200% zoom, and what the first screen looks like for a red, an amber, a green and an incomplete child.
 * The statuses are frozen fixtures in the API's format (tests/fixtures/statuses), so a picture changes only
 * when the screen does.
 */

const fixture = (name: string): EducationStatus =>
  EducationStatus.parse(JSON.parse(readFileSync(new URL(`../../fixtures/statuses/${name}.json`, import.meta.url), 'utf8')));
const STATUSES = { red: fixture('red'), amber: fixture('amber'), green: fixture('green'), incomplete: fixture('incomplete') };

/** The text of the focused element, looking inside shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return `${element?.tagName.toLowerCase()}:${element?.textContent?.trim().replace(/\s+/g, ' ')}`;
  });

test('the first screen says how the child is doing, what needs doing and by whom, and whom to contact', async ({ page }) => {
  await openHarness(page);
  const status = STATUSES.red;
  await mount(page, 'edu-child-summary', { viewer: 'social-worker' }, { status });
  // The screen layout (the printable summary beside it is shown only in print).
  const summary = page.locator('edu-child-summary .screen-only');
  await expect(summary.getByRole('heading', { name: `How ${status.child.displayName} is doing` })).toBeVisible();
  await expect(summary.locator('[part="tile"]')).toHaveCount(4);
  const attendance = summary.locator('[part="tile"]').first();
  await expect(attendance.getByRole('heading', { name: 'Attendance', exact: true })).toBeVisible();
  await expect(attendance).toContainText(`${status.attendance.academicYear.attendancePercent?.toFixed(1)}% this school year`);
  await expect(attendance).toContainText(status.rag.reasons.attendance[0]!.text);
  const todo = summary.locator('[part="todo"] li');
  // Each alert has a next step with its owner, and the overdue come first.
  await expect(todo.first()).toContainText('overdue');
  for (const flag of status.flags.filter((f) => f.severity !== 'info')) await expect(summary.locator('[part="todo"]')).toContainText(flag.title.text);
  await expect(summary.locator('[part="todo"]')).toContainText('Social worker (for you):');
  const contacts = summary.locator('[part="contacts"]');
  await expect(contacts).toContainText(new RegExp(`Designated teacher\\s*${status.school!.designatedTeacher!.name}`));
  await expect(contacts).toContainText(new RegExp(`Virtual school caseworker\\s*${status.contacts!.virtualSchoolCaseworker!.name}`));
  await expect(contacts.getByRole('link', { name: status.school!.designatedTeacher!.email! })).toHaveAttribute('href', `mailto:${status.school!.designatedTeacher!.email}`);
  // Everything else is one click away: closed until asked for.
  const attendanceDetail = summary.locator('details', { hasText: 'Attendance in detail' });
  await expect(attendanceDetail.getByRole('table')).toBeHidden();
  await attendanceDetail.locator('summary').click();
  await expect(attendanceDetail.getByRole('table')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('results are named in words, and early years goals and the primary checks are left out for a secondary pupil', async ({ page }) => {
  await openHarness(page);
  const status = STATUSES.red;
  await mount(page, 'edu-child-summary', {}, { status });
  const results = page.locator('edu-child-summary .screen-only details', { hasText: 'Results and teacher judgements' });
  await results.locator('summary').click();
  const text = (await results.textContent()) ?? '';
  expect(text).not.toMatch(/MTC mtc|PHONICS phonics|\(expected\)|Early years goal/);
  expect(status.child.yearGroup).toBeGreaterThanOrEqual(7);
  expect(status.attainment.statutory.some((r) => r.measure === 'PHONICS')).toBe(true);
  expect(text).not.toMatch(/phonics check|multiplication tables check/);
  expect(text).toMatch(/Key stage 2 \(end of Year 6\) – reading: Scaled score \d+ \(the expected standard is 100\)/);
});

test('the PEP link appears only for the configured ePEP origin, and opens in a new tab without the opener', async ({ page }) => {
  await openHarness(page);
  const status = STATUSES.amber;
  expect(status.contacts?.pepDocument?.url).toMatch(/^https:\/\/epep\.example\.com\//);
  await mount(page, 'edu-child-summary', {}, { status });
  await expect(page.locator('edu-child-summary').getByRole('link', { name: 'Open the PEP in the ePEP system' })).toHaveCount(0);
  await mount(page, 'edu-child-summary', { 'epep-origin': 'https://epep.other.example' }, { status });
  await expect(page.locator('edu-child-summary').getByRole('link', { name: 'Open the PEP in the ePEP system' })).toHaveCount(0);
  await mount(page, 'edu-child-summary', { 'epep-origin': 'https://epep.example.com' }, { status });
  const link = page.locator('edu-child-summary').getByRole('link', { name: 'Open the PEP in the ePEP system' });
  await expect(link).toHaveAttribute('href', status.contacts!.pepDocument!.url);
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
});

test('by keyboard: links, then each group of detail in order; Enter opens a group', async ({ page }) => {
  await openHarness(page);
  await mount(page, 'edu-child-summary', {}, { status: STATUSES.amber });
  const order: string[] = [];
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now.startsWith('body')) break;
    order.push(now);
  }
  const summaries = order.filter((item) => item.startsWith('summary:')).map((item) => item.slice('summary:'.length));
  expect(summaries).toEqual([
    'Every alert explained',
    'Attendance in detail',
    'Results and teacher judgements',
    'PEP in detail',
    'Exclusions in detail',
    'School, placement and special educational needs',
    'About the child',
  ]);
  const firstSummary = order.findIndex((item) => item.startsWith('summary:'));
  expect(order.slice(0, firstSummary).every((item) => item.startsWith('a:') || item.startsWith('button:'))).toBe(true);
  // Back to the first group, open it with Enter.
  await page.locator('edu-child-summary summary', { hasText: 'Every alert explained' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('edu-child-summary details', { hasText: 'Every alert explained' })).toHaveAttribute('open', '');
  await expectNoAxeViolations(page);
});

test('200% zoom (640 CSS pixels wide): nothing is cut off or needs sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 900 });
  await openHarness(page);
  await mount(page, 'edu-child-summary', {}, { status: STATUSES.red });
  await page.evaluate(() => {
    for (const details of document.querySelector('edu-child-summary')!.shadowRoot!.querySelectorAll('details')) details.open = true;
  });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
  const clipped = await page.evaluate(() =>
    [...document.querySelector('edu-child-summary')!.shadowRoot!.querySelectorAll<HTMLElement>('p, li, td, th, dt, dd, summary')]
      .filter((element) => element.scrollWidth > element.clientWidth + 1)
      .map((element) => element.textContent),
  );
  expect(clipped).toEqual([]);
});

for (const [name, status] of Object.entries(STATUSES)) {
  test(`the first screen of a ${name} child looks as it should, and passes axe`, async ({ page }) => {
    await page.setViewportSize({ width: 800, height: 1200 });
    await openHarness(page);
    await mount(page, 'edu-child-summary', { viewer: 'social-worker', 'epep-origin': 'https://epep.example.com' }, { status });
    await expectNoAxeViolations(page);
    await expect(page.locator('edu-child-summary')).toHaveScreenshot(`first-screen-${name}.png`, { maxDiffPixelRatio: 0.01 });
  });
}
