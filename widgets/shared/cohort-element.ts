import { nothing, type TemplateResult } from 'lit';
import type { StatusSummary } from '../../core/model/summary.ts';
import { issueText, loadCohort, problemFrom, type CohortQuery } from './api.ts';
import type { LoadState } from './base.ts';
import { cohortMemberIssues } from './cohort-check.ts';
import { EduDataElement } from './data-element.ts';

/**
 * Checks a list of statuses given as a property — full (`EducationStatus`) or compact (`StatusSummary`),
 * only the parts the cohort components read; the first bad one is named by its position and field.
 */
export function checkChildren(children: unknown): { ok: true; list: StatusSummary[] } | { ok: false; detail: string } {
  if (!Array.isArray(children)) return { ok: false, detail: 'children: expected a list' };
  for (let index = 0; index < children.length; index += 1) {
    const issues = cohortMemberIssues(children[index]);
    if (issues) return { ok: false, detail: `children[${index}].${issueText(issues)}` };
  }
  return { ok: true, list: children as StatusSummary[] };
}

/**
 * The data side of the cohort components: a `statuses` property (a list of education statuses, full or
 * compact) or the Education Status API (`src`, narrowed by `school`, `year-group` or `key-stage`), read
 * as compact statuses (`view=summary`), a few per cent of the bytes of full ones.
 */
export class EduCohortElement extends EduDataElement<StatusSummary[]> {
  static override properties = {
    ...EduDataElement.properties,
    statuses: { attribute: false },
    school: { type: String },
    yearGroup: { type: String, attribute: 'year-group' },
    keyStage: { type: String, attribute: 'key-stage' },
  };

  /** The children to list, as education statuses (`EducationStatus` or the compact `StatusSummary`). Takes precedence over `src`. */
  declare statuses: StatusSummary[] | undefined;

  /**
   * The same list as `statuses`, by its older name. It replaces the DOM's `children` collection on these
   * elements, which have no light-DOM children of their own; React reserves `children`, so use `statuses`.
   * @type {StatusSummary[] | EducationStatus[] | undefined}
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- StatusSummary[] | EducationStatus[] | undefined; `any` because HTMLElement declares `children` as an HTMLCollection.
  override get children(): any {
    return this.statuses;
  }

  override set children(list: StatusSummary[] | undefined) {
    this.statuses = list;
  }

  /** Load only the children at these schools (URNs, comma-separated). */
  declare school: string | undefined;
  /** Load only the children in these national curriculum years (Reception is 0; comma-separated). */
  declare yearGroup: string | undefined;
  /** Load only the children in these key stages (`KS1` … `KS4`, `early-years`, `16-19`; comma-separated). */
  declare keyStage: string | undefined;

  protected readonly dataProperties = ['statuses', 'src', 'token', 'school', 'yearGroup', 'keyStage'] as const;

  protected cohortQuery(): CohortQuery {
    const list = (value: string | undefined): string[] => (value ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    const query: CohortQuery = {};
    if (this.school) query.school = list(this.school);
    if (this.yearGroup) query.yearGroup = list(this.yearGroup).map(Number);
    if (this.keyStage) query.keyStage = list(this.keyStage) as NonNullable<CohortQuery['keyStage']>;
    return query;
  }

  protected override refresh(): void {
    if (this.statuses !== undefined && this.statuses !== null) {
      const checked = checkChildren(this.statuses);
      this.state = checked.ok ? this.ready(checked.list) : this.failed({ kind: 'invalid-input', detail: checked.detail });
      return;
    }
    if (this.src) {
      const { src, token, language } = this;
      const query = this.cohortQuery();
      this.load(
        (signal) => loadCohort({ src, token, signal }, query, language),
        (list) => {
          this.state = this.ready(list);
          this.emit('edu-load', { count: list.length });
        },
        (error) => this.failed(problemFrom(error)),
      );
      return;
    }
    this.state = { kind: 'empty' };
  }

  private ready(list: StatusSummary[]): LoadState<StatusSummary[]> {
    return list.length === 0 ? { kind: 'empty' } : { kind: 'ready', data: list };
  }

  protected override render(): TemplateResult | typeof nothing {
    const pending = this.renderWordsPending(true);
    if (pending !== undefined) return pending;
    const state = this.state;
    if (state.kind !== 'ready') return this.renderState(state, true, () => this.reload());
    return this.renderCohort(state.data);
  }

  protected renderCohort(_children: StatusSummary[]): TemplateResult | typeof nothing {
    return nothing;
  }
}
