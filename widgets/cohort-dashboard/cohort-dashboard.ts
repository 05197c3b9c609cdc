import { css, html, nothing, type TemplateResult } from 'lit';
import type { StatusSummary } from '../../core/model/summary.ts';
import { BarChart } from '../shared/chart.ts';
import { disclosureStyles } from '../shared/styles.ts';
import { EduCohortElement } from '../shared/cohort-element.ts';
import { NO_FILTERS, type CohortFilterValues } from '../shared/cohort-filters.ts';
import { formatNumber, formatPercent } from '../shared/format.ts';
import type { StringKey } from '../shared/i18n.ts';
import { summariseCohort } from '../../core/cohort.ts';
import { HEADLINES, applyFilters, groupBy, largestGroups, optionsFor, type Group } from './cohort-view.ts';

/** Bars in the chart by school: the largest schools, then the rest as one bar. */
const SCHOOL_BARS = 10;

interface Drill {
  label: string;
  children: StatusSummary[];
}

const KEY_STAGES = ['early-years', 'KS1', 'KS2', 'KS3', 'KS4', '16-19', 'none'] as const;
const GENDERS = ['female', 'male', 'other', 'not-known'] as const;
const SEN = ['E', 'K', 'N', 'unknown'] as const;
const AREAS = ['in-area', 'out-of-area', 'from-another-council', 'unknown'] as const;

/**
 * The virtual school view of its cohort: filters (in care 12 months or more, a change of placement,
 * SEN, gender, ethnicity, year group, key stage, school, placement area), headline figures each with the
 * number of children behind it, charts by year group and by school with tables of the same figures, and
 * a click-through from any figure, bar or table row to the children behind it in `<edu-cohort-table>`.
 *
 * @summary The virtual school's cohort: filters, headline figures, charts and the list behind them.
 * @tag edu-cohort-dashboard
 *
 * @attr {string} src - The Education Status API's base address.
 * @attr {string} school - Load only the children at this school (URN).
 * @attr {string} year-group - Load only the children in this year group.
 * @attr {string} key-stage - Load only the children in this key stage.
 * @attr {number} heading-level - The level of the component's heading (default 2).
 * @attr {string} lang - `cy` for Welsh; otherwise the nearest `lang` on the page.
 *
 * @fires {CustomEvent<EduLoadDetail>} edu-load - The children loaded from the API; `detail.count` says how many.
 * @fires {CustomEvent<EduErrorDetail>} edu-error - The cohort could not be shown; `detail.message` says why.
 * @fires {CustomEvent<EduFilterChangeDetail>} edu-filter-change - The filters changed; `detail.count` children match.
 * @fires {CustomEvent<EduSelectChildDetail>} edu-select-child - The user opened a child in the table.
 *
 * @csspart heading - The dashboard's heading.
 * @csspart filters - The filter controls.
 * @csspart headlines - The headline figures.
 * @csspart figure - Each headline figure.
 * @csspart chart - Each chart's box.
 * @csspart table - The chart tables.
 * @csspart cohort-table - The `<edu-cohort-table>` of children.
 * @csspart button - Buttons.
 * @csspart state - The loading, empty or error message (also `loading`, `empty`, `error`).
 *
 * @cssprop --edu-text-colour - Text colour (falls back to --govuk-text-colour).
 * @cssprop --edu-brand-colour - Bar colour in the charts (falls back to --govuk-brand-colour).
 * @cssprop --edu-panel-colour - Background of the headline figures.
 * @cssprop --edu-font-family - The font (Arial by default).
 * @cssprop --edu-chart-height - Each chart's height (15rem by default).
 */
export class EduCohortDashboard extends EduCohortElement {
  static override properties = {
    ...EduCohortElement.properties,
    filters: { state: true },
    drill: { state: true },
  };

  static override styles = [
    ...EduCohortElement.styles,
    disclosureStyles,
    css`
      fieldset {
        margin: 0 0 var(--_space);
        padding: var(--_space);
        border: 1px solid var(--_border);
      }
      legend {
        font-weight: bold;
        font-size: 1.2em;
        padding: 0 5px;
      }
      .filter-grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
        gap: var(--_space);
        margin-bottom: var(--_space);
      }
      label {
        display: block;
        font-weight: bold;
        margin-bottom: 4px;
      }
      .check label {
        display: inline;
        font-weight: normal;
      }
      .check input {
        width: 1.4em;
        height: 1.4em;
        vertical-align: middle;
        margin-inline-end: 0.4em;
      }
      select {
        width: 100%;
        min-height: 40px;
        padding: 5px;
        border: 2px solid var(--_text);
        border-radius: 0;
        background: var(--_bg);
      }
      select:focus-visible,
      .check input:focus-visible {
        outline: 3px solid var(--_focus);
        box-shadow: inset 0 0 0 2px var(--_text);
      }
      .headlines {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 13em), 1fr));
        gap: var(--_space);
        padding: 0;
        margin: 0 0 var(--_space);
        list-style: none;
      }
      .headlines li {
        padding: var(--_space);
        background: var(--_panel);
        border-top: 5px solid var(--_brand);
      }
      .figure-value {
        display: block;
        font-size: 2em;
        font-weight: bold;
      }
      .charts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 24em), 1fr));
        gap: var(--_space);
      }
      .chart {
        position: relative;
        height: var(--edu-chart-height, 15rem);
        margin-bottom: var(--_space);
      }
      details {
        margin-bottom: var(--_space);
      }
      @media (forced-colors: active) {
        .headlines li,
        fieldset {
          border: 1px solid CanvasText;
        }
      }
    `,
  ];

  declare private filters: CohortFilterValues;
  declare private drill: Drill | undefined;
  #charts = new Map<string, BarChart>();

  constructor() {
    super();
    this.filters = { ...NO_FILTERS };
    this.drill = undefined;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const chart of this.#charts.values()) chart.destroy();
    this.#charts.clear();
  }

  private setFilter<K extends keyof CohortFilterValues>(key: K, value: CohortFilterValues[K]): void {
    this.filters = { ...this.filters, [key]: value };
    this.drill = undefined;
    const all = this.state.kind === 'ready' ? this.state.data : [];
    this.emit('edu-filter-change', { filters: { ...this.filters }, count: applyFilters(all, this.filters).length });
  }

  private clearFilters(): void {
    this.filters = { ...NO_FILTERS };
    this.drill = undefined;
    const all = this.state.kind === 'ready' ? this.state.data : [];
    this.emit('edu-filter-change', { filters: { ...this.filters }, count: all.length });
  }

  /** Shows the children behind a figure or a bar in the table, and moves focus to it. */
  private showChildren(label: string, children: StatusSummary[]): void {
    this.drill = { label, children };
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#children-heading')?.focus());
  }

  protected override updated(): void {
    const filtered = this.state.kind === 'ready' ? applyFilters(this.state.data, this.filters) : [];
    for (const [id, groups, horizontal] of [
      ['year', groupBy(filtered, 'yearGroup'), false],
      ['school', this.schoolBars(groupBy(filtered, 'school')), true],
    ] as const) {
      const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`#chart-${id}`);
      let chart = this.#charts.get(id);
      if (!canvas) {
        chart?.destroy();
        this.#charts.delete(id);
        continue;
      }
      if (!chart) {
        chart = new BarChart();
        this.#charts.set(id, chart);
      }
      chart.draw(canvas, this, {
        labels: groups.map((group) => group.label),
        values: groups.map((group) => group.children.length),
        horizontal,
        onSelect: (index) => {
          const group = groups[index];
          if (group) this.showChildren(group.label, group.children);
        },
      });
    }
  }

  private select(key: 'sen' | 'gender' | 'ethnicity' | 'yearGroup' | 'keyStage' | 'school' | 'area', label: StringKey, options: { value: string; label: string }[]): TemplateResult {
    return html`<div>
      <label for="filter-${key}">${this.t(label)}</label>
      <select id="filter-${key}" @change=${(event: Event) => this.setFilter(key, (event.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${this.filters[key] === ''}>${this.t('dash.any')}</option>
        ${options.map((option) => html`<option value=${option.value} ?selected=${this.filters[key] === option.value}>${option.label}</option>`)}
      </select>
    </div>`;
  }

  private renderFilters(all: StatusSummary[]): TemplateResult {
    const options = optionsFor(all);
    return html`<fieldset part="filters">
      <legend>${this.t('dash.filters')}</legend>
      <div class="filter-grid">
        <div class="check">
          <input
            id="filter-in-care"
            type="checkbox"
            .checked=${this.filters.inCare12Months}
            @change=${(event: Event) => this.setFilter('inCare12Months', (event.target as HTMLInputElement).checked)}
          /><label for="filter-in-care">${this.t('dash.inCare12')}</label>
        </div>
        <div class="check">
          <input
            id="filter-placement"
            type="checkbox"
            .checked=${this.filters.placementChange}
            @change=${(event: Event) => this.setFilter('placementChange', (event.target as HTMLInputElement).checked)}
          /><label for="filter-placement">${this.t('dash.placementChange')}</label>
        </div>
      </div>
      <div class="filter-grid">
        ${this.select('sen', 'dash.sen', SEN.map((value) => ({ value, label: this.t(`dash.sen.${value}`) })))}
        ${this.select('gender', 'dash.gender', GENDERS.map((value) => ({ value, label: this.t(`dash.gender.${value}`) })))}
        ${this.select('ethnicity', 'dash.ethnicity', options.ethnicity.map((value) => ({ value, label: value })))}
        ${this.select('yearGroup', 'dash.yearGroup', options.yearGroup)}
        ${this.select('keyStage', 'dash.keyStage', KEY_STAGES.map((value) => ({ value, label: this.t(`dash.keyStage.${value}`) })))}
        ${this.select('school', 'dash.school', options.school)}
        ${this.select('area', 'dash.area', AREAS.map((value) => ({ value, label: this.t(`summary.area.${value}`) })))}
      </div>
      <button type="button" class="button secondary-button" part="button" @click=${() => this.clearFilters()}>${this.t('dash.clear')}</button>
    </fieldset>`;
  }

  private schoolBars(groups: Group[]): Group[] {
    return largestGroups(groups, SCHOOL_BARS, (count) => this.t('dash.otherSchools', { count: formatNumber(count, this.language) }));
  }

  private renderSchoolChart(children: StatusSummary[]): TemplateResult {
    const groups = groupBy(children, 'school');
    return this.renderChart('school', 'dash.bySchool', groups, this.schoolBars(groups));
  }

  /** "Show these N children", or "Show this child". */
  private showLabel(count: number): string {
    return count === 1 ? this.t('dash.figureShowOne') : this.t('dash.figureShow', { count: formatNumber(count, this.language) });
  }

  /** A bar chart of `bars` (the groups themselves unless merged), and a table of every group. */
  private renderChart(id: string, title: StringKey, groups: Group[], bars: Group[] = groups): TemplateResult {
    const lang = this.language;
    const summary = bars
      .slice(0, 12)
      .map((group) => `${group.label}: ${formatNumber(group.children.length, lang)}`)
      .join(', ');
    return html`<div>
      ${this.subheading(this.t(title))}
      <div class="chart" part="chart">
        <canvas id="chart-${id}" role="img" aria-label=${this.t('dash.chartLabel', { title: this.t(title), summary })}></canvas>
      </div>
      ${bars === groups ? nothing : html`<p class="secondary">${this.t('dash.largestSchools', { count: formatNumber(SCHOOL_BARS - 1, lang) })}</p>`}
      <details>
        <summary>${this.t('common.showTable')}</summary>
        <table part="table">
          <caption>${this.t(title)}</caption>
          <thead>
            <tr>
              <th scope="col">${this.t('dash.chartCategory')}</th>
              <th scope="col" class="num">${this.t('dash.chartChildren')}</th>
              <th scope="col" class="num">${this.t('dash.chartRed')}</th>
            </tr>
          </thead>
          <tbody>
            ${groups.map(
              (group) => html`<tr>
                <th scope="row">${group.label}</th>
                <td class="num">
                  <button type="button" class="link" @click=${() => this.showChildren(group.label, group.children)}>
                    ${formatNumber(group.children.length, lang)}<span class="visually-hidden">: ${this.showLabel(group.children.length)}</span>
                  </button>
                </td>
                <td class="num">${group.children.filter((child) => child.rag.overall === 'red').length}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </details>
    </div>`;
  }

  private subheading(text: string, id?: string): TemplateResult {
    const level = Math.min(6, this.headingLevelValue() + 1);
    return html`<div class="subheading" role="heading" aria-level=${level} id=${id ?? nothing} tabindex=${id ? -1 : nothing}>${text}</div>`;
  }

  protected override renderCohort(all: StatusSummary[]): TemplateResult {
    const lang = this.language;
    const level = this.headingLevelValue();
    const filtered = applyFilters(all, this.filters);
    const total = filtered.length;
    const summary = summariseCohort(filtered);
    const shown = this.drill ?? { label: this.t('dash.allChildren'), children: filtered };
    return html`
      <section aria-label=${this.t('dash.title')}>
        <div class="heading h${level}" role="heading" aria-level=${level} part="heading">${this.t('dash.title')}</div>
        ${this.renderFilters(all)}
        ${this.subheading(this.t('dash.headlines'))}
        <ul class="headlines" part="headlines">
          <li part="figure">
            <span class="figure-label">${this.t('dash.headline.children')}</span>
            <span class="figure-value">${formatNumber(total, lang)}</span>
            ${summary.attendance.percent.value === null
              ? nothing
              : html`<span>${this.t('dash.headline.attendance', {
                  percent: formatPercent(summary.attendance.percent.value),
                  count: formatNumber(summary.attendance.percent.children, lang),
                })}</span>`}
          </li>
          ${HEADLINES.map((headline) => {
            const figure = headline.figure(summary);
            const label = this.t(headline.label);
            return html`<li part="figure">
              <span class="figure-label">${label}</span>
              <span class="figure-value">
                ${figure.percent === null ? this.t('common.noPercent') : this.t('common.percent', { value: formatPercent(figure.percent) })}
              </span>
              <span>${this.t('dash.figureCount', { count: formatNumber(figure.count, lang), total: formatNumber(figure.children, lang) })}</span><br />
              ${figure.count === 0
                ? nothing
                : html`<button type="button" class="link" @click=${() => this.showChildren(label, filtered.filter(headline.matches))}>
                    ${this.showLabel(figure.count)}<span class="visually-hidden">: ${label}</span>
                  </button>`}
            </li>`;
          })}
        </ul>
        ${total === 0
          ? nothing
          : html`<div class="charts">
              ${this.renderChart('year', 'dash.byYearGroup', groupBy(filtered, 'yearGroup'))}
              ${this.renderSchoolChart(filtered)}
            </div>`}
        ${this.subheading(this.t('dash.children'), 'children-heading')}
        <p>
          ${this.t('dash.showing', { what: `${shown.label} (${formatNumber(shown.children.length, lang)})` })}
          ${this.drill
            ? html`<br /><button type="button" class="link" @click=${() => (this.drill = undefined)}>${this.t('dash.backToAll')}</button>`
            : nothing}
        </p>
        <edu-cohort-table part="cohort-table" lang=${lang} heading-level=${Math.min(6, level + 2)} .statuses=${shown.children}></edu-cohort-table>
      </section>
    `;
  }
}
