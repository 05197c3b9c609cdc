import type { Chart } from 'chart.js';
import type * as BarChartModule from './bar-chart.ts';

export interface BarChartInput {
  labels: string[];
  /** null draws no bar (no data: never drawn as a value). */
  values: (number | null)[];
  /** A dashed horizontal line across the chart at this value, e.g. the persistent-absence line. */
  line?: number;
  /** Upper end of the value axis; omitted lets chart.js choose. */
  max?: number;
  /** Horizontal bars suit long labels such as school names. */
  horizontal?: boolean;
  /** A bar can be clicked: called with its index. */
  onSelect?: (index: number) => void;
}

let drawing: Promise<typeof BarChartModule> | undefined;

/**
 * A bar chart on a canvas. chart.js (about 45 kB gzipped) loads the first time any chart comes near the
 * screen, not when a component is imported or draws below the fold, so a page whose charts are never
 * scrolled to never fetches it and a page's first load does not wait for chart drawing. Each chart sits
 * beside a table with the same figures, so until chart.js arrives (or if it cannot load) nothing is missing.
 */
export class BarChart {
  #chart: Chart | undefined;
  #drawn = 0;
  /** Whether the chart has come near the screen; from then on it draws at once. */
  #seen = false;
  #observer: IntersectionObserver | undefined;
  #observed: HTMLCanvasElement | undefined;
  #pending: (() => void) | undefined;

  /** Draws, or redraws with new figures; a later call or `destroy()` supersedes one still waiting or loading. */
  draw(canvas: HTMLCanvasElement, host: Element, input: BarChartInput): void {
    const turn = ++this.#drawn;
    const start = () => {
      drawing ??= import('./bar-chart.ts');
      drawing.then(
        ({ drawBarChart }) => {
          if (turn !== this.#drawn || !canvas.isConnected) return;
          this.#chart = drawBarChart(canvas, host, input, this.#chart);
        },
        () => {
          // chart.js did not load (offline, blocked): the table beside the chart has the same figures.
          drawing = undefined;
        },
      );
    };
    if (this.#seen || typeof IntersectionObserver === 'undefined') {
      start();
      return;
    }
    this.#pending = start;
    if (this.#observed === canvas) return;
    this.#observer?.disconnect();
    this.#observed = canvas;
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.#seen = true;
        this.#stopWatching();
        const run = this.#pending;
        this.#pending = undefined;
        run?.();
      },
      { rootMargin: '200px' },
    );
    this.#observer.observe(canvas);
  }

  destroy(): void {
    this.#drawn += 1;
    this.#stopWatching();
    this.#pending = undefined;
    this.#chart?.destroy();
    this.#chart = undefined;
  }

  #stopWatching(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#observed = undefined;
  }
}
