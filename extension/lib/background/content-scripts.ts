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

/** Web origins among granted host permissions, as match patterns. */
export function webOrigins(origins: readonly string[]): string[] {
  return origins.filter((pattern) => /^(https?|\*):\/\//.test(pattern)).sort();
}

export async function syncContentScripts(scripting: ScriptingApi, granted: readonly string[]): Promise<string[]> {
  const matches = webOrigins(granted);
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
