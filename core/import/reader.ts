/**
 * Reading one table's rows: recognising a CSV header, checking each row against its table's schema,
 * reporting problems with their line and column, and staging the accepted rows in the data set.
 * Pure: the Node side (core/node/import) streams the bytes and calls in here.
 */
import type { DataSet, Where } from './dataset.ts';
import { show } from './fields.ts';
import type { FileSummary, Problem, ProblemCode, Severity } from './problem.ts';
import { Int32List } from './int32-list.ts';
import { KeptStrings } from './kept-strings.ts';
import { describeIssue } from './schema.ts';
import { SSDA903_TABLES, TEMPLATES, type RowContext, type Staging, type TableSpec } from './tables.ts';

/** How many values `RowContext.seenBefore` remembers before starting afresh. */
const MEMO_LIMIT = 100_000;

export function newSummary(file: string, format: string): FileSummary {
  return { file, format, rowsRead: 0, accepted: 0, rejected: 0, warnings: 0, errors: 0, rejectedWhole: false };
}

const baseName = (file: string) => (file.split(/[\\/]/).pop() ?? file).toLowerCase().replace(/\.csv$/, '');

/** Another separator the header seems to use: it has a single column, or a column name, containing
 * semicolons or tabs between what look like names (as Excel writes "CSV" in some locales). */
function otherSeparator(columns: readonly string[]): { name: string } | undefined {
  for (const [character, name] of [[';', 'semicolon'], ['\t', 'tab']] as const) {
    const inside = columns.filter((c) => c.includes(character));
    if (inside.length > 0 && (columns.length === 1 || inside.some((c) => c.split(character).filter((part) => part.trim() !== '').length >= 2))) return { name };
  }
  return undefined;
}

export type Recognised =
  | { ok: true; table: TableSpec; columns: string[]; problems: Omit<Problem, 'file'>[] }
  | { ok: false; problem: Omit<Problem, 'file'>; format: string };

/**
 * Which table a CSV header is: an SSDA903 table by its exact column set; an EduBridge template by file
 * name (children.csv …) or, failing that, by having all the template's required columns.
 */
export function recogniseHeader(fileName: string, rawHeader: readonly string[]): Recognised {
  const columns = rawHeader.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, '') : c).trim());
  const separator = otherSeparator(columns);
  if (separator !== undefined) return { ok: false, format: 'unrecognised', problem: { line: 1, column: '-', severity: 'error', code: 'csv-syntax', message: `This file looks ${separator.name} separated (its header is ${show(columns.join(','))}); EduBridge reads comma-separated files. Save it as "CSV UTF-8 (comma delimited)". File not imported.` } };
  const lower = columns.map((c) => c.toLowerCase());
  const seen = new Set<string>();
  for (const [i, name] of lower.entries()) {
    if (name === '') return { ok: false, format: 'unrecognised', problem: { line: 1, column: `#${i + 1}`, severity: 'error', code: 'no-header', message: `Column ${i + 1} of the header has no name; the first line must name every column. File not imported.` } };
    if (seen.has(name)) return { ok: false, format: 'unrecognised', problem: { line: 1, column: columns[i] as string, severity: 'error', code: 'duplicate-column', message: `Column ${show(columns[i] as string)} appears twice in the header. File not imported.` } };
    seen.add(name);
  }
  const upper = new Set(columns.map((c) => c.toUpperCase()));
  for (const ssda of SSDA903_TABLES) {
    if (ssda.columns.length === upper.size && ssda.columns.every((c) => upper.has(c))) {
      return { ok: true, table: ssda, columns: columns.map((c) => c.toUpperCase()), problems: [] };
    }
  }
  const name = baseName(fileName);
  let template = TEMPLATES.find((t) => t.id === name);
  if (!template) {
    const candidates = TEMPLATES.filter((t) => t.required.every((c) => seen.has(c)));
    candidates.sort((a, b) => b.columns.filter((c) => seen.has(c)).length - a.columns.filter((c) => seen.has(c)).length);
    template = candidates[0];
  }
  if (!template) {
    // Name the closest table, so a file with one column missing says which.
    let best: TableSpec | undefined;
    let bestScore = 0;
    for (const candidate of [...TEMPLATES, ...SSDA903_TABLES]) {
      const names = candidate.kind === 'ssda903' ? upper : seen;
      const score = candidate.columns.filter((c) => names.has(c)).length / candidate.columns.length;
      if (score > bestScore) [best, bestScore] = [candidate, score];
    }
    if (best && bestScore >= 0.5) {
      const names = best.kind === 'ssda903' ? upper : seen;
      const missing = (best.kind === 'ssda903' ? best.columns : best.required).filter((c) => !names.has(c));
      const extra = best.kind === 'ssda903' ? columns.filter((c) => !best.columns.includes(c.toUpperCase())) : [];
      const detail = [missing.length > 0 ? `missing ${missing.join(', ')}` : '', extra.length > 0 ? `unexpected ${extra.join(', ')}` : ''].filter(Boolean).join('; ');
      return { ok: false, format: best.label, problem: { line: 1, column: missing[0] ?? extra[0] ?? '-', severity: 'error', code: 'missing-column', message: `This looks like ${best.kind === 'ssda903' ? 'the ' : 'a '}${best.label} file but its columns do not match (${detail}). File not imported.` } };
    }
    return { ok: false, format: 'unrecognised', problem: { line: 1, column: '-', severity: 'error', code: 'unrecognised-file', message: 'The header matches no EduBridge template (children, attendance, assessments, peps, pep_actions, exclusions, contacts) and no SSDA903 table. File not imported.' } };
  }
  const missing = template.required.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    return { ok: false, format: template.label, problem: { line: 1, column: missing[0] as string, severity: 'error', code: 'missing-column', message: `Required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing from the header of this ${template.label} file. File not imported.` } };
  }
  const problems: Omit<Problem, 'file'>[] = [];
  for (const column of columns) {
    if (!template.columns.includes(column.toLowerCase())) problems.push({ line: 1, column, severity: 'warning', code: 'extra-column', message: `Column ${show(column)} is not part of the ${template.label} template and is ignored` });
  }
  return { ok: true, table: template, columns: lower, problems };
}

/** The rows of one group (see `TableReader.firstInGroup`) seen so far. */
interface SeenGroup {
  /** The greatest item so far, while the items come in order. */
  last: string;
  /** While the items come in order: the group's staged rows, as runs of indexes (start, end, start,
   * end, …): a pupil's rows usually come one after another, so a run is most of them. */
  staged: number[];
  /** Once an item has come out of order: for each hash of an item (`itemHash`), the last staged row of
   * the group whose item has that hash (its index; earlier ones are chained in `TableReader.sameHash`). */
  hashes: Map<number, number> | undefined;
  /** Once items with one hash have piled up (a file made to collide): each item's staged row. */
  items: Map<string, number> | undefined;
}

function newGroup(): SeenGroup {
  return { last: '', staged: [], hashes: undefined, items: undefined };
}

/** Adds a staged row (its index) to the group's runs. */
function addStaged(group: SeenGroup, index: number): void {
  const runs = group.staged;
  if (runs.length > 0 && runs[runs.length - 1] === index) runs[runs.length - 1] = index + 1;
  else runs.push(index, index + 1);
}

/** How many earlier rows with an item's hash are compared before the group keeps its items instead: so
 * a file whose items are made to share hashes still takes time in proportion to its rows. */
const SAME_HASH_LIMIT = 16;

/** A 32-bit hash of an item (FNV-1a over its UTF-16 code units). Equal items have equal hashes; rows
 * whose items' hashes are equal are then compared by their items. */
export function itemHash(item: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < item.length; i++) hash = Math.imul(hash ^ item.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** Staged rows as an array of the rows themselves, committed by the table's `commit`. */
class ArrayStaging<T> implements Staging<T> {
  private readonly rows: T[] = [];

  constructor(private readonly table: TableSpec<T>) {}

  get length(): number {
    return this.rows.length;
  }

  push(row: T): void {
    this.rows.push(row);
  }

  at(index: number): T {
    return this.rows[index] as T;
  }

  commit(at: (index: number) => Where, data: DataSet): void {
    this.table.commit(this.rows, at, data);
    this.rows.length = 0;
  }
}

/** Reads rows of one table in one file and stages the accepted ones when `finish` is called. */
export class TableReader<T = unknown> {
  private readonly staged: Staging<T>;
  /** The line of each staged row. */
  private readonly lines = new Int32List(256);
  private readonly paths: (string | undefined)[] = [];
  private readonly memo = new Set<string>();
  private lastMemoKey: string | undefined;
  private readonly seen = new Map<string, number>();
  private readonly seenGroups = new Map<string, SeenGroup>();
  private lastGroupKey: string | undefined;
  private lastGroup: SeenGroup = newGroup();
  /** The table's `plainRow`, when this file's columns are the template's in its order (see `plainLine`). */
  private readonly plainRow: TableSpec<T>['plainRow'];
  /** The group plain lines last went into, and the order of its last item (`plainLine`). */
  private plainGroup: SeenGroup | undefined;
  private plainOrder = 0;
  /** The staged row plain lines last added, whose item the group's `last` does not yet hold; -1 if none. */
  private plainPending = -1;
  /** For a staged row whose item's hash another staged row of its group had before: that row's index. */
  private readonly sameHash = new Map<number, number>();
  private readonly once = new Map<string, { problem: Problem; count: number }>();
  private readonly indexes: [string, number][];
  /** Where each of the table's columns is in the file's rows (-1 when absent), for `fastFields`. */
  private readonly positions: number[];
  private readonly input: Record<string, string> = {};
  private rowProblems: Problem[] = [];
  private rowRejected = false;
  private line = 0;
  private prefix = '';
  private readonly ctx: RowContext;
  private readonly strings = new KeptStrings();

  constructor(
    private readonly file: string,
    readonly table: TableSpec<T>,
    /** The file's column names, in order (CSV), or undefined when rows come as records (XML). */
    private readonly header: readonly string[] | undefined,
    private readonly data: DataSet,
    private readonly summary: FileSummary,
  ) {
    this.staged = table.staging?.(data) ?? new ArrayStaging(table);
    this.positions = header ? table.columns.map((c) => header.indexOf(c)) : [];
    // Plain lines need the template's columns in order, and fields it may hold (a UPN is 13 characters).
    this.plainRow = header !== undefined && header.length === table.columns.length && table.columns.every((c, i) => header[i] === c) && data.limits.fieldChars >= 13 ? table.plainRow : undefined;
    this.indexes = header ? table.columns.map((c, i) => [c, this.positions[i]!] as [string, number]).filter(([, i]) => i >= 0) : [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the context's getters read the reader's current row
    const reader = this;
    this.ctx = {
      get file() {
        return reader.file;
      },
      get line() {
        return reader.line;
      },
      asOf: data.asOf,
      column: (name) => reader.prefix + name,
      warn: (column, code, message) => reader.add('warning', column, code, message),
      error: (column, code, message) => {
        reader.rowRejected = true;
        reader.add('error', column, code, message);
      },
      seenBefore: (key) => {
        if (key === reader.lastMemoKey || reader.memo.has(key)) return true;
        // Only a cache (a value checked twice is reported once, by warnOnce): bounded, for files of
        // millions of distinct values.
        if (reader.memo.size >= MEMO_LIMIT) reader.memo.clear();
        reader.memo.add(key);
        reader.lastMemoKey = key;
        return false;
      },
      warnOnce: (column, code, key, message) => {
        const onceKey = `${column}\u0000${code}\u0000${key}`;
        const seen = reader.once.get(onceKey);
        if (seen) seen.count++;
        else if (reader.once.size >= data.limits.problemsPerFile) reader.add('warning', column, code, message);
        else {
          const problem = reader.add('warning', column, code, message);
          reader.once.set(onceKey, { problem, count: 1 });
        }
      },
    };
  }

  /** The name of the file's column at `index` (CSV), or undefined. */
  columnName(index: number): string | undefined {
    return this.header?.[index];
  }

  private add(severity: Severity, column: string, code: ProblemCode, message: string): Problem {
    const problem: Problem = { file: this.file, line: this.line, column: this.prefix + column, severity, code, message };
    this.rowProblems.push(problem);
    return problem;
  }

  /** A CSV row: its fields in header order, and its line number (the header is line 1). */
  row(fields: readonly string[], line: number): void {
    const header = this.header as readonly string[];
    this.summary.rowsRead++;
    if (fields.length !== header.length) {
      this.line = line;
      this.summary.rejected++;
      this.data.report({ file: this.file, line, column: '-', severity: 'error', code: 'field-count', message: `This row has ${fields.length} field${fields.length === 1 ? '' : 's'}; the header has ${header.length}. Row not imported.` });
      return;
    }
    const limit = this.data.limits.fieldChars;
    for (let i = 0; i < fields.length; i++) {
      if ((fields[i] as string).length > limit) {
        this.line = line;
        this.summary.rejected++;
        this.data.report({ file: this.file, line, column: header[i] as string, severity: 'error', code: 'too-long', message: `This field is ${(fields[i] as string).length.toLocaleString('en-GB')} characters long; no column takes more than ${limit.toLocaleString('en-GB')}. Row not imported.` });
        return;
      }
    }
    const clean = this.table.fastFields?.(fields, this.positions);
    if (clean !== undefined) {
      this.begin(line, '');
      this.settle(clean, line, '');
      return;
    }
    // One input object, refilled for each row: the schema and the fast path copy what they keep.
    const input = this.input;
    for (const [name, index] of this.indexes) input[name] = fields[index] as string;
    this.accept(input, line);
  }

  /**
   * A plain CSV line (no quotes), `text[start, end)`: read and staged here when the table reads it straight
   * from the text (`plainRow`), it needs no check to report anything, and it follows the row before in the
   * same group, in order (so it cannot be a duplicate). Returns false, having done nothing, to have it read
   * as a row of fields: the first row of each group (whose key is checked then), and any row that is not
   * clean, in order and of the group before. The result is the same as `row` gives.
   */
  plainLine(text: string, start: number, end: number, line: number): boolean {
    if (this.plainRow === undefined) return false;
    const read = this.plainRow(text, start, end, this.data.asOf);
    if (read === undefined || read.group !== this.lastGroupKey) return false;
    const group = this.lastGroup;
    if (group.hashes !== undefined || group.items !== undefined || group.staged.length === 0) return false;
    if (this.plainGroup !== group) {
      // The group's last item came from a row of fields: its order, from the item.
      this.plainOrder = this.table.itemOrder?.(group.last) ?? Number.NaN;
      this.plainGroup = group;
    }
    if (!(read.order > this.plainOrder)) return false;
    this.summary.rowsRead++;
    this.summary.accepted++;
    this.plainOrder = read.order;
    this.plainPending = this.staged.length;
    addStaged(group, this.staged.length);
    this.stage(read.row, line, '');
    return true;
  }

  /** A row given as a record of column → value (XML), with a prefix for the column path. */
  record(input: Record<string, string | undefined>, line: number, prefix: string): void {
    this.summary.rowsRead++;
    const limit = this.data.limits.fieldChars;
    for (const [name, value] of Object.entries(input)) {
      if (typeof value === 'string' && value.length > limit) {
        this.summary.rejected++;
        this.data.report({ file: this.file, line, column: prefix + name, severity: 'error', code: 'too-long', message: `This value is ${value.length.toLocaleString('en-GB')} characters long; no element takes more than ${limit.toLocaleString('en-GB')}. Not imported.` });
        return;
      }
    }
    this.accept(input, line, prefix);
  }

  private begin(line: number, prefix: string): void {
    this.line = line;
    this.prefix = prefix;
    if (this.rowProblems.length > 0) this.rowProblems = [];
    this.rowRejected = false;
  }

  private accept(input: Record<string, string | undefined>, line: number, prefix = ''): void {
    this.begin(line, prefix);
    let row = this.table.fast?.(input);
    if (row === undefined) {
      const parsed = this.table.schema.safeParse(input);
      // What the schema gives is kept with strings of its own (the fast paths keep theirs as they parse).
      if (parsed.success) row = this.strings.row(parsed.data);
      else {
        for (const issue of parsed.error.issues) {
          const { column, message, problem } = describeIssue(issue);
          this.add('error', column, problem, `${column} ${message}. Row not imported.`.replace(/^(\S+) \1 /, '$1 '));
        }
        this.rowRejected = true;
      }
    }
    this.settle(row, line, prefix);
  }

  /** Checks a parsed row (undefined when the schema rejected it), stages it unless it is rejected or a
   * duplicate, and reports the row's problems. */
  private settle(row: T | undefined, line: number, prefix: string): void {
    if (row !== undefined) {
      if (this.table.check && !this.table.check(row, this.ctx)) this.rowRejected = true;
      if (!this.rowRejected && this.table.duplicateKey) {
        const key = this.table.duplicateKey(row);
        const first = typeof key === 'string' ? this.seen.get(key) : this.firstInGroup(key[0], key[1]);
        if (first !== undefined) this.duplicate(first, row);
        else {
          if (typeof key === 'string') this.seen.set(key, this.staged.length);
          this.stage(row, line, prefix);
        }
      } else if (!this.rowRejected) {
        this.stage(row, line, prefix);
      }
    }
    if (this.rowRejected) {
      this.summary.rejected++;
      for (const p of this.rowProblems) if (p.severity === 'error' && !p.message.endsWith('Row not imported.')) p.message += p.message.endsWith('.') ? ' Row not imported.' : '. Row not imported.';
    } else this.summary.accepted++;
    for (const p of this.rowProblems) this.data.report(p);
  }

  /** A row with the same key as the staged row at `index`: counted once when it says the same; when it
   * differs, both rows and what differs are named (an error, rejecting this row, when the table says
   * the difference is a conflict). */
  private duplicate(index: number, row: T): void {
    const firstLine = this.lines.at(index);
    const difference = this.table.differences?.(this.staged.at(index), row) ?? [];
    if (difference.length === 0) {
      this.ctx.warn('-', 'duplicate-row', `Duplicate of line ${firstLine}; counted once`);
      return;
    }
    const what = difference.map((d) => `${d.column} ${show(d.first)} there, ${show(d.later)} here`).join('; ');
    const column = (difference[0] as (typeof difference)[number]).column;
    if (difference.some((d) => d.conflict)) this.ctx.error(column, 'conflict', `Line ${firstLine} has the same ${this.table.keyName ?? 'key'} but differs: ${what}. Line ${firstLine} is used; correct one of them. Row not imported.`);
    else this.ctx.warn(column, 'duplicate-row', `Line ${firstLine} has the same ${this.table.keyName ?? 'key'} but differs: ${what}. Line ${firstLine} is used`);
  }

  /**
   * The index of an earlier staged row with this item in this group, or undefined when there is none (the
   * row is then about to be staged, and remembered). Rows usually come grouped (e.g. by pupil) and in
   * order within the group (by date and session): while each item sorts after the one before, none can
   * repeat, so the group only lists which staged rows are its own. The first item out of order turns
   * that list into a map from each item's hash to its rows, used for the rest of the file: the group's
   * items are not kept, only numbers, and a row's item is worked out again when its hash matches. A
   * group with many items of one hash keeps its items in a map instead.
   */
  private firstInGroup(groupKey: string, item: string): number | undefined {
    if (this.plainPending >= 0) {
      // The last row a plain line staged is its group's last item.
      (this.plainGroup as SeenGroup).last = this.itemOf(this.plainPending);
      this.plainPending = -1;
    }
    // A row of fields may change any group: plain lines work out the order of the group's last item again.
    this.plainGroup = undefined;
    if (groupKey !== this.lastGroupKey) {
      let group = this.seenGroups.get(groupKey);
      if (group === undefined) {
        group = newGroup();
        this.seenGroups.set(groupKey, group);
      }
      this.lastGroup = group;
      this.lastGroupKey = groupKey;
    }
    const group = this.lastGroup;
    if (group.items !== undefined) {
      const first = group.items.get(item);
      if (first === undefined) group.items.set(item, this.staged.length);
      return first;
    }
    if (group.hashes === undefined) {
      if (group.staged.length === 0 || item > group.last) {
        group.last = item;
        addStaged(group, this.staged.length);
        return undefined;
      }
      group.hashes = new Map<number, number>();
      for (let run = 0; run < group.staged.length; run += 2) {
        for (let index = group.staged[run] as number; index < (group.staged[run + 1] as number); index++) this.remember(group.hashes, itemHash(this.itemOf(index)), index);
      }
      group.staged = [];
      group.last = '';
    }
    const hash = itemHash(item);
    let compared = 0;
    for (let index = group.hashes.get(hash); index !== undefined; index = this.sameHash.get(index)) {
      if (this.itemOf(index) === item) return index;
      if (++compared === SAME_HASH_LIMIT) {
        group.items = new Map<string, number>();
        for (const first of group.hashes.values()) {
          for (let row: number | undefined = first; row !== undefined; row = this.sameHash.get(row)) group.items.set(this.itemOf(row), row);
        }
        group.hashes = undefined;
        return this.firstInGroup(groupKey, item);
      }
    }
    this.remember(group.hashes, hash, this.staged.length);
    return undefined;
  }

  /** The item of the staged row at `index` (the second part of its duplicate key). */
  private itemOf(index: number): string {
    const duplicateKey = this.table.duplicateKey as NonNullable<TableSpec<T>['duplicateKey']>;
    return (duplicateKey(this.staged.at(index)) as readonly [string, string])[1];
  }

  /** Notes that the staged row at `index` has an item with this hash. */
  private remember(hashes: Map<number, number>, hash: number, index: number): void {
    const earlier = hashes.get(hash);
    if (earlier !== undefined) this.sameHash.set(index, earlier);
    hashes.set(hash, index);
  }

  private stage(row: T, line: number, prefix: string): void {
    this.staged.push(row);
    this.lines.push(line);
    if (prefix) this.paths[this.lines.length - 1] = prefix;
  }

  /** Stages the accepted rows; call once, after the last row. */
  finish(): void {
    for (const { problem, count } of this.once.values()) {
      if (count > 1) problem.message += ` (${count - 1} more row${count === 2 ? '' : 's'} like this)`;
    }
    const at = (i: number): Where => {
      const path = this.paths[i];
      return path ? { file: this.file, line: this.lines.at(i), path } : { file: this.file, line: this.lines.at(i) };
    };
    this.staged.commit(at, this.data);
    this.lines.clear();
    this.paths.length = 0;
    this.memo.clear();
    this.seen.clear();
    this.seenGroups.clear();
    this.sameHash.clear();
    this.lastGroupKey = undefined;
  }
}
