import { readFileSync } from 'node:fs';
import type { Frame, Locator, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readPageDate } from '../../../core/identity/index.ts';
import { expect, statusOf, test } from './fixtures.ts';

/**
 * "Teach EduBridge this page", done as an administrator who has never seen the adapter format would: in
 * the builder page, name the system and choose the record's tab; on the record page, click the name and
 * the date of birth; check the proposal on another child's page; save. Then, with the built-in adapters
 * switched off, a third child's page is recognised by the taught adapter alone (the API's audit log shows
 * the status fetched for that child from a case record page).
 */

interface Teaching {
  system: string;
  record: (cms: string, id: string) => string;
  /** The document the record is in (the page, or the system's own frame). */
  doc: (page: Page) => Promise<Page | Frame>;
  clickName: (doc: Page | Frame, teach: Page) => Promise<void>;
  dateOfBirth: (doc: Page | Frame) => Locator;
  caseload: (cms: string) => string;
  /** One child's ID cell or record link in the list. */
  caseloadClick: (doc: Page | Frame) => Locator;
}

const frameOf = async (page: Page, selector: string): Promise<Frame> => {
  const handle = await page.waitForSelector(selector);
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no frame ${selector}`);
  await frame.waitForLoadState();
  return frame;
};

const SYSTEMS: Teaching[] = [
  {
    system: 'CarePath',
    record: (cms, id) => `${cms}/cms/carepath/people/${id}`,
    doc: async (page) => page,
    clickName: (doc) => doc.locator('#person-header h1').click(),
    dateOfBirth: (doc) => doc.locator('#person-header div', { hasText: 'Date of birth' }).locator('dd'),
    caseload: (cms) => `${cms}/cms/carepath/`,
    caseloadClick: (doc) => doc.locator('table.caseload tbody tr').first().locator('td').nth(1),
  },
  {
    system: 'Nexus',
    record: (cms, id) => `${cms}/cms/nexus/?personId=${id}`,
    doc: (page) => frameOf(page, '#workspace'),
    // Forename and surname are separate cells: the name is picked in two parts.
    clickName: async (doc, teach) => {
      await doc.locator('#person-details tr', { hasText: 'Forename' }).locator('td').first().click();
      await expect(teach.locator('#picked-name')).toContainText('Picked');
      await teach.getByRole('button', { name: 'Add another part of the name' }).click();
      await expect(teach.getByRole('status').first()).toContainText('Switch to the case-management tab');
      await doc.locator('#person-details tr', { hasText: 'Surname' }).locator('td').first().click();
    },
    dateOfBirth: (doc) => doc.locator('#person-details tr', { hasText: 'Date of Birth' }).locator('td').first(),
    caseload: (cms) => `${cms}/cms/nexus/`,
    caseloadClick: (doc) => doc.locator('table.caseload tbody tr').first().locator('td a').first(),
  },
  {
    system: 'Atlas',
    record: (cms, id) => `${cms}/cms/atlas/people/${id}`,
    doc: async (page) => {
      await page.waitForSelector('.at-person-name');
      return page;
    },
    clickName: (doc) => doc.locator('.at-person-name').click(),
    dateOfBirth: (doc) => doc.locator('.at-dob'),
    caseload: (cms) => `${cms}/cms/atlas/`,
    // Atlas lists names only: the ID is read from the link to the record, by the taught address pattern.
    caseloadClick: (doc) => doc.locator('ul.caseload a.at-card-name').first(),
  },
];

/** Chooses the open tab at `url` in one of the builder's tab lists, and presses its button. */
async function chooseTab(teach: Page, selectId: string, url: string, button: string): Promise<void> {
  const part = ` — ${url}`;
  const row = teach.locator(`#${selectId}`).locator('..');
  await row.getByRole('button', { name: 'Refresh the list' }).click();
  await expect.poll(() => teach.locator(`#${selectId} option`).allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))]));
  const value = await teach.locator(`#${selectId} option`).evaluateAll((options, wanted) => (options as HTMLOptionElement[]).find((o) => o.textContent!.endsWith(wanted))!.value, part);
  await teach.locator(`#${selectId}`).selectOption(value);
  await row.getByRole('button', { name: button }).click();
}

/** With EDUBRIDGE_UPDATE_DOCS=1, the CarePath run saves the screenshots docs/adapters.md walks through. */
async function docsShot(system: Teaching, page: Page, name: string): Promise<void> {
  if (process.env.EDUBRIDGE_UPDATE_DOCS !== '1' || system.system !== 'CarePath') return;
  await page.screenshot({ path: `docs/images/builder-${name}.png`, fullPage: name !== 'picking' });
}

function statusFetches(auditFile: string, personId: string): number {
  let text = '';
  try {
    text = readFileSync(auditFile, 'utf8');
  } catch {
    return 0;
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { child: string | null; endpoint: string })
    .filter((entry) => entry.child === personId && entry.endpoint.includes('/status')).length;
}

for (const system of SYSTEMS) {
  test(`${system.system}: an administrator teaches EduBridge the system by clicking, and the taught adapter recognises another child`, async ({ ext, demo, worker }) => {
    const [first, second, third] = worker.children.filter((id) => id !== demo.inconsistentChildId);
    expect(third).toBeDefined();
    await ext.ask({ type: 'settings:set', patch: { disabledAdapters: ['demo-carepath', 'demo-nexus', 'demo-atlas'] } });

    // The builder opens from the options page, in a tab of its own.
    const [teach] = await Promise.all([ext.context.waitForEvent('page'), ext.optionsPage.getByRole('link', { name: 'Teach EduBridge a new system…' }).click()]);
    await teach.waitForLoadState();
    expect(teach.url()).toBe(`chrome-extension://${ext.extensionId}/teach.html`);
    await teach.getByLabel('What your organisation calls it').fill(`${system.system} (taught)`);

    const record = await ext.context.newPage();
    await record.goto(system.record(demo.cmsUrl, first!));
    const doc = await system.doc(record);
    await teach.bringToFront();
    await chooseTab(teach, 'record-tab', system.record(demo.cmsUrl, first!), 'Start on this tab');
    await expect(teach.getByRole('status').first()).toContainText('Connected');

    await teach.getByRole('button', { name: "Pick the child's name" }).click();
    await expect(teach.getByRole('status').first()).toContainText("Click the child's name");
    await docsShot(system, record, 'picking');
    await system.clickName(doc, teach);
    await expect(teach.locator('#picked-name')).toContainText('Picked');
    await teach.getByRole('button', { name: 'Pick the date of birth' }).click();
    await expect(teach.getByRole('status').first()).toContainText("Click the child's date of birth");
    await system.dateOfBirth(doc).click();
    await expect(teach.locator('#picked-dob')).toContainText('Picked');
    await teach.getByLabel('The person ID in the address').selectOption(first!);
    await teach.getByRole('button', { name: 'Propose how to read this system' }).click();
    const proposal = teach.getByRole('table', { name: 'What EduBridge read on this page' });
    await expect(proposal).toContainText(first!);
    // What was read as the date of birth is the child's date of birth, however the system writes it.
    const readDob = await proposal.getByRole('row', { name: /Date of birth/ }).getByRole('cell').textContent();
    expect(readPageDate(readDob ?? '')).toEqual({ kind: 'date', date: (await statusOf(demo, worker.token, first!)).child.dateOfBirth });
    await expect(teach.locator('.error')).toHaveCount(0);
    await docsShot(system, teach, 'proposal');

    const other = await ext.context.newPage();
    await other.goto(system.record(demo.cmsUrl, second!));
    await system.doc(other);
    await teach.bringToFront();
    await chooseTab(teach, 'check-tab', system.record(demo.cmsUrl, second!), 'Check this tab');
    const check = teach.getByRole('table', { name: 'What EduBridge read on that page' });
    await expect(check).toContainText(second!);
    const checkedDob = await check.getByRole('row', { name: /Date of birth/ }).getByRole('cell').textContent();
    expect(readPageDate(checkedDob ?? '')).toEqual({ kind: 'date', date: (await statusOf(demo, worker.token, second!)).child.dateOfBirth });
    await docsShot(system, teach, 'check');
    await teach.getByRole('button', { name: 'Yes, this is the child on that page' }).click();
    await expect(teach.getByText('Checked on 1 more page.')).toBeVisible();

    const list = await ext.context.newPage();
    await list.goto(system.caseload(demo.cmsUrl));
    const listDoc = system.system === 'Nexus' ? await frameOf(list, '#workspace') : list;
    await teach.bringToFront();
    await chooseTab(teach, 'caseload-tab', system.caseload(demo.cmsUrl), 'Teach the list on this tab');
    await expect(teach.getByRole('status').first()).toContainText('Switch to the case-management tab');
    await system.caseloadClick(listDoc).click();
    await expect(teach.getByRole('region', { name: 'The list' })).toContainText(/EduBridge found \d+ children/);
    await teach.getByRole('button', { name: 'Use this list' }).click();

    await expect(teach.getByText('The adapter is valid and its example addresses pass.')).toBeVisible();
    expect((await new AxeBuilder({ page: teach }).analyze()).violations).toEqual([]);
    await teach.getByRole('button', { name: 'Save to my adapters' }).click();
    await expect(teach.getByText(/Saved as one of your adapters/)).toBeVisible();
    await docsShot(system, teach, 'saved');
    const saved = await ext.ask<{ settings: { customAdapters: { name: string; child?: unknown; caseload?: unknown }[] } }>({ type: 'settings:get' });
    expect(saved.settings.customAdapters).toEqual([expect.objectContaining({ name: `${system.system} (taught)`, child: expect.anything(), caseload: expect.anything() })]);

    const before = statusFetches(demo.auditFile, third!);
    const visit = await ext.context.newPage();
    await visit.goto(system.record(demo.cmsUrl, third!));
    await expect.poll(() => statusFetches(demo.auditFile, third!), { timeout: 15_000 }).toBeGreaterThan(before);
  });
}
