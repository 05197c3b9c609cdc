import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { eduEvent, type EduErrorKind, type EduEventDetails, type EduEventName } from './events.ts';
import { languageFor, translate, type Language, type StringKey } from './i18n.ts';

/** What went wrong, in terms the error messages are written for. */
export interface WidgetProblem {
  kind: EduErrorKind;
  status?: number;
  /** A short technical detail for the sentence (a field name, a status code). */
  detail?: string;
  /** The child ID asked for, for "not found". */
  id?: string;
}

export type LoadState<T> =
  | { kind: 'empty' }
  | { kind: 'loading' }
  | { kind: 'error'; problem: WidgetProblem; message: string }
  | { kind: 'ready'; data: T };

/**
 * What every EduBridge element shares: its language (the `lang` attribute on the element, the nearest
 * ancestor or the page, re-read when any of them changes), strings from the catalogues, and events that
 * bubble and cross shadow roots.
 */
export class EduElement extends LitElement {
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  #pageLanguage?: MutationObserver;

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#pageLanguage = new MutationObserver(() => this.requestUpdate());
    this.#pageLanguage.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#pageLanguage?.disconnect();
  }

  /** The language for the render under way: read once, not once a string (each read walks up the page). */
  #renderLanguage?: Language;

  protected override update(changed: PropertyValues): void {
    this.#renderLanguage = languageFor(this);
    try {
      super.update(changed);
    } finally {
      this.#renderLanguage = undefined;
    }
  }

  /** The language strings are shown in: `cy` (Welsh) or `en`. */
  get language(): Language {
    return this.#renderLanguage ?? languageFor(this);
  }

  protected t(key: StringKey, params?: Record<string, string | number>): string {
    return translate(this.language, key, params);
  }

  protected emit<K extends EduEventName>(type: K, detail: EduEventDetails[K]): void {
    this.dispatchEvent(eduEvent(type, detail));
  }

  /** The sentence for a problem, in the element's language. */
  protected problemMessage(problem: WidgetProblem): string {
    switch (problem.kind) {
      case 'not-found':
        return problem.id ? this.t('error.not-found', { id: problem.id }) : this.t('error.not-found-cohort');
      case 'server':
      case 'unexpected-response':
        return this.t(`error.${problem.kind}`, { status: problem.status ?? '' });
      case 'invalid-response':
      case 'invalid-input':
        return this.t(`error.${problem.kind}`, { detail: problem.detail ?? '' });
      default:
        return this.t(`error.${problem.kind}`);
    }
  }

  protected failed<T>(problem: WidgetProblem): LoadState<T> {
    const message = this.problemMessage(problem);
    this.emit('edu-error', { kind: problem.kind, message, ...(problem.status === undefined ? {} : { status: problem.status }) });
    return { kind: 'error', problem, message };
  }

  /** Loading, empty and error states: designed, announced to screen readers, never blank. */
  protected renderState(state: LoadState<unknown>, cohort: boolean, retry?: () => void): TemplateResult | typeof nothing {
    switch (state.kind) {
      case 'loading':
        return html`<div class="state" part="state loading" role="status" aria-live="polite">
          <span class="spinner" aria-hidden="true"></span>${this.t(cohort ? 'state.loadingCohort' : 'state.loading')}
        </div>`;
      case 'empty':
        return html`<div class="state" part="state empty" role="status">
          <h2>${this.t(cohort ? 'state.emptyCohortTitle' : 'state.emptyTitle')}</h2>
          <p class="secondary">${this.t(cohort ? 'state.emptyCohortHint' : 'state.emptyHint')}</p>
        </div>`;
      case 'error':
        return html`<div class="state error" part="state error" role="alert">
          <h2>${this.t(cohort ? 'state.errorCohortTitle' : 'state.errorTitle')}</h2>
          <p>${this.problemMessage(state.problem)}</p>
          ${retry && state.problem.kind !== 'invalid-input'
            ? html`<button type="button" class="button secondary-button" part="button" @click=${retry}>${this.t('state.retry')}</button>`
            : nothing}
        </div>`;
      default:
        return nothing;
    }
  }
}

export type { PropertyValues };
