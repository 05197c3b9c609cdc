import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { loadDataDirectory, type LoadOptions } from '../import/load.ts';

/**
 * Reads a data directory in a worker thread, so that a refresh while the server is answering does not hold
 * its requests up; the children, file summaries and error count go back to the server in one message.
 */
z.config({ jitless: true });
const { dir, options } = workerData as { dir: string; options: LoadOptions };
const result = await loadDataDirectory(dir, options);
parentPort?.postMessage({ records: result.records, files: result.files, errors: result.problems.filter((p) => p.severity === 'error').length });
