/**
 * edubridge/core/node: the Node-only part of core (reading files and directories, the command line).
 */
export * from './import/index.ts';
export { writeTemplateCsv } from './generate/write.ts';
