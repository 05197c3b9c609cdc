import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { BrowserType } from 'playwright-core';
import { formatProblem } from '../../../import/problem.ts';
import type { EducationStatus } from '../../../model/index.ts';
import { deriveStatus } from '../../../status/derive.ts';
import { EXIT, UsageError, parseAsOf, requireReadablePath, runAction } from '../../import/cli-support.ts';
import { loadDataDirectory, todayUtc } from '../../import/load.ts';
import type { RegisterCommand } from './index.ts';
import { findChild } from './status.ts';

/**
 * `edubridge summary DIR --child ID --pdf FILE`: the printable education summary of one or more children
 * as A4 PDFs, for review meetings, PEP meetings and court reports. It is the widgets' own printable summary
 * (`<edu-child-summary print-layout>`) printed by Chromium, so the PDF says what the screens say.
 */

/** Where the built widget bundle is: beside the built command line, or in dist/ when run from source. */
const BUNDLE_CANDIDATES = [
  new URL('../../../../../widgets/edubridge-widgets.js', import.meta.url),
  new URL('../../../../dist/widgets/edubridge-widgets.js', import.meta.url),
];
const ORIGIN = 'http://edubridge-summary.localhost';
/** The single bundle's Welsh, beside it (widgets/components.ts: WELSH_FILE). */
const WELSH_FILE = 'edubridge-widgets-cy.js';

/** The bundle, and the Welsh it loads from beside it when a summary is in Welsh. */
async function widgetBundle(): Promise<{ bundle: string; welsh: string }> {
  for (const candidate of BUNDLE_CANDIDATES) {
    try {
      await access(candidate);
      return { bundle: await readFile(candidate, 'utf8'), welsh: await readFile(new URL(WELSH_FILE, candidate), 'utf8') };
    } catch {
      // try the next place
    }
  }
  throw new UsageError(`the widgets are not built (dist/widgets/edubridge-widgets.js and ${WELSH_FILE}): run "npm run build:widgets" first`);
}

export interface SummaryPdfOptions {
  /** Chromium to print with; default CHROMIUM_PATH or /usr/bin/chromium. */
  chromium?: string;
  /** The date the summary is printed on (YYYY-MM-DD). */
  today?: string;
  epepOrigin?: string;
}

/** Prints each status to a PDF file, one browser for the batch. */
export async function writeSummaryPdfs(jobs: readonly { status: EducationStatus; file: string }[], options: SummaryPdfOptions = {}): Promise<void> {
  const { bundle, welsh } = await widgetBundle();
  let chromium: BrowserType;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new UsageError('printing needs the playwright-core package: npm install playwright-core');
  }
  const executablePath = options.chromium ?? process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  try {
    await access(executablePath);
  } catch {
    throw new UsageError(`Chromium was not found at ${executablePath}: install it or set CHROMIUM_PATH`);
  }
  const browser = await chromium.launch({ executablePath, args: ['--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    // The page is made here and talks to nothing: every request other than the bundle (and its Welsh) is refused.
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort();
      if (url.pathname === '/edubridge-widgets.js') return route.fulfill({ status: 200, contentType: 'text/javascript', body: bundle });
      if (url.pathname === `/${WELSH_FILE}`) return route.fulfill({ status: 200, contentType: 'text/javascript', body: welsh });
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Education summary</title><style>@page { size: A4; margin: 12mm; } body { margin: 0; }</style><script type="module" src="/edubridge-widgets.js"></script></head><body></body></html>',
      });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).customElements.get('edu-child-summary') !== undefined);
    for (const job of jobs) {
      await page.evaluate(
        async ({ status, epepOrigin, language }) => {
          const { document } = globalThis as unknown as PageGlobals;
          document.documentElement.lang = language;
          const element = document.createElement('edu-child-summary');
          element.setAttribute('print-layout', '');
          if (epepOrigin) element.setAttribute('epep-origin', epepOrigin);
          element.status = status;
          document.body.replaceChildren(element);
          await element.updateComplete;
        },
        { status: job.status, epepOrigin: options.epepOrigin, language: job.status.language },
      );
      // Printed once it has stopped loading: its status checked, its words here (Welsh loads beside the bundle).
      await page.waitForFunction(() => {
        const summary = (globalThis as unknown as PageGlobals).document.querySelector('edu-child-summary');
        return summary?.shadowRoot != null && summary.shadowRoot.querySelector('[part~="loading"]') === null;
      });
      await writeFile(job.file, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    }
  } finally {
    await browser.close();
  }
}

/** The few browser globals the page scripts above use (this file is compiled without the DOM library). */
interface PageGlobals {
  customElements: { get(name: string): unknown };
  document: {
    documentElement: { lang: string };
    body: { replaceChildren(...nodes: unknown[]): void };
    createElement(tag: 'edu-child-summary'): { setAttribute(name: string, value: string): void; status: unknown; updateComplete: Promise<unknown> };
    querySelector(selector: 'edu-child-summary'): { shadowRoot: { querySelector(selector: string): unknown } | null } | null;
  };
}

export const registerSummary: RegisterCommand = (program: Command) => {
  program
    .command('summary')
    .description("Print children's education summaries to A4 PDF files (one page for a typical child), for reviews and PEP meetings")
    .argument('<dir>', 'a data directory (or one file)')
    .requiredOption('--child <id...>', "the children's person IDs (child_id, SSDA903 CHILD) or UPNs")
    .requiredOption('--pdf <file>', 'the PDF to write; with several children, a directory for one PDF each (<person ID>.pdf)')
    .option('--as-of <date>', 'work the status out for this day (YYYY-MM-DD); default today', parseAsOf)
    .option('--epep-origin <origin>', "the council's ePEP system, e.g. https://epep.council.example: the PEP's address is printed only when it is there")
    .option('--la-code <number>', "the council's own 3-digit LA number")
    .addHelpText('after', '\nChromium prints the summaries: CHROMIUM_PATH, else /usr/bin/chromium. Exit status: 0 written, 2 usage mistake, 3 no such child.')
    .action(
      runAction(async (dir: string, options: { child: string[]; pdf: string; asOf?: string; epepOrigin?: string; laCode?: string }) => {
        await requireReadablePath(dir);
        const asOf = options.asOf ?? todayUtc();
        const { records, problems } = await loadDataDirectory(dir, { asOf, laCode: options.laCode });
        const errors = problems.filter((p) => p.severity === 'error');
        if (errors.length > 0) process.stderr.write(`edubridge: ${errors.length} row${errors.length === 1 ? '' : 's'} in the data could not be imported (run "edubridge validate"); first: ${formatProblem(errors[0] as (typeof errors)[number])}\n`);
        const statuses: EducationStatus[] = [];
        for (const id of options.child) {
          const record = findChild(records, id);
          if (!record) {
            process.stderr.write(`edubridge: no child with person ID or UPN ${JSON.stringify(id)} in ${dir}\n`);
            return EXIT.noSuchChild;
          }
          statuses.push(deriveStatus(record, { asOf }));
        }
        const several = statuses.length > 1;
        if (several) await mkdir(options.pdf, { recursive: true });
        const jobs = statuses.map((status) => ({ status, file: several ? join(options.pdf, `${status.child.personId}.pdf`) : options.pdf }));
        await writeSummaryPdfs(jobs, { ...(options.epepOrigin ? { epepOrigin: options.epepOrigin } : {}) });
        for (const job of jobs) process.stdout.write(`${job.file}\t${job.status.child.personId}\n`);
        return EXIT.ok;
      }),
    );
};
