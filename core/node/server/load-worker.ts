import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { toPortable } from '../../rules/mark-columns.ts';
import { loadDataDirectory, type LoadOptions } from '../import/load.ts';

/**
 * Reads a data directory in a worker thread, so that neither the time nor the memory the import takes
 * holds up the server: the children go back in one message (their attendance marks in one buffer, moved
 * rather than copied), with the file summaries and error count, and the worker's memory is returned when
 * it ends. A refresh reads with this one thread only (no `parallel`), so the other core goes on answering.
 */
z.config({ jitless: true });
const { dir, options } = workerData as { dir: string; options: LoadOptions };
const result = await loadDataDirectory(dir, options);
const { message, transfer } = toPortable(result.records);
parentPort?.postMessage({ records: message, files: result.files, errors: result.problems.filter((p) => p.severity === 'error').length }, transfer);
