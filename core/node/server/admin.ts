import type { Hono } from 'hono';
import { API_BASE } from '../../api/paths.ts';
import type { AppEnv } from './app.ts';
import type { DataReport } from './live-data.ts';
import { problem } from './security.ts';

/**
 * `GET /api/v1/admin/data`, for the virtual school only: what data is loaded, from which files, when, how
 * fresh it is, and any newer load that was refused. It names files and counts, never a child.
 */
export function registerAdmin(app: Hono<AppEnv>, deps: { report: () => DataReport | undefined }): void {
  app.get(`${API_BASE}/admin/data`, (c) => {
    if (c.get('user').role !== 'virtual-school') return problem(c, 'notFound', 'Only the virtual school may see what data the service has loaded.');
    const report = deps.report();
    if (!report) return problem(c, 'notFound', 'This service was given its children directly, not from a data directory.');
    return c.json(report);
  });
}
