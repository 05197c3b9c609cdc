import { css, html, nothing, type TemplateResult } from 'lit';
import type { EducationStatus } from '../../core/model/status.ts';
import { describeSections, type DetailGroup, type PanelSections, type Viewer } from '../../core/presentation/sections.ts';
import type { BarChart } from '../shared/chart.ts';
import { EduChildElement } from '../shared/child-element.ts';
import { ragBadge } from '../shared/rag.ts';
import type * as TrendDrawing from '../shared/term-trend.ts';

type TrendModule = typeof TrendDrawing;

const VIEWERS: readonly Viewer[] = ['social-worker', 'designated-teacher', 'virtual-school'];
const PRINT_STYLE_ID = 'edu-child-summary-print';
/** Marks the summary being printed, so the page's print style shows it alone. */
const PRINTING = 'data-edu-printing';

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
 * @attr {boolean} print-layout - Draw the printable summary (what "Print or save as PDF" opens): a confidentiality marking, the date, the data's freshness, and the detail that matters on one A4 page.
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
 * @csspart marking - The confidentiality marking of the printable summary.
 * @csspart group - Each group of further detail (a disclosure).
 * @csspart chart - The box holding the chart of attendance by term (in the trend group).
 * @csspart table-toggle - The disclosure holding the trend's table.
 * @csspart table - The trend's tables.
 * @csspart state - The loading, empty or error message (also `loading`, `empty`, `error`).
 * @csspart button - Buttons.
 *
 * @cssprop --edu-text-colour - Text colour (falls back to --govuk-text-colour).
 * @cssprop --edu-border-colour - Rules between sections (falls back to --govuk-border-colour).
 * @cssprop --edu-panel-colour - Background of the tiles.
 * @cssprop --edu-font-family - The font (Arial by default).
 * @cssprop --edu-chart-height - The height of the chart of attendance by term (12rem by default).
 */
export class EduChildSummary extends EduChildElement {
  static override properties = {
    ...EduChildElement.properties,
    viewer: { type: String },
    epepOrigin: { type: String, attribute: 'epep-origin' },
    printLayout: { type: Boolean, attribute: 'print-layout', reflect: true },
  };

  /** Whose screen this is. */
  declare viewer: string | undefined;
  /** The council's ePEP system's origin: the child's PEP link is shown only when it is on this origin. */
  declare epepOrigin: string | undefined;
  /** The printable summary: one A4 page with a confidentiality marking, the date and the data's freshness. */
  declare printLayout: boolean;

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
      .print-button {
        margin: 0 0 var(--_space);
      }
      /* The printable summary: compact, black on white, fits one A4 page for a typical child. */
      .print-only {
        display: none;
      }
      .print .print-only {
        display: block;
      }
      @media print {
        .screen-only {
          display: none;
        }
        .print-only {
          display: block;
        }
      }
      .print {
        font-size: 8.5pt;
        line-height: 1.25;
        --_space: 8px;
      }
      .print .tiles {
        grid-template-columns: repeat(4, 1fr);
        gap: 4px;
      }
      .print .tile {
        padding: 4px 6px;
      }
      .print .tile .figure {
        font-size: 1.05em;
      }
      .print th,
      .print td {
        padding: 1px 8px 1px 0;
      }
      .print th {
        font-weight: normal;
      }
      .print .tile .secondary {
        font-size: 0.9em;
        margin: 0;
      }
      .print .columns {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0 16px;
      }
      .print p,
      .print ul,
      .print ol,
      .print dl,
      .print table {
        margin-bottom: 6px;
      }
      .marking {
        border: 2px solid var(--_text);
        padding: 4px 8px;
        font-weight: bold;
      }
      .print-heading {
        font-size: 1.05em;
        font-weight: bold;
        margin: 6px 0 2px;
      }
    `,
  ];

  /** The trend's drawing (and, through its chart, chart.js): loaded when the trend group is first opened. */
  #trend: TrendModule | undefined;
  #trendLoading = false;
  #trendChart: BarChart | undefined;
  #status: EducationStatus | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#trendChart?.destroy();
  }

  protected override updated(): void {
    if (!this.#trend || !this.#trendChart) return;
    const status = this.state.kind === 'ready' && !this.printLayout ? this.#status : undefined;
    this.#trend.drawTermTrend(this.#trendChart, this.renderRoot, this, status ? this.#trend.describeTrends(status, this.language) : undefined);
  }

  private loadTrend(): void {
    if (this.#trend || this.#trendLoading) return;
    this.#trendLoading = true;
    import('../shared/term-trend.ts').then(
      (module) => {
        this.#trend = module;
        this.#trendChart = new module.BarChart();
        // The trend's styles come with it.
        const root = this.renderRoot as ShadowRoot;
        const sheet = module.termTrendStyles.styleSheet;
        if (sheet && root.adoptedStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        this.requestUpdate();
      },
      () => {
        this.#trendLoading = false;
      },
    );
  }

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

  private group(group: DetailGroup, status: EducationStatus): TemplateResult {
    if (group.id === 'trends') {
      const trend = this.#trend;
      const view = trend?.describeTrends(status, this.language);
      return html`<details part="group" class="trend" @toggle=${(event: Event) => (event.target as HTMLDetailsElement).open && this.loadTrend()}>
        <summary>${group.title}</summary>
        ${trend && view ? trend.trendGroupBody(view, this.level(2)) : nothing}
      </details>`;
    }
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

  /** A group of detail, printed open; sentences the tiles already say are left out. */
  private groupBody(group: DetailGroup | undefined, said: ReadonlySet<string>): TemplateResult | typeof nothing {
    if (!group) return nothing;
    const lines = group.lines.filter((line) => !said.has(line));
    return html`<div>
      <div class="print-heading" role="heading" aria-level=${this.level(1)}>${group.title}</div>
      ${group.rows.length > 0
        ? html`<table>
            <tbody>
              ${group.rows.map((row) => html`<tr><th scope="row">${row.label}</th><td>${row.value}</td></tr>`)}
            </tbody>
          </table>`
        : nothing}
      ${lines.length > 0 ? html`<ul class="plain">${lines.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
    </div>`;
  }

  /** The printable summary: the first screen, then the detail that matters at a review, on one A4 page. */
  private renderPrint(sections: PanelSections): TemplateResult {
    const group = (id: DetailGroup['id']) => sections.groups.find((g) => g.id === id);
    const said = new Set(sections.tiles.map((tile) => tile.sentence));
    return html`<article class="print" aria-label=${sections.print.title}>
      <p class="marking" part="marking">${sections.print.marking}</p>
      ${this.heading(sections.print.title)}
      <p>${sections.print.child}. ${sections.print.printed} ${sections.freshness}</p>
      ${this.tiles(sections)}
      <div class="columns">
        <div>${this.subheading(sections.headings.todo)} ${this.todo(sections)}</div>
        <div>
          ${this.subheading(sections.headings.contacts)} ${this.contacts(sections)}
          ${sections.pepDocument ? html`<p>${sections.pepDocument.url}</p>` : nothing}
        </div>
        ${this.groupBody(group('attendance'), said)} ${this.groupBody(group('pep'), said)}
      </div>
      ${this.groupBody(group('attainment'), said)}
      <p class="marking">${sections.print.marking}</p>
    </article>`;
  }

  /** Prints this summary alone: the page's other content is hidden while it prints (the component's own
   * print styles draw the printable summary). */
  private printNow(): void {
    if (!document.getElementById(PRINT_STYLE_ID)) {
      const style = document.createElement('style');
      style.id = PRINT_STYLE_ID;
      style.media = 'print';
      style.textContent = `@page { size: A4; margin: 12mm; } body * { visibility: hidden !important; } [${PRINTING}], [${PRINTING}] * { visibility: visible !important; } [${PRINTING}] { position: absolute; inset: 0 auto auto 0; width: 100%; }`;
      document.head.append(style);
    }
    this.setAttribute(PRINTING, '');
    window.addEventListener('afterprint', () => this.removeAttribute(PRINTING), { once: true });
    window.print();
  }

  protected override renderStatus(status: EducationStatus): TemplateResult {
    const viewer = VIEWERS.find((v) => v === this.viewer);
    const sections = describeSections(status, {
      language: this.language,
      ...(viewer ? { viewer } : {}),
      ...(this.epepOrigin ? { epepOrigin: this.epepOrigin } : {}),
      today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
    });
    this.#status = status;
    if (this.printLayout) return this.renderPrint(sections);
    return html`<div class="screen-only">
      <article aria-label=${this.t('summary.about', { name: status.child.displayName })}>
        ${this.heading(status.child.displayName)}
        <button type="button" class="button secondary-button print-button" part="button" @click=${() => this.printNow()}>${sections.print.button}</button>
        <p class=${sections.stale ? '' : 'secondary'}>${sections.stale ? html`<strong>${sections.freshness}</strong>` : sections.freshness}</p>
        ${this.subheading(sections.headings.howDoing)} ${this.tiles(sections)}
        ${this.subheading(sections.headings.todo)} ${this.todo(sections)}
        ${this.subheading(sections.headings.contacts)} ${this.contacts(sections)}
        ${this.subheading(sections.headings.more)} ${sections.groups.map((group) => this.group(group, status))}
      </article></div>
      <div class="print-only">${this.renderPrint(sections)}</div>
    `;
  }
}
