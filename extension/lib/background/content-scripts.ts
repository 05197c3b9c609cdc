import { CHROMIUM_PATTERNS, contentScriptMatches, type PatternRules } from '../adapters/url.ts';

/**
 * Content scripts run only where access has been granted: the registration follows the granted host
 * permissions (at install, at start-up, and whenever they change).
 */

export const CONTENT_SCRIPT_ID = 'edubridge-content';
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';
/** At document start, so the content script fetches its adapters while the page is still loading; it
 * reads the page once the page's DOM is complete. */
export const CONTENT_SCRIPT_RUN_AT = 'document_start';

export interface ScriptingApi {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string; matches?: string[]; runAt?: string }[]>;
  registerContentScripts(
    scripts: { id: string; matches: string[]; js: string[]; allFrames: boolean; runAt: typeof CONTENT_SCRIPT_RUN_AT; persistAcrossSessions: boolean }[],
  ): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
}

/** Registers the content script for the granted web origins, as the browser's match patterns can say them
 * (`rules`: Firefox's patterns cannot name a port). */
export async function syncContentScripts(scripting: ScriptingApi, granted: readonly string[], rules: PatternRules = CHROMIUM_PATTERNS): Promise<string[]> {
  const matches = contentScriptMatches(granted, rules);
  const existing = await scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  const current = existing[0]?.matches?.slice().sort() ?? [];
  // A registration kept from an earlier version may run at another time: replace it.
  if (existing.length > 0 && current.join(' ') === matches.join(' ') && existing[0]?.runAt === CONTENT_SCRIPT_RUN_AT) return matches;
  if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (matches.length > 0)
    await scripting.registerContentScripts([
      { id: CONTENT_SCRIPT_ID, matches, js: [CONTENT_SCRIPT_FILE], allFrames: true, runAt: CONTENT_SCRIPT_RUN_AT, persistAcrossSessions: true },
    ]);
  return matches;
}
