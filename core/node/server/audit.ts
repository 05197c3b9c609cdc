import { appendFile, mkdir } from 'node:fs/promises';
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
}

export interface AuditLog {
  record(entries: readonly AuditEntry[]): Promise<void>;
}

export function fileAuditLog(file: string): AuditLog {
  let ready: Promise<unknown> | undefined;
  let queue: Promise<void> = Promise.resolve();
  return {
    record(entries) {
      if (entries.length === 0) return Promise.resolve();
      ready ??= mkdir(dirname(file), { recursive: true });
      const text = entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n';
      // Appends are serialised so lines from concurrent requests never interleave.
      const write = queue.then(async () => {
        await ready;
        await appendFile(file, text, { encoding: 'utf8', flag: 'a', mode: 0o600 });
      });
      queue = write.catch(() => undefined);
      return write;
    },
  };
}
