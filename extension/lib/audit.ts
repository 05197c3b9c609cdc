import type { AuditRow, EduBridgeDb } from './db.ts';

/** The audit log: each time a child's data was shown — when, which child, on which page origin. */

export class AuditLog {
  constructor(
    private readonly db: EduBridgeDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(personId: string, origin: string, shownIn: AuditRow['shownIn']): Promise<void> {
    await this.db.audit.add({ at: this.now().toISOString(), personId, origin, shownIn });
  }

  async all(): Promise<AuditRow[]> {
    return this.db.audit.orderBy('id').toArray();
  }
}

/** A spreadsheet cell: quoted, with a leading quote before anything a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditCsv(rows: readonly AuditRow[]): string {
  const lines = [['shown at', 'person ID', 'page origin', 'shown in'].join(',')];
  for (const row of rows) lines.push([row.at, row.personId, row.origin, row.shownIn].map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
