import { fileURLToPath } from 'node:url';
import type { Problem } from '../../../core/import/problem.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
/** The SSDA903 sample return (tests/fixtures/ssda903, MIT, from csc-validator-be-903's fake data). */
export const SAMPLE_903 = fileURLToPath(new URL('../../fixtures/ssda903/', import.meta.url));
export const AS_OF = '2026-03-15';

/** Problems as `line column severity code` strings, for compact table-driven expectations. */
export const brief = (problems: readonly Problem[]) => problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code}`);
