import { percent } from '../../../extension/lib/format.ts';
import { DEMO_PAGES } from '../extension/systems.ts';
import { expect, serverAudit, statusOf, test } from './fixtures.ts';
import { badgeUntil, openTab } from './harness.ts';

/**
 * The probes a hostile page would use, checked against things a page can certainly read, so that a probe
 * that finds nothing in a test of EduBridge means the page could not find it either.
 */

test('the probes reach what a page reaches: its text, open shadow roots, hidden same-origin frames', async ({ ff, demo, worker }) => {
  const t = await openTab(ff, DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[0]!));
  await badgeUntil(t, (b) => /Attendance /.test(b.text));
  const shownName = await t.asPage(() => document.querySelector('.cp-person-name')?.textContent?.trim() ?? '', []);
  expect(shownName.length).toBeGreaterThan(0);
  expect(await t.find(shownName)).toBe(true);
  expect(await t.find('no page shows this sentence 7f3a')).toBe(false);

  await t.asPage(() => {
    const open = document.createElement('div');
    open.attachShadow({ mode: 'open' }).textContent = 'in an open shadow root 51c2';
    const closed = document.createElement('div');
    closed.attachShadow({ mode: 'closed' }).textContent = 'in a closed shadow root 9e0d';
    document.body.append(open, closed);
  }, []);
  const readable = await t.pageReadable();
  expect(readable).toContain('in an open shadow root 51c2');
  expect(readable).not.toContain('in a closed shadow root 9e0d');
  // The browser's own reach does enter the closed one.
  expect(await t.inShadowRoots('div', function () { return this.textContent; }, [])).toContain('in a closed shadow root 9e0d');

  const hidden = await t.addFrame(DEMO_PAGES.carepath.child(demo.cmsUrl, worker.children[1]!), { hidden: true });
  expect((await t.webFrames()).map((f) => f.context)).toContain(hidden);
  expect(await t.asPage(() => document.querySelector('.cp-person-name')?.textContent?.trim() ?? '', [], hidden)).not.toBe('');
});

test('a page reading its DOM and open shadow roots does not reach the badge\'s figures or the panel', async ({ ff, demo, worker }) => {
  const personId = worker.children[0]!;
  const status = await statusOf(demo, worker.token, personId);
  const t = await openTab(ff, DEMO_PAGES.carepath.child(demo.cmsUrl, personId));
  const shown = await badgeUntil(t, (b) => /Attendance /.test(b.text));
  expect(shown.text).toContain(`Attendance ${percent(status.attendance.academicYear.attendancePercent)}`);
  const readable = await t.pageReadable();
  expect(readable).not.toContain(`Attendance ${percent(status.attendance.academicYear.attendancePercent)}`);
  expect(readable).not.toContain('Education status:');
  // The server saw this child fetched by the demo social worker.
  expect((await serverAudit(demo)).some((line) => line.child === personId && line.user === worker.name)).toBe(true);
});
