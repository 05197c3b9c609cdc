/** Importers: pure parsing, checking and joining of the files councils hold (see docs/data-formats.md). */
export { formatProblem, printable, sortProblems, type FileSummary, type Problem, type ProblemCode, type Severity } from './problem.ts';
export { parseDate, parseYesNo, parseWholeNumber, parseMoney } from './fields.ts';
export { DataSet } from './dataset.ts';
export { recogniseHeader, TableReader, newSummary } from './reader.ts';
export { ALL_TABLES, SSDA903_TABLES, TEMPLATES, type TableId, type TableSpec } from './tables.ts';
export { buildRecords, carePeriodsFromEpisodes, startRecords, type BuildOptions, type RecordsBegun } from './build.ts';
export { readSsda903Xml } from './ssda903-xml.ts';
export { readRecordsJson, EXPORT_INDEX_KIND } from './json.ts';
export { SSDA903_CODES, ssdaGender } from './ssda903-codes.ts';
export { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits.ts';
