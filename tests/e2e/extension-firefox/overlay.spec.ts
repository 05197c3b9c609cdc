import { PEP_STATE_WORD, percent, RATING_WORD } from '../../../extension/lib/format.ts';
import { DEMO_PAGES } from '../extension/systems.ts';
import { expect, statusOf, test } from './fixtures.ts';
import { until } from './firefox.ts';
import { badgeUntil, chipTexts, openPanel, openTab, readBadge, tab } from './harness.ts';

/** The Firefox build in Firefox: what the Chromium suite checks of the overlay, on the demo's three systems. */

test('the extension starts with no error in Firefox\'s console: no CSP report from zod, nothing from the background', async ({ ff, demo, worker }) => {
  // A page visit wakes the content script and the panel frame as well as the background.
  const t = await openTab(ff, DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  await badgeUntil(t, (b) => /Attendance /.test(b.text));
  await openPanel(t, 'Education status');
  const entries = await ff.console();
  expect(entries.filter((e) => e.category === 'CSP' || /Content[- ]Security[- ]Policy/i.test(e.text))).toEqual([]);
  // Firefox logs a content script's message still in flight when its page is left ("Promise rejected after
  // context unloaded"): the tests before this one leave pages quickly, and nothing of EduBridge's failed.
  const leftPages = (e: { text: string }) => /^Promise rejected after context unloaded/.test(e.text);
  expect(entries.filter((e) => e.level === 'error' && !leftPages(e))).toEqual([]);
});

for (const [key, system] of Object.entries(DEMO_PAGES)) {
  test(`${system.name}: the badge and panel show the right child's figures, and the toolbar counts the alerts`, async ({ ff, demo, worker }) => {
    const personId = worker.children.filter((id) => id !== demo.inconsistentChildId)[key === 'carepath' ? 0 : key === 'nexus' ? 1 : 2]!;
    const status = await statusOf(demo, worker.token, personId);
    const url = system.child(demo.cmsUrl, personId);
    const t = await openTab(ff, url);
    const shown = await badgeUntil(t, (b) => /Attendance /.test(b.text));
    expect(shown.text).toContain(RATING_WORD[status.rag.overall]);
    expect(shown.text).toContain(`Attendance ${percent(status.attendance.academicYear.attendancePercent)}`);
    expect(shown.text).toContain(PEP_STATE_WORD[status.pep.state]);
    expect(shown.label).toContain(`for ${status.child.displayName}`);
    expect(shown.expanded).toBe('false');
    const alerts = status.flags.filter((flag) => flag.severity !== 'info').length;
    await expect.poll(() => ff.control.toolbarBadge(url)).toBe(alerts ? String(alerts) : '');

    const panel = await openPanel(t, `Education status: ${status.child.displayName}`);
    expect(panel).toContain(percent(status.attendance.academicYear.attendancePercent));
    // Every alert is explained, in a group one click away.
    const everything = await t.extensionFrameText('overlay.html', '#eb-panel', true);
    for (const flag of status.flags) expect(everything).toContain(flag.meaning.text);
    if (status.school) expect(panel).toContain(status.school.name);
    await expect.poll(async () => (await readBadge(t))?.expanded).toBe('true');
  });

  test(`${system.name}: a record that disagrees with the page shows a warning and no figures`, async ({ ff, demo }) => {
    const url = system.child(demo.cmsUrl, demo.inconsistentChildId);
    const t = await openTab(ff, url);
    const shown = await badgeUntil(t, (b) => b.text.includes('Record may not match'));
    expect(shown.text).not.toMatch(/Attendance|%|PEP/);
    const panel = await openPanel(t, 'may not match');
    expect(panel).toContain('This record may not match the child on this page');
    expect(panel).not.toContain('%');
    await expect.poll(() => ff.control.toolbarBadge(url)).toBe('?');
  });
}

test('caseload lists get a rating chip per child, on each system', async ({ ff, demo, worker }) => {
  const first = await statusOf(demo, worker.token, worker.children[0]!);
  for (const system of Object.values(DEMO_PAGES)) {
    const t = await openTab(ff, system.caseload(demo.cmsUrl));
    // One chip frame per row; a chip fills in when its facts arrive over its port.
    const chips = await until(`${system.name}: chips`, () => chipTexts(t), (all) => all.length === worker.children.length && all.some((chip) => chip.text.includes(RATING_WORD[first.rag.overall])));
    expect(chips.filter((chip) => chip.text.includes('EduBridge overall rating:')).length).toBeGreaterThan(0);
    await t.close();
  }
});

test('the single-page application: a route change shows the next child, never the previous one', async ({ ff, demo, worker }) => {
  const [first, second] = worker.children.filter((id) => id !== demo.inconsistentChildId);
  const [a, b] = await Promise.all([statusOf(demo, worker.token, first!), statusOf(demo, worker.token, second!)]);
  const t = await openTab(ff, DEMO_PAGES.atlas.caseload(demo.cmsUrl));
  await t.page.waitForSelector(`a.at-card-name[href$="/${first}"]`);
  await t.page.click(`a.at-card-name[href$="/${first}"]`);
  await badgeUntil(t, (view) => view.label.includes(`for ${a.child.displayName}:`));
  await t.page.goBack();
  await until('the badge to go', () => readBadge(t), (view) => view === null);
  await t.page.waitForSelector(`a.at-card-name[href$="/${second}"]`);
  await t.page.click(`a.at-card-name[href$="/${second}"]`);
  const shown = await badgeUntil(t, (view) => /Attendance /.test(view.text));
  expect(shown.label).toContain(`for ${b.child.displayName}:`);
  expect(shown.label).not.toContain(a.child.displayName);
});

test('the popup shows the current child and the connection, and finds saved children', async ({ ff, demo, worker }) => {
  const status = await statusOf(demo, worker.token, worker.children[0]!);
  await ff.control.ask({ type: 'cache:purge' }); // so the visit asks the service, which the popup reports
  const t = await openTab(ff, DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  await badgeUntil(t, (b) => /Attendance /.test(b.text));
  // The popup asks for the active tab: opened as a tab of its own, it tells of that tab's child when the
  // background is asked for it by tab ID.
  const tabId = await ff.control.inExtension(async (url: string) => {
    const api = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).browser;
    return (await api.tabs.query({})).find((x) => x.url === url)?.id;
  }, [t.page.url()]);
  const view = await ff.control.ask<{ child: { personId: string } | null; connection: { apiOrigin: string } }>({ type: 'popup', tabId });
  expect(view.child?.personId).toBe(worker.children[0]);
  expect(view.connection.apiOrigin).toBe(demo.url);

  const popup = tab(ff, await ff.openExtensionPage('popup.html'));
  const text = () => popup.asPage(() => document.body.innerText, []);
  await until('the popup', text, (s) => s.includes('Connection'));
  expect(await text()).toContain(`${demo.url}: Connected`);
  await popup.page.type('#q', status.child.lastName);
  await until('the search', text, (s) => s.includes(status.child.displayName));
});
