import { execFileSync } from 'node:child_process';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { CHROMIUM_PATTERNS, FIREFOX_PATTERNS, sitePattern } from './extension/lib/adapters/url.ts';

/**
 * The extension's build (Chrome/Edge MV3 and Firefox MV3). WXT's srcDir is extension/.
 * Permissions are minimal at install: case-management and API origins are granted at run time from the
 * options page (optional host permissions). Two builds:
 * - the demo build (the default; the browser tests use it) asks for the loopback origins the demo server
 *   runs on and carries the built-in adapters for the demo's imitation systems on localhost/127.0.0.1;
 * - the production build (EDUBRIDGE_PRODUCTION=1) has neither: no host access at install and no built-in
 *   adapter for any port of localhost or 127.0.0.1 (the adapters come from policy or the options page).
 * EDUBRIDGE_OUT_DIR puts a build elsewhere than .output/. See docs/extension.md.
 */
const production = process.env.EDUBRIDGE_PRODUCTION === '1';
// Read by extension/lib/adapters/builtin.ts through import.meta.env, so the demo adapters are left out of
// a production bundle altogether.
process.env.WXT_EDUBRIDGE_BUILD = production ? 'production' : 'demo';
const demoOrigins = production ? [] : ['http://localhost/*', 'http://127.0.0.1/*'];
// The demo build starts pointed at `npm start`'s API (port 5177); a council build sets its own.
if (!production) process.env.WXT_DEFAULT_API_URL ??= 'http://localhost:5177/';
/** A council's own build may name its case-management and API origins, so a force-installed extension has
 * them without a prompt: EDUBRIDGE_HOSTS="https://cases.council.example,https://edu.council.example".
 * Firefox's match patterns cannot name a port: there a site with a port is granted on every port. */
const councilSites = (process.env.EDUBRIDGE_HOSTS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

/**
 * The sources zip Firefox's review asks for holds the files git tracks and nothing else: never the data
 * folders the command line writes (`data/`, `records/`, `.demo-data/` — every child's record), logs or
 * builds, whatever sits in the working copy. Outside a git checkout (building from the sources zip
 * itself) WXT's own exclusions apply.
 */
function trackedFiles(): string[] | undefined {
  try {
    return execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}
const tracked = trackedFiles();

export default defineConfig({
  srcDir: 'extension',
  outDir: process.env.EDUBRIDGE_OUT_DIR ?? '.output',
  publicDir: 'extension/public',
  vite: () => ({ plugins: [preact()] }),
  zip: tracked
    ? { excludeSources: ['**/*'], includeSources: tracked }
    : { excludeSources: ['**/*.log', 'test-results/**', 'playwright-report/**', '.demo-data/**', 'data/**', 'records/**', 'dist/**', '.output/**'] },
  manifest: ({ browser }) => ({
    name: 'EduBridge',
    description: "A looked-after child's education status on their case record.",
    // identity: the council sign-in's window (identity.launchWebAuthFlow) and its redirect address.
    permissions: ['storage', 'scripting', 'alarms', 'identity'],
    host_permissions: [...new Set([...demoOrigins, ...councilSites.map((site) => sitePattern(site, browser === 'firefox' ? FIREFOX_PATTERNS : CHROMIUM_PATTERNS))])],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    },
    // The frames EduBridge puts into case-management pages (badge, panel, caseload chips), and nothing
    // else. Any granted origin may need them, and origins are granted at run time, so they match every
    // site; in Chromium only through the per-session dynamic address (use_dynamic_url), so a page cannot
    // probe for the extension by its fixed ID.
    web_accessible_resources: [
      {
        resources: ['overlay.html', 'badge.html', 'chip.html'],
        matches: ['https://*/*', 'http://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    storage: { managed_schema: 'managed-schema.json' },
    action: { default_title: 'EduBridge' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'edubridge@edubridge.example',
              // 140: the first release (and ESR) that reads data_collection_permissions.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['personallyIdentifyingInfo'] },
            },
          },
        }
      : {}),
  }),
});
