import { html, nothing, type TemplateResult } from 'lit';
import type { EducationStatus } from '../../core/model/status.ts';
import { describeTrends } from '../../core/presentation/trends.ts';
import { EduChildElement } from '../shared/child-element.ts';
import { disclosureStyles } from '../shared/styles.ts';
import { attainmentTrendTables } from '../shared/term-trend.ts';
import { termTrendStyles } from '../shared/term-trend-styles.ts';
import { formatDate } from '../shared/format.ts';
import { ragBadge } from '../shared/rag.ts';

/**
 * Statutory assessment results against the expected standard, and the latest in-year teacher judgements
 * against age-related expectations and targets.
 *
 * @summary A child's attainment: statutory results and in-year judgements.
 * @tag edu-attainment
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
 * @csspart rag - The RAG rating badge (also `rag-red`, `rag-amber`, `rag-green`, `rag-none`).
 * @csspart table-toggle - The disclosure holding attainment over time.
 * @csspart table - The tables.
 * @csspart state - The loading, empty or error message (also `loading`, `empty`, `error`).
 * @csspart button - Buttons.
 *
 * @cssprop --edu-text-colour - Text colour (falls back to --govuk-text-colour).
 * @cssprop --edu-border-colour - Table rules (falls back to --govuk-border-colour).
 * @cssprop --edu-font-family - The font (Arial by default).
 */
export class EduAttainment extends EduChildElement {
  static override styles = [...EduChildElement.styles, disclosureStyles, termTrendStyles];

  protected override renderStatus(status: EducationStatus): TemplateResult {
    const { statutory, inYear, coreSubjectsBelowExpected } = status.attainment;
    const yesNo = (value: boolean | null): string =>
      value === null ? this.t('attainment.noExpected') : this.t(value ? 'common.yes' : 'common.no');
    return html`
      <section aria-label=${this.t('attainment.title')}>
        ${this.heading(this.t('attainment.title'))}
        <p>${ragBadge(status.rag.attainment, (key) => this.t(key))}</p>
        ${status.rag.reasons.attainment.length > 0
          ? html`<ul class="plain">${status.rag.reasons.attainment.map((reason) => html`<li>${reason.text}</li>`)}</ul>`
          : nothing}
        <p>
          ${coreSubjectsBelowExpected.length > 0
            ? html`<strong>${this.t('attainment.coreBelow', { subjects: coreSubjectsBelowExpected.join(', ') })}</strong>`
            : this.t('attainment.coreMet')}
        </p>
        ${statutory.length === 0
          ? html`${this.subheading(this.t('attainment.statutory'))}
              <p class="secondary">${this.t('attainment.noStatutory')}</p>`
          : html`<table part="table">
              <caption>${this.t('attainment.statutory')}</caption>
              <thead>
                <tr>
                  <th scope="col">${this.t('attainment.measure')}</th>
                  <th scope="col">${this.t('attainment.result')}</th>
                  <th scope="col">${this.t('attainment.expected')}</th>
                  <th scope="col">${this.t('attainment.meetsExpected')}</th>
                  <th scope="col">${this.t('attainment.target')}</th>
                </tr>
              </thead>
              <tbody>
                ${statutory.map(
                  (result) => html`<tr>
                    <th scope="row">${result.measure} ${result.subject}<br /><span class="secondary">${formatDate(result.date, this.language)}</span></th>
                    <td>${result.resultLabel} (${result.result})</td>
                    <td>${result.expectedStandard}</td>
                    <td>${yesNo(result.meetsExpected)}</td>
                    <td>${result.target ?? ''}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
        ${inYear.length === 0
          ? html`${this.subheading(this.t('attainment.inYear'))}
              <p class="secondary">${this.t('attainment.noInYear')}</p>`
          : html`<table part="table">
              <caption>${this.t('attainment.inYear')}</caption>
              <thead>
                <tr>
                  <th scope="col">${this.t('attainment.subject')}</th>
                  <th scope="col">${this.t('attainment.judgement')}</th>
                  <th scope="col">${this.t('attainment.target')}</th>
                  <th scope="col">${this.t('attainment.versusTarget')}</th>
                  <th scope="col">${this.t('attainment.date')}</th>
                </tr>
              </thead>
              <tbody>
                ${inYear.map(
                  (judgement) => html`<tr>
                    <th scope="row">${judgement.subject}</th>
                    <td>
                      ${judgement.judgement ? this.t(`attainment.judgement.${judgement.judgement}`) : (judgement.predictedGrade ?? this.t('common.notRecorded'))}
                    </td>
                    <td>${judgement.target ?? ''}</td>
                    <td>${this.t(`attainment.versus.${judgement.versusTarget}`)}</td>
                    <td>${formatDate(judgement.date, this.language)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`}
        ${this.overTime(status)}
      </section>
    `;
  }

  /** Attainment against expected over three school years, per core subject: one click away. */
  private overTime(status: EducationStatus): TemplateResult | typeof nothing {
    const trends = describeTrends(status, this.language);
    if (!trends) return nothing;
    return html`<details class="trend" part="table-toggle">
      <summary>${trends.attainment.title}</summary>
      ${attainmentTrendTables(trends)}
    </details>`;
  }
}
