import type { Adapter, UrlPredicate } from './schema.ts';

/**
 * Page detection from the URL alone: pure functions with no DOM, used by the content script (to decide
 * what to look for) and by the background (to check that a page asks only for the child its URL names).
 */

export type PageMatch =
  | { kind: 'child'; adapter: Adapter; idFromUrl: string | undefined }
  | { kind: 'caseload'; adapter: Adapter };

/** "host[:port]" of a URL, as adapters name it. */
export function hostOf(url: URL): string {
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}

export function hostMatches(patterns: readonly string[], url: URL): boolean {
  const host = hostOf(url).toLowerCase();
  return patterns.some((raw) => {
    const pattern = raw.toLowerCase();
    if (pattern.startsWith('*.')) {
      const base = pattern.slice(2);
      return host === base || host.endsWith(`.${base}`);
    }
    // A pattern without a port matches that host on any port (the demo runs on a random port).
    return pattern.includes(':') ? host === pattern : url.hostname.toLowerCase() === pattern;
  });
}

/**
 * What a browser's match patterns can say. Chromium's can name a port (`http://cms.example:8080/*` is that
 * port only); Firefox's cannot: a pattern with a port matches nothing there, not even that port (Firefox bugs
 * 1362809 and 1468162; MDN, "Match patterns": "host must not include a port number"), and a pattern without
 * one matches the host on every port.
 */
export interface PatternRules {
  portsInPatterns: boolean;
}
export const CHROMIUM_PATTERNS: PatternRules = { portsInPatterns: true };
export const FIREFOX_PATTERNS: PatternRules = { portsInPatterns: false };

const PATTERN = /^(https?|\*):\/\/([^/]+)(\/.*)$/;

/** A pattern's host without its port (`cms.example:8080` → `cms.example`; `[::1]:8080` → `[::1]`). */
function withoutPort(host: string): string {
  return host.replace(/:(\d+|\*)$/, '');
}

/**
 * The match pattern that grants a site (a web address or origin), e.g. "https://cases.council.example/*":
 * what the options page asks the browser for. With Firefox's rules a site with a port becomes its host on
 * every port, the only pattern that matches it there. Throws for anything but an http or https address.
 */
export function sitePattern(site: string, rules: PatternRules): string {
  const url = new URL(site);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Not a web address: ${site}`);
  return `${url.protocol}//${rules.portsInPatterns ? url.host : url.hostname}/*`;
}

/** Whether a site's pattern covers more than the site: with Firefox's rules, every port of its host. */
export function patternWidensSite(site: string, rules: PatternRules): boolean {
  return !rules.portsInPatterns && new URL(site).port !== '';
}

/**
 * The match patterns a content script is registered for, from the granted host permissions: web patterns
 * only (http, https or both), sorted, each once; with Firefox's rules, ports are dropped, since a pattern
 * with a port would match nothing.
 */
export function contentScriptMatches(granted: readonly string[], rules: PatternRules): string[] {
  const patterns = new Set<string>();
  for (const pattern of granted) {
    const parts = PATTERN.exec(pattern);
    if (!parts) continue;
    const [, scheme, host, path] = parts as unknown as [string, string, string, string];
    patterns.add(`${scheme}://${rules.portsInPatterns ? host : withoutPort(host)}${path}`);
  }
  return [...patterns].sort();
}

/** The part of a URL a predicate is tested against: path, query and fragment. */
export function locationKey(url: URL): string {
  return `${url.pathname}${url.search}${url.hash}`;
}

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(source);
    compiled.set(source, re);
  }
  return re;
}

export function predicateMatch(predicate: UrlPredicate, url: URL): RegExpExecArray | null {
  return regex(predicate.path).exec(locationKey(url));
}

/** The person ID a child page's URL carries, when the adapter takes it from the URL. */
export function idFromUrl(adapter: Adapter, url: URL): string | undefined {
  const child = adapter.child;
  if (!child) return undefined;
  const match = predicateMatch(child.url, url);
  if (!match) return undefined;
  if (child.id.from === 'path') return decodeSafely(match.groups?.id);
  if (child.id.from === 'query') return url.searchParams.get(child.id.param) ?? undefined;
  return undefined;
}

function decodeSafely(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The first adapter (in order) that recognises this URL as a child page or a caseload. */
export function matchPage(adapters: readonly Adapter[], href: string): PageMatch | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  for (const adapter of adapters) {
    if (!hostMatches(adapter.hosts, url)) continue;
    if (adapter.child && predicateMatch(adapter.child.url, url)) {
      const id = idFromUrl(adapter, url);
      // A URL-sourced ID that is empty means the predicate is wrong for this page: not a child page.
      if (adapter.child.id.from !== 'element' && !id) continue;
      return { kind: 'child', adapter, idFromUrl: id };
    }
    if (adapter.caseload && predicateMatch(adapter.caseload.url, url)) return { kind: 'caseload', adapter };
  }
  return null;
}

/** Every example URL in an adapter that its predicate gets wrong, for tests and the options page. */
export function exampleFailures(adapter: Adapter): string[] {
  const failures: string[] = [];
  for (const [kind, page] of [
    ['child', adapter.child],
    ['caseload', adapter.caseload],
  ] as const) {
    if (!page) continue;
    for (const href of page.url.examples.match) {
      const url = new URL(href);
      if (!predicateMatch(page.url, url)) failures.push(`${kind} should match ${href}`);
      else if (kind === 'child' && adapter.child?.id.from !== 'element' && !idFromUrl(adapter, url))
        failures.push(`${kind} finds no person ID in ${href}`);
    }
    for (const href of page.url.examples.noMatch) {
      if (predicateMatch(page.url, new URL(href))) failures.push(`${kind} should not match ${href}`);
    }
  }
  return failures;
}
