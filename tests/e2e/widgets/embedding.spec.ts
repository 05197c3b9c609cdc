import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { ROOT } from '../../../scripts/demo-data.mjs';
import { startDemoServer, type DemoServer } from '../fixtures/demo-server.ts';
import { expectNoAxeViolations } from './helpers.ts';

/**
 * The README's "one script tag" embed, on a portal of another origin: the page loads the widget bundle
 * from `edubridge serve` (CORS, compressed) and the cohort table reads the compact list from the API.
 * A portal whose origin the service does not allow sees the widget say so, in plain words.
 */

let server: DemoServer;
let allowed: Portal;
let refused: Portal;

interface Portal {
  origin: string;
  close(): Promise<void>;
}

/** A portal page on its own origin (another port on localhost), embedding the widgets from the service. */
async function startPortal(api: () => string): Promise<Portal> {
  const portal: Server = createServer((request, response) => {
    const lang = new URL(request.url ?? '/', 'http://portal').searchParams.get('lang') ?? 'en';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html>
<html lang="${lang}">
  <head><meta charset="utf-8"><title>Council portal</title>
  <script type="module" src="${api()}/widgets/dist/edubridge-widgets.js"></script></head>
  <body><main><h1>Children in care</h1><edu-cohort-table src="${api()}" lang="${lang}"></edu-cohort-table></main></body>
</html>`);
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  const { port } = portal.address() as AddressInfo;
  return { origin: `http://localhost:${port}`, close: () => new Promise<void>((resolve) => portal.close(() => resolve())) };
}

test.describe.configure({ mode: 'serial', timeout: 90_000 });

test.beforeAll(async () => {
  allowed = await startPortal(() => server.url);
  refused = await startPortal(() => server.url);
  server = await startDemoServer({ origins: [allowed.origin] });
});

test.afterAll(async () => {
  await server?.close();
  await allowed?.close();
  await refused?.close();
});

const virtualSchool = () => server.users.find((user) => user.role === 'virtual-school')!;

/** Opens the portal, waits for the widgets to load, and hands the table its token (a property, never an attribute). */
async function openPortal(page: Page, portal: Portal, lang = 'en'): Promise<void> {
  await page.goto(`${portal.origin}/?lang=${lang}`);
  await page.waitForFunction(() => customElements.get('edu-cohort-table') !== undefined);
  await page.evaluate((token) => {
    (document.querySelector('edu-cohort-table') as HTMLElement & { token: string }).token = token;
  }, virtualSchool().token);
}

test('from an allowed origin: the bundle loads cross-origin, compressed, and the table shows the compact list', async ({ page }) => {
  const bundle = page.waitForResponse((response) => response.url().endsWith('/widgets/dist/edubridge-widgets.js'));
  // The first request may go before the page hands over the token (401); the one after it is the list.
  const list = page.waitForResponse((response) => response.url().includes('/api/v1/children?') && response.request().method() === 'GET' && response.status() === 200);
  await openPortal(page, allowed);
  const script = await bundle;
  expect(script.status()).toBe(200);
  expect(await script.headerValue('access-control-allow-origin')).toBe('*');
  expect(await script.headerValue('content-encoding')).toMatch(/^(br|gzip)$/);
  expect(await script.headerValue('cache-control')).toBe('public, no-cache');
  expect(await script.headerValue('etag')).toBeTruthy();

  const answer = await list;
  const url = new URL(answer.url());
  expect(url.searchParams.get('view')).toBe('summary');
  expect(Number(url.searchParams.get('pageSize'))).toBe(2000);
  expect(await answer.headerValue('access-control-allow-origin')).toBe(allowed.origin);
  expect(await answer.headerValue('content-encoding')).toMatch(/^(br|gzip)$/);
  const total = ((await answer.json()) as { total: number }).total;
  expect(total).toBeGreaterThan(0);
  await expect(page.locator('edu-cohort-table').getByText(`Children (${total})`).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

for (const [lang, sentence] of [
  ['en', 'This site is not allowed to use the Education Status service.'],
  ['cy', 'Nid yw’r wefan hon yn cael defnyddio’r gwasanaeth Statws Addysg.'],
] as const) {
  test(`from an origin the service does not allow: the widget says so (${lang}), not "could not be reached"`, async ({ page }) => {
    await page.addInitScript(() => {
      document.addEventListener('edu-error', (event) => {
        (window as unknown as { errors: unknown[] }).errors = [...((window as unknown as { errors?: unknown[] }).errors ?? []), (event as CustomEvent).detail];
      });
    });
    const list = page.waitForResponse((response) => response.url().includes('/api/v1/children?') && response.request().method() === 'GET');
    await openPortal(page, refused, lang);
    const answer = await list;
    expect(answer.status()).toBe(403);
    const alert = page.locator('edu-cohort-table').getByRole('alert');
    await expect(alert).toContainText(sentence);
    await expect(alert).not.toContainText(/could not be reached|cysylltu/);
    const errors = await page.evaluate(() => (window as unknown as { errors: { kind: string; status: number }[] }).errors);
    expect(errors.at(-1)).toMatchObject({ kind: 'origin-refused', status: 403 });
    await expectNoAxeViolations(page);
  });
}

test('`npm start -- --origin URL` adds an origin to the demo', async ({ request }) => {
  // The start script with the build already done (--skip-build), on a free port.
  const child: ChildProcess = spawn(process.execPath, ['scripts/start.mjs', '--skip-build', '--origin', refused.origin], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${out}`)), 60_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Demo index\s+(http:\/\/\S+)\//.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${out}`)));
    });
    const token = virtualSchool().token;
    const from = async (origin: string) => request.get(`${url}/api/v1/children?view=summary&pageSize=1`, { headers: { origin, authorization: `Bearer ${token}` } });
    const yes = await from(refused.origin);
    expect(yes.status()).toBe(200);
    expect(yes.headers()['access-control-allow-origin']).toBe(refused.origin);
    expect((await from('http://localhost:1')).status()).toBe(403);
  } finally {
    child.kill('SIGTERM');
  }
});
