import { css, html, nothing, type TemplateResult } from 'lit';
import type { AttendanceSummary, EducationStatus } from '../../core/model/status.ts';
import { describeTrends } from '../../core/presentation/trends.ts';
import { BarChart } from '../shared/chart.ts';
import { drawTermTrend, termTrendChart, termTrendTable } from '../shared/term-trend.ts';
import { termTrendStyles } from '../shared/term-trend-styles.ts';
import { disclosureStyles } from '../shared/styles.ts';
import { EduChildElement } from '../shared/child-element.ts';
import { formatDate, formatPercent } from '../shared/format.ts';
import { ragBadge } from '../shared/rag.ts';

/**
 * Attendance figures for one child: this school year, this term and the last four weeks, persistent and
 * severe absence, absence by reason, a week-by-week bar chart and attendance by term over three school
 * years (with the persistent-absence line), each with the same figures as a table.
 *
 * @summary A child's attendance, with a week-by-week chart and a table alternative.
 * @tag edu-attendance
 *
 * @attr {string} src - The Education Status API's base address.
 * @attr {string} child-id - The child's person ID, to load from `src`.
 * @attr {string} as-of - The date to work a `record` out for (YYYY-MM-DD).
 * @attr {number} heading-level - The level of the component's heading (default 2).
 * @attr {string} lang - `cy` for Welsh; otherwise the nearest `lang` on the page.
 *
 * @fires {CustomEvent<EduLoadDetail>} edu-load - The status loaded from the API.
 * @fires {CustomEvent<EduErrorDetail>} edu-error - The status could not be shown; `detail.message` says why.
 *
 * @csspart heading - The component's heading.
 * @csspart figures - The headline figures.
 * @csspart rag - Each RAG rating badge (also `rag-red`, `rag-amber`, `rag-green`, `rag-none`).
 * @csspart chart - The box holding the chart.
 * @csspart table - The tables.
 * @csspart state - The loading, empty or error message (also `loading`, `empty`, `error`).
 * @csspart button - Buttons.
 *
 * @cssprop --edu-text-colour - Text colour (falls back to --govuk-text-colour).
 * @cssprop --edu-brand-colour - Bar colour in the chart (falls back to --govuk-brand-colour).
 * @cssprop --edu-panel-colour - Background of the figure boxes.
 * @cssprop --edu-font-family - The font (Arial by default).
 * @cssprop --edu-chart-height - The charts' height (by default 15rem for the weekly chart, 12rem for attendance by term).
 */
export class EduAttendance extends EduChildElement {
  static override styles = [
    ...EduChildElement.styles,
    disclosureStyles,
    termTrendStyles,
    css`
      .chart {
        position: relative;
        height: var(--edu-chart-height, 15rem);
        margin: 0 0 var(--_space);
      }
      .notes {
        margin: 0 0 var(--_space);
      }
      details {
        margin: 0 0 var(--_space);
      }
    `,
  ];

  #chart = new BarChart();
  #termChart = new BarChart();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#chart.destroy();
    this.#termChart.destroy();
  }

  protected override updated(): void {
    drawTermTrend(this.#termChart, this.renderRoot, this, this.state.kind === 'ready' ? describeTrends(this.state.data, this.language) : undefined);
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.weekly');
    if (this.state.kind !== 'ready' || !canvas) {
      this.#chart.destroy();
      return;
    }
    const weeks = this.state.data.attendance.academicYear.weekly;
    this.#chart.draw(canvas, this, {
      labels: weeks.map((week) => formatDate(week.weekStart, this.language, 'short')),
      values: weeks.map((week) => week.attendancePercent ?? 0),
      max: 100,
    });
  }

  private percent(summary: AttendanceSummary): TemplateResult {
    if (summary.attendancePercent === null) return html`${this.t('common.noPercent')}<small>${this.t('attendance.noSessions')}</small>`;
    return html`${this.t('common.percent', { value: formatPercent(summary.attendancePercent) })}
      <small>${this.t('attendance.sessions', { attended: summary.attendedSessions, possible: summary.possibleSessions })}</small>`;
  }

  /** Attendance by term over three school years: the chart, and the same figures as a table. */
  private trend(status: EducationStatus): TemplateResult | typeof nothing {
    const trends = describeTrends(status, this.language);
    if (!trends || trends.attendance.terms.length === 0) return nothing;
    return html`<div class="trend">
      ${this.subheading(trends.attendance.title)} ${termTrendChart(trends)}
      <details part="table-toggle">
        <summary>${trends.attendance.showTable}</summary>
        ${termTrendTable(trends)}
      </details>
    </div>`;
  }

  protected override renderStatus(status: EducationStatus): TemplateResult {
    const { academicYear, term, lastFourWeeks, trend } = status.attendance;
    const weeks = academicYear.weekly.filter((week) => week.possibleSessions > 0);
    const percents = weeks.map((week) => week.attendancePercent ?? 0);
    return html`
      <section aria-label=${this.t('attendance.title')}>
        ${this.heading(this.t('attendance.title'))}
        <p>${ragBadge(status.rag.attendance, (key) => this.t(key))}</p>
        ${status.rag.reasons.attendance.length > 0
          ? html`<ul class="plain">${status.rag.reasons.attendance.map((reason) => html`<li>${reason.text}</li>`)}</ul>`
          : nothing}
        <dl class="figures" part="figures">
          <div><dt>${this.t('attendance.year')}</dt><dd>${this.percent(academicYear)}</dd></div>
          <div><dt>${term.termName}</dt><dd>${this.percent(term)}</dd></div>
          <div><dt>${this.t('attendance.lastFourWeeks')}</dt><dd>${this.percent(lastFourWeeks)}</dd></div>
          <div><dt>${this.t('attendance.trend')}</dt><dd>${this.t(`attendance.trend.${trend}`)}</dd></div>
        </dl>
        <div class="notes">
          ${academicYear.severeAbsence
            ? html`<p><strong>${this.t('attendance.severe')}</strong></p>`
            : academicYear.persistentAbsence
              ? html`<p><strong>${this.t('attendance.persistent')}</strong></p>`
              : nothing}
          ${academicYear.smallDenominator && academicYear.possibleSessions > 0 && !(status.rag.incomplete ?? []).includes('attendance')
            ? html`<p class="secondary">${this.t('attendance.small')}</p>`
            : nothing}
          ${academicYear.unknownCodes.length > 0
            ? html`<p>${this.t('attendance.unknownCodes', { count: academicYear.unknownCodes.length })}</p>`
            : nothing}
        </div>
        ${this.subheading(this.t('attendance.chartTitle'))}
        ${weeks.length === 0
          ? html`<p class="secondary">${this.t('attendance.noWeeks')}</p>`
          : html`<div class="chart" part="chart">
                <canvas
                  class="weekly"
                  role="img"
                  aria-label=${this.t('attendance.chartLabel', {
                    count: weeks.length,
                    min: formatPercent(Math.min(...percents)),
                    max: formatPercent(Math.max(...percents)),
                  })}
                ></canvas>
              </div>
              <details part="table-toggle">
                <summary>${this.t('common.showTable')}</summary>
                <table part="table">
                  <caption>${this.t('attendance.chartTitle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">${this.t('attendance.week')}</th>
                      <th scope="col" class="num">${this.t('attendance.attended')}</th>
                      <th scope="col" class="num">${this.t('attendance.possible')}</th>
                      <th scope="col" class="num">${this.t('attendance.percent')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${weeks.map(
                      (week) => html`<tr>
                        <th scope="row">${formatDate(week.weekStart, this.language)}</th>
                        <td class="num">${week.attendedSessions}</td>
                        <td class="num">${week.possibleSessions}</td>
                        <td class="num">
                          ${week.attendancePercent === null
                            ? this.t('common.noPercent')
                            : this.t('common.percent', { value: formatPercent(week.attendancePercent) })}
                        </td>
                      </tr>`,
                    )}
                  </tbody>
                </table>
              </details>`}
        ${this.trend(status)}
        ${academicYear.absenceReasons.length > 0
          ? html`<table part="table">
              <caption>${this.t('attendance.reasons')}</caption>
              <thead>
                <tr>
                  <th scope="col">${this.t('attendance.reason')}</th>
                  <th scope="col">${this.t('attendance.type')}</th>
                  <th scope="col" class="num">${this.t('attendance.reasonSessions')}</th>
                </tr>
              </thead>
              <tbody>
                ${academicYear.absenceReasons.map(
                  (reason) => html`<tr>
                    <th scope="row">${reason.label} (${reason.code})</th>
                    <td>${this.t(`attendance.${reason.category}`)}</td>
                    <td class="num">${reason.sessions}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : nothing}
      </section>
    `;
  }
}
