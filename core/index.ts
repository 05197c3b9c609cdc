/**
 * edubridge/core: the education-status model, the statutory rules and the HTTP contract.
 * Pure TypeScript: no DOM or Node API here (see core/node/ for the Node-only part).
 */
export * from './model/index.ts';
