import type { ApiErrorKind } from '../../core/api/client.ts';
import type { CohortFilterValues } from './cohort-filters.ts';

/** `edu-load`: data arrived from the Education Status API and is on screen. */
export interface EduLoadDetail {
  /** The child whose status loaded, for the single-child components. */
  childId?: string;
  /** How many children loaded, for the cohort components. */
  count?: number;
}

/** `edu-error`: something stopped the component showing data. `message` is the sentence shown on screen. */
export interface EduErrorDetail {
  /** What kind of problem: `network`, `timeout`, `unauthorised`, `origin-refused` (this site is not among the service's allowed origins), `not-found` (also when not shared with the caller), `bad-request`, `rate-limited`, `server`, `invalid-response`, `unexpected-response`, or `invalid-input` (a bad `status`, `record` or `children` property). */
  kind: EduErrorKind;
  /** The plain-English sentence shown on screen, in the element's language. */
  message: string;
  /** The HTTP status, when the API answered. */
  status?: number;
}

/** Why a component could not show data: one of the API client's failures, or a bad property. */
export type EduErrorKind = ApiErrorKind | 'invalid-input';

/** `edu-select-child`: the user chose a child (a row of the cohort table). */
export interface EduSelectChildDetail {
  personId: string;
  displayName: string;
}

/** `edu-filter-change`: the dashboard's filters changed. */
export interface EduFilterChangeDetail {
  filters: CohortFilterValues;
  /** How many children match. */
  count: number;
}

/** `edu-export`: the cohort table wrote a CSV file. */
export interface EduExportDetail {
  rows: number;
  filename: string;
}

export interface EduEventDetails {
  'edu-load': EduLoadDetail;
  'edu-error': EduErrorDetail;
  'edu-select-child': EduSelectChildDetail;
  'edu-filter-change': EduFilterChangeDetail;
  'edu-export': EduExportDetail;
}

export type EduEventName = keyof EduEventDetails;

/** Every EduBridge event bubbles and crosses shadow roots, so a page can listen on `document`. */
export function eduEvent<K extends EduEventName>(type: K, detail: EduEventDetails[K]): CustomEvent<EduEventDetails[K]> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'edu-load': CustomEvent<EduLoadDetail>;
    'edu-error': CustomEvent<EduErrorDetail>;
    'edu-select-child': CustomEvent<EduSelectChildDetail>;
    'edu-filter-change': CustomEvent<EduFilterChangeDetail>;
    'edu-export': CustomEvent<EduExportDetail>;
  }
  interface DocumentEventMap {
    'edu-load': CustomEvent<EduLoadDetail>;
    'edu-error': CustomEvent<EduErrorDetail>;
    'edu-select-child': CustomEvent<EduSelectChildDetail>;
    'edu-filter-change': CustomEvent<EduFilterChangeDetail>;
    'edu-export': CustomEvent<EduExportDetail>;
  }
}
