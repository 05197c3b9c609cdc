import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { RECOGNITION_BUDGET } from '../../../extension/lib/background/budget.ts';
import { RATING_WORD, percent } from '../../../extension/lib/format.ts';
import { ensureDemoData } from '../../../scripts/demo-data.mjs';
import { DEMO_PAGES } from '../extension/systems.ts';
import { startDemoServer } from '../fixtures/demo-server.ts';
import { auditSince, expect, statusOf, test, type FirefoxUnderTest } from './fixtures.ts';
import { until } from './firefox.ts';
import { badgeUntil, chipTexts, extensionFrames, readBadge, tab, type Tab } from './harness.ts';
import { namedApart, secretsOf } from '../fixtures/secrets.ts';

/**
 * The hostile-page suite of tests/e2e/extension/hostile.spec.ts, in Firefox: pages on the case-management
 * origin (an XSS, a compromised script, uploaded HTML) that try to make EduBridge disclose a child. Each test
 * shows that the page learned nothing — its DOM, every open shadow root, its same-origin frames, its painted
 * text through window.find() and whatever it can reach of EduBridge's elements are searched for the child's
 * name, figures and rating words — and, from the demo server's audit log, that nothing was fetched that the
 * page did not legitimately show. The hostile pages are served in place of the demo's by request
 * interception in the tab; the extension's own requests go to the demo server untouched.
 */

/** Everything a page script can search — the DOM and open shadow roots of every web frame, the painted text
 * (window.find, in each frame), and whatever it can reach inside EduBridge's elements. Returns what it found. */
async function pageLearns(t: Tab, secrets: string[]): Promise<string[]> {
  const found: string[] = [];
  const readable = await t.pageReadable();
  for (const secret of secrets) {
    if (readable.includes(secret)) found.push(`DOM: ${secret}`);
    if (await t.find(secret)) found.push(`window.find: ${secret}`);
  }
  for (const frame of await t.webFrames()) {
    const reach = await t.asPage(
      () => {
        const hits: string[] = [];
        for (const host of document.querySelectorAll('edubridge-badge, edubridge-chip, edubridge-overlay')) {
          if (host.shadowRoot) hits.push(`open shadow root on ${host.localName}`);
          for (const inner of host.querySelectorAll('iframe')) {
            try {
              // (A frame not yet navigated is an empty about:blank, readable but with nothing in it.)
              if (inner.contentDocument && inner.contentDocument.URL !== 'about:blank') hits.push(`readable frame in ${host.localName}`);
            } catch {
              // Another origin: unreadable, as it should be.
            }
          }
        }
        return hits;
      },
      [],
      frame.context,
    );
    found.push(...reach);
  }
  return [...new Set(found)];
}

const html = (body: string) => `<!doctype html><html lang="en"><head><title>Case record</title></head><body>${body}</body></html>`;

/** A new tab whose requests for addresses `serve` answers get the page it returns instead of the demo's. */
async function hostileTab(ff: FirefoxUnderTest, serve: (url: string) => string | undefined): Promise<Tab> {
  const page: Page = await ff.browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const body = serve(request.url());
    void (body === undefined ? request.continue() : request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body }));
  });
  return tab(ff, page);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.describe.configure({ timeout: 90_000 });

test.beforeEach(async ({ ff }) => {
  // Nothing saved from an earlier test: whatever the server disclosed here is in its audit log.
  await ff.control.ask({ type: 'cache:purge' });
});

test('a spoofed route that shows no name or date of birth: no figures on the page, nothing fetched, even while it cycles', async ({ ff, demo, worker }) => {
  const ids = worker.children.slice(0, 5);
  const statuses = await Promise.all(ids.map((id) => statusOf(demo, worker.token, id)));
  const prefix = `${demo.cmsUrl}/cms/carepath/people/`;
  const t = await hostileTab(ff, (url) =>
    url.startsWith(prefix)
      ? html(`<main id="app"><h1>Case record</h1><p id="n">0</p></main>
<script>
  const ids = ${JSON.stringify(ids)};
  let i = 0;
  window.cycle = () => { i++; history.pushState({}, '', '/cms/carepath/people/' + ids[i % ids.length]); document.getElementById('n').textContent = String(i); };
</script>`)
      : undefined,
  );
  // After the test's own look-ups (statusOf), which the audit log also records.
  const since = new Date().toISOString();
  await t.page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, ids[0]!));
  // Recognised (the ID is in the address), but nothing on the page confirms whose record it is.
  await badgeUntil(t, (view) => view.text.includes('Open to see the education record'));
  expect((await readBadge(t))?.label).not.toMatch(/%|overall|PEP/);
  for (let n = 0; n < 4; n++) {
    await t.asPage(() => (window as unknown as { cycle(): void }).cycle(), []);
    await pause(700);
  }
  expect(await t.asPage(() => location.pathname, [])).toBe(`/cms/carepath/people/${ids[4]}`);
  await badgeUntil(t, (view) => view.text.includes('Open to see the education record'));
  expect(await pageLearns(t, statuses.flatMap((status) => secretsOf(status, true)))).toEqual([]);
  expect(await auditSince(demo, since, worker.name)).toEqual([]);
});

test('hidden frames of child records: nothing recognised, nothing fetched', async ({ ff, demo, worker }) => {
  const ids = worker.children.slice(0, 5);
  const statuses = await Promise.all(ids.map((id) => statusOf(demo, worker.token, id)));
  const styles = [
    'display:none',
    'width:1px;height:1px;border:0',
    'opacity:0;width:900px;height:700px',
    'position:absolute;left:-5000px;top:0;width:900px;height:700px',
    'visibility:hidden;width:900px;height:700px',
  ];
  const search = DEMO_PAGES.carepath.noChild(demo.cmsUrl);
  const t = await hostileTab(ff, (url) =>
    url === search ? html(`<h1>Search</h1>${ids.map((id, i) => `<iframe src="/cms/carepath/people/${id}" style="${styles[i]}" title="x"></iframe>`).join('')}`) : undefined,
  );
  // After the test's own look-ups (statusOf), which the audit log also records.
  const since = new Date().toISOString();
  await t.page.goto(search);
  // The real record pages, with the children's names and dates of birth, load in the hidden frames.
  await until(
    'the hidden record frames',
    async () => (await t.webFrames()).filter((frame) => frame.url.includes('/cms/carepath/people/')).length,
    (n) => n === ids.length,
  );
  await pause(5_000);
  expect(await auditSince(demo, since, worker.name)).toEqual([]);
  expect(await pageLearns(t, statuses.flatMap((status) => secretsOf(status, false)))).toEqual([]);
  expect(await extensionFrames(t, 'badge.html')).toEqual([]);
});

test("a real record page probing the badge: DOM, shadow roots and window.find find nothing; the audit keeps the purpose and the page's origin", async ({ ff, demo, worker }) => {
  const personId = worker.children.find((id) => id !== demo.inconsistentChildId)!;
  const status = await statusOf(demo, worker.token, personId);
  // After the test's own look-ups (statusOf), which the audit log also records.
  const since = new Date().toISOString();
  const url = DEMO_PAGES.carepath.child(demo.cmsUrl, personId);
  const t = tab(ff, await ff.browser.newPage());
  await t.page.goto(url);
  // The badge is on screen (the person sees it) and its frame has the figures...
  const shown = await badgeUntil(t, (view) => /Attendance /.test(view.text));
  expect(shown.text).toContain(`Attendance ${percent(status.attendance.academicYear.attendancePercent)}`);
  // ...but the page, which shows the name itself, can find none of them.
  const served = await (await fetch(url)).text();
  const secrets = secretsOf(status, false).filter((secret) => !served.includes(secret));
  expect(await pageLearns(t, secrets)).toEqual([]);
  // Nor can it read the badge's size for a hint: it is fixed whatever the badge says.
  const size = await t.asPage(() => {
    const rect = document.querySelector('edubridge-badge iframe')!.getBoundingClientRect();
    return [rect.width, rect.height];
  }, []);
  expect(size).toEqual([430, 30]);
  const lines = await auditSince(demo, since, worker.name);
  expect(lines.map((line) => [line.child, line.purpose, line.pageOrigin])).toEqual([[personId, 'case record page', demo.cmsUrl]]);
});

test('a page that cycles through children it names is slowed, then stopped, and the person is told why', async ({ ff, demo, worker }) => {
  const ids = worker.children.filter((id) => id !== demo.inconsistentChildId).slice(0, RECOGNITION_BUDGET.stopAtChildren + 3);
  expect(ids.length).toBeGreaterThan(RECOGNITION_BUDGET.stopAtChildren);
  const statuses = await Promise.all(ids.map((id) => statusOf(demo, worker.token, id)));
  const dob = (iso: string) => iso.split('-').reverse().join('/');
  const people = statuses.map((status) => ({ id: status.child.personId, name: status.child.displayName, dob: dob(status.child.dateOfBirth) }));
  const prefix = `${demo.cmsUrl}/cms/carepath/people/`;
  const t = await hostileTab(ff, (url) =>
    url.startsWith(prefix)
      ? html(`<div id="person-header"><span class="cp-person-name"></span> <span class="cp-dob"></span></div>
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
</script>`)
      : undefined,
  );
  // After the test's own look-ups (statusOf), which the audit log also records.
  const since = new Date().toISOString();
  await t.page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, ids[0]!));
  const stopped = await badgeUntil(t, (view) => view.text.includes('Stopped on this tab'), 45_000);
  expect(stopped.label).toContain('faster than a person reads them');
  const fetched = new Set((await auditSince(demo, since, worker.name)).map((line) => line.child));
  expect(fetched.size).toBeLessThan(RECOGNITION_BUDGET.stopAtChildren);
  // The page names the children itself; their figures and rating words it never learns.
  expect(await pageLearns(t, statuses.flatMap((status) => secretsOf(status, false)))).toEqual([]);
});

test('a caseload page listing unknown IDs: summaries for the listed IDs only, no chip for a row whose name disagrees', async ({ ff, demo, worker }) => {
  const [right, wrong] = namedApart(await Promise.all(worker.children.map((id) => statusOf(demo, worker.token, id))));
  const invented = Array.from({ length: 40 }, (_, i) => `9${String(i).padStart(5, '0')}`);
  const rows = [
    [right!.child.displayName, right!.child.personId],
    ['Alex Wrongname', wrong!.child.personId],
    ['Somebody Else', demo.outOfScopeChildId],
    ...invented.map((id) => ['Unknown Child', id]),
  ];
  const caseload = DEMO_PAGES.carepath.caseload(demo.cmsUrl);
  const t = await hostileTab(ff, (url) =>
    url === caseload ? html(`<table class="caseload"><tbody>${rows.map(([name, id]) => `<tr><td>${name}</td><td>${id}</td></tr>`).join('')}</tbody></table>`) : undefined,
  );
  // After the test's own look-ups (statusOf), which the audit log also records.
  const since = new Date().toISOString();
  await t.page.goto(caseload);
  // Every row the page lists gets a chip frame; only the row whose name matches its record shows a rating.
  const chips = await until(
    'a chip frame per row',
    () => chipTexts(t),
    (all) => all.length === rows.length && all.some((chip) => chip.text.includes(RATING_WORD[right!.rag.overall])),
  );
  const rowOf = new Map(
    await t.asPage(() => [...document.querySelectorAll('tr')].map((row) => [row.querySelector('edubridge-chip iframe')?.getAttribute('src') ?? '', row.cells[1]?.textContent ?? ''] as [string, string]), []),
  );
  const shown = chips.filter((chip) => chip.text !== '').map((chip) => [rowOf.get(chip.url), chip.text]);
  expect(shown).toEqual([[right!.child.personId, expect.stringContaining(RATING_WORD[right!.rag.overall])]]);
  const lines = await auditSince(demo, since, worker.name);
  // The server disclosed only children the page listed, and only as summaries for a caseload page.
  expect(lines.filter((line) => line.endpoint !== 'GET /api/v1/children' || line.purpose !== 'caseload page' || line.pageOrigin !== demo.cmsUrl)).toEqual([]);
  expect(new Set(lines.map((line) => line.child))).toEqual(new Set([right!.child.personId, wrong!.child.personId]));
  expect(await pageLearns(t, [...secretsOf(right!, false), ...secretsOf(wrong!, true), RATING_WORD[right!.rag.overall]])).toEqual([]);
});

test("a token switch: the next person's search lists none of the last person's children, and a child outside their scope shows no figures", async ({ ff, demo, worker }) => {
  const teacher = demo.users.find((user) => user.role === 'designated-teacher')!;
  const outside = worker.children.find((id) => !teacher.children.includes(id) && id !== demo.inconsistentChildId)!;
  const theirs = await fetch(`${demo.url}/api/v1/children/${outside}/status`, { headers: { authorization: `Bearer ${teacher.token}` } });
  expect(theirs.status).toBe(404);
  const status = await statusOf(demo, worker.token, outside);
  const t = tab(ff, await ff.browser.newPage());
  await t.page.goto(DEMO_PAGES.carepath.child(demo.cmsUrl, outside));
  await badgeUntil(t, (view) => /Attendance /.test(view.text));
  expect(await ff.control.ask<unknown[]>({ type: 'search', query: status.child.lastName })).not.toEqual([]);

  const since = new Date().toISOString();
  await ff.control.ask({ type: 'settings:set', patch: { token: teacher.token } });
  expect(await ff.control.ask<unknown[]>({ type: 'search', query: '' })).toEqual([]);
  expect(await ff.control.ask<unknown[]>({ type: 'search', query: status.child.lastName })).toEqual([]);
  await t.page.reload();
  const shown = await badgeUntil(t, (view) => view.text.includes('No education record'));
  expect(shown.text).not.toMatch(/Attendance|%|saved/);
  expect(await pageLearns(t, secretsOf(status, false))).toEqual([]);
  // The server disclosed nothing about the child to the teacher.
  expect((await auditSince(demo, since, teacher.name)).filter((line) => line.child === outside)).toEqual([]);
});

test('a 401 (the person is removed from the service while signed in): saved figures are deleted and never shown again, on the page or in the search', async ({ ff, worker }) => {
  // A server of this test's own, with a users file it may change: Firefox cannot fault the extension's
  // requests at the network layer, so the server itself refuses the token, as it does for a person removed.
  const scratch = await mkdtemp(join(tmpdir(), 'edubridge-401-'));
  const usersFile = join(scratch, 'users.json');
  await copyFile(ensureDemoData().usersFile, usersFile);
  const own = await startDemoServer({ origins: ['moz-extension://*'], usersFile });
  try {
    const [first, second] = worker.children.filter((id) => id !== own.inconsistentChildId);
    const status = await statusOf(own, worker.token, first!);
    await ff.control.ask({ type: 'settings:set', patch: { apiBaseUrl: `${own.url}/` } });
    const t = tab(ff, await ff.browser.newPage());
    await t.page.goto(DEMO_PAGES.carepath.child(own.cmsUrl, first!));
    await badgeUntil(t, (view) => view.text.includes(`Attendance ${percent(status.attendance.academicYear.attendancePercent)}`));

    // The person is removed: the server re-reads its users file and refuses their token.
    const users = JSON.parse(await readFile(usersFile, 'utf8')) as { name: string }[];
    await writeFile(usersFile, JSON.stringify(users.filter((user) => user.name !== worker.name), null, 2));
    await until(
      'the server to refuse the token',
      async () => (await fetch(`${own.url}/api/v1/children/${first}/status`, { headers: { authorization: `Bearer ${worker.token}` } })).status,
      (code) => code === 401,
      15_000,
    );
    const since = new Date().toISOString();
    // Another child: the API says the sign-in is no longer good.
    await t.page.goto(DEMO_PAGES.carepath.child(own.cmsUrl, second!));
    await badgeUntil(t, (view) => view.text.includes('Education data unavailable'));
    // Back to the first child: its saved figures went with the sign-in.
    await t.page.goto(DEMO_PAGES.carepath.child(own.cmsUrl, first!));
    const shown = await badgeUntil(t, (view) => view.text.includes('Education data unavailable'));
    expect(shown.text).not.toMatch(/Attendance|%|saved/);
    expect(await ff.control.ask<unknown[]>({ type: 'search', query: '' })).toEqual([]);
    expect(await pageLearns(t, secretsOf(status, false))).toEqual([]);
    expect(await auditSince(own, since, worker.name)).toEqual([]);
  } finally {
    await own.close();
    await rm(scratch, { recursive: true, force: true });
  }
});
