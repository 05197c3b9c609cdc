import './setup.ts';
import { EducationStatus } from '../../core/model/status.ts';
import { issueText, isAbort, loadChildStatus, problemFrom, type ApiAccess } from './api.ts';
import type { WidgetProblem } from './base.ts';
import type { Language } from './i18n.ts';

/**
 * Everything a single-child component needs zod for — the API client and the status schema — in one
 * module that the component loads when it first has a status to check or fetch, so that the component
 * itself (Lit, its strings, its drawing) loads without zod's code.
 */

export type StatusCheck = { ok: true; status: EducationStatus } | { ok: false; detail: string };
export type StatusFetch = { ok: true; status: EducationStatus } | { ok: false; problem: WidgetProblem };

/** Checks a status given as a property against the model's schema; a failure names the bad field. */
export function checkStatus(value: unknown): StatusCheck {
  const parsed = EducationStatus.safeParse(value);
  return parsed.success ? { ok: true, status: parsed.data } : { ok: false, detail: issueText(parsed.error.issues) };
}

/** Fetches one child's status from the API (checked by the client against the contract). Aborts are thrown. */
export async function fetchStatus(access: ApiAccess, childId: string, lang: Language): Promise<StatusFetch> {
  try {
    return { ok: true, status: await loadChildStatus(access, childId, lang) };
  } catch (error) {
    if (isAbort(error)) throw error;
    return { ok: false, problem: problemFrom(error, childId) };
  }
}
