import { expect, test, type Page } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../fixtures/demo-server.ts';
import { expectNoAxeViolations } from './helpers.ts';

/** The demo portal, intranet, plain page and docs page, against the demo server and its data. */
let server: DemoServer;

test.describe.configure({ mode: 'serial', timeout: 90_000 });

test.beforeAll(async () => {
  server = await startDemoServer();
});

test.afterAll(async () => {
  await server?.close();
});

function user(role: DemoServer['users'][number]['role']): DemoServer['users'][number] {
  const found = server.users.find((candidate) => candidate.role === role);
  if (!found) throw new Error(`no ${role} demo user`);
  return found;
}

/** Signs in as the sign-in form does (its session cookie lands in the page's context), then opens `next`. */
async function signIn(page: Page, role: DemoServer['users'][number]['role'], next: string): Promise<void> {
  const response = await page.request.post(`${server.url}/signin`, {
    form: { token: user(role).token, next },
    headers: { origin: server.url },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  await page.goto(`${server.url}${next}`);
}

async function totalFor(page: Page, role: DemoServer['users'][number]['role']): Promise<number> {
  const response = await page.request.get(`${server.url}/api/v1/children?pageSize=1`, { headers: { authorization: `Bearer ${user(role).token}` } });
  return ((await response.json()) as { total: number }).total;
}

test('portal: the virtual school dashboard through the API, and a child summary from the table', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await signIn(page, 'virtual-school', '/portal/');
  const total = await totalFor(page, 'virtual-school');
  const dashboard = page.locator('edu-cohort-dashboard');
  await expect(dashboard.locator('edu-cohort-table').getByRole('heading', { name: `Children (${total})` })).toBeVisible({ timeout: 30_000 });
  const firstChild = dashboard.locator('edu-cohort-table').locator('tbody tr').first().getByRole('button');
  const name = (await firstChild.textContent())!.trim();
  await firstChild.click();
  await expect(page.getByRole('heading', { name: 'One child' })).toBeFocused();
  await expect(page.locator('edu-child-summary').getByRole('heading', { name, exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Cymraeg' }).click();
  await expect(dashboard.getByText('Hidlwyr').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('portal without signing in says so in plain words', async ({ page }) => {
  await page.goto(`${server.url}/portal/`);
  await expect(page.locator('edu-cohort-dashboard').getByRole('alert')).toContainText('You are not signed in');
});

test('intranet: the designated teacher sees the looked-after pupils at their school', async ({ page }) => {
  const teacher = user('designated-teacher');
  await signIn(page, 'designated-teacher', '/intranet/');
  const total = await totalFor(page, 'designated-teacher');
  const table = page.locator('edu-cohort-table');
  await expect(table.getByRole('heading', { name: `Children (${total})` })).toBeVisible({ timeout: 30_000 });
  expect(total).toBeGreaterThan(0);
  const response = await page.request.get(`${server.url}/api/v1/children?pageSize=200`, { headers: { authorization: `Bearer ${teacher.token}` } });
  const items = ((await response.json()) as { items: { school: { urn: string } | null }[] }).items;
  expect(items.every((item) => item.school !== null && teacher.schools.includes(item.school.urn))).toBe(true);
  await table.locator('tbody tr').first().getByRole('button').press('Enter');
  await expect(page.locator('edu-child-summary').getByRole('heading', { name: 'Attendance', exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('plain page: one script tag is all it takes', async ({ page }) => {
  await signIn(page, 'virtual-school', '/widgets/plain.html');
  expect(await page.locator('script').count()).toBe(1);
  await expect(page.locator('edu-cohort-dashboard').getByRole('heading', { name: 'Headline figures' })).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page);
});

test('docs page: every component with its attributes, properties, events, parts and custom properties, and live examples', async ({ page }) => {
  await signIn(page, 'virtual-school', '/widgets/docs/');
  for (const tag of ['edu-child-summary', 'edu-attendance', 'edu-attainment', 'edu-pep-status', 'edu-exclusions', 'edu-cohort-table', 'edu-cohort-dashboard']) {
    const section = page.locator(`section#${tag}`);
    await expect(section.getByRole('heading', { name: `<${tag}>`, level: 2 })).toBeVisible();
    for (const what of ['Attributes', 'Properties', 'Events', 'CSS parts', 'CSS custom properties']) {
      await expect(section.getByRole('table', { name: `${what} of <${tag}>`, exact: true })).toBeVisible();
    }
  }
  await expect(page.locator('section#edu-attendance').getByRole('table', { name: 'Properties of <edu-attendance>', exact: true })).toContainText('token');
  await expect(page.locator('section#edu-attendance edu-attendance').getByRole('img', { name: /Bar chart of attendance/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('section#edu-cohort-table edu-cohort-table').getByRole('grid')).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page);
});
