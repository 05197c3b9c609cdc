import { BarController, BarElement, CategoryScale, Chart, LinearScale, type ChartConfiguration } from 'chart.js';

/**
 * The chart.js side of `BarChart` (chart.ts): loaded only the first time a chart is shown, so a page with
 * no chart on it never downloads chart.js.
 */

let registered = false;

/** Only the chart.js pieces the widgets use, registered on first use (so importing a class has no side effects). */
function register(): void {
  if (registered) return;
  Chart.register(BarController, BarElement, CategoryScale, LinearScale);
  registered = true;
}

import type { BarChartInput } from './chart.ts';


function chartColours(host: Element): { bar: string; text: string; grid: string } {
  if (matchMedia('(forced-colors: active)').matches) return { bar: 'CanvasText', text: 'CanvasText', grid: 'GrayText' };
  const style = getComputedStyle(host);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return { bar: read('--_brand', '#1d70b8'), text: read('--_text', '#0b0c0c'), grid: read('--_border', '#b1b4b6') };
}

/**
 * Draws (or redraws) a bar chart on a canvas. The canvas carries its own accessible name and each chart
 * sits beside a table with the same figures, so the chart is never the only way to read them.
 */
export function drawBarChart(canvas: HTMLCanvasElement, host: Element, input: BarChartInput, previous?: Chart): Chart {
  register();
  previous?.destroy();
  const colours = chartColours(host);
  const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const line = input.line;
  const config: ChartConfiguration<'bar', (number | null)[], string> = {
    type: 'bar',
    plugins:
      line === undefined
        ? []
        : [
            {
              id: 'edu-line',
              // A dashed line at `line` on the value axis, drawn over the bars.
              afterDatasetsDraw(chart) {
                const scale = chart.scales[input.horizontal ? 'x' : 'y'];
                if (!scale) return;
                const at = scale.getPixelForValue(line);
                const { ctx, chartArea } = chart;
                ctx.save();
                ctx.strokeStyle = colours.text;
                ctx.lineWidth = 2;
                ctx.setLineDash([6, 4]);
                ctx.beginPath();
                if (input.horizontal) {
                  ctx.moveTo(at, chartArea.top);
                  ctx.lineTo(at, chartArea.bottom);
                } else {
                  ctx.moveTo(chartArea.left, at);
                  ctx.lineTo(chartArea.right, at);
                }
                ctx.stroke();
                ctx.restore();
              },
            },
          ],
    data: { labels: input.labels, datasets: [{ data: input.values, backgroundColor: colours.bar, borderColor: colours.bar }] },
    options: {
      indexAxis: input.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion ? false : { duration: 300 },
      events: input.onSelect ? ['click', 'mousemove'] : [],
      onClick: input.onSelect
        ? (_event, elements) => {
            const first = elements[0];
            if (first) input.onSelect?.(first.index);
          }
        : undefined,
      scales: {
        [input.horizontal ? 'x' : 'y']: {
          beginAtZero: true,
          ...(input.max === undefined ? {} : { max: input.max }),
          ticks: { color: colours.text, precision: 0 },
          grid: { color: colours.grid },
        },
        [input.horizontal ? 'y' : 'x']: { ticks: { color: colours.text, autoSkip: true }, grid: { display: false } },
      },
    },
  };
  return new Chart(canvas, config);
}

