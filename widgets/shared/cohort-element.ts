import { nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { EducationStatus } from '../../core/model/status.ts';
import { isAbort, issueText, loadCohort, problemFrom, type CohortQuery } from './api.ts';
import { EduElement, type LoadState } from './base.ts';
import { cohortMemberIssues } from './cohort-check.ts';
import { headingStyles, ragStyles, tokens } from './styles.ts';

const DATA_PROPERTIES = ['children', 'src', 'token', 'school', 'yearGroup', 'keyStage'] as const;

/**
 * Checks a list of statuses given as a property (the parts the cohort components read); the first bad
 * one is named by its position and field.
 */
export function checkChildren(children: unknown): { ok: true; list: EducationStatus[] } | { ok: false; detail: string } {
  if (!Array.isArray(children)) return { ok: false, detail: 'children: expected a list' };
  for (let index = 0; index < children.length; index += 1) {
    const issues = cohortMemberIssues(children[index]);
    if (issues) return { ok: false, detail: `children[${index}].${issueText(issues)}` };
  }
  return { ok: true, list: children as EducationStatus[] };
}

/**
 * The data side of the cohort components: a `children` property (a list of education statuses) or the
 * Education Status API (`src`, narrowed by `school`, `year-group` or `key-stage`).
 */
export class EduCohortElement extends EduElement {
  static override styles = [tokens, ragStyles, headingStyles];

  static override properties = {
    children: { attribute: false },
    src: { type: String },
    school: { type: String },
    yearGroup: { type: String, attribute: 'year-group' },
    keyStage: { type: String, attribute: 'key-stage' },
    token: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    state: { state: true },
  };

  /**
   * The children to list, as education statuses. Takes precedence over `src`. This replaces the DOM's
   * `children` collection on these elements, which have no light-DOM children of their own.
   * @type {EducationStatus[] | undefined}
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- EducationStatus[] | undefined; `any` because HTMLElement declares `children` as an HTMLCollection.
  declare children: any;
  /** The Education Status service's address, e.g. `https://education.council.example` (the API is under /api/v1). */
  declare src: string | undefined;
  /** Load only the children at these schools (URNs, comma-separated). */
  declare school: string | undefined;
  /** Load only the children in these national curriculum years (Reception is 0; comma-separated). */
  declare yearGroup: string | undefined;
  /** Load only the children in these key stages (`KS1` … `KS4`, `early-years`, `16-19`; comma-separated). */
  declare keyStage: string | undefined;
  /** A bearer token for the API. A property only, so it never appears in the page's HTML. Without it the session cookie is sent. */
  declare token: string | undefined;
  /** The level of the component's heading (2 by default), to fit the page's outline. */
  declare headingLevel: number;
  declare protected state: LoadState<EducationStatus[]>;

  #abort?: AbortController;

  constructor() {
    super();
    this.headingLevel = 2;
    this.state = { kind: 'empty' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (DATA_PROPERTIES.some((name) => changed.has(name))) this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  /** Reload from the API (the error state's "Try again" button). */
  reload(): void {
    this.refresh();
    this.requestUpdate();
  }

  protected cohortQuery(): CohortQuery {
    const list = (value: string | undefined): string[] => (value ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    const query: CohortQuery = {};
    if (this.school) query.school = list(this.school);
    if (this.yearGroup) query.yearGroup = list(this.yearGroup).map(Number);
    if (this.keyStage) query.keyStage = list(this.keyStage) as NonNullable<CohortQuery['keyStage']>;
    return query;
  }

  private refresh(): void {
    this.#abort?.abort();
    if (this.children !== undefined && this.children !== null) {
      const checked = checkChildren(this.children);
      this.state = checked.ok ? this.ready(checked.list) : this.failed({ kind: 'invalid-input', detail: checked.detail });
      return;
    }
    if (this.src) {
      const abort = new AbortController();
      this.#abort = abort;
      this.state = { kind: 'loading' };
      loadCohort({ src: this.src, token: this.token, signal: abort.signal }, this.cohortQuery(), this.language).then(
        (list) => {
          if (abort.signal.aborted) return;
          this.state = this.ready(list);
          this.emit('edu-load', { count: list.length });
        },
        (error: unknown) => {
          if (abort.signal.aborted || isAbort(error)) return;
          this.state = this.failed(problemFrom(error));
        },
      );
      return;
    }
    this.state = { kind: 'empty' };
  }

  private ready(list: EducationStatus[]): LoadState<EducationStatus[]> {
    return list.length === 0 ? { kind: 'empty' } : { kind: 'ready', data: list };
  }

  protected override render(): TemplateResult | typeof nothing {
    const state = this.state;
    if (state.kind !== 'ready') return this.renderState(state, true, () => this.reload());
    return this.renderCohort(state.data);
  }

  protected renderCohort(_children: EducationStatus[]): TemplateResult | typeof nothing {
    return nothing;
  }

  protected headingLevelValue(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel || 2)));
  }
}
