import type { CohortFilters } from './schemas.ts';

/** Where the Education Status API lives under a council's base URL. */
export const API_BASE = '/api/v1' as const;

/** The paths of the API, for building URLs. Every ID is encoded, so a stray character cannot change the path. */
export const apiPaths = {
  child: (id: string) => `${API_BASE}/children/${encodeURIComponent(id)}`,
  status: (id: string) => `${API_BASE}/children/${encodeURIComponent(id)}/status`,
  children: () => `${API_BASE}/children`,
  cohortSummary: () => `${API_BASE}/cohort/summary`,
  openapi: () => `${API_BASE}/openapi.json`,
  me: () => `${API_BASE}/me`,
} as const;

/** The route patterns, as the server registers them and the OpenAPI document names them. */
export const ROUTES = {
  child: `${API_BASE}/children/{id}`,
  status: `${API_BASE}/children/{id}/status`,
  children: `${API_BASE}/children`,
  cohortSummary: `${API_BASE}/cohort/summary`,
  openapi: `${API_BASE}/openapi.json`,
  me: `${API_BASE}/me`,
} as const;
export type RouteName = keyof typeof ROUTES;

/** Query parameters for cohort filters, as the server's query schemas read them. */
export function cohortFiltersToQuery(filters: CohortFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters) as [string, unknown][]) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) query[key] = value.map(String).join(',');
    } else query[key] = String(value);
  }
  return query;
}

/** `path?query` with the parameters that have a value, in a stable order. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(query).sort()) {
    const value = query[key];
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}
