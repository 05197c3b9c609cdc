import type { Chart } from 'chart.js';
import type * as BarChartModule from './bar-chart.ts';

export interface BarChartInput {
  labels: string[];
  values: number[];
  /** Upper end of the value axis; omitted lets chart.js choose. */
  max?: number;
  /** Horizontal bars suit long labels such as school names. */
  horizontal?: boolean;
  /** A bar can be clicked: called with its index. */
  onSelect?: (index: number) => void;
}

let drawing: Promise<typeof BarChartModule> | undefined;

/**
 * A bar chart on a canvas. chart.js (about 45 kB gzipped) loads the first time any chart is drawn, not
 * when a component is imported, so a page that shows no chart never fetches it. Each chart sits beside a
 * table with the same figures, so until chart.js arrives (or if it cannot load) nothing is missing.
 */
export class BarChart {
  #chart: Chart | undefined;
  #drawn = 0;

  /** Draws, or redraws with new figures; a later call or `destroy()` supersedes one still loading. */
  draw(canvas: HTMLCanvasElement, host: Element, input: BarChartInput): void {
    const turn = ++this.#drawn;
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
  }

  destroy(): void {
    this.#drawn += 1;
    this.#chart?.destroy();
    this.#chart = undefined;
  }
}
