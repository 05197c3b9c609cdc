import type { Page } from '@playwright/test';
import { RATING_WORD } from '../../../extension/lib/format.ts';
import type { DemoServer } from '../fixtures/demo-server.ts';
import { expect, statusOf, test } from './fixtures.ts';
import { badge } from './harness.ts';
import { DEMO_PAGES } from './systems.ts';

/**
 * Children whose names case-management systems write differently from the education record are
 * recognised, with figures, on all three demo systems: CarePath writes "SURNAME, First" in capitals
 * (Yılmaz → YILMAZ, Strauß → STRAUSS), Nexus puts forename and surname in separate cells, Atlas writes the
 * name as given. The demo data set has such children (core/generate/names.ts).
 */

/** The characters the names use, each as a test of its own kind of folding. */
const KINDS: readonly (readonly [string, RegExp])[] = [
  ['Turkish dotless ı', /ı/u],
  ['Turkish dotted İ', /İ/u],
  ['diaeresis (Zoë)', /ë/u],
  ['Polish ś', /ś/u],
  ['German ß', /ß/u],
  ['apostrophe', /['’]/u],
  ['Welsh ap or ab', /^(ap|ab) /u],
];

interface Named {
  personId: string;
  firstName: string;
  lastName: string;
  displayName: string;
}

async function childrenSeenBy(demo: DemoServer, token: string): Promise<Named[]> {
  const response = await fetch(`${demo.url}/api/v1/children?view=summary&pageSize=2000`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.ok).toBe(true);
  const body = (await response.json()) as { items: { child: Named }[] };
  return body.items.map((item) => item.child);
}

function kindsOf(child: Named): string[] {
  return KINDS.filter(([, pattern]) => pattern.test(child.firstName) || pattern.test(child.lastName)).map(([kind]) => kind);
}

/** Opens the child's page in a tab of its own and waits for the badge to show figures for that child. */
async function expectFigures(page: Page, url: string, child: Named): Promise<void> {
  await page.goto(url);
  const shown = badge(page);
  await expect.poll(() => shown.text(), { message: `${child.displayName} on ${url}`, timeout: 15_000 }).toMatch(/Attendance /);
  expect(await shown.text()).not.toMatch(/may not match|Cannot confirm/);
  await expect.poll(() => shown.label()).toContain(`for ${child.displayName}`);
}

test('the demo social worker has children with such names on their caseload, recognised on every system', async ({ ext, demo, worker }) => {
  const mine = (await childrenSeenBy(demo, worker.token)).filter((child) => child.personId !== demo.inconsistentChildId && kindsOf(child).length > 0);
  expect(mine.length).toBeGreaterThan(0);
  for (const child of mine) {
    for (const system of Object.values(DEMO_PAGES)) {
      const page = await ext.context.newPage();
      await expectFigures(page, system.child(demo.cmsUrl, child.personId), child);
      await page.close();
    }
  }
  // CarePath's caseload writes the row as "SURNAME, First" in capitals: the row's chip still shows the rating.
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.caseload(demo.cmsUrl));
  for (const child of mine) {
    const status = await statusOf(demo, worker.token, child.personId);
    const row = page.locator('table.caseload tbody tr', { hasText: child.personId });
    await expect(row).toContainText(`${child.lastName.toUpperCase()}, `);
    await expect(row.frameLocator('edubridge-chip iframe').locator('.chip')).toContainText(RATING_WORD[status.rag.overall]);
  }
});

// Every kind of name, seen by the virtual school head (who may see every child).
const everyone = test.extend({
  worker: async ({ demo }, use) => {
    await use(demo.users.find((user) => user.role === 'virtual-school')!);
  },
});

for (const system of Object.values(DEMO_PAGES)) {
  everyone(`${system.name}: a child whose name uses each of ı, İ, ë, ś, ß, an apostrophe and Welsh ap/ab is recognised with figures`, async ({ ext, demo, worker }) => {
    const children = (await childrenSeenBy(demo, worker.token)).filter((child) => child.personId !== demo.inconsistentChildId);
    for (const [kind] of KINDS) {
      const child = children.find((candidate) => kindsOf(candidate).includes(kind));
      expect(child, `the demo data has a child whose name uses ${kind}`).toBeDefined();
      const page = await ext.context.newPage();
      await expectFigures(page, system.child(demo.cmsUrl, child!.personId), child!);
      await page.close();
    }
  });
}
