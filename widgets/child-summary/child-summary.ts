import { css, html, nothing, type TemplateResult } from 'lit';
import type { EducationStatus } from '../../core/model/status.ts';
import { describeSections, type DetailGroup, type PanelSections, type Viewer } from '../../core/presentation/sections.ts';
import { EduChildElement } from '../shared/child-element.ts';
import { ragBadge } from '../shared/rag.ts';

const VIEWERS: readonly Viewer[] = ['social-worker', 'designated-teacher', 'virtual-school'];

/**
 * The whole picture for one child, laid out as the extension's panel (both draw core's description of
 * the sections, core/presentation/sections.ts). The first screen answers how the child is doing (a tile
 * per area: rating, the one figure that matters, one sentence), what needs doing and by whom, and whom to
 * contact; everything else is one click away, grouped.
 *
 * @summary Everything about one child's education on one card.
 * @tag edu-child-summary
 *
 * @attr {string} src - The Education Status API's base address.
 * @attr {string} child-id - The child's person ID, to load from `src`.
 * @attr {string} as-of - The date to work a `record` out for (YYYY-MM-DD).
 * @attr {number} heading-level - The level of the component's heading (default 2).
 * @attr {string} lang - `cy` for Welsh; otherwise the nearest `lang` on the page.
 * @attr {string} epep-origin - The council's ePEP system (e.g. `https://epep.council.example`): a link to the child's PEP is shown only when it is on this origin.
 * @attr {string} viewer - Whose screen this is: `social-worker`, `designated-teacher` or `virtual-school`. Their own things to do come first among equally urgent ones.
 *
 * @fires {CustomEvent<EduLoadDetail>} edu-load - The status loaded from the API.
 * @fires {CustomEvent<EduErrorDetail>} edu-error - The status could not be shown; `detail.message` says why.
 *
 * @csspart heading - The child's name.
 * @csspart tiles - The tiles, one per area.
 * @csspart tile - Each area's tile.
 * @csspart rag - Each RAG rating badge (also `rag-red`, `rag-amber`, `rag-green`, `rag-none`).
 * @csspart todo - The list of what needs doing.
 * @csspart contacts - Whom to contact.
 * @csspart pep-link - The link to the child's PEP in the ePEP system.
 * @csspart group - Each group of further detail (a disclosure).
 * @csspart state - The loading, empty or error message (also `loading`, `empty`, `error`).
 * @csspart button - Buttons.
 *
 * @cssprop --edu-text-colour - Text colour (falls back to --govuk-text-colour).
 * @cssprop --edu-border-colour - Rules between sections (falls back to --govuk-border-colour).
 * @cssprop --edu-panel-colour - Background of the tiles.
 * @cssprop --edu-font-family - The font (Arial by default).
 */
export class EduChildSummary extends EduChildElement {
  static override properties = {
    ...EduChildElement.properties,
    viewer: { type: String },
    epepOrigin: { type: String, attribute: 'epep-origin' },
  };

  /** Whose screen this is. */
  declare viewer: string | undefined;
  /** The council's ePEP system's origin: the child's PEP link is shown only when it is on this origin. */
  declare epepOrigin: string | undefined;

  static override styles = [
    ...EduChildElement.styles,
    css`
      .tiles {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 14em), 1fr));
        gap: 8px;
        padding: 0;
        margin: 0 0 var(--_space);
        list-style: none;
      }
      .tile {
        padding: 8px 10px;
        background: var(--_panel);
        border-inline-start: 5px solid var(--_border);
      }
      .tile-red {
        border-inline-start-color: var(--_red);
      }
      .tile-amber {
        border-inline-start-color: var(--_amber);
      }
      .tile-green {
        border-inline-start-color: var(--_green);
      }
      .tile .figure {
        font-size: 1.2em;
        font-weight: bold;
        margin: 4px 0;
      }
      .tile .minor {
        font-weight: bold;
      }
      .todo li {
        margin-bottom: 6px;
      }
      .owner,
      .overdue {
        font-weight: bold;
      }
      details {
        border-top: 1px solid var(--_border);
        padding: 6px 0;
      }
      summary {
        cursor: pointer;
        color: var(--_link);
        text-decoration: underline;
      }
      summary:focus-visible {
        background: var(--_focus);
        color: var(--_focus-text);
        outline: none;
        text-decoration: none;
      }
      a {
        color: var(--_link);
      }
    `,
  ];

  private level(offset: number): number {
    return Math.min(6, this.headingLevelValue() + offset);
  }

  private tiles(sections: PanelSections): TemplateResult {
    const t = (key: Parameters<typeof this.t>[0]) => this.t(key);
    return html`<p>${sections.overall.title}: ${ragBadge(sections.overall.rating, t)} ${sections.overall.sentence}</p>
      <ul class="tiles" part="tiles">
        ${sections.tiles.map(
          (tile) => html`<li class="tile tile-${tile.rating}" part="tile">
            <div class="minor" role="heading" aria-level=${this.level(2)}>${tile.title}</div>
            ${ragBadge(tile.rating, t)}
            <p class="figure">${tile.figure}</p>
            ${tile.sentence ? html`<p class="secondary">${tile.sentence}</p>` : nothing}
          </li>`,
        )}
      </ul>`;
  }

  private todo(sections: PanelSections): TemplateResult {
    if (sections.todo.length === 0) return html`<p class="secondary">${sections.headings.noTodo}</p>`;
    return html`<ol class="todo plain" part="todo">
      ${sections.todo.map(
        (item) => html`<li>
          <span class="owner">${item.ownerLabel}${item.yours ? ` (${sections.headings.yours.toLowerCase()})` : ''}:</span>
          ${item.text}${item.when ? html` <span class=${item.overdue ? 'overdue' : ''}>${item.when}.</span>` : nothing}
          ${item.why ? html`<span class="secondary">(${item.why})</span>` : nothing}
        </li>`,
      )}
    </ol>`;
  }

  private contacts(sections: PanelSections): TemplateResult {
    const pep = sections.pepDocument;
    return html`${pep ? html`<p><a href=${pep.url} target="_blank" rel="noopener noreferrer" part="pep-link">${pep.label}</a></p>` : nothing}<dl class="facts" part="contacts">
      ${sections.contacts.map(
        (contact) => html`<dt>${contact.roleLabel}</dt>
          <dd>
            ${contact.missing ?? contact.name}${contact.phone ? html`, <a href="tel:${contact.phone.replace(/[^+\d]/g, '')}">${contact.phone}</a>` : nothing}${contact.email
              ? html`, <a href="mailto:${contact.email}">${contact.email}</a>`
              : nothing}
          </dd>`,
      )}
    </dl>`;
  }

  private group(group: DetailGroup): TemplateResult {
    return html`<details part="group">
      <summary>${group.title}</summary>
      ${group.rows.length > 0
        ? html`<table>
            <tbody>
              ${group.rows.map((row) => html`<tr><th scope="row">${row.label}</th><td>${row.value}</td></tr>`)}
            </tbody>
          </table>`
        : nothing}
      ${group.lines.length > 0 ? html`<ul class="plain">${group.lines.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
    </details>`;
  }

  protected override renderStatus(status: EducationStatus): TemplateResult {
    const viewer = VIEWERS.find((v) => v === this.viewer);
    const sections = describeSections(status, { language: this.language, ...(viewer ? { viewer } : {}), ...(this.epepOrigin ? { epepOrigin: this.epepOrigin } : {}) });
    return html`
      <article aria-label=${this.t('summary.about', { name: status.child.displayName })}>
        ${this.heading(status.child.displayName)}
        <p class=${sections.stale ? '' : 'secondary'}>${sections.stale ? html`<strong>${sections.freshness}</strong>` : sections.freshness}</p>
        ${this.subheading(sections.headings.howDoing)} ${this.tiles(sections)}
        ${this.subheading(sections.headings.todo)} ${this.todo(sections)}
        ${this.subheading(sections.headings.contacts)} ${this.contacts(sections)}
        ${this.subheading(sections.headings.more)} ${sections.groups.map((group) => this.group(group))}
      </article>
    `;
  }
}
