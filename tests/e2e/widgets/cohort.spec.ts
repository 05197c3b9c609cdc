import { expect, test } from '@playwright/test';
import { filterCohort, summariseCohort } from '../../../core/cohort.ts';
import type { EducationStatus, Rating } from '../../../core/model/status.ts';
import { needsAction, isActionThisWeek } from '../../../core/presentation/needs-action.ts';
import { cohort, mount, openHarness, ORIGIN, statusAt } from './fixtures.ts';
import { collectEvents, events, expectNoAxeViolations } from './helpers.ts';

const LEVELS: { level: Rating; en: string }[] = [
  { level: 'red', en: 'Red' },
  { level: 'amber', en: 'Amber' },
  { level: 'green', en: 'Green' },
  { level: 'none', en: 'Not rated' },
];

const byName = (a: EducationStatus, b: EducationStatus): number =>
  a.child.lastName.localeCompare(b.child.lastName, 'en-GB', { sensitivity: 'base' }) ||
  a.child.displayName.localeCompare(b.child.displayName, 'en-GB', { sensitivity: 'base' }) ||
  a.child.personId.localeCompare(b.child.personId, 'en-GB', { sensitivity: 'base' });

for (const tag of ['edu-cohort-table', 'edu-cohort-dashboard'] as const) {
  test.describe(tag, () => {
    for (const { level, en } of LEVELS) {
      test(`children rated ${level} show it in words and pass axe`, async ({ page }) => {
        await openHarness(page);
        const children = [statusAt(level), ...cohort.filter((c) => c.rag.overall === level).slice(0, 4)];
        await mount(page, tag, {}, { children });
        await expect(page.locator(`${tag} .rag-${level}`).first()).toHaveText(en);
        await expectNoAxeViolations(page);
      });
    }

    test('Welsh from lang="cy", and passes axe', async ({ page }) => {
      await openHarness(page);
      await mount(page, tag, { lang: 'cy' }, { children: cohort.slice(0, 10) });
      await expect(page.locator(tag).getByRole('button', { name: 'Enw', exact: true })).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('empty state for an empty list', async ({ page }) => {
      await openHarness(page);
      await mount(page, tag, {}, { children: [] });
      await expect(page.locator(tag).getByRole('status').first()).toContainText('No children to show');
      await expectNoAxeViolations(page);
    });

    test('loading the compact list from the API, then edu-load with the count', async ({ page }) => {
      let release: () => void = () => undefined;
      const answered = new Promise<void>((resolve) => (release = resolve));
      const asked: string[] = [];
      await openHarness(page, {
        api: async (route) => {
          const url = new URL(route.request().url());
          asked.push(url.search);
          await answered;
          const pageNumber = Number(url.searchParams.get('page'));
          const size = Number(url.searchParams.get('pageSize'));
          const items = cohort.slice((pageNumber - 1) * size, pageNumber * size);
          await route.fulfill({ json: { asOf: cohort[0]!.asOf, page: pageNumber, pageSize: size, total: cohort.length, items } });
        },
      });
      await collectEvents(page);
      await mount(page, tag, { src: ORIGIN, school: '100001' });
      await expect(page.locator(tag).getByRole('status').first()).toContainText('Loading the list of children');
      await expectNoAxeViolations(page);
      release();
      await expect(page.locator(tag).getByText(`Children (${cohort.length})`).first()).toBeVisible();
      expect(asked[0]).toContain('school=100001');
      // The compact list, as many children a request as the API allows: one request for this cohort.
      expect(asked[0]).toContain('view=summary');
      expect(asked[0]).toContain('pageSize=2000');
      expect(asked).toHaveLength(1);
      expect((await events(page)).find((e) => e.type === 'edu-load')?.detail).toEqual({ count: cohort.length });
    });

    test('error state in plain words when the API fails', async ({ page }) => {
      await openHarness(page, { api: (route) => route.fulfill({ status: 503, json: { title: 'Down', status: 503 } }) });
      await collectEvents(page);
      await mount(page, tag, { src: ORIGIN });
      await expect(page.locator(tag).getByRole('alert')).toContainText('had a problem (error 503)');
      await expectNoAxeViolations(page);
      expect((await events(page)).find((e) => e.type === 'edu-error')?.detail.kind).toBe('server');
    });
  });
}

test.describe('edu-cohort-table', () => {
  test('sorts by a column from its heading, and says so with aria-sort', async ({ page }) => {
    await openHarness(page);
    await mount(page, 'edu-cohort-table', { 'page-size': '200' }, { children: cohort });
    const table = page.locator('edu-cohort-table');
    const yearHeader = table.getByRole('columnheader', { name: 'Year' });
    await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
    const sortedNames = [...cohort].sort(byName).map((c) => c.child.displayName);
    await expect(table.locator('tbody tr').first().locator('td').first()).toContainText(sortedNames[0]!);
    await yearHeader.getByRole('button').click();
    await expect(yearHeader).toHaveAttribute('aria-sort', 'ascending');
    const years = [...cohort].map((c) => c.child.yearGroup ?? Infinity).sort((a, b) => a - b);
    await yearHeader.getByRole('button').click();
    await expect(yearHeader).toHaveAttribute('aria-sort', 'descending');
    const firstYear = await table.locator('tbody tr').first().locator('td').nth(1).textContent();
    const top = [...cohort].sort((a, b) => (b.child.yearGroup ?? -99) - (a.child.yearGroup ?? -99))[0]!;
    expect(firstYear?.trim()).toBe(top.child.yearGroupLabel);
    expect(years.length).toBe(cohort.length);
  });

  test('keyboard: arrows move between cells, Page Down turns the page, Enter opens the child', async ({ page }) => {
    await openHarness(page);
    await collectEvents(page);
    await mount(page, 'edu-cohort-table', { 'page-size': '10' }, { children: cohort });
    const table = page.locator('edu-cohort-table');
    const sorted = [...cohort].sort(byName);
    // After the column headings, Tab reaches the grid at one place: the first child's name.
    await table.getByRole('button', { name: 'Suspensions' }).focus();
    await page.keyboard.press('Tab');
    await expect(table.locator('tbody tr').first().getByRole('button', { name: sorted[0]!.child.displayName, exact: true })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(table.locator('tbody tr').first().locator('td').nth(1)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(table.locator('tbody tr').nth(1).locator('td').nth(1)).toBeFocused();
    await page.keyboard.press('End');
    await expect(table.locator('tbody tr').nth(1).locator('td').last()).toBeFocused();
    await page.keyboard.press('Home');
    await expect(table.locator('tbody tr').nth(1).getByRole('button', { name: sorted[1]!.child.displayName, exact: true })).toBeFocused();
    await page.keyboard.press('PageDown');
    await expect(table.getByText('Showing 11 to 20 of 120 children')).toBeVisible();
    // The same row on the next page (two children may share a name, so the row is named too).
    await expect(table.locator('tbody tr').nth(1).getByRole('button', { name: sorted[11]!.child.displayName, exact: true })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const selected = (await events(page)).filter((e) => e.type === 'edu-select-child');
    expect(selected.map((e) => e.detail)).toEqual([{ personId: sorted[11]!.child.personId, displayName: sorted[11]!.child.displayName }]);
  });

  test('search and the rating filter narrow the rows; paging shows where you are', async ({ page }) => {
    await openHarness(page);
    await mount(page, 'edu-cohort-table', {}, { children: cohort });
    const table = page.locator('edu-cohort-table');
    await expect(table.getByText(`Showing 1 to 25 of ${cohort.length} children`)).toBeVisible();
    await table.getByRole('button', { name: 'Next page' }).click();
    await expect(table.getByText(`Showing 26 to 50 of ${cohort.length} children`)).toBeVisible();
    const target = cohort[7]!;
    await table.getByLabel('Search by name, ID or school').fill(target.child.personId);
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.locator('tbody tr')).toContainText(target.child.displayName);
    await table.getByLabel('Search by name, ID or school').fill('');
    await table.getByLabel('Overall rating').selectOption('green');
    const greens = cohort.filter((c) => c.rag.overall === 'green').length;
    await expect(table.getByText(`of ${greens} children`)).toBeVisible();
  });

  test('the first page, shown before the rest is sorted, holds the first rows of the full order (the CSV)', async ({ page }) => {
    await openHarness(page);
    await mount(page, 'edu-cohort-table', {}, { children: cohort });
    const table = page.locator('edu-cohort-table');
    // Columns with many equal values (ratings, attendance) check that ties keep one order.
    for (const [column, clicks] of [
      ['Overall', 1],
      ['Attendance', 2],
      ['Name', 1],
    ] as const) {
      for (let click = 0; click < clicks; click += 1) await table.getByRole('columnheader', { name: column }).getByRole('button').click();
      await expect(table.getByRole('columnheader', { name: column })).toHaveAttribute('aria-sort', /ascending|descending/);
      const shown = await table.locator('tbody tr td:first-child .secondary').allTextContents();
      const download = page.waitForEvent('download');
      await table.getByRole('button', { name: 'Download as CSV' }).click();
      const text = await (await (await download).createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
      const ids = text.replace(/^\ufeff/, '').trim().split('\r\n').slice(1, 26).map((line) => line.split(',')[0]);
      expect(shown.map((id) => id.trim()), column).toEqual(ids);
    }
  });

  test('CSV export: the rows shown, in order, with formula-like names defused', async ({ page }) => {
    await openHarness(page);
    const children = cohort.slice(0, 30).map((c) => structuredClone(c));
    children[0]!.child.displayName = '=HYPERLINK("http://evil.example","click")';
    children[0]!.child.lastName = 'Aaaa';
    await collectEvents(page);
    await mount(page, 'edu-cohort-table', {}, { children });
    const table = page.locator('edu-cohort-table');
    const download = page.waitForEvent('download');
    await table.getByRole('button', { name: 'Download as CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('children.csv');
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    const lines = text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Person ID,Name,Year,School,Overall,Needs action,Attendance,PEP,PEP due,Suspensions,Attendance rating');
    expect(lines).toHaveLength(31);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect((await events(page)).find((e) => e.type === 'edu-export')?.detail).toEqual({ rows: 30, filename: 'children.csv' });
  });
});

test.describe('edu-cohort-dashboard', () => {
  test('headline figures agree with summariseCohort and each shows the children behind it', async ({ page }) => {
    await openHarness(page);
    await mount(page, 'edu-cohort-dashboard', {}, { children: cohort });
    const dashboard = page.locator('edu-cohort-dashboard');
    const summary = summariseCohort(cohort);
    const red = dashboard.locator('li', { hasText: 'Red overall rating' });
    await expect(red).toContainText(`${summary.rag.red.count} of ${summary.rag.red.children} children`);
    const persistent = dashboard.locator('li', { hasText: 'Persistently absent' });
    await expect(persistent).toContainText(`${summary.attendance.persistentAbsence.count} of ${summary.attendance.persistentAbsence.children} children`);
    await persistent.getByRole('button').click();
    await expect(dashboard.getByRole('heading', { name: 'Children', exact: true })).toBeFocused();
    await expect(dashboard.locator('edu-cohort-table').getByRole('heading', { name: `Children (${summary.attendance.persistentAbsence.count})` })).toBeVisible();
    await dashboard.getByRole('button', { name: 'Show all children matching the filters' }).click();
    await expect(dashboard.locator('edu-cohort-table').getByRole('heading', { name: `Children (${cohort.length})` })).toBeVisible();
  });

  test('filters by keyboard narrow every figure, as filterCohort does', async ({ page }) => {
    await openHarness(page);
    await collectEvents(page);
    await mount(page, 'edu-cohort-dashboard', {}, { children: cohort });
    const dashboard = page.locator('edu-cohort-dashboard');
    await dashboard.getByLabel('In care 12 months or more').focus();
    await page.keyboard.press('Space');
    const inCare = filterCohort(cohort, { lookedAfter12Months: true });
    await expect(dashboard.locator('li', { hasText: 'Children' }).first()).toContainText(String(inCare.length));
    const school = inCare.find((c) => c.school)!.school!;
    await dashboard.getByLabel('School', { exact: true }).focus();
    await dashboard.getByLabel('School', { exact: true }).selectOption(school.urn);
    const both = filterCohort(cohort, { lookedAfter12Months: true, school: [school.urn] });
    await expect(dashboard.locator('edu-cohort-table').getByRole('heading', { name: `Children (${both.length})` })).toBeVisible();
    const changes = (await events(page)).filter((e) => e.type === 'edu-filter-change');
    expect(changes.at(-1)?.detail.count).toBe(both.length);
    await dashboard.getByRole('button', { name: 'Clear filters' }).click();
    await expect(dashboard.locator('edu-cohort-table').getByRole('heading', { name: `Children (${cohort.length})` })).toBeVisible();
  });

  test('charts by year group and school have accessible names, and tables that click through', async ({ page }) => {
    await openHarness(page);
    await mount(page, 'edu-cohort-dashboard', {}, { children: cohort });
    const dashboard = page.locator('edu-cohort-dashboard');
    await expect(dashboard.getByRole('img', { name: /Bar chart: Children by year group/ })).toBeVisible();
    await expect(dashboard.getByRole('img', { name: /Bar chart: Children by school/ })).toBeVisible();
    await dashboard.getByText('Show the figures as a table').first().click();
    const yearTable = dashboard.getByRole('table', { name: 'Children by year group' });
    const firstRow = yearTable.locator('tbody tr').first();
    const label = (await firstRow.locator('th').textContent())!.trim();
    const expected = cohort.filter((c) => c.child.yearGroupLabel === label).length;
    await expect(firstRow.locator('td').first()).toContainText(String(expected));
    await firstRow.getByRole('button').click();
    await expect(dashboard.locator('edu-cohort-table').getByRole('heading', { name: `Children (${expected})` })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test.describe('edu-cohort-dashboard with children at many schools', () => {
  // Twenty-four schools: too many bars to read, so the chart keeps the nine largest and one for the rest.
  const spread = cohort.slice(0, 48).map((status, index) => ({
    ...status,
    school: { ...(status.school ?? { urn: '0', name: '' }), urn: `9${String(index % 24).padStart(5, '0')}`, name: `School ${String.fromCharCode(65 + (index % 24))}` },
  }));

  test('the chart by school shows the largest schools and the rest as one bar; the table lists every school', async ({ page }) => {
    await openHarness(page);
    await mount(page, 'edu-cohort-dashboard', {}, { children: spread });
    const dashboard = page.locator('edu-cohort-dashboard');
    const chart = dashboard.getByRole('img', { name: /Bar chart: Children by school/ });
    await expect(chart).toHaveAttribute('aria-label', /15 other schools: 30/);
    await expect(dashboard.getByText('The chart shows the 9 schools with the most children and puts the rest together; the table lists every school.')).toBeVisible();
    await dashboard.getByText('Show the figures as a table').nth(1).click();
    const table = dashboard.getByRole('table', { name: 'Children by school' });
    await expect(table.locator('tbody tr')).toHaveCount(24);
    await expectNoAxeViolations(page);
  });

  test('a figure or a row of one child offers to show "this child"', async ({ page }) => {
    await openHarness(page);
    await mount(page, 'edu-cohort-dashboard', {}, { children: spread.slice(0, 1) });
    const dashboard = page.locator('edu-cohort-dashboard');
    await expect(dashboard.getByRole('button', { name: /^Show this child/ }).first()).toBeVisible();
    await expect(dashboard.getByRole('button', { name: /Show these 1 children/ })).toHaveCount(0);
  });
});

test.describe('edu-cohort-table: needs action', () => {
  /** A child whose PEP falls due in three days and who has nothing overdue. */
  function dueThisWeek(): EducationStatus {
    const child = structuredClone(cohort.find((c) => needsAction(c)?.level === 'amber')!);
    child.child.personId = 'DUE0001';
    child.child.displayName = 'Dana Due';
    child.pep.state = 'due-soon';
    child.pep.nextDue = '2025-11-23';
    return child;
  }

  test('the filter, reached and used by keyboard, keeps the children overdue or due this week, with the reason', async ({ page }) => {
    await openHarness(page);
    const children = [dueThisWeek(), ...cohort];
    await mount(page, 'edu-cohort-table', { 'page-size': '200' }, { children });
    const table = page.locator('edu-cohort-table');
    await table.getByLabel('Overall rating').focus();
    await page.keyboard.press('Tab');
    const filter = table.getByLabel('Needs action');
    await expect(filter).toBeFocused();
    await filter.selectOption('this-week');
    const thisWeek = children.filter((c) => isActionThisWeek(needsAction(c)));
    expect(thisWeek.length).toBeGreaterThan(1);
    await expect(table.getByText(`of ${thisWeek.length} children`)).toBeVisible();
    await expect(table.locator('tbody tr', { hasText: 'Dana Due' })).toContainText('Due this weekPEP due by 23 November 2025');
    const overdue = thisWeek.find((c) => c.pep.state === 'overdue')!;
    await expect(table.locator('tbody tr', { hasText: overdue.child.personId })).toContainText(`Overdue${needsAction(overdue)!.reason}`);
    await filter.selectOption('any');
    await expect(table.getByText(`of ${children.filter((c) => needsAction(c) !== null).length} children`)).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('sorting by the column puts overdue first, then due this week, then red, amber and the rest', async ({ page }) => {
    await openHarness(page);
    const children = [...cohort.slice(0, 40), dueThisWeek()];
    await mount(page, 'edu-cohort-table', { 'page-size': '200' }, { children });
    const table = page.locator('edu-cohort-table');
    const header = table.getByRole('columnheader', { name: 'Needs action' });
    await header.getByRole('button').focus();
    await page.keyboard.press('Enter');
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    const ids = (await table.locator('tbody tr td:first-child .secondary').allTextContents()).map((id) => id.trim());
    const rank = { overdue: 0, 'due-this-week': 1, red: 2, amber: 3 } as const;
    const ranks = ids.map((id) => {
      const level = needsAction(children.find((c) => c.child.personId === id)!)?.level;
      return level ? rank[level] : 4;
    });
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(ranks).size).toBeGreaterThanOrEqual(4);
    await expectNoAxeViolations(page);
  });

  test('Welsh: the filter, its choices and the reasons', async ({ page }) => {
    await openHarness(page);
    await mount(page, 'edu-cohort-table', { lang: 'cy' }, { children: [dueThisWeek()] });
    const table = page.locator('edu-cohort-table');
    await expect(table.getByRole('columnheader', { name: 'Angen gweithredu' })).toBeVisible();
    await table.getByLabel('Angen gweithredu').selectOption({ label: "Yn hwyr neu'n ddyledus yr wythnos hon" });
    await expect(table.locator('tbody tr')).toContainText('Yn ddyledus yr wythnos honCAP yn ddyledus erbyn 23 Tachwedd 2025');
    await expectNoAxeViolations(page);
  });
});
