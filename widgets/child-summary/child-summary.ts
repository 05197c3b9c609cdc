import { css, html, nothing, type TemplateResult } from 'lit';
import type { EducationStatus, RagArea } from '../../core/model/status.ts';
import { EduChildElement } from '../shared/child-element.ts';
import { formatDate } from '../shared/format.ts';
import { ragBadge } from '../shared/rag.ts';

const AREAS: RagArea[] = ['attendance', 'pep', 'exclusions', 'attainment'];

/**
 * The whole picture for one child: who they are, their school and placement, the overall and per-area
 * RAG ratings with the reasons, what to know, then attendance, the PEP, suspensions and attainment
 * (`<edu-attendance>`, `<edu-pep-status>`, `<edu-exclusions>`, `<edu-attainment>` inside).
 *
 * @summary Everything about one child's education on one card.
 * @tag edu-child-summary
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
 * @csspart heading - The child's name.
 * @csspart facts - The facts about the child, school and placement.
 * @csspart ratings - The overall and per-area ratings.
 * @csspart rag - Each RAG rating badge (also `rag-red`, `rag-amber`, `rag-green`, `rag-none`).
 * @csspart flags - The list of things to know.
 * @csspart section - Each of the four sections (attendance, PEP, exclusions, attainment).
 * @csspart state - The loading, empty or error message (also `loading`, `empty`, `error`).
 * @csspart button - Buttons.
 *
 * @cssprop --edu-text-colour - Text colour (falls back to --govuk-text-colour).
 * @cssprop --edu-border-colour - Rules between sections (falls back to --govuk-border-colour).
 * @cssprop --edu-panel-colour - Background of the figure boxes.
 * @cssprop --edu-font-family - The font (Arial by default).
 */
export class EduChildSummary extends EduChildElement {
  static override styles = [
    ...EduChildElement.styles,
    css`
      .ratings {
        display: flex;
        flex-wrap: wrap;
        gap: 8px var(--_space);
        padding: 0;
        margin: 0 0 var(--_space);
        list-style: none;
      }
      .flags li {
        margin-bottom: 8px;
      }
      .severity {
        font-weight: bold;
      }
      .sections > * {
        padding-top: var(--_space);
        margin-top: var(--_space);
        border-top: 1px solid var(--_border);
      }
    `,
  ];

  private facts(status: EducationStatus): TemplateResult {
    const { child, lookedAfter, school, sen } = status;
    const fact = (label: string, value: string | TemplateResult): TemplateResult => html`<dt>${label}</dt><dd>${value}</dd>`;
    return html`<dl class="facts" part="facts">
      ${fact(this.t('summary.dateOfBirth'), formatDate(child.dateOfBirth, this.language))}
      ${fact(this.t('summary.age'), String(child.age))}
      ${fact(this.t('summary.yearGroup'), child.yearGroupLabel)}
      ${child.upn ? fact(this.t('summary.upn'), child.upnValid === false ? this.t('summary.upnInvalid', { upn: child.upn }) : child.upn) : nothing}
      ${fact(this.t('summary.school'), school ? school.name : this.t('summary.noSchool'))}
      ${school?.designatedTeacher ? fact(this.t('summary.designatedTeacher'), school.designatedTeacher.name) : nothing}
      ${lookedAfter.socialWorker ? fact(this.t('summary.socialWorker'), lookedAfter.socialWorker.name) : nothing}
      ${fact(
        this.t('summary.inCareSince'),
        lookedAfter.lookedAfter && lookedAfter.currentPeriodStart ? formatDate(lookedAfter.currentPeriodStart, this.language) : this.t('summary.notLookedAfter'),
      )}
      ${lookedAfter.legalStatusLabel ? fact(this.t('summary.legalStatus'), lookedAfter.legalStatusLabel) : nothing}
      ${fact(this.t('summary.placement'), this.t(`summary.area.${lookedAfter.placementArea}`))}
      ${fact(this.t('summary.placementChanges'), String(lookedAfter.placementChangesLast12Months))}
      ${fact(this.t('summary.sen'), sen.primaryNeedLabel ? `${sen.provisionLabel}: ${sen.primaryNeedLabel}` : sen.provisionLabel)}
    </dl>`;
  }

  protected override renderStatus(status: EducationStatus): TemplateResult {
    const level = Math.min(6, Math.max(1, Math.round(this.headingLevel || 2)));
    const lang = this.language;
    return html`
      <article aria-label=${this.t('summary.about', { name: status.child.displayName })}>
        ${this.heading(status.child.displayName)}
        <p class="secondary">
          ${this.t('common.asOf', { date: formatDate(status.asOf, lang) })}
          ${status.freshness.stale && status.freshness.oldest
            ? html`<br /><strong>${this.t('common.stale', { date: formatDate(status.freshness.oldest, lang) })}</strong>`
            : nothing}
        </p>
        ${this.facts(status)}
        ${this.subheading(this.t('summary.ratings'))}
        <ul class="ratings" part="ratings">
          <li>${this.t('area.overall')}: ${ragBadge(status.rag.overall, (key) => this.t(key))}</li>
          ${AREAS.map((area) => html`<li>${this.t(`area.${area}`)}: ${ragBadge(status.rag[area], (key) => this.t(key))}</li>`)}
        </ul>
        ${status.rag.reasons.overall.length > 0
          ? html`<p><strong>${this.t('summary.why')}</strong></p>
              <ul class="plain">${status.rag.reasons.overall.map((reason) => html`<li>${reason.text}</li>`)}</ul>`
          : nothing}
        ${this.subheading(this.t('summary.flags'))}
        ${status.flags.length === 0
          ? html`<p class="secondary">${this.t('summary.noFlags')}</p>`
          : html`<ul class="plain flags" part="flags">
              ${status.flags.map(
                (flag) => html`<li>
                  <span class="severity">${flag.title.text}</span>${flag.severity === 'info' ? nothing : html` (${this.t(`rag.${flag.severity}`)})`}:
                  ${flag.meaning.text}
                </li>`,
              )}
            </ul>`}
        <div class="sections">
          <edu-attendance part="section" exportparts="rag, table, chart, figures" lang=${lang} heading-level=${level + 1} .status=${status}></edu-attendance>
          <edu-pep-status part="section" exportparts="rag, facts, actions" lang=${lang} heading-level=${level + 1} .status=${status}></edu-pep-status>
          <edu-exclusions part="section" exportparts="rag, figures" lang=${lang} heading-level=${level + 1} .status=${status}></edu-exclusions>
          <edu-attainment part="section" exportparts="rag, table" lang=${lang} heading-level=${level + 1} .status=${status}></edu-attainment>
        </div>
      </article>
    `;
  }
}
