import './setup.ts';
import { ChildEducationRecord } from '../../core/model/record.ts';
import type { EducationStatus } from '../../core/model/status.ts';
import { deriveStatus } from '../../core/status/derive.ts';
import { issueText } from './api.ts';
import type { Language } from './i18n.ts';

export type Derived = { ok: true; status: EducationStatus } | { ok: false; detail: string };

/** Today as a calendar date in the UK. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

/** Works out a status from a record given as a property; a bad record names the field at fault. */
export function statusFromRecord(record: unknown, asOf: string | undefined, language: Language): Derived {
  const parsed = ChildEducationRecord.safeParse(record);
  if (!parsed.success) return { ok: false, detail: issueText(parsed.error.issues) };
  try {
    return { ok: true, status: deriveStatus(parsed.data, { asOf: asOf || today(), language }) };
  } catch (error) {
    return { ok: false, detail: `as-of: ${(error as Error).message}` };
  }
}
