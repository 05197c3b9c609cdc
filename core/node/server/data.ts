import type { ChildEducationRecord, EducationStatus } from '../../model/index.ts';
import { normaliseUpn } from '../../rules/identifiers.ts';
import { deriveStatus } from '../../status/derive.ts';
import type { User } from './users.ts';

/** The children the server knows, with their statuses on the service's date, and who may see whom. */
export class ChildStore {
  readonly records: readonly ChildEducationRecord[];
  private readonly byPersonId = new Map<string, ChildEducationRecord>();
  private readonly byUpn = new Map<string, ChildEducationRecord>();
  private readonly statuses = new Map<string, EducationStatus>();
  /** Ordered by last name, first name, person ID: the order of every list. */
  private readonly ordered: ChildEducationRecord[];

  constructor(
    records: readonly ChildEducationRecord[],
    readonly asOf: string,
  ) {
    this.records = records;
    // A UPN names a child only when one record has it: shared, it would widen scope to both.
    const sharedUpns = new Set<string>();
    for (const record of records) {
      this.byPersonId.set(record.identity.personId, record);
      if (!record.identity.upn) continue;
      const upn = normaliseUpn(record.identity.upn);
      if (this.byUpn.has(upn)) sharedUpns.add(upn);
      else this.byUpn.set(upn, record);
    }
    for (const upn of sharedUpns) this.byUpn.delete(upn);
    this.ordered = [...records].sort(
      (a, b) =>
        a.identity.lastName.localeCompare(b.identity.lastName, 'en-GB') ||
        a.identity.firstName.localeCompare(b.identity.firstName, 'en-GB') ||
        a.identity.personId.localeCompare(b.identity.personId),
    );
  }

  /** The record with this person ID, or else this UPN (when only one record has it). */
  find(id: string): ChildEducationRecord | undefined {
    return this.byPersonId.get(id) ?? this.byUpn.get(normaliseUpn(id));
  }

  /** The status on `asOf` (the service's date unless given); the service-date ones are kept. */
  status(record: ChildEducationRecord, asOf: string = this.asOf, language: 'en' | 'cy' = 'en'): EducationStatus {
    if (asOf !== this.asOf || language !== 'en') return deriveStatus(record, { asOf, language });
    let status = this.statuses.get(record.identity.personId);
    if (!status) {
      status = deriveStatus(record, { asOf });
      this.statuses.set(record.identity.personId, status);
    }
    return status;
  }

  /** Whether `user` may see this child (judged on the service's date). */
  maySee(user: User, record: ChildEducationRecord): boolean {
    switch (user.role) {
      case 'virtual-school':
        return true;
      case 'social-worker': {
        const { personId } = record.identity;
        return user.children.some((id) => id === personId || this.byUpn.get(normaliseUpn(id)) === record);
      }
      case 'designated-teacher': {
        const school = this.status(record).school;
        return school !== null && user.schools.includes(school.urn);
      }
    }
  }

  /** Every child `user` may see, in list order. */
  visibleTo(user: User): ChildEducationRecord[] {
    return this.ordered.filter((record) => this.maySee(user, record));
  }
}
