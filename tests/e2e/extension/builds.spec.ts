/**
 * The two builds `npm run build` makes: Chrome/Edge (MV3 service worker) and Firefox (MV3 event page).
 * The browser tests run the Chrome build in Chromium (this folder) and the Firefox build in Firefox ESR
 * (tests/e2e/extension-firefox/); here the Firefox manifest is held to the same permissions, pages and policy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const OUTPUT = fileURLToPath(new URL('../../../.output/', import.meta.url));
const manifest = (target: string): Record<string, unknown> => JSON.parse(readFileSync(`${OUTPUT}${target}/manifest.json`, 'utf8')) as Record<string, unknown>;

test('the Firefox build asks for exactly what the Chrome/Edge build asks for, and no more', () => {
  const chrome = manifest('chrome-mv3');
  const firefox = manifest('firefox-mv3');
  for (const key of ['manifest_version', 'version', 'permissions', 'host_permissions', 'optional_host_permissions', 'content_security_policy', 'web_accessible_resources', 'options_ui', 'action', 'content_scripts']) {
    expect(firefox[key], key).toEqual(chrome[key]);
  }
  expect(chrome.permissions).toEqual(['storage', 'scripting', 'alarms']);
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
