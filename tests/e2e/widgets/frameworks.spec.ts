import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { expect, test, type Page } from '@playwright/test';
import { ORIGIN, cohort, richStatus } from './fixtures.ts';

/**
 * The recipes in docs/widgets.md, run: React 19 (client and server rendering), Vue 3 and plain HTML, each
 * using the built widgets from dist/widgets. Properties set before an element is defined are picked up
 * when it is; the token never reaches server-rendered HTML.
 */
const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const DIST = join(REPO, 'dist/widgets/');
const TOKEN = 'token-that-must-stay-in-memory';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };

/** The React recipe from docs/widgets.md, bundled as a portal's build would bundle it. */
const REACT_APP = `
import { createElement, useEffect, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import 'edubridge/widgets';

function ChildSummary({ status, token }) {
  const ref = useRef(null);
  useEffect(() => { ref.current.token = token; }, [token]);
  return createElement('edu-child-summary', { ref, status, 'heading-level': 2 });
}

function Cohort({ list, onSelect }) {
  return createElement('edu-cohort-table', { statuses: list, 'page-size': 10, 'onedu-select-child': (event) => onSelect(event.detail.personId) });
}

const { status, list, token } = window.recipeData;
createRoot(document.getElementById('app')).render(
  createElement('main', null,
    createElement('h1', null, 'React portal'),
    createElement(ChildSummary, { status, token }),
    createElement(Cohort, { list, onSelect: (id) => { document.getElementById('app').dataset.selected = id; } })));
`;

let reactBundle = '';

test.beforeAll(async () => {
  const result = await build({
    stdin: { contents: REACT_APP, resolveDir: REPO, loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { 'edubridge/widgets': join(DIST, 'esm/index.js') },
    logLevel: 'silent',
  });
  reactBundle = result.outputFiles[0]!.text;
});

async function serve(page: Page, html: string): Promise<void> {
  await page.route(`${ORIGIN}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === '/react-app.js') return route.fulfill({ contentType: 'text/javascript', body: reactBundle });
    if (pathname === '/vue.js') return route.fulfill({ contentType: 'text/javascript', body: await readFile(join(REPO, 'node_modules/vue/dist/vue.esm-browser.prod.js')) });
    if (pathname.startsWith('/dist/')) {
      const path = normalize(join(DIST, pathname.slice('/dist/'.length)));
      if (!path.startsWith(DIST)) return route.fulfill({ status: 403 });
      return route.fulfill({ contentType: TYPES[extname(path)] ?? 'application/octet-stream', body: await readFile(path) });
    }
    if (pathname.startsWith('/api/')) return route.fulfill({ status: 404 });
    return route.fulfill({ contentType: 'text/html', body: html });
  });
  await page.goto(`${ORIGIN}/`);
}

const list = cohort.slice(0, 30);
const DATA = `<script>window.recipeData = ${JSON.stringify({ status: richStatus, list, token: TOKEN }).replace(/</g, '\\u003c')};</script>`;

async function expectRendered(page: Page): Promise<void> {
  const summary = page.locator('edu-child-summary');
  await expect(summary.getByRole('heading', { name: richStatus.child.displayName, exact: true }).first()).toBeVisible();
  const table = page.locator('edu-cohort-table');
  await expect(table.getByRole('row')).toHaveCount(11); // the heading row and a page of 10
  // Objects went in as properties, never as attributes; the token is in memory only.
  for (const tag of ['edu-child-summary', 'edu-cohort-table']) {
    const attributes = await page.locator(tag).evaluate((element) => element.getAttributeNames());
    expect(attributes, tag).not.toEqual(expect.arrayContaining(['status']));
    expect(attributes, tag).not.toEqual(expect.arrayContaining(['statuses']));
    expect(attributes, tag).not.toEqual(expect.arrayContaining(['token']));
  }
  // The page's own script holds the token in memory; the document body (what a page's HTML would be) does not.
  const body = await page.evaluate(() => new XMLSerializer().serializeToString(document.body));
  expect(body).not.toContain(TOKEN);
  expect(await summary.evaluate((element) => (element as HTMLElement & { token?: string }).token)).toBe(TOKEN);
}

test('React 19: createElement with the statuses and status properties, the token through a ref, an event prop', async ({ page }) => {
  await serve(page, `<!doctype html><html lang="en"><head><title>React portal</title>${DATA}<script type="module" src="/react-app.js"></script></head><body><div id="app"></div></body></html>`);
  await expectRendered(page);
  const first = page.locator('edu-cohort-table').getByRole('row').nth(1).getByRole('button').first();
  const name = await first.textContent();
  await first.click();
  const selected = list.find((status) => status.child.displayName === name?.trim());
  await expect(page.locator('#app')).toHaveAttribute('data-selected', selected!.child.personId);
});

test('Vue 3: isCustomElement and .prop bindings, with the widgets defined after Vue has rendered', async ({ page }) => {
  await serve(
    page,
    `<!doctype html><html lang="en"><head><title>Vue portal</title>${DATA}
    <script type="importmap">{ "imports": { "vue": "/vue.js" } }</script>
    <script type="module">
      import { createApp } from 'vue';
      const app = createApp({
        data: () => window.recipeData,
        template: '<main><h1>Vue portal</h1><edu-child-summary :status.prop="status" :token.prop="token"></edu-child-summary><edu-cohort-table :statuses.prop="list" page-size="10"></edu-cohort-table></main>',
      });
      app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('edu-');
      app.mount('#app');
      window.vueMounted = !customElements.get('edu-child-summary');
      await import('/dist/esm/index.js');
    </script></head><body><div id="app"></div></body></html>`,
  );
  await expectRendered(page);
  expect(await page.evaluate(() => (window as unknown as { vueMounted: boolean }).vueMounted)).toBe(true);
});

test('plain HTML: properties set before the script defines the elements are picked up (children too, by its old name)', async ({ page }) => {
  await serve(
    page,
    `<!doctype html><html lang="en"><head><title>Plain page</title>${DATA}</head><body><main><h1>Plain page</h1>
    <edu-child-summary></edu-child-summary><edu-cohort-table page-size="10"></edu-cohort-table><edu-cohort-table id="old" page-size="10"></edu-cohort-table></main>
    <script type="module">
      const { status, list, token } = window.recipeData;
      const summary = document.querySelector('edu-child-summary');
      summary.status = status;
      summary.token = token;
      document.querySelector('edu-cohort-table').statuses = list;
      await import('/dist/edubridge-widgets.js');
      document.getElementById('old').children = list;
    </script></body></html>`,
  );
  await expect(page.locator('#old').getByRole('row')).toHaveCount(11);
  await page.locator('#old').evaluate((element) => element.remove());
  await expectRendered(page);
});

/** Renders the React recipe on the server (react-dom/server) in a fresh Node process, with the widgets imported there. */
async function serverRender(component: string): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
      import { createElement, useEffect, useRef } from 'react';
      import { renderToString } from 'react-dom/server';
      await import(${JSON.stringify(join(DIST, 'node/index.js'))});
      function ChildSummary({ childId, token }) {
        const ref = useRef(null);
        useEffect(() => { ref.current.token = token; }, [token]);
        return createElement('edu-child-summary', { ref, src: 'https://education.council.example', 'child-id': childId });
      }
      function Leaky({ childId, token }) {
        return createElement('edu-child-summary', { token, 'child-id': childId });
      }
      const components = { ChildSummary, Leaky };
      process.stdout.write(renderToString(createElement(components[${JSON.stringify(component)}], { childId: '401366', token: ${JSON.stringify(TOKEN)} })));
      `,
    ],
    { cwd: REPO },
  );
  return stdout;
}

test('server-side rendering: importing the widgets in Node does not throw, and the recipe keeps the token out of the HTML', async () => {
  const html = await serverRender('ChildSummary');
  expect(html).toBe('<edu-child-summary src="https://education.council.example" child-id="401366"></edu-child-summary>');
  expect(html).not.toContain(TOKEN);
  // What the typings forbid, and why: a token passed as a prop is written into the page.
  expect(await serverRender('Leaky')).toContain(TOKEN);
});
