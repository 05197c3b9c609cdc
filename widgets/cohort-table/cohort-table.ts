import { css, html, nothing, type TemplateResult } from 'lit';
import type { PepState, Rating } from '../../core/model/status.ts';
import type { StatusSummary } from '../../core/model/summary.ts';
import { isActionThisWeek, needsAction, needsActionRank, type NeedsAction } from '../../core/presentation/needs-action.ts';
import { EduCohortElement } from '../shared/cohort-element.ts';
import { toCsv } from '../shared/csv.ts';
import { formatDate, formatNumber, formatPercent } from '../shared/format.ts';
import type { StringKey } from '../shared/i18n.ts';
import { ragBadge } from '../shared/rag.ts';

type ColumnKey = 'name' | 'yearGroup' | 'school' | 'overall' | 'action' | 'attendance' | 'pep' | 'nextDue' | 'suspensions';
/** The "needs action" filter: every child, only those overdue or due this week, or any with something to act on. */
type ActionFilter = '' | 'this-week' | 'any';
const ACTION_FILTERS: readonly { value: ActionFilter; label: StringKey }[] = [
  { value: '', label: 'table.any' },
  { value: 'this-week', label: 'table.action.thisWeek' },
  { value: 'any', label: 'table.action.anyAction' },
];
type Direction = 'ascending' | 'descending';

const RATING_ORDER: Record<Rating, number> = { red: 0, amber: 1, green: 2, none: 3 };
const PEP_ORDER: Record<PepState, number> = { overdue: 0, 'due-soon': 1, 'in-date': 2, 'not-required': 3 };

interface Column {
  key: ColumnKey;
  label: StringKey;
  numeric?: boolean;
  compare: (a: StatusSummary, b: StatusSummary) => number;
}

// One collator for every comparison: String.prototype.localeCompare builds one per call, far too slow for thousands of rows.
const byText = new Intl.Collator('en-GB', { sensitivity: 'base' }).compare;
const byNullableNumber = (a: number | null | undefined, b: number | null | undefined): number =>
  (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY);

/** Each row's needs-action decision in English, for sorting and filtering (worked out once per row object). */
const actions = new WeakMap<StatusSummary, NeedsAction | null>();
function actionOf(child: StatusSummary): NeedsAction | null {
  let action = actions.get(child);
  if (action === undefined) {
    action = needsAction(child);
    actions.set(child, action);
  }
  return action;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'table.name', compare: (a, b) => byText(a.child.lastName, b.child.lastName) || byText(a.child.displayName, b.child.displayName) },
  { key: 'yearGroup', label: 'table.yearGroup', numeric: true, compare: (a, b) => byNullableNumber(a.child.yearGroup, b.child.yearGroup) },
  { key: 'school', label: 'table.school', compare: (a, b) => byText(a.school?.name ?? '', b.school?.name ?? '') },
  { key: 'overall', label: 'table.overall', compare: (a, b) => RATING_ORDER[a.rag.overall] - RATING_ORDER[b.rag.overall] },
  {
    key: 'action',
    label: 'table.action',
    // Most urgent first (overdue, due this week, red, amber, nothing), then the PEP due soonest.
    compare: (a, b) => needsActionRank(actionOf(a)) - needsActionRank(actionOf(b)) || byText(a.pep.nextDue ?? '9999', b.pep.nextDue ?? '9999'),
  },
  {
    key: 'attendance',
    label: 'table.attendance',
    numeric: true,
    compare: (a, b) => byNullableNumber(a.attendance.academicYear.attendancePercent, b.attendance.academicYear.attendancePercent),
  },
  { key: 'pep', label: 'table.pep', compare: (a, b) => PEP_ORDER[a.pep.state] - PEP_ORDER[b.pep.state] },
  { key: 'nextDue', label: 'table.nextDue', compare: (a, b) => byText(a.pep.nextDue ?? '9999', b.pep.nextDue ?? '9999') },
  { key: 'suspensions', label: 'table.suspensions', numeric: true, compare: (a, b) => a.exclusions.suspensionsThisYear - b.exclusions.suspensionsThisYear },
];

/**
 * A designated teacher's or virtual school's list: one row per child with the overall and attendance
 * RAG ratings, what needs action (overdue, due this week, red, amber, with the one reason), attendance, PEP
 * state and next due date. Sort by any column, search, filter by rating and by what needs action,
 * page through thousands of rows, move with the keyboard (arrow keys, Home, End, Page Up, Page Down,
 * Enter) and download what is shown as CSV.
 *
 * @summary A sortable, searchable, keyboard-navigable list of children with CSV export.
 * @tag edu-cohort-table
 *
 * @attr {string} src - The Education Status API's base address.
 * @attr {string} school - Load only the children at this school (URN).
 * @attr {string} year-group - Load only the children in this year group.
 * @attr {string} key-stage - Load only the children in this key stage.
 * @attr {number} page-size - Rows per page (25 by default).
 * @attr {number} heading-level - The level of the component's heading (default 2).
 * @attr {string} lang - `cy` for Welsh; otherwise the nearest `lang` on the page.
 *
 * @fires {CustomEvent<EduLoadDetail>} edu-load - The children loaded from the API; `detail.count` says how many.
 * @fires {CustomEvent<EduErrorDetail>} edu-error - The list could not be shown; `detail.message` says why.
 * @fires {CustomEvent<EduSelectChildDetail>} edu-select-child - The user opened a child (click or Enter on a row).
 * @fires {CustomEvent<EduExportDetail>} edu-export - The user downloaded the rows as CSV.
 *
 * @csspart heading - The table's heading.
 * @csspart controls - The search, filter and download controls.
 * @csspart table - The table.
 * @csspart row - Each row of children.
 * @csspart child-link - The button with each child's name.
 * @csspart rag - Each RAG rating badge (also `rag-red`, `rag-amber`, `rag-green`, `rag-none`).
 * @csspart pagination - The page controls.
 * @csspart button - Buttons.
 * @csspart state - The loading, empty or error message (also `loading`, `empty`, `error`).
 *
 * @cssprop --edu-text-colour - Text colour (falls back to --govuk-text-colour).
 * @cssprop --edu-link-colour - Children's names (falls back to --govuk-link-colour).
 * @cssprop --edu-focus-colour - The focus highlight (falls back to --govuk-focus-colour).
 * @cssprop --edu-border-colour - Table rules (falls back to --govuk-border-colour).
 * @cssprop --edu-font-family - The font (Arial by default).
 */
export class EduCohortTable extends EduCohortElement {
  static override properties = {
    ...EduCohortElement.properties,
    pageSize: { type: Number, attribute: 'page-size' },
    sortKey: { state: true },
    sortDirection: { state: true },
    search: { state: true },
    ratingFilter: { state: true },
    actionFilter: { state: true },
    page: { state: true },
  };

  static override styles = [
    ...EduCohortElement.styles,
    css`
      .controls {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: var(--_space);
        margin: 0 0 var(--_space);
      }
      label {
        display: block;
        font-weight: bold;
        margin-bottom: 4px;
      }
      input,
      select {
        min-height: 40px;
        padding: 5px;
        border: 2px solid var(--_text);
        border-radius: 0;
        background: var(--_bg);
        max-width: 100%;
      }
      input:focus-visible,
      select:focus-visible {
        outline: 3px solid var(--_focus);
        box-shadow: inset 0 0 0 2px var(--_text);
      }
      .scroll {
        overflow-x: auto;
        margin: 0 0 var(--_space);
      }
      table {
        margin: 0;
      }
      th button {
        padding: 0;
        border: 0;
        background: none;
        font: inherit;
        font-weight: bold;
        color: var(--_link);
        text-decoration: underline;
        cursor: pointer;
        text-align: inherit;
      }
      th button:focus-visible {
        background: var(--_focus);
        color: var(--_focus-text);
        outline: none;
        box-shadow: 0 4px var(--_text);
      }
      th[aria-sort='ascending'] button::after {
        content: ' \\25B2' / '';
      }
      th[aria-sort='descending'] button::after {
        content: ' \\25BC' / '';
      }
      tbody td:focus,
      tbody th:focus {
        outline: 3px solid var(--_focus);
        outline-offset: -3px;
        box-shadow: inset 0 0 0 5px var(--_text);
      }
      tbody tr:hover {
        background: var(--_panel);
      }
      .pagination {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
      }
      @media (forced-colors: active) {
        tbody td:focus,
        tbody th:focus {
          outline: 3px solid Highlight;
        }
      }
    `,
  ];

  /** Rows per page. Paging keeps thousands of children quick to show and to move through. */
  declare pageSize: number;
  declare private sortKey: ColumnKey;
  declare private sortDirection: Direction;
  declare private search: string;
  declare private ratingFilter: Rating | '';
  declare private actionFilter: ActionFilter;
  declare private page: number;

  /** Which cell holds the roving focus: row within the page and column. */
  #active = { row: 0, column: 0 };
  #focusAfterRender = false;
  #view?: { source: StatusSummary[]; key: string; matches: StatusSummary[]; sorted?: StatusSummary[] };

  constructor() {
    super();
    this.pageSize = 25;
    this.sortKey = 'name';
    this.sortDirection = 'ascending';
    this.search = '';
    this.ratingFilter = '';
    this.actionFilter = '';
    this.page = 0;
  }

  /** The rows that match the search and the rating filter, in the given order (cached between renders). */
  private view(children: StatusSummary[]): { matches: StatusSummary[]; sorted?: StatusSummary[] } {
    const key = `${this.sortKey}|${this.sortDirection}|${this.search}|${this.ratingFilter}|${this.actionFilter}`;
    if (this.#view && this.#view.source === children && this.#view.key === key) return this.#view;
    const needle = this.search.trim().toLocaleLowerCase('en-GB');
    const matches = children
      .filter((child) => !this.ratingFilter || child.rag.overall === this.ratingFilter)
      .filter((child) => !this.actionFilter || (this.actionFilter === 'any' ? actionOf(child) !== null : isActionThisWeek(actionOf(child))))
      .filter(
        (child) =>
          !needle ||
          child.child.displayName.toLocaleLowerCase('en-GB').includes(needle) ||
          child.child.personId.toLocaleLowerCase('en-GB').includes(needle) ||
          (child.school?.name.toLocaleLowerCase('en-GB').includes(needle) ?? false),
      );
    this.#view = { source: children, key, matches };
    return this.#view;
  }

  /** The order of the rows: the chosen column, then the person ID so that equal rows keep one order. */
  private comparator(): (a: StatusSummary, b: StatusSummary) => number {
    const column = COLUMNS.find((candidate) => candidate.key === this.sortKey) ?? COLUMNS[0]!;
    const sign = this.sortDirection === 'ascending' ? 1 : -1;
    return (a, b) => sign * column.compare(a, b) || byText(a.child.personId, b.child.personId);
  }

  /** The rows after the search, the rating filter and the sort (cached between renders). */
  private visibleRows(children: StatusSummary[]): StatusSummary[] {
    const view = this.view(children);
    view.sorted ??= [...view.matches].sort(this.comparator());
    return view.sorted;
  }

  /**
   * The first `count` of visibleRows() without sorting the rest, so the first page of thousands of
   * children shows without waiting for a full sort. Stable, like Array#sort: equal rows keep their order.
   */
  private firstRows(children: StatusSummary[], count: number): StatusSummary[] {
    const view = this.view(children);
    if (view.sorted) return view.sorted.slice(0, count);
    const compare = this.comparator();
    const top: StatusSummary[] = [];
    for (const row of view.matches) {
      if (top.length === count && compare(row, top[count - 1]!) >= 0) continue;
      let low = 0;
      let high = top.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (compare(row, top[middle]!) < 0) high = middle;
        else low = middle + 1;
      }
      top.splice(low, 0, row);
      if (top.length > count) top.pop();
    }
    return top;
  }

  private pageCount(rows: number): number {
    return Math.max(1, Math.ceil(rows / Math.max(1, this.pageSize)));
  }

  private sortBy(key: ColumnKey): void {
    this.sortDirection = this.sortKey === key && this.sortDirection === 'ascending' ? 'descending' : 'ascending';
    this.sortKey = key;
    this.page = 0;
  }

  private select(child: StatusSummary): void {
    this.emit('edu-select-child', { personId: child.child.personId, displayName: child.child.displayName });
  }

  /** Writes the rows that match the search and filter, in their current order, as a CSV download. */
  exportCsv(): void {
    if (this.state.kind !== 'ready') return;
    const rows = this.visibleRows(this.state.data);
    const header = ['Person ID', ...COLUMNS.map((column) => this.t(column.label)), this.t('table.attendanceRag')];
    const language = this.language;
    const lines = rows.map((child) => [
      child.child.personId,
      child.child.displayName,
      child.child.yearGroupLabel,
      child.school?.name ?? '',
      this.t(`rag.${child.rag.overall}`),
      needsAction(child, { language })?.reason ?? '',
      child.attendance.academicYear.attendancePercent,
      this.t(`pep.state.${child.pep.state}`),
      child.pep.nextDue ?? '',
      child.exclusions.suspensionsThisYear,
      this.t(`rag.${child.rag.attendance}`),
    ]);
    const filename = `${this.t('table.exportName')}.csv`;
    const url = URL.createObjectURL(new Blob(['\ufeff', toCsv([header, ...lines])], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.style.display = 'none';
    this.renderRoot.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.emit('edu-export', { rows: rows.length, filename });
  }

  private onGridKey(event: KeyboardEvent, rowsOnPage: number, pages: number): void {
    const last = { row: rowsOnPage - 1, column: COLUMNS.length - 1 };
    const active = { ...this.#active };
    switch (event.key) {
      case 'ArrowDown':
        if (active.row < last.row) active.row += 1;
        else if (this.page < pages - 1) return this.turnPage(1, 0);
        break;
      case 'ArrowUp':
        if (active.row > 0) active.row -= 1;
        else if (this.page > 0) return this.turnPage(-1, Number.MAX_SAFE_INTEGER);
        break;
      case 'ArrowRight':
        active.column = Math.min(last.column, active.column + 1);
        break;
      case 'ArrowLeft':
        active.column = Math.max(0, active.column - 1);
        break;
      case 'Home':
        if (event.ctrlKey) active.row = 0;
        active.column = 0;
        break;
      case 'End':
        if (event.ctrlKey) active.row = last.row;
        active.column = last.column;
        break;
      case 'PageDown':
        if (this.page < pages - 1) return this.turnPage(1, active.row, event);
        active.row = last.row;
        break;
      case 'PageUp':
        if (this.page > 0) return this.turnPage(-1, active.row, event);
        active.row = 0;
        break;
      case 'Enter':
      case ' ': {
        const target = event.target as HTMLElement;
        if (target.tagName === 'BUTTON') return;
        event.preventDefault();
        target.closest('tr')?.querySelector('button')?.click();
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    this.#active = active;
    this.focusActive();
  }

  private turnPage(step: number, row: number, event?: KeyboardEvent): void {
    event?.preventDefault();
    this.page += step;
    this.#active = { row, column: this.#active.column };
    this.#focusAfterRender = true;
  }

  private focusActive(): void {
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const cell = this.renderRoot.querySelector<HTMLElement>('[data-active]');
      (cell?.querySelector('button') ?? cell)?.focus();
    });
  }

  protected override updated(): void {
    if (this.#focusAfterRender) {
      this.#focusAfterRender = false;
      this.focusActive();
    }
  }

  private cell(child: StatusSummary, column: Column): TemplateResult {
    switch (column.key) {
      case 'name':
        return html`<button type="button" class="link" part="child-link" tabindex="-1" @click=${() => this.select(child)}>
            ${child.child.displayName}</button
          ><br /><span class="secondary">${child.child.personId}</span>`;
      case 'yearGroup':
        return html`${child.child.yearGroupLabel}`;
      case 'school':
        return html`${child.school?.name ?? this.t('summary.noSchool')}`;
      case 'overall':
        return ragBadge(child.rag.overall, (key) => this.t(key));
      case 'action': {
        const action = needsAction(child, { language: this.language });
        if (!action) return html`<span class="secondary">${this.t('table.action.none')}</span>`;
        return isActionThisWeek(action)
          ? html`<strong class="action">${this.t(`table.action.${action.level as 'overdue' | 'due-this-week'}`)}</strong><br />${action.reason}`
          : html`${action.reason}`;
      }
      case 'attendance': {
        const percent = child.attendance.academicYear.attendancePercent;
        return html`${percent === null ? this.t('common.noPercent') : this.t('common.percent', { value: formatPercent(percent) })}
          <br />${ragBadge(child.rag.attendance, (key) => this.t(key))}`;
      }
      case 'pep':
        return html`${this.t(`pep.state.${child.pep.state}`)}`;
      case 'nextDue':
        return html`${child.pep.nextDue ? formatDate(child.pep.nextDue, this.language, 'short') : this.t('pep.noneDue')}`;
      case 'suspensions':
        return html`${child.exclusions.suspensionsThisYear}`;
    }
  }

  protected override renderCohort(children: StatusSummary[]): TemplateResult {
    const total = this.view(children).matches.length;
    const pages = this.pageCount(total);
    const page = Math.min(this.page, pages - 1);
    const size = Math.max(1, this.pageSize);
    const start = page * size;
    const shown = start === 0 ? this.firstRows(children, size) : this.visibleRows(children).slice(start, start + size);
    this.#active = { row: Math.min(Math.max(0, this.#active.row), Math.max(0, shown.length - 1)), column: this.#active.column };
    const lang = this.language;
    const level = this.headingLevelValue();
    return html`
      <div role="heading" aria-level=${level} class="heading h${level}" part="heading">
        ${this.t('table.caption', { count: formatNumber(children.length, lang) })}
      </div>
      <p class="secondary" id="help">${this.t('table.help')}</p>
      <div class="controls" part="controls">
        <div>
          <label for="search">${this.t('table.search')}</label>
          <input
            id="search"
            type="search"
            autocomplete="off"
            .value=${this.search}
            @input=${(event: Event) => {
              this.search = (event.target as HTMLInputElement).value;
              this.page = 0;
            }}
          />
        </div>
        <div>
          <label for="rating">${this.t('table.ratingFilter')}</label>
          <select
            id="rating"
            @change=${(event: Event) => {
              this.ratingFilter = (event.target as HTMLSelectElement).value as Rating | '';
              this.page = 0;
            }}
          >
            <option value="" ?selected=${this.ratingFilter === ''}>${this.t('table.any')}</option>
            ${(['red', 'amber', 'green', 'none'] as const).map(
              (rating) => html`<option value=${rating} ?selected=${this.ratingFilter === rating}>${this.t(`rag.${rating}`)}</option>`,
            )}
          </select>
        </div>
        <div>
          <label for="action">${this.t('table.actionFilter')}</label>
          <select
            id="action"
            @change=${(event: Event) => {
              this.actionFilter = (event.target as HTMLSelectElement).value as ActionFilter;
              this.page = 0;
            }}
          >
            ${ACTION_FILTERS.map(({ value, label }) => html`<option value=${value} ?selected=${this.actionFilter === value}>${this.t(label)}</option>`)}
          </select>
        </div>
        <button type="button" class="button secondary-button" part="button export" ?disabled=${total === 0} @click=${() => this.exportCsv()}>
          ${this.t('table.export')}
        </button>
      </div>
      <p role="status" class="secondary">
        ${total === 0
          ? this.t('table.noMatches')
          : this.t('table.showing', {
              from: formatNumber(start + 1, lang),
              to: formatNumber(start + shown.length, lang),
              count: formatNumber(total, lang),
            })}
      </p>
      <div class="scroll">
        <table role="grid" part="table" aria-describedby="help" aria-rowcount=${total + 1}>
          <caption class="visually-hidden">${this.t('table.caption', { count: formatNumber(total, lang) })}</caption>
          <thead>
            <tr aria-rowindex="1">
              ${COLUMNS.map(
                (column) => html`<th
                  scope="col"
                  class=${column.numeric ? 'num' : ''}
                  aria-sort=${this.sortKey === column.key ? this.sortDirection : 'none'}
                >
                  <button type="button" @click=${() => this.sortBy(column.key)}>${this.t(column.label)}</button>
                </th>`,
              )}
            </tr>
          </thead>
          <tbody @keydown=${(event: KeyboardEvent) => this.onGridKey(event, shown.length, pages)}>
            ${shown.map(
              (child, rowIndex) => html`<tr part="row" aria-rowindex=${start + rowIndex + 2}>
                ${COLUMNS.map((column, columnIndex) => {
                  const active = rowIndex === this.#active.row && columnIndex === this.#active.column;
                  const focusable = active && column.key !== 'name';
                  return html`<td
                    class=${column.numeric ? 'num' : ''}
                    tabindex=${focusable ? 0 : -1}
                    ?data-active=${active}
                    @focusin=${() => (this.#active = { row: rowIndex, column: columnIndex })}
                  >
                    ${column.key === 'name' && active
                      ? html`<button type="button" class="link" part="child-link" @click=${() => this.select(child)}>${child.child.displayName}</button
                          ><br /><span class="secondary">${child.child.personId}</span>`
                      : this.cell(child, column)}
                  </td>`;
                })}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${pages > 1
        ? html`<nav class="pagination" part="pagination" aria-label=${this.t('table.pages')}>
            <button type="button" class="button secondary-button" part="button" ?disabled=${page === 0} @click=${() => (this.page = page - 1)}>
              ${this.t('table.previous')}
            </button>
            <span>${this.t('table.page', { page: page + 1, pages })}</span>
            <button type="button" class="button secondary-button" part="button" ?disabled=${page >= pages - 1} @click=${() => (this.page = page + 1)}>
              ${this.t('table.next')}
            </button>
          </nav>`
        : nothing}
    `;
  }
}
