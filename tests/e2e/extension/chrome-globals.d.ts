/** The few extension APIs the browser tests call inside the extension's own pages and worker. */
declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  /** Without a tab: the toolbar button's text on every tab that has none of its own. */
  action: { getBadgeText(details: { tabId?: number }): Promise<string> };
  storage: {
    managed: { get(keys: null): Promise<Record<string, unknown>> };
    session: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> };
};
