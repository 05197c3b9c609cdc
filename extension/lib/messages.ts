import { z } from 'zod';
import { MAX_CASELOAD_ROWS } from './limits.ts';
import type { EducationStatus, PepState, Rating } from '../../core/model/index.ts';
import type { Adapter } from './adapters/schema.ts';
import type { NeedsActionLevel } from '../../core/presentation/needs-action.ts';
import type { ChildSummary } from './cache.ts';
import type { Problem } from './problems.ts';
import type { EffectiveSettings, UserSettings } from './settings.ts';

/**
 * Messages between the extension's parts. The background validates every incoming message with these
 * schemas and checks it against its sender before acting on it.
 */

const shortText = z.string().max(500);
export { MAX_CASELOAD_ROWS };
const personId = z.string().min(1).max(100);

/** From a content script on a case-management page. */
export const ContentMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello') }),
  z.object({
    type: z.literal('recognised'),
    adapterId: z.string().min(1).max(100),
    personId,
    name: shortText.optional(),
    dateOfBirth: shortText.optional(),
    missing: z.array(shortText).max(20),
    /** The session the content script already put the badge frame into the page for (so the frame loads
     * while the background works); the background refuses one already in use. */
    frameKey: z.string().regex(/^[0-9a-f-]{36}$/).optional(),
  }),
  z.object({ type: z.literal('left') }),
  z.object({
    type: z.literal('caseload'),
    adapterId: z.string().min(1).max(100),
    /** The rows the page shows (at most MAX_CASELOAD_ROWS): each row's person ID and its text, in which the
     * record's name must appear before the row gets a chip. */
    rows: z.array(z.object({ personId, text: z.string().max(2_000) })).min(1).max(MAX_CASELOAD_ROWS),
  }),
]);
export type ContentMessage = z.infer<typeof ContentMessage>;

/** From the extension's own pages (popup, options). */
export const PageMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('popup'), tabId: z.number().int().optional() }),
  z.object({ type: z.literal('search'), query: z.string().max(200) }),
  z.object({ type: z.literal('print'), tabId: z.number().int() }),
  z.object({ type: z.literal('settings:get') }),
  z.object({ type: z.literal('settings:set'), patch: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('cache:purge') }),
  z.object({ type: z.literal('signout') }),
  // Sign in with the council account (authMode "oidc"): the background opens the provider's sign-in window.
  z.object({ type: z.literal('signin') }),
  z.object({ type: z.literal('audit:csv') }),
  z.object({ type: z.literal('adapter:test'), adapter: z.unknown(), tabId: z.number().int().optional() }),
  z.object({ type: z.literal('permissions:changed') }),
  // The options form's unsaved values, or the saved ones where a field is left out (or locked).
  z.object({
    type: z.literal('connection:test'),
    apiBaseUrl: z.string().max(2048).optional(),
    authMode: z.enum(['cookie', 'token', 'oidc']).optional(),
    token: z.string().max(4096).optional(),
  }),
]);
export type PageMessage = z.infer<typeof PageMessage>;

/** From the overlay frame, over its port. */
export const OverlayMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('attach'), session: z.string().min(16).max(64) }),
  z.object({ type: z.literal('set-open'), open: z.boolean() }),
  z.object({ type: z.literal('dismiss') }),
  z.object({ type: z.literal('retry') }),
]);
export type OverlayMessage = z.infer<typeof OverlayMessage>;

/** From the badge frame, over its port ("badge"). */
export const BadgeFrameMessage = z.object({ type: z.literal('attach'), session: z.string().min(16).max(64) });

/** From a caseload chip frame, over its port ("chip"): which chip of which caseload page it is. */
export const ChipFrameMessage = z.object({ type: z.literal('attach'), session: z.string().min(16).max(64), index: z.number().int().min(0).max(MAX_CASELOAD_ROWS - 1) });

/** What a chip frame shows: a rating, or nothing (no record, not this person's, or a name that disagrees). */
export interface ChipFacts {
  overall?: Rating;
  /** Something overdue or due this week (core/presentation/needs-action.ts): the chip says so in words. */
  action?: 'overdue' | 'due-this-week';
}

/** What the overlay shows. Figures only in `ready`, or in `unavailable` as the last good data. */
export interface OverlayState {
  /** `mismatch`: the page shows a name or date of birth that is not the record's; `uncertain`: the page
   * shows both but EduBridge cannot be sure they are the record's. Neither shows figures; `mismatchReasons`
   * says why. */
  phase: 'loading' | 'ready' | 'mismatch' | 'uncertain' | 'no-record' | 'unavailable';
  personId: string;
  status?: EducationStatus;
  /** When the data shown was fetched (ms since the epoch). */
  fetchedAt?: number;
  /** Whether a fresh copy is being fetched. */
  refreshing: boolean;
  problem?: Problem;
  /** Why the record may not match the page, or why EduBridge cannot be sure it does, in words. */
  mismatchReasons?: string[];
  /** Why the adapter could not find everything it looks for. */
  diagnostics: string[];
  open: boolean;
  now: number;
}

/**
 * The badge's few facts: the overall rating, attendance this year and the PEP state (plus the record's
 * name, for the badge's accessible name). They go from the background to the badge frame (an extension
 * page) over its port, never to the content script or the page. `seq` orders updates.
 * `unconfirmed`: the page does not show a name and date of birth to check the record against, so the
 * badge shows no figures (the panel opens the record on request). `stopped`: the page changed child too
 * often (see RECOGNITION_BUDGET); `problem` says why.
 */
export interface BadgeFacts {
  seq: number;
  phase: OverlayState['phase'] | 'unconfirmed' | 'stopped';
  rating?: Rating;
  attendancePercent?: number | null;
  pep?: PepState;
  name?: string;
  /** Showing the last good data because the API failed. */
  stale: boolean;
  /** The plain-words problem, when there are no figures to show. */
  problem?: string;
}

/** The background's reply to `recognised`: only the session the badge and panel frames attach to. */
export type RecognisedReply = { session: string } | { dismissed: true };

/** The background's reply to `caseload`: the session the rows' chip frames attach to. */
export interface CaseloadReply {
  session: string;
}

/** What the content script asks of the page it runs in (from the background, for "test this adapter"). */
export interface DiagnoseRequest {
  type: 'diagnose';
  adapter: Adapter;
}

export interface DiagnoseResult {
  url: string;
  pageKind: 'child' | 'caseload' | 'none';
  personId?: string;
  name?: string;
  dateOfBirth?: string;
  anchorFound?: boolean;
  caseloadRows?: number;
  missing: string[];
}

export interface PopupView {
  child: null | {
    personId: string;
    phase: OverlayState['phase'];
    status?: EducationStatus;
    fetchedAt?: number;
    problem?: Problem;
  };
  connection: { apiOrigin: string; state: 'ok' | 'unknown' | Problem['kind']; message: string; checkedAt?: number };
  cachedChildren: number;
  account: AccountView;
  /** Saved children with something to act on, overdue first, then due this week, red and amber. */
  needsAction: NeedsActionItem[];
}

/** The printable summary page's answer: the tab's child, only when its page confirmed the record. */
export interface PrintView {
  status?: EducationStatus;
  message: string;
}

/** A saved child in the popup's "needs action" list: the name and the one reason, no figures. */
export interface NeedsActionItem {
  personId: string;
  displayName: string;
  level: NeedsActionLevel;
  reason: string;
}

/** Who is signed in with their council account (authMode "oidc"), for the popup and options page. */
export interface AccountView {
  mode: 'cookie' | 'token' | 'oidc';
  /** Signed in with the council account (always false outside "oidc"). */
  signedIn: boolean;
  /** Their name, email or username at the identity provider. */
  name?: string;
  /** Why they are signed out, when the sign-in ended on its own (refused renewal, or the API refused it). */
  notice?: string;
}

export interface SettingsView {
  settings: Omit<EffectiveSettings, 'token'> & { tokenSet: boolean };
  account: AccountView;
  builtInAdapters: Adapter[];
  grantedOrigins: string[];
}

export type SettingsPatch = Partial<UserSettings>;
export type SearchResult = ChildSummary[];
