import { fork } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ChildEducationRecord } from '../../model/index.ts';
import { errorCount, type FileSummary } from '../../import/problem.ts';
import { loadDataDirectory, type LoadOptions } from '../import/load.ts';
import { processEntry } from '../worker-entry.ts';
import { compactRecords, withPortableMarks, type PortableRecords } from '../../rules/mark-columns.ts';
import { todayInLondon } from './clock.ts';
import { ChildStore, type AnswerRequest, type PreparedAnswer } from './data.ts';
import type { SharedRecords } from './stores.ts';

/**
 * The data the server answers from, kept up to date: the data directory is checked every `pollMs`; a
 * change is loaded once the files have stopped changing for one check (so a copy in progress is not read
 * half-written), and the new children replace the old in one step, so a request sees one set or the other.
 * A load whose share of rejected rows is over the threshold, that rejects a whole file, or that finds no
 * children, is refused: the last good data stays, and the report and the log say so.
 */

/** The share of rows that may be rejected before a new load is refused (percent). */
export const DEFAULT_MAX_REJECTED_PERCENT = 1;
/** How often the data directory is checked for changes. */
export const DEFAULT_POLL_SECONDS = 30;

export interface LiveDataOptions {
  dir: string;
  /** A fixed service date; without it the date follows the clock in UK time. */
  asOf?: string;
  laCode?: string;
  maxRejectedPercent?: number;
  pollMs?: number;
  log?: (line: string) => void;
  /** The clock (tests move it). */
  now?: () => Date;
  /** The database's copy of the children: loaded from when it is newer, published to on a new load. */
  shared?: SharedRecords;
}

export interface LoadSummary {
  /** When the load finished (ISO date-time). */
  at: string;
  children: number;
  rowsRead: number;
  rowsRejected: number;
  errors: number;
  files: { file: string; format: string; rowsRead: number; rejected: number; rejectedWhole: boolean; modified: string }[];
}

/** What the admin endpoint and the log report: what is loaded, since when, how fresh, and any refused load. */
export interface DataReport {
  dir: string;
  /** The service's date now, and whether it is pinned by --as-of or follows the clock (Europe/London). */
  asOf: string;
  asOfFollowsClock: boolean;
  loaded: LoadSummary;
  /** Seconds since the loaded data was read, and since its newest file was last changed. */
  loadedSecondsAgo: number;
  newestFileSecondsAgo: number | null;
  /** When the directory was last checked for changes. */
  checkedAt: string;
  /** The last load refused (too many errors), if it came after the one in use. */
  refused: (LoadSummary & { reason: string }) | null;
  maxRejectedPercent: number;
  pollSeconds: number;
  /** With a database: the generation of the children in use (every instance serves the newest). */
  generation: number | null;
}

type Signature = string;

/**
 * Milliseconds between taking in one slice of a refresh's children (see load-worker.ts) and asking for
 * the next: taking a slice in holds the server's thread for a few milliseconds, and the pause keeps
 * that to a fraction of its time, so requests meanwhile are slowed a little rather than held up.
 */
const SLICE_PAUSE_MS = 4;

interface Loaded {
  records: ChildEducationRecord[];
  files: FileSummary[];
  errors: number;
  /** Status answers made ready from the new data (see `ChildStore.warmFrom`). */
  prepared: PreparedAnswer[];
  /** The children's list order, worked out with the answers (see `ChildStore`'s constructor). */
  order?: Int32Array;
}

/** What the refresh's process sends (load-worker.ts): the marks, slices of children, slices of answers, then the rest. */
type RefreshMessage =
  | { marks: Omit<PortableRecords, 'records'> }
  | { records: ChildEducationRecord[] }
  | { answers: PreparedAnswer[] }
  | (Omit<Loaded, 'records' | 'prepared'> & { done: true });

/**
 * Reads a data directory again in a child process at the lowest priority (load-worker.ts) when one can be
 * started, else in this thread. The process also makes ready the status answers `prepare` asks for.
 */
async function loadInBackground(dir: string, options: LoadOptions & { asOf: string }, prepare: AnswerRequest[]): Promise<Loaded & { apart: boolean }> {
  const start = processEntry(import.meta.url, 'load-worker');
  if (start) {
    try {
      const loaded = await new Promise<Loaded>((resolve, reject) => {
        const child = fork(start.path, [], { execArgv: start.execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        const fail = (error: Error) => {
          child.kill();
          reject(error);
        };
        // The marks come first, then the children a slice to a message (see load-worker.ts), each child
        // given its marks as it is taken in, the next slice asked for once what waited meanwhile has been
        // answered; then the answers the same way; then the summaries and the order.
        const records: ChildEducationRecord[] = [];
        const prepared: PreparedAnswer[] = [];
        let marks: Omit<PortableRecords, 'records'> | undefined;
        const more = () => setTimeout(() => child.connected && child.send('more'), SLICE_PAUSE_MS);
        child.on('message', (message: RefreshMessage) => {
          if ('marks' in message) {
            marks = message.marks;
          } else if ('records' in message) {
            if (marks === undefined) return fail(new Error('the refresh process sent children before their marks'));
            for (const record of message.records) records.push(withPortableMarks(marks, record, records.length));
            more();
          } else if ('answers' in message) {
            prepared.push(...message.answers);
            more();
          } else {
            const { done: _done, ...rest } = message;
            resolve({ ...rest, prepared, records });
          }
        });
        child.once('error', fail);
        child.once('exit', (code) => reject(new Error(`the refresh process stopped (exit code ${code})`)));
        child.send({ dir, options, prepare });
      });
      return { ...loaded, apart: true };
    } catch {
      // Fall back to reading here: slower for everyone meanwhile, but the data is still refreshed.
    }
  }
  const result = await loadDataDirectory(dir, options);
  return { records: result.records, files: result.files, errors: errorCount(result.problems), prepared: [], apart: false };
}

async function signatureOf(dir: string): Promise<{ signature: Signature; modified: Map<string, number> }> {
  const info = await stat(dir);
  const modified = new Map<string, number>();
  if (!info.isDirectory()) {
    modified.set(dir, info.mtimeMs);
    return { signature: `${info.mtimeMs}:${info.size}`, modified };
  }
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const parts: string[] = [];
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const rel = relative(dir, path);
    if (rel.split(sep).some((part) => part.startsWith('.'))) continue;
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    try {
      const file = await stat(path);
      modified.set(rel.split(sep).join('/'), file.mtimeMs);
      parts.push(`${rel}\t${file.mtimeMs}\t${file.size}`);
    } catch {
      parts.push(`${rel}\tgone`);
    }
  }
  return { signature: parts.sort().join('\n'), modified };
}

function summarise(files: readonly FileSummary[], children: number, errors: number, modified: Map<string, number>, at: Date): LoadSummary {
  return {
    at: at.toISOString(),
    children,
    rowsRead: files.reduce((n, f) => n + f.rowsRead, 0),
    rowsRejected: files.reduce((n, f) => n + f.rejected, 0),
    errors,
    files: files.map((f) => ({
      file: f.file,
      format: f.format,
      rowsRead: f.rowsRead,
      rejected: f.rejected,
      rejectedWhole: f.rejectedWhole,
      modified: new Date(modified.get(f.file) ?? [...modified.values()][0] ?? 0).toISOString(),
    })),
  };
}

export class LiveData {
  private store!: ChildStore;
  private loaded!: LoadSummary;
  private refused: (LoadSummary & { reason: string }) | null = null;
  private signature: Signature = '';
  private generation = 0;
  private pending: Signature | undefined;
  private checkedAt: Date;
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<unknown> | undefined;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;
  readonly maxRejectedPercent: number;
  readonly pollMs: number;
  private readonly asOf: () => string;

  private constructor(private readonly options: LiveDataOptions) {
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.maxRejectedPercent = options.maxRejectedPercent ?? DEFAULT_MAX_REJECTED_PERCENT;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_SECONDS * 1000;
    const pinned = options.asOf;
    this.asOf = pinned !== undefined ? () => pinned : () => todayInLondon(this.now());
    this.checkedAt = this.now();
  }

  /** Reads the data directory for the first time (whatever its errors: there is no earlier data to keep). */
  static async load(options: LiveDataOptions): Promise<LiveData> {
    const data = new LiveData(options);
    const { signature, modified } = await signatureOf(options.dir);
    data.signature = signature;
    const latest = await options.shared?.latest();
    if (options.shared && latest && latest.signature === signature) {
      // Another instance has read this very directory state already: take its children from the database.
      data.store = new ChildStore(compactRecords(await options.shared.load(latest.generation)), data.asOf);
      data.loaded = latest.summary as LoadSummary;
      data.generation = latest.generation;
      data.log(`edubridge: loaded ${data.loaded.children} children from the database (data generation ${latest.generation})`);
      return data;
    }
    // At start-up no request waits: the directory is read on this thread (a large attendance file on a
    // second one meanwhile), which spares copying every child over from another process. Later loads run in a
    // process of their own, so the server keeps answering while they read.
    const result = await loadDataDirectory(options.dir, { asOf: data.asOf(), laCode: options.laCode, parallel: true });
    const errors = errorCount(result.problems);
    data.store = new ChildStore(result.records, data.asOf);
    data.loaded = summarise(result.files, result.records.length, errors, modified, data.now());
    if (options.shared) data.generation = await options.shared.publish(result.records, signature, data.loaded);
    data.log(`edubridge: loaded ${data.loaded.children} children from ${data.loaded.files.length} files in ${options.dir}${errors > 0 ? `; ${errors} row${errors === 1 ? '' : 's'} could not be imported (run "edubridge validate ${options.dir}")` : ''}`);
    return data;
  }

  /** The children now: one consistent set for the whole of a request. */
  current(): ChildStore {
    return this.store;
  }

  /** Checks the directory every `pollMs` until stopped. */
  start(): void {
    if (this.timer || this.pollMs <= 0) return;
    this.timer = setInterval(() => void this.refresh(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Checks the directory once: a change seen for the first time is noted; a change that has stayed the same
   * since the last check is loaded. Returns what happened.
   */
  refresh(): Promise<'unchanged' | 'changing' | 'loaded' | 'refused'> {
    const run = (this.checking ?? Promise.resolve()).then(() => this.check());
    this.checking = run.catch(() => undefined);
    return run;
  }

  private async check(): Promise<'unchanged' | 'changing' | 'loaded' | 'refused'> {
    this.checkedAt = this.now();
    if (this.options.shared) {
      try {
        const latest = await this.options.shared.latest();
        if (latest && latest.generation > this.generation) {
          const records = compactRecords(await this.options.shared.load(latest.generation));
          const store = new ChildStore(records, this.asOf);
          await store.warmFrom(this.store);
          this.store = store;
          this.loaded = latest.summary as LoadSummary;
          this.generation = latest.generation;
          this.signature = latest.signature;
          this.refused = null;
          this.log(`edubridge: loaded ${records.length} children from the database (data generation ${latest.generation})`);
          return 'loaded';
        }
      } catch (error) {
        this.log(`edubridge: cannot read the children from the database: ${(error as Error).message}; keeping the data loaded at ${this.loaded.at}`);
      }
    }
    let seen: Awaited<ReturnType<typeof signatureOf>>;
    try {
      seen = await signatureOf(this.options.dir);
    } catch (error) {
      this.log(`edubridge: cannot read the data directory ${this.options.dir}: ${(error as Error).message}; keeping the data loaded at ${this.loaded.at}`);
      return 'unchanged';
    }
    if (seen.signature === this.signature) {
      this.pending = undefined;
      return 'unchanged';
    }
    if (seen.signature !== this.pending) {
      this.pending = seen.signature;
      return 'changing';
    }
    this.pending = undefined;
    const result = await loadInBackground(this.options.dir, { asOf: this.asOf(), laCode: this.options.laCode }, this.store.answersToPrepare());
    const errors = result.errors;
    const summary = summarise(result.files, result.records.length, errors, seen.modified, this.now());
    const reason = this.refusal(summary);
    this.signature = seen.signature;
    if (reason) {
      this.refused = { ...summary, reason };
      this.log(`edubridge: new data in ${this.options.dir} refused: ${reason}; still serving the ${this.loaded.children} children loaded at ${this.loaded.at}`);
      return 'refused';
    }
    if (this.options.shared) this.generation = await this.options.shared.publish(result.records, seen.signature, summary);
    // Requests that came in while the last of the children were taken in are answered first.
    await new Promise((resolve) => setImmediate(resolve));
    const store = new ChildStore(result.records, this.asOf, result.order);
    const warmed = await store.warmFrom(this.store, result.prepared);
    this.store = store;
    this.loaded = summary;
    this.refused = null;
    this.log(`edubridge: reloaded ${summary.children} children from ${summary.files.length} files in ${this.options.dir}${result.apart ? ' (read in a separate process)' : ''}${errors > 0 ? `; ${errors} row${errors === 1 ? '' : 's'} could not be imported` : ''}; ${warmed} status answer${warmed === 1 ? '' : 's'} made ready`);
    return 'loaded';
  }

  private refusal(summary: LoadSummary): string | undefined {
    const whole = summary.files.filter((f) => f.rejectedWhole).map((f) => f.file);
    if (whole.length > 0) return `${whole.join(', ')} could not be read at all`;
    if (summary.children === 0) return 'it has no children';
    const percent = summary.rowsRead === 0 ? 0 : (100 * summary.rowsRejected) / summary.rowsRead;
    if (percent > this.maxRejectedPercent) return `${summary.rowsRejected} of ${summary.rowsRead} rows (${percent.toFixed(1)}%) could not be imported, more than the ${this.maxRejectedPercent}% allowed`;
    return undefined;
  }

  report(): DataReport {
    const now = this.now().getTime();
    const newest = Math.max(...this.loaded.files.map((f) => Date.parse(f.modified)));
    return {
      dir: this.options.dir,
      asOf: this.asOf(),
      asOfFollowsClock: this.options.asOf === undefined,
      loaded: this.loaded,
      loadedSecondsAgo: Math.max(0, Math.round((now - Date.parse(this.loaded.at)) / 1000)),
      newestFileSecondsAgo: Number.isFinite(newest) ? Math.max(0, Math.round((now - newest) / 1000)) : null,
      checkedAt: this.checkedAt.toISOString(),
      refused: this.refused,
      maxRejectedPercent: this.maxRejectedPercent,
      pollSeconds: this.pollMs / 1000,
      generation: this.options.shared ? this.generation : null,
    };
  }
}
