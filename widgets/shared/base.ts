import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { eduEvent, type EduErrorKind, type EduEventDetails, type EduEventName } from './events.ts';
import { isLanguageLoaded, languageFor, loadLanguage, translate, type Language, type StringKey } from './i18n.ts';

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
 *
 * Welsh is fetched the first time an element's language is Welsh. Until it arrives the element shows its
 * loading state (the only words it has are English, so that state is marked `lang="en"`), never its data
 * in English; if it cannot be fetched, an error with "Try again" (also marked English). An `edu-error`
 * raised meanwhile waits for the Welsh, so its message is in the page's language.
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

  /** The Welsh could not be fetched: the element says so until "Try again", rather than fetching in a loop. */
  #wordsFailed = false;
  #wordsLoading = false;

  protected override update(changed: PropertyValues): void {
    this.#renderLanguage = languageFor(this);
    if (!isLanguageLoaded(this.#renderLanguage) && !this.#wordsFailed && !this.#wordsLoading) this.#loadWords(this.#renderLanguage);
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

  /** The language the element's words are drawn in: its language once those words are here, English until then. */
  protected get textLanguage(): Language {
    const language = this.language;
    return isLanguageLoaded(language) ? language : 'en';
  }

  protected t(key: StringKey, params?: Record<string, string | number>): string {
    return translate(this.textLanguage, key, params);
  }

  #loadWords(language: Language): void {
    this.#wordsLoading = true;
    loadLanguage(language).then(
      () => {
        this.#wordsLoading = false;
        this.requestUpdate();
      },
      () => {
        this.#wordsLoading = false;
        this.#wordsFailed = true;
        this.requestUpdate();
      },
    );
  }

  /**
   * What to draw while the element's words are not here yet: its loading state, or an error with "Try
   * again" if they could not be fetched. Nothing (undefined) once they are here.
   */
  protected renderWordsPending(cohort: boolean): TemplateResult | typeof nothing | undefined {
    if (isLanguageLoaded(this.language)) return undefined;
    if (!this.#wordsFailed) return this.renderState({ kind: 'loading' }, cohort);
    return this.renderState({ kind: 'error', problem: { kind: 'network' }, message: this.problemMessage({ kind: 'network' }) }, cohort, () => {
      this.#wordsFailed = false;
      this.requestUpdate();
    });
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
    const announce = () => {
      this.emit('edu-error', { kind: problem.kind, message: this.problemMessage(problem), ...(problem.status === undefined ? {} : { status: problem.status }) });
    };
    // The event's message is in the element's language: if its words are still on their way, it waits for them.
    if (isLanguageLoaded(this.language)) announce();
    else void loadLanguage(this.language).then(announce, announce);
    return { kind: 'error', problem, message: this.problemMessage(problem) };
  }

  /** Loading, empty and error states: designed, announced to screen readers, never blank. */
  protected renderState(state: LoadState<unknown>, cohort: boolean, retry?: () => void): TemplateResult | typeof nothing {
    // English standing in for a language not yet loaded is marked as English, for screen readers.
    const lang = this.textLanguage === this.language ? nothing : this.textLanguage;
    switch (state.kind) {
      case 'loading':
        return html`<div class="state" part="state loading" role="status" aria-live="polite" lang=${lang}>
          <span class="spinner" aria-hidden="true"></span>${this.t(cohort ? 'state.loadingCohort' : 'state.loading')}
        </div>`;
      case 'empty':
        return html`<div class="state" part="state empty" role="status" lang=${lang}>
          <h2>${this.t(cohort ? 'state.emptyCohortTitle' : 'state.emptyTitle')}</h2>
          <p class="secondary">${this.t(cohort ? 'state.emptyCohortHint' : 'state.emptyHint')}</p>
        </div>`;
      case 'error':
        return html`<div class="state error" part="state error" role="alert" lang=${lang}>
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
