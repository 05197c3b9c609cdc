import { expect, test } from '@playwright/test';
import { CHART_FILE } from '../../../widgets/components.ts';
import { EducationStatus } from '../../../core/model/status.ts';
import { ChildEducationRecord } from '../../../core/model/record.ts';
import { describeTrends } from '../../../core/presentation/trends.ts';
import { termDatesForYear } from '../../../core/rules/calendar.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { expectNoAxeViolations } from './helpers.ts';
import { mount, openHarness } from './fixtures.ts';

/**
 * The trend over three school years in the widgets: attendance by term as a chart.js chart (loaded only
 * when the trend is shown) with the persistent-absence line, the same figures as a real table, and
 * attainment against expected over time; keyboard and axe.
 */

const AS_OF = '2025-07-22';
const [autumn, , summer] = termDatesForYear(2024).terms;
const figures = (from: string, to: string, possible: number, attended: number) => ({
  from,
  to,
  possibleSessions: possible,
  attendedSessions: attended,
  authorisedAbsenceSessions: possible - attended,
  unauthorisedAbsenceSessions: 0,
});
/** Year 6 in 2024/25: figures for the autumn and summer terms only (spring: nothing recorded, so "No data"). */
const status = EducationStatus.parse(
  deriveStatus(
    ChildEducationRecord.parse({
      schemaVersion: 1,
      identity: { personId: 'TREND-1', firstName: 'Ben', lastName: 'Ode', dateOfBirth: '2013-10-15', gender: 'male' },
      care: { lookedAfter: true, periods: [{ start: '2023-09-01', episodes: [{ start: '2023-09-01' }] }], placementChanges: [] },
      school: { enrolments: [{ urn: '100001', name: 'Riverside Primary' }] },
      attendance: { marks: [], summaries: [figures(autumn!.start, autumn!.end, 140, 133), figures(summer!.start, summer!.end, 120, 96)] },
      attainment: {
        assessments: [{ measure: 'KS2', subject: 'reading', date: '2025-07-08', result: '97' }],
        termly: [
          { subject: 'reading', date: '2024-12-10', judgement: 'working-towards' },
          { subject: 'maths', date: '2025-03-20', judgement: 'expected' },
        ],
      },
      exclusions: [],
      pep: { meetings: [], actions: [] },
      provenance: {},
    }),
    { asOf: AS_OF },
  ),
);
const view = describeTrends(status)!;

test('<edu-child-summary>: the trend is one click away, by keyboard; chart.js loads only then; the table says every term in words', async ({ page }) => {
  const chartRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith(CHART_FILE)) chartRequests.push(request.url());
  });
  await openHarness(page);
  await mount(page, 'edu-child-summary', {}, { status });
  const summary = page.locator('edu-child-summary .screen-only');
  const group = summary.locator('details.trend');
  await expect(group.locator('> summary')).toHaveText(view.title);
  await expect(group).not.toHaveAttribute('open', '');
  // The first screen never fetches chart.js.
  await page.waitForTimeout(300);
  expect(chartRequests).toEqual([]);

  await group.locator('> summary').focus();
  await page.keyboard.press('Enter');
  await expect(group).toHaveAttribute('open', '');
  const canvas = group.getByRole('img', { name: view.attendance.chartLabel });
  await expect(canvas).toBeVisible();
  await expect.poll(() => chartRequests.length).toBe(1);
  // chart.js has drawn on the canvas.
  await expect.poll(() => canvas.evaluate((element: HTMLCanvasElement) => element.width > 0 && element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data.some((value) => value !== 0))).toBe(true);
  await expect(group).toContainText(view.attendance.line.label);

  await group.locator('details > summary', { hasText: view.attendance.showTable }).focus();
  await page.keyboard.press('Enter');
  const table = group.getByRole('table', { name: view.attendance.title });
  await expect(table).toBeVisible();
  await expect(table.locator('thead th[scope="col"]')).toHaveText(['Term', 'Attendance', 'Sessions attended', 'Note']);
  await expect(table.locator('tbody th[scope="row"]')).toHaveText(view.attendance.terms.map((term) => term.label));
  const spring = table.locator('tbody tr', { hasText: 'Spring 2024/25' });
  await expect(spring).toContainText('No data');
  await expect(spring).toContainText('Nothing recorded for this term: ask the school');
  const summerRow = table.locator('tbody tr', { hasText: 'Summer 2024/25' });
  await expect(summerRow).toContainText('80.0%');
  await expect(summerRow).toContainText('Persistent absence (below 90%)');

  const reading = group.getByRole('table', { name: 'Reading', exact: true });
  await expect(reading.locator('tbody tr')).toHaveCount(2);
  await expect(reading.locator('tbody tr').first()).toContainText('Teacher judgement: Working towards expected');
  await expect(reading.locator('tbody tr').first()).toContainText('Below expected');
  await expectNoAxeViolations(page);
});

test('<edu-attendance> draws attendance by term with the line and its table; <edu-attainment> lists attainment over time', async ({ page }) => {
  await openHarness(page);
  await mount(page, 'edu-attendance', {}, { status });
  const attendance = page.locator('edu-attendance');
  await expect(attendance.getByRole('heading', { name: view.attendance.title })).toBeVisible();
  await expect(attendance.getByRole('img', { name: view.attendance.chartLabel })).toBeVisible();
  const toggle = attendance.locator('.trend details > summary');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(attendance.getByRole('table', { name: view.attendance.title }).locator('tbody tr')).toHaveCount(view.attendance.terms.length);
  await expectNoAxeViolations(page);

  await mount(page, 'edu-attainment', {}, { status });
  const attainment = page.locator('edu-attainment');
  const overTime = attainment.locator('details.trend');
  await overTime.locator('> summary').focus();
  await page.keyboard.press('Enter');
  await expect(attainment.getByRole('table', { name: 'Maths', exact: true }).locator('tbody tr')).toHaveText([/20 March 2025\s+Teacher judgement: At expected\s+At or above expected/]);
  await expect(attainment.getByRole('table', { name: 'Reading', exact: true }).locator('tbody tr').last()).toContainText('Below expected');
  await expectNoAxeViolations(page);
});
