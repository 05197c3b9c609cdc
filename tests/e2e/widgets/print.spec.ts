import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { generateRecords } from '../../../core/generate/index.ts';
import { EducationStatus } from '../../../core/model/status.ts';
import { writeSummaryPdfs } from '../../../core/node/cli/commands/summary.ts';
import { writeTemplateCsv } from '../../../core/node/generate/write.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { mount, openHarness } from './fixtures.ts';

/**
 * The printable summary: "Print or save as PDF" in <edu-child-summary>, and `edubridge summary --pdf` for
 * batches. Each PDF is read back with PDF.js (pdfjs-dist): its page count and its text.
 */

const CLI = new URL('../../../dist/node/core/node/cli/main.js', import.meta.url).pathname;
const MARKING = 'OFFICIAL-SENSITIVE: personal information about a child in care.';

// PDF.js expects Promise.withResolvers (Node 22); Node 20 (the oldest EduBridge supports) lacks it.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
      return { promise, resolve, reject };
    },
  });
}

async function readPdf(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const task = getDocument({ data: new Uint8Array(bytes), disableFontFace: true, useSystemFonts: false });
  const pdf = await task.promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('') + '\n';
  }
  const pages = pdf.numPages;
  await task.destroy();
  return { pages, text: text.replace(/[ \t]+/g, ' ') };
}

const fixture = async (name: string): Promise<EducationStatus> =>
  EducationStatus.parse(JSON.parse(await readFile(new URL(`../../fixtures/statuses/${name}.json`, import.meta.url), 'utf8')));

for (const name of ['red', 'amber', 'green', 'incomplete']) {
  test(`"Print or save as PDF" prints the summary of a ${name} child alone: one A4 page, dated, with its freshness and a confidentiality marking`, async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await openHarness(page);
    const status = await fixture(name);
    await mount(page, 'edu-child-summary', { 'epep-origin': 'https://epep.example.com' }, { status });
    const summary = page.locator('edu-child-summary');
    // On screen the printable summary is not shown; in print it is all that is shown.
    await expect(summary.locator('[part="marking"]').first()).toBeHidden();
    await summary.getByRole('button', { name: 'Print or save as PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await expect(summary).toHaveAttribute('data-edu-printing', '');
    await page.emulateMedia({ media: 'print' });
    await expect(summary.locator('[part="marking"]').first()).toContainText(MARKING);
    await expect(summary.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
    const { pages, text } = await readPdf(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    expect(pages).toBe(1);
    expect(text).toContain(`Education summary: ${status.child.displayName}`);
    expect(text).not.toContain('EduBridge widgets under test');
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toMatch(/Printed \d{1,2} [A-Z][a-z]+ \d{4}\./);
    expect(text).toContain('Worked out as of 20 November 2025.');
    expect(text).toContain('What needs doing');
    expect(text).toContain('Who to contact');
  });
}

test('edubridge summary --pdf prints a batch of children, one A4 page each, saying what the screens say', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'edubridge-summary-'));
  try {
    const records = generateRecords({ children: 12, seed: 4, asOf: '2026-02-02' });
    await writeTemplateCsv(join(dir, 'data'), records);
    const ids = records.slice(0, 3).map((r) => r.identity.personId);
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'summary', join(dir, 'data'), '--child', ...ids, '--pdf', join(dir, 'out'), '--as-of', '2026-02-02', '--epep-origin', 'https://epep.example.com'], {
      env: { ...process.env, CHROMIUM_PATH: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' },
    });
    expect(stdout.trim().split('\n')).toHaveLength(3);
    for (const record of records.slice(0, 3)) {
      const { pages, text } = await readPdf(new Uint8Array(await readFile(join(dir, 'out', `${record.identity.personId}.pdf`))));
      expect(pages).toBe(1);
      const name = `${record.identity.preferredName ?? record.identity.firstName} ${record.identity.lastName}`;
      expect(text).toContain(`Education summary: ${name}`);
      expect(text).toContain('Worked out as of 2 February 2026.');
      expect(text).toContain('OFFICIAL-SENSITIVE');
      const teacher = record.school.enrolments.find((e) => e.end === undefined)?.designatedTeacher?.name;
      if (teacher) expect(text).toContain(teacher);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('writeSummaryPdfs prints a summary in Welsh in Welsh: the page is given the Welsh beside the bundle', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'edubridge-summary-'));
  try {
    const [record] = generateRecords({ children: 1, seed: 4, asOf: '2026-02-02' });
    const status = EducationStatus.parse(deriveStatus(record!, { asOf: '2026-02-02', language: 'cy' }));
    const file = join(dir, 'welsh.pdf');
    await writeSummaryPdfs([{ status, file }]);
    const { text } = await readPdf(new Uint8Array(await readFile(file)));
    expect(text).toContain(`Crynodeb addysg: ${status.child.displayName}`);
    expect(text).toContain('SWYDDOGOL-SENSITIF');
    expect(text).not.toContain('Education summary');
    expect(text).not.toContain('Loading');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('edubridge summary names a child it cannot find, and writes nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'edubridge-summary-'));
  try {
    await writeTemplateCsv(join(dir, 'data'), generateRecords({ children: 2, seed: 4, asOf: '2026-02-02' }));
    const run = promisify(execFile)(process.execPath, [CLI, 'summary', join(dir, 'data'), '--child', 'NOBODY', '--pdf', join(dir, 'x.pdf'), '--as-of', '2026-02-02']);
    await expect(run).rejects.toMatchObject({ code: 3, stderr: expect.stringContaining('no child with person ID or UPN "NOBODY"') });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
