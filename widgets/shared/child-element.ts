import { html, type nothing, type TemplateResult } from 'lit';
import type { EducationStatus } from '../../core/model/status.ts';
import type * as ChildData from './child-data.ts';
import { EduDataElement } from './data-element.ts';

/** The checking and fetching code (zod, the API client), once loaded. */
let childData: typeof ChildData | undefined;
const loadChildData = async (): Promise<typeof ChildData> => (childData ??= await import('./child-data.ts'));

/**
 * The data side of every single-child component: a `status` property, a `record` property (derived
 * on the fly), or the Education Status API (`src` + `child-id`, with a cookie or the `token` property).
 */
export class EduChildElement extends EduDataElement<EducationStatus> {
  static override properties = {
    ...EduDataElement.properties,
    status: { attribute: false },
    record: { attribute: false },
    childId: { type: String, attribute: 'child-id' },
    asOf: { type: String, attribute: 'as-of' },
  };

  /** An education status to show, as the Education Status API returns it. Takes precedence over `record` and `src`. */
  declare status: EducationStatus | undefined;
  /** A child education record: its status is worked out in the browser on the `as-of` date. */
  declare record: unknown;
  /** The child's person ID, for loading from `src`. */
  declare childId: string | undefined;
  /** The date to work a `record`'s status out for (`YYYY-MM-DD`); today when absent. */
  declare asOf: string | undefined;

  protected readonly dataProperties = ['status', 'record', 'src', 'childId', 'token', 'asOf'] as const;

  protected override refresh(): void {
    if (this.status !== undefined && this.status !== null) {
      // The schema is loaded with the first status to check; later ones are checked at once.
      const given: unknown = this.status;
      const show = (checked: ChildData.StatusCheck) => {
        this.state = checked.ok ? { kind: 'ready', data: checked.status } : this.failed({ kind: 'invalid-input', detail: checked.detail });
      };
      if (childData) show(childData.checkStatus(given));
      else this.load(() => loadChildData(), (data) => show(data.checkStatus(given)), () => this.failed({ kind: 'network' }));
      return;
    }
    if (this.record !== undefined && this.record !== null) {
      // The rules that derive a status are loaded only by pages that pass records, keeping the bundle small.
      const { record, asOf, language } = this;
      this.load(
        () => import('./record.ts'),
        ({ statusFromRecord }) => {
          const derived = statusFromRecord(record, asOf, language);
          this.state = derived.ok ? { kind: 'ready', data: derived.status } : this.failed({ kind: 'invalid-input', detail: derived.detail });
        },
        () => this.failed({ kind: 'network' }),
      );
      return;
    }
    if (this.src && this.childId) {
      const { src, token, childId, language } = this;
      this.load(
        async (signal) => (await loadChildData()).fetchStatus({ src, token, signal }, childId, language),
        (fetched) => {
          if (!fetched.ok) {
            this.state = this.failed(fetched.problem);
            return;
          }
          this.state = { kind: 'ready', data: fetched.status };
          this.emit('edu-load', { childId });
        },
        () => this.failed({ kind: 'network' }),
      );
      return;
    }
    this.state = { kind: 'empty' };
  }

  protected override render(): TemplateResult | typeof nothing {
    const pending = this.renderWordsPending(false);
    if (pending !== undefined) return pending;
    const state = this.state;
    if (state.kind !== 'ready') return this.renderState(state, false, () => this.reload());
    return this.renderStatus(state.data);
  }

  /** Each component draws its part of the status here. */
  protected renderStatus(_status: EducationStatus): TemplateResult {
    return html``;
  }

  /** A heading at the level the page asked for. */
  protected heading(text: string, part = 'heading'): TemplateResult {
    const level = this.headingLevelValue();
    return html`<div class="heading h${level}" role="heading" aria-level=${level} part=${part}>${text}</div>`;
  }

  /** A sub-heading one level below the component's heading. */
  protected subheading(text: string): TemplateResult {
    const level = Math.min(6, this.headingLevelValue() + 1);
    return html`<div class="subheading" role="heading" aria-level=${level}>${text}</div>`;
  }
}
