import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { DataSet } from '../../import/dataset.ts';
import type { ImportLimits } from '../../import/limits.ts';
import { readDataFile } from './load.ts';

/**
 * Reads one attendance file in a data set of its own, on a second thread while the other files are read
 * (see `loadDataDirectory`'s `parallel`), and sends back what it holds (`DataSet.exportAttendance`): null
 * when the file turned out not to be attendance alone, which is then read again in order.
 */
z.config({ jitless: true });
const { path, file, asOf, limits } = workerData as { path: string; file: string; asOf: string; limits?: Partial<ImportLimits> };
const data = new DataSet(asOf, limits);
await readDataFile(path, file, data);
const part = data.exportAttendance(file);
parentPort?.postMessage(part ?? null, part ? [part.packed.buffer as ArrayBuffer, part.offsets.buffer as ArrayBuffer] : []);
