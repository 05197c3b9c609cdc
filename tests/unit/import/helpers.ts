import { fileURLToPath } from 'node:url';
import type { Problem } from '../../../core/import/problem.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
/** The shared SSDA903 sample return, used in place (never copied into the project). */
export const SHARED_903 = fileURLToPath(new URL('../../../../shared/fixtures/ssda903/', import.meta.url));
export const AS_OF = '2026-03-15';

/** Problems as `line column severity code` strings, for compact table-driven expectations. */
export const brief = (problems: readonly Problem[]) => problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`);
