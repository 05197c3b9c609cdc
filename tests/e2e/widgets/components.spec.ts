import { expect, test } from '@playwright/test';
import type { Rating } from '../../../core/model/status.ts';
import { collectEvents, events, expectNoAxeViolations } from './helpers.ts';
import { AS_OF, ORIGIN, mount, openHarness, records, richStatus, sparseRecord, statusAt } from './fixtures.ts';

const SINGLE_CHILD = [
  { tag: 'edu-child-summary', heading: (name: string) => name, welsh: 'Beth sydd angen ei wneud' },
  { tag: 'edu-attendance', heading: () => 'Attendance', welsh: 'Presenoldeb' },
  { tag: 'edu-attainment', heading: () => 'Attainment', welsh: 'Cyrhaeddiad' },
  { tag: 'edu-pep-status', heading: () => 'Personal education plan (PEP)', welsh: 'Cynllun addysg personol (CAP)' },
  { tag: 'edu-exclusions', heading: () => 'Suspensions and exclusions', welsh: 'Ataliadau a gwaharddiadau' },
] as const;

const LEVELS: { level: Rating; en: string; cy: string }[] = [
  { level: 'red', en: 'Red', cy: 'Coch' },
  { level: 'amber', en: 'Amber', cy: 'Ambr' },
  { level: 'green', en: 'Green', cy: 'Gwyrdd' },
  { level: 'none', en: 'Not rated', cy: 'Heb ei sgorio' },
];

for (const component of SINGLE_CHILD) {
  test.describe(component.tag, () => {
    for (const { level, en } of LEVELS) {
      test(`shows a ${level} rating in words and passes axe`, async ({ page }) => {
        await openHarness(page);
        const status = statusAt(level);
        await mount(page, component.tag, {}, { status });
        const element = page.locator(component.tag);
        await expect(element.getByRole('heading', { name: component.heading(status.child.displayName), exact: true }).first()).toBeVisible();
        await expect(element.locator(`.rag-${level}`).first()).toHaveText(en);
        await expectNoAxeViolations(page);
      });
    }

    test('speaks Welsh when lang="cy" is on the element or the page', async ({ page }) => {
      await openHarness(page);
      await mount(page, component.tag, { lang: 'cy' }, { status: statusAt('red') });
      const element = page.locator(component.tag);
      await expect(element.getByText(component.welsh, { exact: true }).first()).toBeVisible();
      await expect(element.locator('.rag-red').first()).toHaveText('Coch');
      await expectNoAxeViolations(page);
      await mount(page, component.tag, {}, { status: statusAt('green') });
      await page.evaluate(() => document.documentElement.setAttribute('lang', 'cy'));
      await expect(element.locator('.rag-green').first()).toHaveText('Gwyrdd');
    });

    test('designed empty state when given nothing', async ({ page }) => {
      await openHarness(page);
      await mount(page, component.tag);
      await expect(page.locator(component.tag).getByRole('status')).toContainText('No education status to show');
      await expectNoAxeViolations(page);
    });

    test('loading state while the API answers, then the status and edu-load', async ({ page }) => {
      let release: () => void = () => undefined;
      const answered = new Promise<void>((resolve) => (release = resolve));
      let authorization: string | undefined;
      await openHarness(page, {
        api: async (route) => {
          authorization = await route.request().headerValue('authorization') ?? undefined;
          await answered;
          await route.fulfill({ json: richStatus });
        },
      });
      await collectEvents(page);
      await mount(page, component.tag, { src: ORIGIN, 'child-id': richStatus.child.personId }, { token: 'secret-token' });
      const element = page.locator(component.tag);
      await expect(element.getByRole('status')).toContainText('Loading the education status');
      await expectNoAxeViolations(page);
      release();
      await expect(element.getByRole('heading', { name: component.heading(richStatus.child.displayName), exact: true }).first()).toBeVisible();
      expect(authorization).toBe('Bearer secret-token');
      expect(await element.getAttribute('token')).toBeNull();
      expect(await page.content()).not.toContain('secret-token');
      expect((await events(page)).filter((e) => e.type === 'edu-load')).toEqual([{ type: 'edu-load', detail: { childId: richStatus.child.personId } }]);
    });

    for (const { status, kind, says } of [
      { status: 500, kind: 'server', says: 'had a problem (error 500)' },
      { status: 404, kind: 'not-found', says: 'There is no education record for child C-404 that you can see' },
      { status: 401, kind: 'unauthorised', says: 'You are not signed in' },
      { status: 403, kind: 'not-found', says: 'ask the virtual school to add them to your caseload' },
      { status: 429, kind: 'rate-limited', says: 'too many requests' },
    ]) {
      test(`error state in plain words when the API answers ${status}`, async ({ page }) => {
        await openHarness(page, { api: (route) => route.fulfill({ status, json: { title: 'Problem', status } }) });
        await collectEvents(page);
        await mount(page, component.tag, { src: ORIGIN, 'child-id': 'C-404' });
        const alert = page.locator(component.tag).getByRole('alert');
        await expect(alert).toContainText(says);
        await expectNoAxeViolations(page);
        const errors = (await events(page)).filter((e) => e.type === 'edu-error');
        expect(errors).toHaveLength(1);
        expect(errors[0]!.detail.kind).toBe(kind);
      });
    }
  });
}

test('a status that is not an education status is refused, naming the field', async ({ page }) => {
  await openHarness(page);
  const broken = structuredClone(statusAt('green')) as unknown as { child: { dateOfBirth: string } };
  broken.child.dateOfBirth = '31/02/2015';
  await mount(page, 'edu-child-summary', {}, { status: broken });
  await expect(page.locator('edu-child-summary').getByRole('alert')).toContainText('child.dateOfBirth');
});

test('a record given as a property is worked out in the browser on the as-of date', async ({ page }) => {
  await openHarness(page);
  const record = records[0]!;
  await mount(page, 'edu-child-summary', { 'as-of': AS_OF }, { record });
  const name = record.identity.preferredName ?? record.identity.firstName;
  await expect(page.locator('edu-child-summary').getByRole('heading', { name: new RegExp(`^${name}`) }).first()).toBeVisible();
  // A Year 5 child with no school place and no attendance: out of education, so attendance is red.
  await mount(page, 'edu-attendance', { 'as-of': AS_OF }, { record: sparseRecord });
  await expect(page.locator('edu-attendance .rag-red')).toHaveText('Red');
});

test('a network failure says the service could not be reached, and Try again reloads', async ({ page }) => {
  let calls = 0;
  await openHarness(page, {
    api: (route) => {
      calls += 1;
      return calls === 1 ? route.abort('failed') : route.fulfill({ json: richStatus });
    },
  });
  await mount(page, 'edu-pep-status', { src: ORIGIN, 'child-id': richStatus.child.personId });
  await expect(page.locator('edu-pep-status').getByRole('alert')).toContainText('could not be reached');
  await page.locator('edu-pep-status').getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('edu-pep-status').getByRole('heading', { name: 'Personal education plan (PEP)' })).toBeVisible();
});

test('the attendance chart has an accessible name and a table with the same weeks', async ({ page }) => {
  await openHarness(page);
  await mount(page, 'edu-attendance', {}, { status: richStatus });
  const element = page.locator('edu-attendance');
  const chart = element.getByRole('img', { name: /Bar chart of attendance week by week/ });
  await expect(chart).toBeVisible();
  const weeks = richStatus.attendance.academicYear.weekly.filter((w) => w.possibleSessions > 0);
  await element.getByText('Show the figures as a table').click();
  await expect(element.getByRole('table', { name: 'Attendance week by week' }).locator('tbody tr')).toHaveCount(weeks.length);
  await expectNoAxeViolations(page);
});
