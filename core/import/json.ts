/**
 * The JSON form: one child education record, an array of them, or `{ "records": [...] }`, in the core
 * schema (what `edubridge export` writes). An export's index.json (`{ "children": [...] }`) is recognised
 * and skipped. JSON has no useful line numbers, so problems point at line 1 and a field path such as
 * `[3].identity.dateOfBirth`.
 */
import { ChildEducationRecord } from '../model/index.ts';
import type { DataSet } from './dataset.ts';
import type { FileSummary } from './problem.ts';

export const EXPORT_INDEX_KIND = 'edubridge-export-index';

export function readRecordsJson(file: string, text: string, data: DataSet, summary: FileSummary): void {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    data.rejectFile({ file, line: 1, column: '-', severity: 'error', code: 'json-syntax', message: `Not valid JSON: ${(error as Error).message}. File not imported.` });
    return;
  }
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(document) && document.kind === EXPORT_INDEX_KIND) {
    summary.format = 'export index';
    return;
  }
  let list: unknown[];
  let single = false;
  let prefixOf = (index: number) => `[${index}]`;
  if (Array.isArray(document)) list = document;
  else if (isObject(document) && Array.isArray(document.records)) {
    list = document.records;
    prefixOf = (index) => `records[${index}]`;
  } else if (isObject(document)) {
    list = [document];
    single = true;
  } else {
    data.rejectFile({ file, line: 1, column: '-', severity: 'error', code: 'schema', message: 'Expected a child education record, an array of records or { "records": [...] }. File not imported.' });
    return;
  }
  list.forEach((item, index) => {
    summary.rowsRead++;
    const prefix = single ? '' : prefixOf(index);
    const parsed = ChildEducationRecord.safeParse(item);
    if (!parsed.success) {
      summary.rejected++;
      for (const issue of parsed.error.issues.slice(0, 5)) {
        const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
        data.report({ file, line: 1, column: `${prefix}${path}`.replace(/^\./, '') || '-', severity: 'error', code: 'schema', message: `${issue.message}. Record not imported.` });
      }
      return;
    }
    summary.accepted++;
    data.jsonRecords.push({ record: parsed.data, where: prefix ? { file, line: 1, path: `${prefix}.` } : { file, line: 1 } });
  });
}
