import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { LANGUAGES } from '../../messages/format.ts';
import { errorCount } from '../../import/problem.ts';
import { toPortable } from '../../rules/mark-columns.ts';
import { loadDataDirectory } from '../import/load.ts';
import { prepareAnswers } from './data.ts';

/**
 * Reads a data directory again (a refresh) in a child process of the server (started by live-data.ts with
 * `child_process.fork`), so that neither the time nor the memory the import takes holds up the server, and
 * the memory is returned when the process ends. Every thread of the process runs at the lowest CPU
 * priority: not only the one that reads, but also the garbage collector's and libuv's helpers. (A worker
 * thread, as a refresh used before, shares those helpers with the server's own thread at its priority.
 * Under 150 connections on two cores, in six refreshes each way, the server's p99 during a refresh was
 * 20.4–32.6 ms from a process and 28.0–41.3 ms from a worker thread; the refresh takes 18–23 s rather
 * than 12–13 s.) It reads with its main thread only (no `parallel`). Start-up reads on the server's own
 * thread: nothing is served yet.
 *
 * The job comes as the first message. The children's attendance marks go back first, in one buffer; then
 * the children, a slice at a time (`LOAD_SLICE` to a message), each only when the server asks for the
 * next (`'more'`), after it has answered what was waiting: a message is taken in on one turn of the event
 * loop, and slices sent all at once would be taken in together, holding up every request meanwhile. Each
 * slice's children get their marks as they are taken in. Then, the same way, the status answers the
 * server asked to have made ready from the new data (`ANSWER_SLICE` to a message: 2,000 answers are some
 * 40 MB of JSON), so the server's thread does not work them out again; last the file summaries, the error
 * count and the children's list order, so it does not sort the children either.
 */
export const LOAD_SLICE = 25;
/** Status answers made ready sent to a message (see above). */
export const ANSWER_SLICE = 50;
/** The niceness of every thread of a refresh's process (0 normal, 19 lowest). */
export const REFRESH_NICENESS = 19;

/** What the server sends: where to read, how, and which answers to make ready. */
const Job = z.object({
  dir: z.string().min(1),
  options: z.object({ asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), laCode: z.string().optional() }),
  prepare: z.array(z.object({ personId: z.string(), language: z.enum(LANGUAGES), encodings: z.array(z.enum(['br', 'gzip'])) })),
});

/**
 * Lowers this process's priority, every thread of it. On Linux a niceness belongs to a thread: the
 * threads already running (V8's helpers) are each lowered, and those started later inherit it from the
 * thread that starts them. Elsewhere the process's priority is the one to set.
 */
function lowerPriority(): void {
  try {
    setPriority(REFRESH_NICENESS);
  } catch {
    return; // Not allowed here: the refresh runs at normal priority.
  }
  let threads: string[] = [];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return; // Not Linux: the process's priority is set.
  }
  for (const thread of threads) {
    try {
      setPriority(Number(thread), REFRESH_NICENESS);
    } catch {
      // A thread that has ended meanwhile.
    }
  }
}

const send = (message: unknown) => new Promise<void>((resolve, reject) => process.send!(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
const asked = () => new Promise((resolve) => process.once('message', resolve));

// Only as the process live-data.ts starts (with a channel to it): imported elsewhere (for its constants,
// or by a test runner whose workers have a channel too), this module does nothing.
const started = process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url;
if (started && process.send) {
  // The server has gone (stopped, or crashed): this refresh is for nobody.
  process.once('disconnect', () => process.exit(0));
  lowerPriority();
  z.config({ jitless: true });
  const { dir, options, prepare } = Job.parse(await asked());
  const result = await loadDataDirectory(dir, options);
  const { answers: prepared, order } = await prepareAnswers(result.records, options.asOf, prepare);
  const { records, ...marks } = toPortable(result.records).message;
  await send({ marks });
  for (let start = 0; start < records.length; start += LOAD_SLICE) {
    await send({ records: records.slice(start, start + LOAD_SLICE) });
    await asked();
  }
  for (let start = 0; start < prepared.length; start += ANSWER_SLICE) {
    await send({ answers: prepared.slice(start, start + ANSWER_SLICE) });
    await asked();
  }
  await send({ done: true, files: result.files, errors: errorCount(result.problems), order });
  process.disconnect();
}
