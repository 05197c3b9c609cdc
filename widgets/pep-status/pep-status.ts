import { css, html, nothing, type TemplateResult } from 'lit';
import type { ActionOwner } from '../../core/model/common.ts';
import type { EducationStatus } from '../../core/model/status.ts';
import { EduChildElement } from '../shared/child-element.ts';
import { formatDate, formatMoney } from '../shared/format.ts';
import { ragBadge } from '../shared/rag.ts';

type OwedAction = EducationStatus['pep']['outstandingActions'][number];

const OWNER_ORDER: ActionOwner[] = ['social-worker', 'school', 'carer', 'virtual-school', 'child'];

/**
 * The personal education plan: its state, the last meeting, when the next is due and how many days
 * overdue, the quality rating, Pupil Premium Plus, and outstanding actions grouped by who owes them.
 *
 * @summary A child's PEP: state, dates, quality and outstanding actions by owner.
 * @tag edu-pep-status
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
 * @csspart facts - The list of PEP facts.
 * @csspart rag - The RAG rating badge (also `rag-red`, `rag-amber`, `rag-green`, `rag-none`).
 * @csspart actions - The outstanding actions.
 * @csspart state - The loading, empty or error message (also `loading`, `empty`, `error`).
 * @csspart button - Buttons.
 *
 * @cssprop --edu-text-colour - Text colour (falls back to --govuk-text-colour).
 * @cssprop --edu-font-family - The font (Arial by default).
 */
export class EduPepStatus extends EduChildElement {
  static override styles = [
    ...EduChildElement.styles,
    css`
      .overdue {
        font-weight: bold;
      }
    `,
  ];

  private actionLine(action: OwedAction): TemplateResult {
    return html`<li>
      ${action.description}
      ${action.overdue
        ? html`<span class="overdue">(${this.t('pep.actionOverdue', { days: action.daysOverdue })})</span>`
        : action.due
          ? html`<span class="secondary">(${this.t('pep.actionDue', { date: formatDate(action.due, this.language) })})</span>`
          : nothing}
    </li>`;
  }

  protected override renderStatus(status: EducationStatus): TemplateResult {
    const pep = status.pep;
    const byOwner = OWNER_ORDER.map((owner) => ({ owner, actions: pep.outstandingActions.filter((action) => action.owner === owner) })).filter(
      (group) => group.actions.length > 0,
    );
    return html`
      <section aria-label=${this.t('pep.title')}>
        ${this.heading(this.t('pep.title'))}
        <p>${ragBadge(status.rag.pep, (key) => this.t(key))}</p>
        ${status.rag.reasons.pep.length > 0
          ? html`<ul class="plain">${status.rag.reasons.pep.map((reason) => html`<li>${reason.text}</li>`)}</ul>`
          : nothing}
        <dl class="facts" part="facts">
          <dt>${this.t('pep.state')}</dt>
          <dd>${this.t(`pep.state.${pep.state}`)}</dd>
          <dt>${this.t('pep.lastMeeting')}</dt>
          <dd>
            ${pep.lastMeeting
              ? this.t('pep.lastMeetingValue', {
                  date: formatDate(pep.lastMeeting.date, this.language),
                  status: this.t(`pep.meeting.${pep.lastMeeting.status}`),
                })
              : this.t('pep.noMeeting')}
          </dd>
          <dt>${this.t('pep.nextDue')}</dt>
          <dd>${pep.nextDue ? formatDate(pep.nextDue, this.language) : this.t('pep.noneDue')}</dd>
          ${pep.daysOverdue > 0
            ? html`<dt>${this.t('pep.daysOverdue')}</dt>
                <dd class="overdue">${pep.daysOverdue}</dd>`
            : nothing}
          <dt>${this.t('pep.quality')}</dt>
          <dd>${pep.qualityRating ?? this.t('common.notRecorded')}</dd>
          ${pep.lastMeeting?.childViewsRecorded === undefined
            ? nothing
            : html`<dt>${this.t('pep.childViews')}</dt>
                <dd>${this.t(pep.lastMeeting.childViewsRecorded ? 'common.yes' : 'common.no')}</dd>`}
          ${pep.ppPlus.requested === undefined && pep.ppPlus.approved === undefined
            ? nothing
            : html`<dt>${this.t('pep.ppPlus')}</dt>
                <dd>
                  ${pep.ppPlus.requested === undefined
                    ? nothing
                    : html`${this.t('pep.ppRequested')}: ${formatMoney(pep.ppPlus.requested, this.language)}<br />`}
                  ${pep.ppPlus.approved === undefined ? nothing : html`${this.t('pep.ppApproved')}: ${formatMoney(pep.ppPlus.approved, this.language)}`}
                </dd>`}
        </dl>
        <div part="actions">
          ${this.subheading(this.t('pep.actions'))}
          ${byOwner.length === 0
            ? html`<p class="secondary">${this.t('pep.noActions')}</p>`
            : byOwner.map(
                (group) => html`<p><strong>${this.t(`owner.${group.owner}`)}</strong></p>
                  <ul class="plain">
                    ${group.actions.map((action) => this.actionLine(action))}
                  </ul>`,
              )}
        </div>
      </section>
    `;
  }
}
