import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, mkdir, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { COMPONENTS } from '../../../widgets/components.ts';

/**
 * The package as a portal developer gets it: `npm pack`, then `npm install` of the tarball into an empty
 * project with install scripts allowed, then the command line, the entry points, the types and the list of
 * files. Reads what `npm run build` wrote to dist/. The install is offline: `--prefer-offline` takes the
 * dependencies from npm's cache, which `npm ci` in this repository has filled with the same versions.
 */
const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};

test.describe.configure({ mode: 'serial', timeout: 240_000 });

let work = '';
let app = '';
let files: string[] = [];

test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'edubridge-package-'));
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  files = packed!.files.map((file) => file.path).sort();
  app = join(work, 'app');
  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'portal', private: true, type: 'module' }));
  // Scripts enabled for every package, as on a machine that allows them: nothing may need the repository's tools.
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--foreground-scripts', join(work, packed!.filename)], {
    cwd: app,
    env: { ...process.env, npm_config_dangerously_allow_all_scripts: 'true', npm_config_ignore_scripts: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
});

test.afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const node = (code: string) => run(process.execPath, ['--input-type=module', '-e', code], { cwd: app });

test('the development set-up does not run for package users', () => {
  expect(manifest.scripts.postinstall).toBeUndefined();
  expect(manifest.scripts.prepare).toContain("existsSync('wxt.config.ts')");
  expect(files).not.toContain('wxt.config.ts');
});

test('npx edubridge --version prints the version', async () => {
  const { stdout } = await run('npx', ['--no-install', 'edubridge', '--version'], { cwd: app });
  expect(stdout.trim()).toBe(manifest.version);
});

test('the tarball ships the built code, its types, the docs and the licence, and nothing else', () => {
  for (const wanted of [
    'package.json',
    'README.md',
    'LICENSE',
    'docs/widgets.md',
    'dist/node/core/index.js',
    'dist/node/core/index.d.ts',
    'dist/node/core/node/cli/main.js',
    'dist/widgets/edubridge-widgets.js',
    'dist/widgets/edubridge-widgets-chart.js',
    'dist/widgets/edubridge-widgets-record.js',
    'dist/widgets/edubridge-widgets-cy.js',
    'dist/widgets/custom-elements.json',
    'dist/widgets/types/widgets/index.d.ts',
    'dist/widgets/jsx/react.d.ts',
    'dist/widgets/jsx/vue.d.ts',
    'dist/widgets/esm/index.js',
    'dist/widgets/node/index.js',
  ]) {
    expect(files, wanted).toContain(wanted);
  }
  const unwanted = files.filter(
    (path) =>
      /\.map$/.test(path) ||
      /^(tests|\.ci|extension|demo|scripts|core|widgets|\.output|\.wxt|node_modules)\//.test(path) ||
      path.startsWith('dist/node/demo/') ||
      (path !== 'package.json' && path.endsWith('package.json')),
  );
  expect(unwanted).toEqual([]);
});

const PACKAGE_SPECIFIER = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]+)?$/i;

/** Bare specifiers imported by the shipped JavaScript, as package names (`hono/cors` → `hono`). */
async function importedPackages(): Promise<Set<string>> {
  const packages = new Set<string>();
  const builtins = new Set(builtinModules);
  for (const path of files.filter((file) => file.endsWith('.js'))) {
    const code = await readFile(join(app, 'node_modules', 'edubridge', path), 'utf8');
    for (const match of code.matchAll(/(?:\bimport\s*\(\s*|\bfrom\s*|\bimport\s*)["']([^"'./][^"']*)["']/g)) {
      const specifier = match[1]!;
      // The pattern also meets text inside strings (`from"…"` in a description): keep what can be a module specifier.
      if (!PACKAGE_SPECIFIER.test(specifier) || specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const parts = specifier.split('/');
      packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return packages;
}

test('dependencies are exactly the packages the shipped code imports', async () => {
  const imported = [...(await importedPackages())].sort();
  expect(Object.keys(manifest.dependencies).sort()).toEqual(imported);
  for (const name of imported) expect(manifest.devDependencies[name], name).toBeUndefined();
});

test('edubridge/core, edubridge/core/node and every widget entry import under Node', async () => {
  const widgetEntries = ['edubridge/widgets', ...COMPONENTS.map(({ dir }) => `edubridge/widgets/${dir}`)];
  const { stdout } = await node(`
    const core = await import('edubridge/core');
    const nodeApi = await import('edubridge/core/node');
    const loaded = {};
    for (const entry of ${JSON.stringify(widgetEntries)}) loaded[entry] = Object.keys(await import(entry));
    console.log(JSON.stringify({
      deriveStatus: typeof core.deriveStatus,
      nodeExports: Object.keys(nodeApi).length,
      loaded,
      defined: customElements.get('edu-child-summary') !== undefined,
      bundle: import.meta.resolve('edubridge/widgets/bundle'),
      manifest: import.meta.resolve('edubridge/widgets/custom-elements.json'),
    }));
  `);
  const result = JSON.parse(stdout) as {
    deriveStatus: string;
    nodeExports: number;
    loaded: Record<string, string[]>;
    defined: boolean;
    bundle: string;
    manifest: string;
  };
  expect(result.deriveStatus).toBe('function');
  expect(result.nodeExports).toBeGreaterThan(0);
  expect(result.loaded['edubridge/widgets']).toEqual(expect.arrayContaining(['EduChildSummary', 'EduCohortTable', 'defineElement']));
  expect(result.loaded['edubridge/widgets/cohort-table']).toContain('EduCohortTable');
  expect(result.defined).toBe(true);
  expect(result.bundle).toMatch(/node_modules\/edubridge\/dist\/widgets\/edubridge-widgets\.js$/);
  expect(result.manifest).toMatch(/node_modules\/edubridge\/dist\/widgets\/custom-elements\.json$/);
});

test('browsers and bundlers get the browser modules; Node gets the server-safe ones', async () => {
  const { stdout } = await node(`console.log(import.meta.resolve('edubridge/widgets'))`);
  expect(stdout.trim()).toMatch(/dist\/widgets\/node\/index\.js$/);
  const pkg = JSON.parse(await readFile(join(app, 'node_modules', 'edubridge', 'package.json'), 'utf8')) as {
    exports: Record<string, { default?: string; types?: string }>;
  };
  expect(pkg.exports['./widgets']?.default).toBe('./dist/widgets/esm/index.js');
  for (const { dir, tag } of COMPONENTS) {
    expect(pkg.exports[`./widgets/${dir}`]?.default, dir).toBe(`./dist/widgets/esm/${tag}.js`);
    expect(files, dir).toContain(`dist/widgets/types/widgets/${dir}/define.d.ts`);
  }
});

test('TypeScript: the core’s and the widgets’ types, React JSX and Vue GlobalComponents typings from the package', async () => {
  // The portal's own React and Vue, as its package.json would list them.
  const modules = join(app, 'node_modules');
  await mkdir(join(modules, '@types'), { recursive: true });
  for (const name of ['@types/react', 'csstype', 'vue', '@vue']) await symlink(join(REPO, 'node_modules', name), join(modules, name)).catch(() => undefined);
  await writeFile(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], jsx: 'react-jsx', skipLibCheck: false, types: [] },
      include: ['*.ts', '*.tsx'],
    }),
  );
  await writeFile(
    join(app, 'portal.tsx'),
    `import type {} from 'edubridge/widgets/react';
import type {} from 'edubridge/widgets/vue';
import type { EducationStatus, EduChildSummary, EduCohortTable } from 'edubridge/widgets';
import type { GlobalComponents } from 'vue';
import { deriveStatus, type ChildEducationRecord } from 'edubridge/core';

declare const record: ChildEducationRecord;
export const derived: EducationStatus = deriveStatus(record, { asOf: '2025-11-20' });
declare const status: EducationStatus;
declare const list: EducationStatus[];
export const summary = <edu-child-summary src="https://education.council.example" child-id="401366" heading-level={3} status={status} onedu-error={(event) => event.detail.message} />;
export const table = <edu-cohort-table statuses={list} page-size={50} onedu-select-child={(event) => event.detail.personId} />;
// @ts-expect-error The token is a property only: as a JSX prop React would write it into the page.
export const leak = <edu-child-summary token="secret" />;
// @ts-expect-error A status is checked against the model's type.
export const wrong = <edu-child-summary status={{ rag: 'red' }} />;
export const element: EduChildSummary | null = document.querySelector('edu-child-summary');
export const tableElement: EduCohortTable = document.createElement('edu-cohort-table');
type VueSummary = GlobalComponents['edu-child-summary'];
export const vueSummary: VueSummary | undefined = undefined;
`,
  );
  const tsc = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await run(process.execPath, [tsc, '-p', app], { cwd: app }).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
  expect(result.stdout).toBe('');
});
