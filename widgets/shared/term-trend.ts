import { html, nothing, type TemplateResult } from 'lit';
import type { TrendsView } from '../../core/presentation/trends.ts';
import type { BarChart } from './chart.ts';

export { describeTrends } from '../../core/presentation/trends.ts';
export { BarChart } from './chart.ts';
export { termTrendStyles } from './term-trend-styles.ts';

/**
 * The trend over three school years, as core describes it (core/presentation/trends.ts), for
 * `<edu-child-summary>` and `<edu-attendance>`: attendance by term as a chart.js bar chart with the
 * persistent-absence line (chart.js loads only when the chart comes near the screen: closed inside a
 * disclosure, never), the same figures as a table, and attainment against expected over time as tables.
 * Colour is never the only signal: the tables say every figure, "No data" and "persistent absence" in words.
 * `<edu-child-summary>` loads this module only when its trend group is opened.
 */


/** The attendance chart (a canvas named for what it shows) and the line's meaning. */
export function termTrendChart(view: TrendsView): TemplateResult | typeof nothing {
  const { attendance } = view;
  if (attendance.terms.length === 0) return nothing;
  return html`<div class="chart term-chart" part="chart"><canvas class="term-trend" role="img" aria-label=${attendance.chartLabel}></canvas></div>
    <p class="secondary">${attendance.line.label}</p>`;
}

/** The attendance table: a caption, column headers, a row header per term. */
export function termTrendTable(view: TrendsView): TemplateResult {
  const { attendance } = view;
  return html`<table part="table">
    <caption>${attendance.title}</caption>
    <thead>
      <tr>
        <th scope="col">${attendance.columns.term}</th>
        <th scope="col">${attendance.columns.attendance}</th>
        <th scope="col">${attendance.columns.sessions}</th>
        <th scope="col">${attendance.columns.note}</th>
      </tr>
    </thead>
    <tbody>
      ${attendance.terms.map(
        (term) => html`<tr>
          <th scope="row">${term.label}</th>
          <td>${term.value}</td>
          <td>${term.sessions}</td>
          <td>${term.note}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Attainment against expected over time: a table per core subject, oldest first. */
export function attainmentTrendTables(view: TrendsView): TemplateResult {
  const { attainment } = view;
  if (attainment.subjects.length === 0) return html`<p class="secondary">${attainment.none}</p>`;
  return html`${attainment.subjects.map(
    (subject) => html`<table part="table">
      <caption>${subject.subject}</caption>
      <thead>
        <tr>
          <th scope="col">${attainment.columns.date}</th>
          <th scope="col">${attainment.columns.result}</th>
          <th scope="col">${attainment.columns.verdict}</th>
        </tr>
      </thead>
      <tbody>
        ${subject.points.map(
          (point) => html`<tr>
            <th scope="row">${point.date}</th>
            <td>${point.result}</td>
            <td class=${point.meets === false ? 'verdict-below' : ''}>${point.verdict}</td>
          </tr>`,
        )}
      </tbody>
    </table>`,
  )}`;
}

/** Draws (or redraws) the attendance chart on the trend's canvas in `root`, if there is one. */
export function drawTermTrend(chart: BarChart, root: ParentNode, host: Element, view: TrendsView | undefined): void {
  const canvas = root.querySelector<HTMLCanvasElement>('canvas.term-trend');
  if (!canvas || !view) {
    chart.destroy();
    return;
  }
  chart.draw(canvas, host, {
    labels: view.attendance.terms.map((term) => term.label),
    values: view.attendance.terms.map((term) => term.percent),
    max: 100,
    line: view.attendance.line.percent,
  });
}

/** The trend group's content in `<edu-child-summary>`: each part under a heading at `level`. */
export function trendGroupBody(view: TrendsView, level: number): TemplateResult {
  return html`<div class="minor" role="heading" aria-level=${level}>${view.attendance.title}</div>
    ${termTrendChart(view)}
    <details part="table-toggle">
      <summary>${view.attendance.showTable}</summary>
      ${termTrendTable(view)}
    </details>
    <div class="minor" role="heading" aria-level=${level}>${view.attainment.title}</div>
    ${attainmentTrendTables(view)}`;
}
