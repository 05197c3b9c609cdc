/**
 * Reading a data directory (or one file) from disk: CSV streamed through papaparse, XML and JSON read
 * whole. Bytes must be UTF-8 (a byte-order mark is allowed); Windows line endings are fine.
 */
import buffer from 'node:buffer';
import { constants } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { PassThrough, Transform, type Readable, type TransformCallback } from 'node:stream';
import Papa from 'papaparse';
import type { ChildEducationRecord } from '../../model/index.ts';
import { startRecords, type RecordsBegun } from '../../import/build.ts';
import { DataSet } from '../../import/dataset.ts';
import { readRecordsJson } from '../../import/json.ts';
import type { ImportLimits } from '../../import/limits.ts';
import { sortProblems, type FileSummary, type Problem } from '../../import/problem.ts';
import { newSummary, recogniseHeader, TableReader } from '../../import/reader.ts';
import { readSsda903Xml } from '../../import/ssda903-xml.ts';
import { firstInvalidUtf8, lineAt } from '../../import/utf8.ts';
import type { AttendancePart } from '../../import/dataset.ts';
import { workerEntry } from '../worker-entry.ts';

export interface LoadOptions {
  /** The date the data is checked against (future dates warn); default today (UTC). */
  asOf?: string;
  /** The council's own LA number, to tell children placed here by another council. */
  laCode?: string;
  /** Other limits than `DEFAULT_IMPORT_LIMITS` (file size, field length, problems listed). */
  limits?: Partial<ImportLimits>;
  /**
   * Read the largest attendance file (of `PARALLEL_MIN_BYTES` or more) on a second thread while the other
   * files are read: the same result, sooner on a machine with two cores or more.
   */
  parallel?: boolean;
  /** With `parallel`: the size from which an attendance file is read apart; default `PARALLEL_MIN_BYTES`. */
  parallelFromBytes?: number;
}

/** The size from which an attendance file is worth a thread of its own (`LoadOptions.parallel`). */
export const PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

export interface LoadResult {
  records: ChildEducationRecord[];
  problems: Problem[];
  files: FileSummary[];
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** Raised when bytes are not valid UTF-8: carries the line the bad bytes are on. */
class NotUtf8 extends Error {
  constructor(readonly line: number) {
    super('not UTF-8');
  }
}

/** Raised when a stream gives more bytes than the limit. */
class TooLarge extends Error {
  constructor(readonly limit: number) {
    super('too large');
  }
}

/** The bytes at the end of `bytes` that begin a UTF-8 sequence the next chunk must finish. */
function unfinishedTail(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back] as number;
    if (b < 0x80) break;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return length > back ? bytes.subarray(bytes.length - back) : bytes.subarray(bytes.length);
    }
  }
  return bytes.subarray(bytes.length);
}

/** Bytes asked of the file at a time: few large reads cost far less than many small ones. */
const READ_BYTES = 1024 * 1024;
/** Bytes of the file decoded and read as one piece of text. */
const TEXT_PIECE_BYTES = 64 * 1024;

/**
 * Decodes UTF-8 strictly, counting lines so an invalid byte can be located in one more pass over the
 * chunk it is in, and refusing more than `limit` bytes. A chunk read is handed on in pieces of
 * `TEXT_PIECE_BYTES`, whatever size the reads are; each piece (with what the last one left of an
 * unfinished character) is checked by Node's UTF-8 validator, then decoded; a byte-order mark at the start
 * is dropped, as a decoder drops it.
 */
class StrictUtf8 extends Transform {
  private lines = 1;
  private bytes = 0;
  private started = false;
  /** The start of a character the last chunk left unfinished. */
  private carry: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly onText: (text: string) => void,
    private readonly limit: number,
  ) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
  }

  private count(text: string): void {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lines++;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    for (let at = 0; at < chunk.length; at += TEXT_PIECE_BYTES) {
      const failure = this.piece(at === 0 && chunk.length <= TEXT_PIECE_BYTES ? chunk : chunk.subarray(at, at + TEXT_PIECE_BYTES));
      if (failure !== undefined) {
        callback(failure);
        return;
      }
    }
    callback(null);
  }

  private piece(chunk: Buffer): Error | undefined {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return new TooLarge(this.limit);
    const joined = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const tail = unfinishedTail(joined);
    const body = joined.subarray(0, joined.length - tail.length);
    if (!buffer.isUtf8(body)) {
      const offset = Math.max(0, firstInvalidUtf8(joined, true));
      return new NotUtf8(this.lines + lineAt(joined, offset) - 1);
    }
    this.carry = tail;
    let text = body.toString('utf8');
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.count(text);
    this.onText(text);
    this.push(text);
    return undefined;
  }

  override _flush(callback: TransformCallback): void {
    // A character cut off by the end of the file.
    if (this.carry.length > 0) callback(new NotUtf8(this.lines));
    else callback(null);
  }
}

function notUtf8(file: string, line: number): Problem {
  return { file, line, column: '-', severity: 'error', code: 'not-utf8', message: 'The file is not valid UTF-8 text (save or export it as UTF-8, e.g. "CSV UTF-8" in Excel). File not imported.' };
}

const megabytes = (bytes: number) => `${(bytes / 1024 ** 2).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;

function tooLarge(file: string, limit: number): Problem {
  return { file, line: 1, column: '-', severity: 'error', code: 'too-large', message: `The file is larger than ${megabytes(limit)}, the most EduBridge reads from one file of this kind; split it. File not imported.` };
}

/**
 * The text papaparse has been given, kept only until rows are past it, to turn its character cursor
 * into line numbers.
 */
class LineTracker {
  private chunks: string[] = [];
  private base = 0;
  private position = 0;

  /** `line`: the line the text given starts on. */
  constructor(private line = 1) {}

  add(text: string): void {
    if (text.length > 0) this.chunks.push(text);
  }

  /** Newlines between the last position and `to` (absolute character offset); moves there. */
  private advance(to: number): number {
    let count = 0;
    while (this.position < to && this.chunks.length > 0) {
      const chunk = this.chunks[0] as string;
      const start = this.position - this.base;
      const end = Math.min(chunk.length, to - this.base);
      for (let i = chunk.indexOf('\n', start); i !== -1 && i < end; i = chunk.indexOf('\n', i + 1)) count++;
      this.position = this.base + end;
      if (end >= chunk.length) {
        this.chunks.shift();
        this.base += chunk.length;
      }
    }
    return count;
  }

  /** The line a row starts on, given the cursor after it, and the newlines inside its fields. */
  rowEnded(cursor: number, fields: readonly string[]): number {
    const before = this.line;
    const lastChar = this.charBefore(cursor);
    const newlines = this.advance(cursor);
    this.line = before + newlines;
    // The usual row: one line break, its own (or, for an unterminated quote, its last field's).
    if (newlines === 1 && lastChar === '\n') return this.line - 1;
    let inner = 0;
    for (const field of fields) if (field.includes('\n')) inner += field.split('\n').length - 1;
    // The row's own line break is not inside its last field (it is, for an unterminated quote).
    const lastField = fields[fields.length - 1] ?? '';
    const terminated = lastChar === '\n' && !lastField.endsWith('\n');
    return this.line - inner - (terminated ? 1 : 0);
  }

  private charBefore(cursor: number): string {
    let offset = cursor - 1 - this.base;
    for (const chunk of this.chunks) {
      if (offset < chunk.length) return chunk.charAt(offset);
      offset -= chunk.length;
    }
    return '';
  }
}

/** Reads one CSV file into the data set, streaming it through papaparse (only a regular file, or a
 * link to one, within the size limit). */
export async function readCsvFile(path: string, file: string, data: DataSet): Promise<FileSummary> {
  const summary = newSummary(file, 'unrecognised');
  data.summaries.set(file, summary);
  const limit = data.limits.csvFileBytes;
  const handle = await openRegularFile(path, file, data, limit);
  if (handle === undefined) return summary;
  try {
    return await readCsvStream(handle.createReadStream({ start: 0, end: limit, autoClose: false, highWaterMark: READ_BYTES }), file, data);
  } finally {
    await handle.close();
  }
}

/**
 * The line ending papaparse takes for a text whose first chunk is `chunk` (it decides once, from the
 * first chunk it is given): its own rule, for text without quotes (papaparse first removes quoted text).
 */
function papaparseNewline(chunk: string): '\n' | '\r\n' | '\r' {
  const input = chunk.substring(0, 1024 * 1024);
  const r = input.split('\r');
  const n = input.split('\n');
  if (r.length === 1 || (n.length > 1 && (n[0] as string).length < (r[0] as string).length)) return '\n';
  let withN = 0;
  for (const piece of r) if (piece.charCodeAt(0) === 10) withN++;
  return withN >= r.length / 2 ? '\r\n' : '\r';
}

/** `fields`, the last without the carriage return of a line break the CSV reader did not take as one
 * (a CR LF line in a file read with LF line endings). */
function withoutReturn(fields: string[]): string[] {
  const last = fields.length - 1;
  if (last >= 0 && (fields[last] as string).endsWith('\r')) fields[last] = (fields[last] as string).slice(0, -1);
  return fields;
}

/** The fields of the plain row `text[start, end)`: what lies between its commas. */
function splitFields(text: string, start: number, end: number): string[] {
  const fields: string[] = [];
  let from = start;
  for (let comma = text.indexOf(',', from); comma !== -1 && comma < end; comma = text.indexOf(',', from)) {
    fields.push(text.slice(from, comma));
    from = comma + 1;
  }
  fields.push(text.slice(from, end));
  return fields;
}

/**
 * CSV text before its first quote character is CSV at its simplest: each line is a row, and its fields
 * are what lies between the commas (papaparse's own "fast mode" reads quote-free text so). Those lines are
 * split here, row by row as they stream in, without papaparse's per-row machinery, which is most of the
 * time a file of millions of rows takes to read. From the first line with a quote in it (or, with Windows
 * line endings, a line break inside a row), the rest of the text goes to papaparse, told the same line
 * ending it would have chosen for the whole file: a line start outside quotes is where papaparse itself
 * would begin a row, so the rows are the same as papaparse alone gives.
 */
class PlainLines {
  private carry = '';
  /** The line the next row starts on (the header is line 1). */
  line = 1;
  /** The line ending, decided on the first chunk as papaparse decides it; undefined until then. */
  newline: '\n' | '\r\n' | undefined;

  constructor(
    private readonly onRow: (fields: string[], line: number) => boolean,
    /** A plain row's text, `text[start, end)`, offered before it is split: true when it was read so. */
    private readonly onLine: (text: string, start: number, end: number, line: number) => boolean,
  ) {}

  /**
   * Reads the whole lines of `chunk` (with what was left of the last one). Returns undefined while the
   * text stays plain, else the text from which papaparse must read (from the start of the line that is
   * not plain). `onRow` returning false stops the reading (returns '').
   */
  take(chunk: string): string | undefined {
    if (this.newline === undefined) {
      if (chunk.includes('"')) return chunk;
      const newline = papaparseNewline(chunk);
      if (newline === '\r') return chunk;
      this.newline = newline;
    }
    if (this.carry.length === 0) return this.lines(chunk);
    // The line the last chunk left unfinished, read on its own, so that the chunk itself (a flat string
    // from the decoder) is read where it is rather than joined to it.
    const lineEnd = chunk.indexOf('\n');
    if (lineEnd === -1) {
      this.carry += chunk;
      return this.carry.includes('"') ? this.handOverCarry() : undefined;
    }
    const head = this.carry + chunk.slice(0, lineEnd + 1);
    this.carry = '';
    const rest = this.lines(head);
    if (rest !== undefined) return rest === '' ? '' : rest + chunk.slice(lineEnd + 1);
    return this.lines(chunk, lineEnd + 1);
  }

  /** The unfinished line, given to papaparse. */
  private handOverCarry(): string {
    const rest = this.carry;
    this.carry = '';
    return rest;
  }

  /** Reads the whole lines of `text` from `start`, keeping what follows the last line break for the next chunk (see `take`). */
  private lines(text: string, start = 0): string | undefined {
    const crlf = this.newline === '\r\n';
    let quote = text.indexOf('"', start);
    if (quote === -1) quote = text.length;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      let rowEnd = end;
      if (crlf) {
        // A line feed alone is inside a field when rows end with CR LF: papaparse reads on from here.
        if (end === start || text.charCodeAt(end - 1) !== 13) return text.slice(start);
        rowEnd = end - 1;
      }
      if (quote < end) return text.slice(start);
      if (rowEnd > start && !this.onLine(text, start, rowEnd, this.line) && !this.onRow(splitFields(text, start, rowEnd), this.line)) return '';
      this.line++;
      start = end + 1;
    }
    if (quote < text.length) return text.slice(start);
    this.carry = text.slice(start);
    return undefined;
  }

  /** The last line, when the text does not end with a line break: undefined, or the text papaparse must read. */
  end(): string | undefined {
    const rest = this.carry;
    this.carry = '';
    if (rest.length === 0) return undefined;
    if (rest.includes('"')) return rest;
    this.onRow(splitFields(rest, 0, rest.length), this.line);
    return undefined;
  }
}

/** How a CSV stream is read: `plainLines: false` reads every line with papaparse (to compare, in tests). */
export interface CsvReadOptions {
  plainLines?: boolean;
}

/** Reads CSV bytes from a stream (a file, or bytes in tests) into the data set. */
export async function readCsvStream(input: Readable, file: string, data: DataSet, options: CsvReadOptions = {}): Promise<FileSummary> {
  const summary = newSummary(file, 'unrecognised');
  data.summaries.set(file, summary);
  let lines: LineTracker | undefined;
  const decoder = new StrictUtf8((text) => lines?.add(text), data.limits.csvFileBytes);
  let reader: TableReader | undefined;
  let sawHeader = false;
  let stopped = false;
  let internalError: Error | undefined;

  /** A row with its line (its last field without a carriage return that ended the line, see
   * `withoutReturn`): the header, or a row of the table. False once the file is no longer read. */
  function readFields(fields: string[], line: number): boolean {
    if (stopped) return false;
    try {
      if (!sawHeader) {
        sawHeader = true;
        const recognised = recogniseHeader(file, fields);
        summary.format = recognised.ok ? recognised.table.label : recognised.format;
        if (!recognised.ok) {
          data.rejectFile({ ...recognised.problem, file });
          stopped = true;
          return false;
        }
        for (const p of recognised.problems) data.report({ ...p, file });
        reader = new TableReader(file, recognised.table, recognised.columns, data, summary);
        return true;
      }
      (reader as TableReader).row(fields, line);
      return true;
    } catch (error) {
      // A fault in EduBridge itself: reject the file rather than crash the whole run.
      stopped = true;
      internalError = error as Error;
      return false;
    }
  }

  /** A plain line, offered to the table reader to read straight from the text (`TableReader.plainLine`). */
  function readLine(text: string, start: number, end: number, line: number): boolean {
    if (stopped || reader === undefined) return false;
    try {
      return reader.plainLine(text, start, end, line);
    } catch (error) {
      // A fault in EduBridge itself: the file is rejected (the row then reads nothing).
      stopped = true;
      internalError = error as Error;
      return false;
    }
  }

  /**
   * Reads `source` with papaparse: the text from `firstLine` on, beginning with `initial` (text already
   * decoded), told the line ending when it is known.
   */
  function papaparse(source: Readable, firstLine: number, newline: '\n' | '\r\n' | undefined, initial = ''): Promise<unknown> {
    const tracker = new LineTracker(firstLine);
    tracker.add(initial);
    lines = tracker;
    return new Promise<unknown>((resolve) => {
      Papa.parse(source as unknown as File, {
        delimiter: ',',
        newline,
        skipEmptyLines: true,
        step(results: Papa.ParseStepResult<string[]>, parser: Papa.Parser) {
          if (stopped) return;
          if (!readRow(results, tracker)) parser.abort();
        },
        complete: () => resolve(undefined),
        error: (error: Error) => resolve(error),
      });
    });
  }

  /** A row as papaparse gives it: located, then read (a syntax error reported). False to stop. */
  function readRow(results: Papa.ParseStepResult<string[]>, tracker: LineTracker): boolean {
    const fields = withoutReturn(results.data);
    const line = tracker.rowEnded(results.meta.cursor, fields);
    if (results.errors.length === 0) return readFields(fields, line);
    summary.rowsRead++;
    summary.rejected++;
    const error = results.errors[0] as Papa.ParseError;
    if (error.code === 'MissingQuotes') {
      // The quote opens in the row's last field and swallows every line after it.
      const index = fields.length - 1;
      let opened = line;
      for (let i = 0; i < index; i++) opened += (fields[i] as string).split('\n').length - 1;
      const swallowed = (fields[index] ?? '').replace(/\r?\n$/, '').split('\n').length - 1;
      const column = reader ? (reader.columnName(index) ?? `#${index + 1}`) : `#${index + 1}`;
      // Each swallowed line was (most likely) a row of its own: count them as read and rejected.
      summary.rowsRead += swallowed;
      summary.rejected += swallowed;
      data.report({ file, line: opened, column, severity: 'error', code: 'csv-syntax', message: `A quoted field opens on line ${opened} and is never closed, so ${swallowed === 0 ? 'the rest of the line' : `the ${swallowed} line${swallowed === 1 ? '' : 's'} after it (to the end of the file)`} ${swallowed === 1 ? 'was' : 'were'} read into it. Close the quote; row${swallowed === 0 ? '' : 's'} from line ${opened} not imported.` });
      return true;
    }
    data.report({ file, line, column: '-', severity: 'error', code: 'csv-syntax', message: `${error.message}. Row not imported.` });
    return true;
  }

  const failure = await new Promise<unknown>((resolve) => {
    input.on('error', (error) => resolve(error));
    decoder.on('error', (error) => resolve(error));
    const text = input.pipe(decoder);
    if (options.plainLines === false) {
      void papaparse(text, 1, undefined).then(resolve);
      return;
    }
    const plain = new PlainLines((fields, line) => readFields(withoutReturn(fields), line), readLine);
    /** From the first line that is not plain: the rest of the text goes to papaparse (`ended`: there is no more). */
    const handOver = (from: string, ended: boolean) => {
      text.off('data', onData);
      text.off('end', onEnd);
      const rest = new PassThrough({ encoding: 'utf8' });
      void papaparse(rest, plain.line, plain.newline, from).then(resolve);
      if (from.length > 0) rest.write(from);
      if (ended) rest.end();
      else text.pipe(rest);
    };
    const onData = (chunk: string) => {
      const from = plain.take(chunk);
      if (stopped) {
        text.off('data', onData);
        text.destroy();
        resolve(undefined);
      } else if (from !== undefined) handOver(from, false);
    };
    const onEnd = () => {
      const from = stopped ? undefined : plain.end();
      if (from !== undefined) handOver(from, true);
      else resolve(undefined);
    };
    text.on('data', onData);
    text.on('end', onEnd);
  });
  if (internalError) {
    data.rejectFile({ file, line: 1, column: '-', severity: 'error', code: 'unreadable', message: `EduBridge could not read this file (${internalError.message}); please report it. File not imported.` });
    input.destroy();
    return summary;
  }
  if (stopped) {
    input.destroy();
    return summary;
  }
  if (failure instanceof NotUtf8) {
    input.destroy();
    data.rejectFile(notUtf8(file, failure.line));
    return summary;
  }
  if (failure instanceof TooLarge) {
    input.destroy();
    data.rejectFile(tooLarge(file, failure.limit));
    return summary;
  }
  if (failure) {
    data.rejectFile({ file, line: 1, column: '-', severity: 'error', code: 'unreadable', message: `The file cannot be read: ${(failure as Error).message}. File not imported.` });
    return summary;
  }
  if (!sawHeader) {
    data.rejectFile({ file, line: 1, column: '-', severity: 'error', code: 'no-header', message: 'The file is empty: a header line naming the columns is required. File not imported.' });
    return summary;
  }
  reader?.finish();
  return summary;
}

/** Reads a whole file (at most `limit` bytes) from an open handle as UTF-8 text; undefined, after
 * rejecting the file, when it is larger or not UTF-8. One pass to decode, one more to locate a bad byte. */
async function readText(handle: FileHandle, file: string, data: DataSet, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of handle.createReadStream({ start: 0, end: limit, autoClose: false, highWaterMark: READ_BYTES })) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  if (size > limit) {
    data.rejectFile(tooLarge(file, limit));
    return undefined;
  }
  const bytes = Buffer.concat(chunks, size);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    data.rejectFile(notUtf8(file, lineAt(bytes, Math.max(0, firstInvalidUtf8(bytes)))));
    return undefined;
  }
}

/**
 * Opens `path` for reading if it is a regular file (following a symbolic link): a device such as
 * /dev/zero, a named pipe, a socket or a directory is refused, as is a file over `limit` bytes.
 * Opened without blocking, so a named pipe swapped in after the check cannot hang the import.
 */
async function openRegularFile(path: string, file: string, data: DataSet, limit: number): Promise<FileHandle | undefined> {
  const refuse = (problem: Problem) => {
    data.rejectFile(problem);
    return undefined;
  };
  const notAFile = (): Problem => ({ file, line: 1, column: '-', severity: 'error', code: 'not-a-file', message: 'This is not a regular file (it is a device, pipe, socket or directory, or a link to one). File not imported.' });
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    return refuse({ file, line: 1, column: '-', severity: 'error', code: 'unreadable', message: `The file cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. File not imported.` });
  }
  if (!info.isFile()) return refuse(notAFile());
  if (info.size > limit) return refuse(tooLarge(file, limit));
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return refuse({ file, line: 1, column: '-', severity: 'error', code: 'unreadable', message: `The file cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. File not imported.` });
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close();
    return refuse(notAFile());
  }
  return handle;
}

/** Runs a whole-file reader; a fault in EduBridge itself rejects the file instead of ending the run. */
function guard(file: string, data: DataSet, read: () => unknown): void {
  try {
    read();
  } catch (error) {
    data.rejectFile({ file, line: 1, column: '-', severity: 'error', code: 'unreadable', message: `EduBridge could not read this file (${(error as Error).message}); please report it. File not imported.` });
  }
}

/** Reads one file of any supported kind (by extension) into the data set. Only regular files (or links
 * to them) within the size limits are read. */
export async function readDataFile(path: string, file: string, data: DataSet): Promise<FileSummary> {
  const lower = path.toLowerCase();
  const kind = lower.endsWith('.csv') ? 'csv' : lower.endsWith('.xml') ? 'xml' : lower.endsWith('.json') ? 'json' : undefined;
  const summary = newSummary(file, kind === 'csv' ? 'unrecognised' : kind === 'xml' ? 'SSDA903 XML' : kind === 'json' ? 'records JSON' : 'not a data file');
  data.summaries.set(file, summary);
  if (kind === undefined) {
    data.report({ file, line: 1, column: '-', severity: 'warning', code: 'unrecognised-file', message: 'Not a .csv, .xml or .json file; skipped' });
    return summary;
  }
  const limit = kind === 'csv' ? data.limits.csvFileBytes : data.limits.wholeFileBytes;
  const handle = await openRegularFile(path, file, data, limit);
  if (handle === undefined) return summary;
  try {
    if (kind === 'csv') return await readCsvStream(handle.createReadStream({ start: 0, end: limit, autoClose: false, highWaterMark: READ_BYTES }), file, data);
    const text = await readText(handle, file, data, limit);
    if (text !== undefined) guard(file, data, () => (kind === 'xml' ? readSsda903Xml(file, text, data, summary) : readRecordsJson(file, text, data, summary)));
    return summary;
  } finally {
    await handle.close();
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => !e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => !relative(dir, p).split(sep).some((part) => part.startsWith('.')))
    .sort();
}

/**
 * Reads every file in a data directory (recursively; hidden files skipped), or a single file, and
 * joins them into child education records. Never throws for bad content: every problem is in
 * `problems`. Throws only when the path itself cannot be read.
 */
export async function loadDataDirectory(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const asOf = options.asOf ?? todayUtc();
  const data = new DataSet(asOf, options.limits);
  const info = await stat(dir);
  const paths = info.isDirectory() ? await listFiles(dir) : [dir];
  const nameOf = (path: string) => (info.isDirectory() ? relative(dir, path).split(sep).join('/') : basename(path));
  const apart = options.parallel && info.isDirectory() ? await attendanceToReadApart(paths, nameOf, options.parallelFromBytes ?? PARALLEL_MIN_BYTES) : undefined;
  const part = apart ? readApart(apart, nameOf(apart), asOf, options.limits) : undefined;
  const files: FileSummary[] = [];
  let apartIndex = -1;
  for (const path of paths) {
    if (path === apart) {
      apartIndex = files.length;
      files.push(newSummary(nameOf(path), 'attendance'));
      continue;
    }
    files.push(await readDataFile(path, nameOf(path), data));
  }
  const build = { laCode: options.laCode };
  let begun: RecordsBegun | undefined;
  if (apart !== undefined) {
    // While the other thread reads on, the records are joined as far as they can be without its marks.
    begun = startRecords(data, build);
    // No file after it is attendance, so its marks join last, as if it had been read in its turn.
    const read = await part;
    if (read) {
      data.adoptAttendance(read);
      files[apartIndex] = read.summary;
    } else {
      // Read here after all; what it holds is not known until then, so the records are joined anew.
      files[apartIndex] = await readDataFile(apart, nameOf(apart), data);
      begun = undefined;
    }
  }
  const records = (begun ?? startRecords(data, build)).finish();
  data.closeProblems();
  return { records, problems: sortProblems(data.problems), files };
}

/** Whether a CSV file's first line is the attendance template's header (false for anything unreadable). */
async function startsAsAttendance(path: string, file: string): Promise<boolean> {
  try {
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      if (!(await handle.stat()).isFile()) return false;
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
      const text = buffer.subarray(0, bytesRead).toString('utf8');
      const end = text.indexOf('\n');
      if (end < 0) return false;
      const header = Papa.parse<string[]>(text.slice(0, end).replace(/\r$/, ''), { delimiter: ',' }).data[0] ?? [];
      const recognised = recogniseHeader(file, header);
      return recognised.ok && recognised.table.id === 'attendance';
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}

/**
 * The attendance file to read on a second thread: the largest CSV file whose header is attendance's, of
 * `minBytes` or more, when no file after it (in reading order) is attendance too. Undefined
 * when there is none, or no worker thread can be started.
 */
async function attendanceToReadApart(paths: readonly string[], nameOf: (path: string) => string, minBytes: number): Promise<string | undefined> {
  if (workerEntry(import.meta.url, 'read-worker') === undefined) return undefined;
  const attendance: { path: string; size: number; index: number }[] = [];
  for (const [index, path] of paths.entries()) {
    if (!path.toLowerCase().endsWith('.csv')) continue;
    if (!(await startsAsAttendance(path, nameOf(path)))) continue;
    attendance.push({ path, size: (await stat(path)).size, index });
  }
  const last = attendance[attendance.length - 1];
  const largest = attendance.reduce<(typeof attendance)[number] | undefined>((best, a) => (best === undefined || a.size > best.size ? a : best), undefined);
  return largest !== undefined && largest === last && largest.size >= minBytes ? largest.path : undefined;
}

/** Reads one attendance file on a worker thread; undefined when the worker fails or the file was not attendance alone. */
function readApart(path: string, file: string, asOf: string, limits: Partial<ImportLimits> | undefined): Promise<AttendancePart | undefined> {
  const start = workerEntry(import.meta.url, 'read-worker');
  if (!start) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const worker = new Worker(start.entry, { eval: start.eval, workerData: { path, file, asOf, limits } });
    worker.once('message', (message: AttendancePart | null) => {
      resolve(message ?? undefined);
      // Its work is done: end it now, so its memory is returned before the rest is built.
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
