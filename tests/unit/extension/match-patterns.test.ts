import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CHROMIUM_PATTERNS,
  contentScriptMatches,
  FIREFOX_PATTERNS,
  patternWidensSite,
  sitePattern,
} from '../../../extension/lib/adapters/url.ts';
import { CONTENT_SCRIPT_ID, syncContentScripts, type ScriptingApi } from '../../../extension/lib/background/content-scripts.ts';

/** Match patterns as each browser can say them: Firefox's cannot name a port (a pattern with one matches nothing). */

describe('the pattern the options page asks the browser for', () => {
  it.each([
    ['https://cases.council.example', 'https://cases.council.example/*', 'https://cases.council.example/*'],
    ['https://cases.council.example/people/123?x=1#top', 'https://cases.council.example/*', 'https://cases.council.example/*'],
    ['http://127.0.0.1:5340', 'http://127.0.0.1:5340/*', 'http://127.0.0.1/*'],
    ['https://cms.council.example:8443/login', 'https://cms.council.example:8443/*', 'https://cms.council.example/*'],
    ['https://cms.council.example:443/', 'https://cms.council.example/*', 'https://cms.council.example/*'],
    ['http://[::1]:8080/', 'http://[::1]:8080/*', 'http://[::1]/*'],
    ['HTTPS://CMS.Council.Example', 'https://cms.council.example/*', 'https://cms.council.example/*'],
  ])('%s: Chromium %s, Firefox %s', (site, chromium, firefox) => {
    expect(sitePattern(site, CHROMIUM_PATTERNS)).toBe(chromium);
    expect(sitePattern(site, FIREFOX_PATTERNS)).toBe(firefox);
  });

  it('says when Firefox grants more than the site: its host on every port', () => {
    expect(patternWidensSite('http://127.0.0.1:5340', FIREFOX_PATTERNS)).toBe(true);
    expect(patternWidensSite('http://127.0.0.1:5340', CHROMIUM_PATTERNS)).toBe(false);
    expect(patternWidensSite('https://cases.council.example', FIREFOX_PATTERNS)).toBe(false);
  });

  it.each(['not an address', 'ftp://files.council.example/', 'file:///etc/passwd', 'javascript:alert(1)'])('refuses %s', (site) => {
    expect(() => sitePattern(site, CHROMIUM_PATTERNS)).toThrow();
    expect(() => sitePattern(site, FIREFOX_PATTERNS)).toThrow();
  });
});

describe('the patterns the content script is registered for', () => {
  const granted = ['http://127.0.0.1:5340/*', 'http://127.0.0.1/*', 'https://cases.council.example/*', 'chrome://favicon/*', 'moz-extension://abc/*', '*://*.council.example:8443/*', 'http://[::1]:8080/*'];

  it('Chromium: web patterns as granted, ports kept', () => {
    expect(contentScriptMatches(granted, CHROMIUM_PATTERNS)).toEqual([
      '*://*.council.example:8443/*',
      'http://127.0.0.1/*',
      'http://127.0.0.1:5340/*',
      'http://[::1]:8080/*',
      'https://cases.council.example/*',
    ]);
  });

  it('Firefox: ports dropped (a site with a port is matched on its host), each pattern once', () => {
    expect(contentScriptMatches(granted, FIREFOX_PATTERNS)).toEqual(['*://*.council.example/*', 'http://127.0.0.1/*', 'http://[::1]/*', 'https://cases.council.example/*']);
  });

  it('registration in Firefox follows a site granted with a port', async () => {
    let registered: { id: string; matches: string[] }[] = [];
    const api: ScriptingApi = {
      getRegisteredContentScripts: async () => registered,
      registerContentScripts: async (scripts) => void (registered = [...registered, ...scripts]),
      unregisterContentScripts: async () => void (registered = []),
    };
    await syncContentScripts(api, ['http://cms.council.example:8080/*'], FIREFOX_PATTERNS);
    expect(registered).toMatchObject([{ id: CONTENT_SCRIPT_ID, matches: ['http://cms.council.example/*'] }]);
    // Already registered for that: nothing changes.
    await syncContentScripts(api, ['http://cms.council.example:8080/*'], FIREFOX_PATTERNS);
    expect(registered).toHaveLength(1);
    await syncContentScripts(api, ['http://cms.council.example:8080/*'], CHROMIUM_PATTERNS);
    expect(registered).toMatchObject([{ matches: ['http://cms.council.example:8080/*'] }]);
  });
});

describe('zod is configured before any schema is built', () => {
  // ES modules run their imports first: zod's eval probe (a CSP error in extension pages) is skipped only
  // when the configuration is the first import of each entry point.
  it.each(['background.ts', 'content.ts', 'options/main.tsx', 'popup/main.tsx', 'overlay/main.tsx'])('%s imports lib/zod-config.ts first', (entry) => {
    const source = readFileSync(new URL(`../../../extension/entrypoints/${entry}`, import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import\s.*$/gm)].map((m) => m[0]);
    expect(imports[0]).toMatch(/^import '(\.\.\/)+lib\/zod-config\.ts';$/);
    expect(source).not.toMatch(/z\.config\(|\bconfig\(\{/);
  });
});
