import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { errorCount } from '../../import/problem.ts';
import { toPortable } from '../../rules/mark-columns.ts';
import { loadDataDirectory, type LoadOptions } from '../import/load.ts';
import { prepareAnswers, type AnswerRequest } from './data.ts';

/**
 * Reads a data directory again (a refresh) in a worker thread, so that neither the time nor the memory the
 * import takes holds up the server, and the worker's memory is returned when it ends. It reads with this
 * one thread only (no `parallel`), at a lower CPU priority, so the server's own thread keeps answering
 * first. (Start-up reads on the server's own thread: nothing is served yet.)
 *
 * The children's attendance marks go back first, in one buffer (moved, not copied); then the children, a
 * slice at a time (`LOAD_SLICE` to a message), each only when the server's thread asks for the next
 * (`'more'`), after it has answered what was waiting: a message is taken in on one turn of the event loop,
 * and slices sent all at once would be taken in together, holding up every request meanwhile. Each slice's
 * children get their marks as they are taken in. Last come the file summaries, the error count, the
 * children's list order, and the status answers the server asked to have made ready from the new data
 * (their bytes moved too: see `ChildStore.warmFrom`), so the server's thread neither sorts the children
 * nor works those answers out again.
 */
export const LOAD_SLICE = 25;
/** The niceness of a refresh's thread (0 normal, 19 lowest). */
export const REFRESH_NICENESS = 10;

z.config({ jitless: true });
const { dir, options, prepare } = workerData as { dir: string; options: LoadOptions & { asOf: string }; prepare: AnswerRequest[] };
try {
  // On Linux this thread alone: the server's own thread keeps its priority. Lower, not the lowest: on a
  // busy machine a refresh still finishes in reasonable time.
  setPriority(REFRESH_NICENESS);
} catch {
  // Not allowed here: the refresh runs at normal priority.
}
const result = await loadDataDirectory(dir, options);
const { answers: prepared, order } = await prepareAnswers(result.records, options.asOf, prepare);
const { message, transfer } = toPortable(result.records);
const { records, ...marks } = message;
const port = parentPort;
if (port) {
  port.postMessage({ marks }, transfer);
  for (let start = 0; start < records.length; start += LOAD_SLICE) {
    port.postMessage({ records: records.slice(start, start + LOAD_SLICE) });
    await new Promise((resolve) => port.once('message', resolve));
  }
}
const answerBuffers = prepared.flatMap((answer) => [answer.json, answer.br, answer.gzip].filter((bytes) => bytes !== undefined).map((bytes) => bytes.buffer as ArrayBuffer));
parentPort?.postMessage({ done: true, files: result.files, errors: errorCount(result.problems), prepared, order }, [...answerBuffers, order.buffer as ArrayBuffer]);
