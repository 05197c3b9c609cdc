import type { PropertyDeclarations, PropertyValues } from 'lit';
import { isAbort } from './abort.ts';
import { EduElement, type LoadState } from './base.ts';
import { headingStyles, ragStyles, tokens } from './styles.ts';

/**
 * What the single-child and the cohort components share: data given as a property or loaded from the
 * Education Status API under `src`, one load at a time (a newer one, or leaving the page, aborts the last),
 * a "Try again" that loads afresh, and the level of the component's heading.
 */
export abstract class EduDataElement<T> extends EduElement {
  static override styles = [tokens, ragStyles, headingStyles];

  static override properties: PropertyDeclarations = {
    src: { type: String },
    token: { attribute: false },
    headingLevel: { type: Number, attribute: 'heading-level' },
    state: { state: true },
  };

  /** The Education Status service's address, e.g. `https://education.council.example` (the API is under /api/v1). */
  declare src: string | undefined;
  /** A bearer token for the API. A property only, so it never appears in the page's HTML. Without it the session cookie is sent. */
  declare token: string | undefined;
  /** The level of the component's heading (2 by default), to fit the page's outline. */
  declare headingLevel: number;
  declare protected state: LoadState<T>;

  /** The properties whose change means the data must be worked out or loaded again. */
  protected abstract readonly dataProperties: readonly string[];

  #abort?: AbortController;

  constructor() {
    super();
    this.headingLevel = 2;
    this.state = { kind: 'empty' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.dataProperties.some((name) => (changed as Map<PropertyKey, unknown>).has(name))) this.#restart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  /** Reload from the API (the error state's "Try again" button). */
  reload(): void {
    this.#restart();
    this.requestUpdate();
  }

  #restart(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.refresh();
  }

  /** Sets `state` from the data properties: at once, or by `load`. */
  protected abstract refresh(): void;

  /**
   * Shows "loading" while `start` runs, then `done` with its result, or `failed` with its error, unless a
   * newer load has begun or the element has left the page by then.
   */
  protected load<R>(start: (signal: AbortSignal) => Promise<R>, done: (result: R) => void, failed: (error: unknown) => LoadState<T>): void {
    const abort = new AbortController();
    this.#abort = abort;
    this.state = { kind: 'loading' };
    start(abort.signal).then(
      (result) => {
        if (!abort.signal.aborted) done(result);
      },
      (error: unknown) => {
        if (!abort.signal.aborted && !isAbort(error)) this.state = failed(error);
      },
    );
  }

  /** The component's heading level, 1 to 6. */
  protected headingLevelValue(): number {
    return Math.min(6, Math.max(1, Math.round(this.headingLevel || 2)));
  }
}
