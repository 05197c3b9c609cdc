import { html, nothing, type TemplateResult } from 'lit';
import type { EducationStatus } from '../../core/model/status.ts';
import { EduChildElement } from '../shared/child-element.ts';
import { formatDate } from '../shared/format.ts';
import { ragBadge } from '../shared/rag.ts';

/**
 * Suspensions and exclusions this school year: how many, the sessions lost, whether the child has been
 * permanently excluded, and the latest one with its reason.
 *
 * @summary A child's suspensions and exclusions this school year.
 * @tag edu-exclusions
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
 * @csspart rag - The RAG rating badge (also `rag-red`, `rag-amber`, `rag-green`, `rag-none`).
 * @csspart state - The loading, empty or error message (also `loading`, `empty`, `error`).
 * @csspart button - Buttons.
 *
 * @cssprop --edu-text-colour - Text colour (falls back to --govuk-text-colour).
 * @cssprop --edu-panel-colour - Background of the figure boxes.
 * @cssprop --edu-font-family - The font (Arial by default).
 */
export class EduExclusions extends EduChildElement {
  protected override renderStatus(status: EducationStatus): TemplateResult {
    const exclusions = status.exclusions;
    const latest = exclusions.latest;
    return html`
      <section aria-label=${this.t('exclusions.title')}>
        ${this.heading(this.t('exclusions.title'))}
        <p>${ragBadge(status.rag.exclusions, (key) => this.t(key))}</p>
        ${status.rag.reasons.exclusions.length > 0
          ? html`<ul class="plain">${status.rag.reasons.exclusions.map((reason) => html`<li>${reason.text}</li>`)}</ul>`
          : nothing}
        ${exclusions.suspensionsThisYear === 0 && !exclusions.permanentExclusion && !latest
          ? html`<p>${this.t('exclusions.none')}</p>`
          : html`<dl class="figures" part="figures">
                <div><dt>${this.t('exclusions.suspensions')}</dt><dd>${exclusions.suspensionsThisYear}</dd></div>
                <div><dt>${this.t('exclusions.sessionsLost')}</dt><dd>${exclusions.sessionsLostThisYear}</dd></div>
                <div>
                  <dt>${this.t('exclusions.permanent')}</dt>
                  <dd>${this.t(exclusions.permanentExclusion ? 'common.yes' : 'common.no')}</dd>
                </div>
              </dl>
              ${latest
                ? html`<dl class="facts">
                    <dt>${this.t('exclusions.latest')}</dt>
                    <dd>
                      ${this.t('exclusions.latestValue', {
                        type: this.t(`exclusions.type.${latest.type}`),
                        date: formatDate(latest.start, this.language),
                      })}${latest.sessions === undefined ? '' : `, ${this.t('exclusions.latestSessions', { sessions: latest.sessions })}`}
                    </dd>
                    ${latest.reasonLabel || latest.reasonCode
                      ? html`<dt>${this.t('exclusions.reason')}</dt>
                          <dd>${latest.reasonLabel ?? ''}${latest.reasonCode ? ` (${latest.reasonCode})` : ''}</dd>`
                      : nothing}
                  </dl>`
                : nothing}`}
      </section>
    `;
  }
}
