/**
 * The two builds `npm run build` makes: Chrome/Edge (MV3 service worker) and Firefox (MV3 event page).
 * The browser tests run the Chrome build in Chromium (this folder) and the Firefox build in Firefox ESR
 * (tests/e2e/extension-firefox/); here the Firefox manifest is held to the same permissions, pages and policy.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

const OUTPUT = fileURLToPath(new URL('../../../.output/', import.meta.url));
const manifest = (target: string): Record<string, unknown> => JSON.parse(readFileSync(`${OUTPUT}${target}/manifest.json`, 'utf8')) as Record<string, unknown>;

test('the Firefox build asks for exactly what the Chrome/Edge build asks for, and no more', () => {
  const chrome = manifest('chrome-mv3');
  const firefox = manifest('firefox-mv3');
  for (const key of ['manifest_version', 'version', 'permissions', 'host_permissions', 'optional_host_permissions', 'content_security_policy', 'options_ui', 'action', 'content_scripts']) {
    expect(firefox[key], key).toEqual(chrome[key]);
  }
  // Only the three frames EduBridge puts into pages are reachable from a page; in Chromium only at the
  // per-session dynamic address (Firefox has no use_dynamic_url).
  const frames = { resources: ['overlay.html', 'badge.html', 'chip.html'], matches: ['https://*/*', 'http://*/*'] };
  expect(chrome.web_accessible_resources).toEqual([{ ...frames, use_dynamic_url: true }]);
  expect(firefox.web_accessible_resources).toEqual([frames]);
  // identity: the council sign-in's window (identity.launchWebAuthFlow).
  expect(chrome.permissions).toEqual(['storage', 'scripting', 'alarms', 'identity']);
  // Content scripts are registered at run time, only on the origins an administrator granted.
  expect(chrome.content_scripts).toEqual([]);
});

test('the Firefox build runs its background as an event page, with a stable add-on ID and its data declared', () => {
  const firefox = manifest('firefox-mv3');
  expect(firefox.background).toEqual({ scripts: ['background.js'] });
  const gecko = (firefox.browser_specific_settings as { gecko: { id: string; strict_min_version: string; data_collection_permissions: { required: string[] } } }).gecko;
  // A fixed ID keeps the extension's storage (and enterprise policy, which is keyed by it) across updates.
  expect(gecko.id).toBe('edubridge@edubridge.example');
  expect(Number.parseInt(gecko.strict_min_version, 10)).toBeGreaterThanOrEqual(140);
  expect(gecko.data_collection_permissions.required).toContain('personallyIdentifyingInfo');
  expect(manifest('chrome-mv3').background).toEqual({ service_worker: 'background.js' });
  for (const file of ['background.js', 'content-scripts/content.js', 'overlay.html', 'popup.html', 'options.html']) {
    expect(existsSync(`${OUTPUT}firefox-mv3/${file}`), file).toBe(true);
  }
});

test('both builds are zipped for the stores, with the sources Firefox review asks for', () => {
  const { version } = manifest('chrome-mv3') as { version: string };
  for (const zip of ['chrome', 'firefox', 'sources']) expect(existsSync(`${OUTPUT}edubridge-${version}-${zip}.zip`), zip).toBe(true);
});

/** Every script of a build, as one text. */
function bundle(dir: string): string {
  const scripts: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(at, entry.name));
      else if (entry.name.endsWith('.js')) scripts.push(readFileSync(join(at, entry.name), 'utf8'));
    }
  };
  walk(dir);
  return scripts.join('\n');
}

/** An adapter host for the loopback names, as the built-in adapters write them. */
const LOOPBACK_HOST = /["'`](?:localhost|127\.0\.0\.1)["'`]/;

test('a production build asks for no site at install and carries no adapter for any port of localhost or 127.0.0.1', async () => {
  test.setTimeout(180_000);
  // The demo build (the one the browser tests use) does carry them: the check below can fail.
  expect(bundle(`${OUTPUT}chrome-mv3`)).toMatch(LOOPBACK_HOST);
  expect(bundle(`${OUTPUT}chrome-mv3`)).toContain('demo-carepath');
  const out = await mkdtemp(join(tmpdir(), 'edubridge-production-'));
  try {
    await promisify(execFile)('npx', ['wxt', 'build'], { env: { ...process.env, EDUBRIDGE_PRODUCTION: '1', EDUBRIDGE_OUT_DIR: out } });
    const production = JSON.parse(readFileSync(join(out, 'chrome-mv3/manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(production.host_permissions).toEqual([]);
    const scripts = bundle(join(out, 'chrome-mv3'));
    expect(scripts).not.toMatch(LOOPBACK_HOST);
    expect(scripts).not.toMatch(/demo-(carepath|nexus|atlas)/);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
