import { connect } from 'node:net';
import { generateRecords } from '../../../core/generate/generate.ts';
import type { ChildEducationRecord } from '../../../core/model/index.ts';
import type { AuditEntry, AuditLog } from '../../../core/node/server/audit.ts';
import { createApp, type AppOptions } from '../../../core/node/server/app.ts';
import { ChildStore } from '../../../core/node/server/data.ts';
import type { User } from '../../../core/node/server/users.ts';

/** A small generated data set, a user per role, and the app over them, run in-process (no port). */
export const AS_OF = '2026-03-10';
export const RECORDS: ChildEducationRecord[] = generateRecords({ children: 40, seed: 7, asOf: AS_OF });

const currentSchool = (record: ChildEducationRecord) => record.school.enrolments.find((e) => e.end === undefined || e.end >= AS_OF)?.urn;

/** The school with the most children: the designated teacher's. */
export const DT_SCHOOL = (() => {
  const counts = new Map<string, number>();
  for (const record of RECORDS) {
    const urn = currentSchool(record);
    if (urn) counts.set(urn, (counts.get(urn) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
})();

export const USERS = {
  socialWorker: { token: 'token-social-worker-0001', name: 'Sam Worker', role: 'social-worker', children: RECORDS.slice(0, 5).map((r) => r.identity.personId), schools: [] },
  teacher: { token: 'token-designated-teacher-01', name: 'Dee Teacher', role: 'designated-teacher', children: [], schools: [DT_SCHOOL] },
  virtualSchool: { token: 'token-virtual-school-0001', name: 'Val Head', role: 'virtual-school', children: [], schools: [] },
} satisfies Record<string, User>;

/** The children each user may see, worked out independently of the server. */
export const EXPECTED_SCOPE: Record<keyof typeof USERS, string[]> = {
  socialWorker: USERS.socialWorker.children,
  teacher: RECORDS.filter((r) => currentSchool(r) === DT_SCHOOL).map((r) => r.identity.personId),
  virtualSchool: RECORDS.map((r) => r.identity.personId),
};

export function memoryAudit(): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    record: async (more) => {
      entries.push(...more);
    },
  };
}

export function makeApp(options: Partial<AppOptions> = {}) {
  const audit = memoryAudit();
  const logs: string[] = [];
  const app = createApp({
    store: new ChildStore(RECORDS, AS_OF),
    users: Object.values(USERS),
    audit,
    origins: ['https://portal.council.example', 'chrome-extension://*'],
    log: (line) => logs.push(line),
    ...options,
  });
  return { app, audit, logs };
}

export const bearer = (user: User) => ({ authorization: `Bearer ${user.token}` });

/** Sends `request` as raw HTTP to a server on loopback and returns everything it wrote back: for what a
 * fetch-based client would not send (oversized or repeated headers, bytes that are not HTTP). */
export function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}
