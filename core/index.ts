/**
 * edubridge/core: the education-status model, the statutory rules and the HTTP contract.
 * Pure TypeScript: no DOM or Node API here (see core/node/ for the Node-only part).
 */
export * from './model/index.ts';
export * from './rules/calendar.ts';
export * from './rules/attendance-codes.ts';
export * from './rules/attendance.ts';
export * from './rules/identifiers.ts';
export * from './rules/year-group.ts';
export * from './rules/attainment.ts';
export * from './rules/pep.ts';
export * from './rules/exclusions.ts';
export * from './rules/sen.ts';
export * from './rules/care.ts';
export * from './rules/rag.ts';
export * from './policy.ts';
export * from './messages/index.ts';
export * from './status/derive.ts';
export { formatProblem, sortProblems, type Problem, type ProblemCode, type FileSummary } from './import/problem.ts';
export { generateRecords, type GenerateOptions } from './generate/generate.ts';
export * from './schema.ts';
export * from './api/index.ts';
export * from './cohort.ts';
