import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The audit log: one JSON line per disclosure (who, which child, when, through which endpoint), only ever
 * appended to. A disclosure that cannot be recorded is not made: the request fails instead.
 */
export interface AuditEntry {
  time: string;
  requestId: string;
  user: string;
  role: string;
  endpoint: string;
  /** The child's person ID, or null for an aggregate over a cohort. */
  child: string | null;
  /** For an aggregate: how many children it covered. */
  cohortSize?: number;
  /** Why, as the caller said in the EduBridge-Purpose header. */
  purpose?: string;
  /** Where it was shown, as the caller said in the EduBridge-Page-Origin header (an origin). */
  pageOrigin?: string;
  /** For an aggregate: the filters and date it was asked for, as sent. */
  filters?: Record<string, string>;
  /** For an aggregate: the person IDs of every child it covered. */
  children?: string[];
}

export interface AuditLog {
  record(entries: readonly AuditEntry[]): Promise<void>;
}

/**
 * Writes with `write` one batch at a time, in order: items that arrive while a batch is being written go
 * together in the next, so many requests at once cost few writes, and a request is answered only once the
 * batch holding its items is written. A batch that fails fails every request waiting on it.
 */
export function groupWriter<T>(write: (items: T[]) => Promise<void>): (items: readonly T[]) => Promise<void> {
  /** Items waiting for the next write, with the requests waiting on them. */
  let batch: { items: T[]; waiting: { resolve: () => void; reject: (error: unknown) => void }[] } | undefined;
  let writing = false;

  const flush = async () => {
    writing = true;
    while (batch) {
      const current = batch;
      batch = undefined;
      try {
        await write(current.items);
        for (const waiter of current.waiting) waiter.resolve();
      } catch (error) {
        for (const waiter of current.waiting) waiter.reject(error);
      }
    }
    writing = false;
  };

  return (items) => {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      batch ??= { items: [], waiting: [] };
      for (const item of items) batch.items.push(item);
      batch.waiting.push({ resolve, reject });
      if (!writing) void flush();
    });
  };
}

export function fileAuditLog(file: string): AuditLog {
  let ready: Promise<unknown> | undefined;
  // One append at a time, so lines from concurrent requests never interleave.
  const append = groupWriter<string>(async (lines) => {
    ready ??= mkdir(dirname(file), { recursive: true });
    await ready;
    await appendFile(file, lines.join(''), { encoding: 'utf8', flag: 'a', mode: 0o600 });
  });
  return { record: (entries) => append(entries.map((entry) => `${JSON.stringify(entry)}\n`)) };
}

/** How long the start-up check may take: a path on a device or a stalled network mount never answers. */
const OPEN_CHECK_MS = 5_000;

/**
 * The audit log file, checked first: its folder is made, and the file opened for appending and confirmed
 * to be a regular file. A path that cannot be written (under /proc, a device, a missing mount) stops the
 * server at start-up rather than failing or hanging every request that discloses a child.
 */
export async function openFileAuditLog(file: string): Promise<AuditLog> {
  const check = (async () => {
    await mkdir(dirname(file), { recursive: true });
    const handle = await open(file, 'a', 0o600);
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new Error('it is not a regular file');
    } finally {
      await handle.close();
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`opening it took more than ${OPEN_CHECK_MS / 1000} seconds`)), OPEN_CHECK_MS);
  });
  try {
    await Promise.race([check, timeout]);
  } catch (error) {
    throw new Error(`cannot write the audit log ${file}: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  return fileAuditLog(file);
}
