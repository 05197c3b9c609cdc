import type { nothing} from 'lit';
import { html, type PropertyValues, type TemplateResult } from 'lit';
import { EducationStatus } from '../../core/model/status.ts';
import { isAbort, issueText, loadChildStatus, problemFrom } from './api.ts';
import { EduElement, type LoadState } from './base.ts';
import { headingStyles, ragStyles, tokens } from './styles.ts';

const DATA_PROPERTIES = ['status', 'record', 'src', 'childId', 'token', 'asOf'] as const;

/**
 * The data side of every single-child component: a `status` property, a `record` property (derived
 * on the fly), or the Education Status API (`src` + `child-id`, with a cookie or the `token` property).
 */
export class EduChildElement extends EduElement {
  static override styles = [tokens, ragStyles, headingStyles];

  static override properties = {
    status: { attribute: false },
    record: { attribute: false },
    src: { type: String },
    childId: { type: String, attribute: 'child-id' },
    asOf: { type: String, attribute: 'as-of' },
    token: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    state: { state: true },
  };

  /** An education status to show, as the Education Status API returns it. Takes precedence over `record` and `src`. */
  declare status: EducationStatus | undefined;
  /** A child education record: its status is worked out in the browser on the `as-of` date. */
  declare record: unknown;
  /** The Education Status service's address, e.g. `https://education.council.example` (the API is under /api/v1). */
  declare src: string | undefined;
  /** The child's person ID, for loading from `src`. */
  declare childId: string | undefined;
  /** The date to work a `record`'s status out for (`YYYY-MM-DD`); today when absent. */
  declare asOf: string | undefined;
  /** A bearer token for the API. A property only, so it never appears in the page's HTML. Without it the session cookie is sent. */
  declare token: string | undefined;
  /** The level of the component's heading (2 by default), to fit the page's outline. */
  declare headingLevel: number;
  declare protected state: LoadState<EducationStatus>;

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

  private refresh(): void {
    this.#abort?.abort();
    if (this.status !== undefined && this.status !== null) {
      const parsed = EducationStatus.safeParse(this.status);
      this.state = parsed.success
        ? { kind: 'ready', data: parsed.data }
        : this.failed({ kind: 'invalid-input', detail: issueText(parsed.error.issues) });
      return;
    }
    if (this.record !== undefined && this.record !== null) {
      // The rules that derive a status are loaded only by pages that pass records, keeping the bundle small.
      const abort = new AbortController();
      this.#abort = abort;
      const { record, asOf, language } = this;
      this.state = { kind: 'loading' };
      import('./record.ts').then(
        ({ statusFromRecord }) => {
          if (abort.signal.aborted) return;
          const derived = statusFromRecord(record, asOf, language);
          this.state = derived.ok ? { kind: 'ready', data: derived.status } : this.failed({ kind: 'invalid-input', detail: derived.detail });
        },
        () => {
          if (!abort.signal.aborted) this.state = this.failed({ kind: 'network' });
        },
      );
      return;
    }
    if (this.src && this.childId) {
      const abort = new AbortController();
      this.#abort = abort;
      const childId = this.childId;
      this.state = { kind: 'loading' };
      loadChildStatus({ src: this.src, token: this.token, signal: abort.signal }, childId, this.language).then(
        (status) => {
          if (abort.signal.aborted) return;
          this.state = { kind: 'ready', data: status };
          this.emit('edu-load', { childId });
        },
        (error: unknown) => {
          if (abort.signal.aborted || isAbort(error)) return;
          this.state = this.failed(problemFrom(error, childId));
        },
      );
      return;
    }
    this.state = { kind: 'empty' };
  }

  protected override render(): TemplateResult | typeof nothing {
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
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel || 2)));
    return html`<div class="heading h${level}" role="heading" aria-level=${level} part=${part}>${text}</div>`;
  }

  /** A sub-heading one level below the component's heading. */
  protected subheading(text: string): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel || 2)) + 1);
    return html`<div class="subheading" role="heading" aria-level=${level}>${text}</div>`;
  }
}
