import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { RECOGNITION_BUDGET } from '../../../extension/lib/background/budget.ts';
import { RATING_WORD, percent } from '../../../extension/lib/format.ts';
import type { DemoServer } from '../fixtures/demo-server.ts';
import { expect, statusOf, test } from './fixtures.ts';
import { apiFaults, badge, badgeFrame, badgeShowsFigures } from './harness.ts';
import { DEMO_PAGES } from './systems.ts';
import { namedApart, secretsOf } from '../fixtures/secrets.ts';

/**
 * Hostile pages on the case-management origin (an XSS, a compromised script, uploaded HTML): each tries to
 * make EduBridge disclose a child. Each test shows that the page learned nothing — its DOM, every shadow
 * root it can reach, its same-origin frames and window.find() are searched for the child's name, figures
 * and rating words — and, from the demo server's audit log, that nothing was fetched that the page did
 * not legitimately show.
 */

interface AuditLine {
  time: string;
  user: string;
  endpoint: string;
  child: string | null;
  purpose?: string;
  pageOrigin?: string;
}

async function auditSince(demo: DemoServer, since: string, user: string): Promise<AuditLine[]> {
  const text = await readFile(demo.auditFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditLine)
    .filter((line) => line.time >= since && line.user === user);
}

/** Everything a page script can search: the DOM, open shadow roots, same-origin frames, painted text
 * (window.find), and whatever it can reach inside EduBridge's elements. Returns the secrets it found. */
async function pageLearns(page: Page, secrets: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const frame of page.frames()) {
    if (!/^https?:/.test(frame.url())) continue; // EduBridge's own frames: a page cannot run code there.
    const seen = await frame.evaluate((words) => {
      const texts: string[] = [];
      const visit = (root: Document | ShadowRoot) => {
        // The markup (attributes included) as a script reads it, and the rendered text.
        texts.push(new XMLSerializer().serializeToString(root));
        texts.push(root instanceof Document ? (root.body?.innerText ?? '') : '');
        for (const element of root.querySelectorAll('*')) {
          if (element.shadowRoot) visit(element.shadowRoot);
          if (element instanceof HTMLIFrameElement) {
            try {
              if (element.contentDocument) visit(element.contentDocument);
            } catch {
              // Another origin: unreadable, as it should be.
            }
          }
        }
      };
      visit(document);
      const hits = words.filter((word) => texts.some((text) => text.includes(word))).map((word) => `DOM: ${word}`);
      const find = (window as unknown as { find(text: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean }).find.bind(window);
      for (const word of words) {
        getSelection()?.removeAllRanges();
        if (find(word, true, false, true)) hits.push(`window.find: ${word}`);
      }
      getSelection()?.removeAllRanges();
      for (const host of document.querySelectorAll('edubridge-badge, edubridge-chip, edubridge-overlay')) {
        if (host.shadowRoot) hits.push(`open shadow root on ${host.localName}`);
        for (const frame of host.querySelectorAll('iframe')) {
          try {
            // (A frame not yet navigated is an empty about:blank, readable but with nothing in it.)
            if (frame.contentDocument && frame.contentDocument.URL !== 'about:blank') hits.push(`readable frame in ${host.localName}`);
          } catch {
            // Cross-origin.
          }
        }
      }
      return hits;
    }, secrets);
    seen.forEach((hit) => found.add(hit));
  }
  return [...found];
}

const html = (body: string) => ({ status: 200, contentType: 'text/html; charset=utf-8', body: `<!doctype html><html lang="en"><head><title>Case record</title></head><body>${body}</body></html>` });

test.describe.configure({ timeout: 90_000 });

test('a spoofed route that shows no name or date of birth: no figures on the page, nothing fetched, even while it cycles', async ({ ext, demo, worker }) => {
  const ids = worker.children.slice(0, 5);
  const statuses = await Promise.all(ids.map((id) => statusOf(demo, worker.token, id)));
  await ext.context.route(`${demo.cmsUrl}/cms/carepath/people/**`, (route) =>
    route.fulfill(
      html(`<main id="app"><h1>Case record</h1><p id="n">0</p></main>
<script>
  const ids = ${JSON.stringify(ids)};
  let i = 0;
  window.cycle = () => { i++; history.pushState({}, '', '/cms/carepath/people/' + ids[i % ids.length]); document.getElementById('n').textContent = String(i); };
</script>`),
    ),
  );
  // After the test's own look-ups (statusOf), which the audit log also records.
  const since = new Date().toISOString();
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, ids[0]!));
  // Recognised (the ID is in the address), but nothing on the page confirms whose record it is.
  await expect.poll(() => badge(page).text(), { timeout: 10_000 }).toContain('Open to see the education record');
  expect(await badge(page).label()).not.toMatch(/%|overall|PEP/);
  for (let n = 0; n < 4; n++) {
    await page.evaluate(() => (window as unknown as { cycle(): void }).cycle());
    await page.waitForTimeout(700);
  }
  await expect.poll(() => badge(page).text(), { timeout: 10_000 }).toContain('Open to see the education record');
  expect(await pageLearns(page, statuses.flatMap((status) => secretsOf(status, true)))).toEqual([]);
  expect(await auditSince(demo, since, worker.name)).toEqual([]);
});

test('hidden frames of child records: nothing recognised, nothing fetched', async ({ ext, demo, worker }) => {
  const ids = worker.children.slice(0, 5);
  const statuses = await Promise.all(ids.map((id) => statusOf(demo, worker.token, id)));
  const styles = [
    'display:none',
    'width:1px;height:1px;border:0',
    'opacity:0;width:900px;height:700px',
    'position:absolute;left:-5000px;top:0;width:900px;height:700px',
    'visibility:hidden;width:900px;height:700px',
  ];
  await ext.context.route(`${demo.cmsUrl}/cms/carepath/search`, (route) =>
    route.fulfill(html(`<h1>Search</h1>${ids.map((id, i) => `<iframe src="/cms/carepath/people/${id}" style="${styles[i]}" title="x"></iframe>`).join('')}`)),
  );
  // After the test's own look-ups (statusOf), which the audit log also records.
  const since = new Date().toISOString();
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.noChild(demo.cmsUrl));
  await expect.poll(() => page.frames().filter((frame) => frame.url().includes('/cms/carepath/people/')).length).toBe(ids.length);
  await page.waitForTimeout(5_000);
  expect(badgeFrame(page)).toBeUndefined();
  expect(await pageLearns(page, statuses.flatMap((status) => secretsOf(status, false)))).toEqual([]);
  expect(await auditSince(demo, since, worker.name)).toEqual([]);
});

test("a real record page probing the badge: DOM, shadow roots and window.find find nothing; the audit keeps the purpose and the page's origin", async ({ ext, demo, worker }) => {
  const personId = worker.children.find((id) => id !== demo.inconsistentChildId)!;
  const status = await statusOf(demo, worker.token, personId);
  // After the test's own look-ups (statusOf), which the audit log also records.
  const since = new Date().toISOString();
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, personId));
  await badgeShowsFigures(page);
  // The badge is on screen (the person sees it) and its frame has the figures...
  expect(await badge(page).text()).toContain(`Attendance ${percent(status.attendance.academicYear.attendancePercent)}`);
  // ...but the page, which shows the name itself, can find none of them.
  const served = await (await page.request.get(page.url())).text();
  const secrets = secretsOf(status, false).filter((secret) => !served.includes(secret));
  expect(await pageLearns(page, secrets)).toEqual([]);
  // Nor can it read the badge's size for a hint: it is fixed whatever the badge says.
  const size = await page.locator('edubridge-badge iframe').evaluate((frame) => [frame.getBoundingClientRect().width, frame.getBoundingClientRect().height]);
  expect(size).toEqual([430, 30]);
  const lines = await auditSince(demo, since, worker.name);
  expect(lines.map((line) => [line.child, line.purpose, line.pageOrigin])).toEqual([[personId, 'case record page', demo.cmsUrl]]);
});

test('a page that cycles through children it names is slowed, then stopped, and the person is told why', async ({ ext, demo, worker }) => {
  const ids = worker.children.filter((id) => id !== demo.inconsistentChildId).slice(0, RECOGNITION_BUDGET.stopAtChildren + 3);
  expect(ids.length).toBeGreaterThan(RECOGNITION_BUDGET.stopAtChildren);
  const statuses = await Promise.all(ids.map((id) => statusOf(demo, worker.token, id)));
  const dob = (iso: string) => iso.split('-').reverse().join('/');
  const people = statuses.map((status) => ({ id: status.child.personId, name: status.child.displayName, dob: dob(status.child.dateOfBirth) }));
  await ext.context.route(`${demo.cmsUrl}/cms/carepath/people/**`, (route) =>
    route.fulfill(
      html(`<div id="person-header"><span class="cp-person-name"></span> <span class="cp-dob"></span></div>
<script>
  const people = ${JSON.stringify(people)};
  let i = 0;
  const show = () => {
    const p = people[i % people.length];
    history.pushState({}, '', '/cms/carepath/people/' + p.id);
    document.querySelector('.cp-person-name').textContent = p.name;
    document.querySelector('.cp-dob').textContent = p.dob;
  };
  show();
  setInterval(() => { i++; if (i < people.length) show(); }, 400);
</script>`),
    ),
  );
  // After the test's own look-ups (statusOf), which the audit log also records.
  const since = new Date().toISOString();
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, ids[0]!));
  await expect.poll(() => badge(page).text(), { timeout: 45_000 }).toContain('Stopped on this tab');
  expect(await badge(page).label()).toContain('faster than a person reads them');
  const fetched = new Set((await auditSince(demo, since, worker.name)).map((line) => line.child));
  expect(fetched.size).toBeLessThan(RECOGNITION_BUDGET.stopAtChildren);
  expect(await pageLearns(page, statuses.flatMap((status) => secretsOf(status, false)))).toEqual([]);
});

test('a caseload page listing unknown IDs: summaries for the listed IDs only, no chip for a row whose name disagrees', async ({ ext, demo, worker }) => {
  const [right, wrong] = namedApart(await Promise.all(worker.children.map((id) => statusOf(demo, worker.token, id))));
  const invented = Array.from({ length: 40 }, (_, i) => `9${String(i).padStart(5, '0')}`);
  const rows = [
    [right!.child.displayName, right!.child.personId],
    ['Alex Wrongname', wrong!.child.personId],
    ['Somebody Else', demo.outOfScopeChildId],
    ...invented.map((id) => ['Unknown Child', id]),
  ];
  await ext.context.route(`${demo.cmsUrl}/cms/carepath/`, (route) =>
    route.fulfill(html(`<table class="caseload"><tbody>${rows.map(([name, id]) => `<tr><td>${name}</td><td>${id}</td></tr>`).join('')}</tbody></table>`)),
  );
  // After the test's own look-ups (statusOf), which the audit log also records.
  const since = new Date().toISOString();
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.caseload(demo.cmsUrl));
  await expect(page.locator('edubridge-chip')).toHaveCount(rows.length);
  const chip = (id: string) => page.locator('tr', { hasText: id }).frameLocator('edubridge-chip iframe');
  await expect(chip(right!.child.personId).locator('.chip')).toContainText(RATING_WORD[right!.rag.overall]);
  await expect(chip(wrong!.child.personId).locator('body')).toHaveText('');
  const lines = await auditSince(demo, since, worker.name);
  // The server disclosed only children the page listed, and only as summaries for a caseload page.
  expect(lines.every((line) => line.endpoint === 'GET /api/v1/children' && line.purpose === 'caseload page' && line.pageOrigin === demo.cmsUrl)).toBe(true);
  expect(new Set(lines.map((line) => line.child))).toEqual(new Set([right!.child.personId, wrong!.child.personId]));
  expect(await pageLearns(page, [...secretsOf(right!, false), ...secretsOf(wrong!, true), RATING_WORD[right!.rag.overall]])).toEqual([]);
});

test("a token switch: the next person's popup search lists none of the last person's children, and a child outside their scope shows no figures", async ({ ext, demo, worker }) => {
  const teacher = demo.users.find((user) => user.role === 'designated-teacher')!;
  const outside = worker.children.find((id) => !teacher.children.includes(id) && id !== demo.inconsistentChildId)!;
  const theirs = await fetch(`${demo.url}/api/v1/children/${outside}/status`, { headers: { authorization: `Bearer ${teacher.token}` } });
  expect(theirs.status).toBe(404);
  const status = await statusOf(demo, worker.token, outside);
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, outside));
  await badgeShowsFigures(page);
  expect(await ext.ask<unknown[]>({ type: 'search', query: status.child.lastName })).not.toEqual([]);

  await ext.ask({ type: 'settings:set', patch: { token: teacher.token } });
  expect(await ext.ask<unknown[]>({ type: 'search', query: '' })).toEqual([]);
  expect(await ext.ask<unknown[]>({ type: 'search', query: status.child.lastName })).toEqual([]);
  await page.reload();
  await expect.poll(() => badge(page).text(), { timeout: 10_000 }).toContain('No education record');
  expect(await badge(page).text()).not.toMatch(/Attendance|%|saved/);
});

test('a 401: saved figures are deleted and never shown again, on the page or in the popup', async ({ ext, demo, worker }) => {
  const [first, second] = worker.children.filter((id) => id !== demo.inconsistentChildId);
  const page = await ext.context.newPage();
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, first!));
  await badgeShowsFigures(page);
  const faults = await apiFaults(ext.context, demo.url);
  faults.set('unauthorised');
  // Another child: the API says the sign-in is no longer good.
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, second!));
  await expect.poll(() => badge(page).text(), { timeout: 10_000 }).toContain('Education data unavailable');
  // Back to the first child: its saved figures went with the sign-in.
  await page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, first!));
  await expect.poll(() => badge(page).text(), { timeout: 10_000 }).toContain('Education data unavailable');
  expect(await badge(page).text()).not.toMatch(/Attendance|%|saved/);
  expect(await ext.ask<unknown[]>({ type: 'search', query: '' })).toEqual([]);
});
