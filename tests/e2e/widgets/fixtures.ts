import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Route } from '@playwright/test';
import { generateRecords } from '../../../core/generate/index.ts';
import { EducationStatus, type Rating } from '../../../core/model/status.ts';
import { ChildEducationRecord, type ChildEducationRecordInput } from '../../../core/model/record.ts';
import { deriveStatus } from '../../../core/status/derive.ts';

/**
 * Test data for the widget tests: statuses worked out by deriveStatus from generated records (and one
 * hand-written record with nothing to rate), and a page at http://widgets.test that serves the built
 * widgets from dist/widgets with the Education Status API answered by each test.
 */

export const AS_OF = '2025-11-20';
export const ORIGIN = 'http://widgets.test';
const DIST = fileURLToPath(new URL('../../../dist/widgets/', import.meta.url));

export const records = generateRecords({ children: 120, seed: 20251120, asOf: AS_OF });
export const cohort: EducationStatus[] = records.map((record) => EducationStatus.parse(deriveStatus(record, { asOf: AS_OF })));

/** A child in care with no school, marks, PEP or assessments yet: every area is unrated. */
export const sparseRecord: ChildEducationRecordInput = {
  schemaVersion: 1,
  identity: { personId: 'SPARSE-1', firstName: 'Rhian', lastName: 'Jones', dateOfBirth: '2016-03-04', gender: 'female' },
  care: { lookedAfter: false, periods: [], placementChanges: [] },
  school: { enrolments: [] },
  attendance: { marks: [], summaries: [] },
  attainment: { assessments: [], termly: [] },
  exclusions: [],
  pep: { meetings: [], actions: [] },
  provenance: {},
};

const AREAS = ['attendance', 'pep', 'exclusions', 'attainment'] as const;

/** A status at one RAG level: a real derived status with that overall rating, each area set to the level too. */
export function statusAt(level: Rating): EducationStatus {
  const base =
    level === 'none'
      ? EducationStatus.parse(deriveStatus(ChildEducationRecord.parse(sparseRecord), { asOf: AS_OF }))
      : (cohort.find((status) => status.rag.overall === level) ?? cohort[0]!);
  const status = structuredClone(base);
  status.rag.overall = level;
  for (const area of AREAS) status.rag[area] = level;
  return EducationStatus.parse(status);
}

/** The richest status in the cohort: the one with the most weekly attendance, actions and results. */
export const richStatus: EducationStatus = [...cohort].sort(
  (a, b) =>
    b.attendance.academicYear.weekly.length +
    b.pep.outstandingActions.length * 3 +
    b.attainment.statutory.length * 2 -
    (a.attendance.academicYear.weekly.length + a.pep.outstandingActions.length * 3 + a.attainment.statutory.length * 2),
)[0]!;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.map': 'application/json', '.html': 'text/html' };

export const HARNESS = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>EduBridge widgets under test</title>
  <script type="module" src="/dist/edubridge-widgets.js"></script></head>
  <body><main><h1>EduBridge widgets under test</h1><div id="host"></div></main></body>
</html>`;

/**
 * Opens the harness page. Files under /dist/ come from dist/widgets; /api/v1/ is left to `api` (default:
 * 404 for everything), so each test decides how the API behaves.
 */
export async function openHarness(
  page: Page,
  options: { html?: string; api?: (route: Route) => Promise<void> | void; ready?: string } = {},
): Promise<void> {
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/api/v1/')) {
      if (options.api) return options.api(route);
      return route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Not found', status: 404 }) });
    }
    if (url.pathname.startsWith('/dist/')) {
      const path = normalize(join(DIST, url.pathname.slice('/dist/'.length)));
      if (!path.startsWith(DIST)) return route.fulfill({ status: 403 });
      try {
        return await route.fulfill({ status: 200, contentType: TYPES[extname(path)] ?? 'application/octet-stream', body: await readFile(path) });
      } catch {
        return route.fulfill({ status: 404 });
      }
    }
    return route.fulfill({ status: 200, contentType: 'text/html', body: options.html ?? HARNESS });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction((tags) => tags.every((tag) => customElements.get(tag)), options.ready ? [options.ready] : ['edu-child-summary', 'edu-cohort-dashboard']);
}

/** Puts an element in #host with attributes and properties, and returns when it has rendered. */
export async function mount(page: Page, tag: string, attributes: Record<string, string> = {}, properties: Record<string, unknown> = {}): Promise<void> {
  await page.evaluate(
    async ({ tag, attributes, properties }) => {
      const host = document.getElementById('host')!;
      host.replaceChildren();
      const element = document.createElement(tag) as HTMLElement & { updateComplete: Promise<unknown> };
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      Object.assign(element, properties);
      host.append(element);
      await element.updateComplete;
    },
    { tag, attributes, properties },
  );
}
