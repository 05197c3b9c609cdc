import { readCaseload, readChild, readValue } from '../adapters/dom.ts';
import { Adapter, describeAdapterProblems, type AdapterInput, type Finder, type IdSource } from '../adapters/schema.ts';
import { exampleFailures, hostMatches, hostOf, idFromUrl, predicateMatch } from '../adapters/url.ts';
import { proposeAnchor, proposeFinder, type Proposal } from './selectors.ts';

/**
 * "Teach EduBridge this page": from what an administrator clicks on one child's page (the name, the date
 * of birth, the person ID or "it is in the address", where the badge goes) and two or three more
 * children's pages to confirm, an adapter in the documented format (docs/adapters.md) — URL pattern with
 * its example URLs, stable selectors — checked by the same schema and example checks as a hand-written
 * one. Pure functions of Documents and URLs, so the builder page, the picker on the case system's page and
 * the tests all use the same code.
 */

/** What the administrator clicked on the first child's page. */
export interface ChildTeaching {
  url: string;
  /** The person ID as the page or address shows it. */
  personId: string;
  /** Where the ID is: in the address (the builder finds the segment or parameter), or the element clicked. */
  idElement?: Element;
  name: Element | Element[];
  dateOfBirth?: Element;
  /** Where the badge goes (default: after the name). */
  anchor?: Element;
}

export interface ChildProposal {
  adapter: AdapterInput;
  /** How each part was found, so the builder can say "by its label 'Date of birth'" or warn "fragile". */
  parts: Record<'id' | 'name' | 'dateOfBirth' | 'anchor', Proposal['basis'] | 'address' | undefined>;
  fragile: string[];
}

const ID_PATTERN = '[A-Za-z0-9_-]+';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Where the person ID is in an address: a path segment, or a query parameter. */
export function idInAddress(href: string, personId: string): { from: 'path'; segment: number } | { from: 'query'; param: string } | undefined {
  const url = new URL(href);
  const segments = url.pathname.split('/');
  const segment = segments.findIndex((part) => decodeURIComponent(part) === personId);
  if (segment >= 0) return { from: 'path', segment };
  for (const [param, value] of url.searchParams) if (value === personId) return { from: 'query', param };
  return undefined;
}

/**
 * The URL predicate's path pattern for pages like `href`: the path up to and including the ID segment
 * (other segments as written), then any sub-page, query and fragment; or, for an ID in the query, the
 * path with a look-ahead for the parameter and for every parameter whose value is the same on each page.
 */
export function proposePath(hrefs: readonly string[], where: NonNullable<ReturnType<typeof idInAddress>> | undefined, ids: readonly string[]): string {
  const urls = hrefs.map((href) => new URL(href));
  const first = urls[0]!;
  if (where?.from === 'path') {
    const segments = first.pathname.split('/').slice(0, where.segment + 1);
    const literal = segments.map((part, index) => (index === where.segment ? `(?<id>${ID_PATTERN})` : escapeRegExp(part))).join('/');
    return `^${literal}(?:/[^?#]*)?(?:[?#].*)?$`;
  }
  const path = escapeRegExp(first.pathname);
  const lookaheads: string[] = [];
  if (where?.from === 'query') lookaheads.push(`(?=(?:.*&)?${escapeRegExp(where.param)}=(?<id>${ID_PATTERN}))`);
  for (const [param, value] of first.searchParams) {
    if (where?.from === 'query' && param === where.param) continue;
    if (ids.includes(value)) continue;
    if (urls.every((url) => url.searchParams.get(param) === value)) lookaheads.push(`(?=(?:.*&)?${escapeRegExp(param)}=${escapeRegExp(value)}(?:&|#|$))`);
  }
  return `^${path}\\?${lookaheads.join('')}`;
}

function finderList(doc: Document, elements: Element | Element[]): { finders: Finder[]; bases: Proposal['basis'][]; fragile: boolean } {
  const list = Array.isArray(elements) ? elements : [elements];
  const proposals = list.map((element) => proposeFinder(doc, element));
  return { finders: proposals.map((p) => p.finder), bases: proposals.map((p) => p.basis), fragile: proposals.some((p) => p.fragile) };
}

/** An adapter id from a system name: "Mosaic (children's)" → "mosaic-children-s". */
export function adapterId(name: string): string {
  const id = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return id || 'custom-adapter';
}

/** The child-page adapter proposed from the first page taught. */
export function proposeChildAdapter(name: string, doc: Document, teaching: ChildTeaching): ChildProposal {
  const fragile: string[] = [];
  const where = teaching.idElement ? undefined : idInAddress(teaching.url, teaching.personId);
  let id: IdSource;
  let idBasis: ChildProposal['parts']['id'];
  if (teaching.idElement) {
    const proposal = proposeFinder(doc, teaching.idElement);
    id = { from: 'element', find: proposal.finder };
    idBasis = proposal.basis;
    if (proposal.fragile) fragile.push('person ID');
  } else if (where?.from === 'query') {
    id = { from: 'query', param: where.param };
    idBasis = 'address';
  } else {
    id = { from: 'path' };
    idBasis = 'address';
  }
  const names = finderList(doc, teaching.name);
  if (names.fragile) fragile.push('name');
  const dob = teaching.dateOfBirth ? proposeFinder(doc, teaching.dateOfBirth) : undefined;
  if (dob?.fragile) fragile.push('date of birth');
  const anchor = proposeAnchor(doc, teaching.anchor ?? (Array.isArray(teaching.name) ? teaching.name[0]! : teaching.name));
  if (anchor.fragile) fragile.push('badge position');
  const url = new URL(teaching.url);
  const path = proposePath([teaching.url], where, [teaching.personId]);
  const adapter: AdapterInput = {
    id: adapterId(name),
    name,
    hosts: [hostOf(url)],
    child: {
      url: { path, examples: { match: [teaching.url], noMatch: [new URL('/', url).href] } },
      id,
      name: names.finders.length === 1 ? names.finders[0]! : names.finders,
      ...(dob ? { dateOfBirth: dob.finder } : {}),
      dateFormat: 'auto',
      anchor: { selector: anchor.finder.selector!, position: anchor.position },
    },
  };
  return { adapter, parts: { id: idBasis, name: names.bases[0], dateOfBirth: dob?.basis, anchor: anchor.basis }, fragile };
}

/** What an adapter finds on a page: shown to the administrator for each confirming page. */
export interface PageReading {
  url: string;
  matched: boolean;
  personId: string | undefined;
  name: string | undefined;
  dateOfBirth: string | undefined;
  anchorFound: boolean;
  missing: string[];
}

/** Applies an adapter to a page, as the extension would, to show what it finds there. */
export function readWithAdapter(input: AdapterInput, href: string, doc: Document): PageReading {
  const adapter = Adapter.parse(input);
  const url = new URL(href);
  const matched = adapter.child !== undefined && hostMatches(adapter.hosts, url) && predicateMatch(adapter.child.url, url) !== null;
  if (!matched) return { url: href, matched, personId: undefined, name: undefined, dateOfBirth: undefined, anchorFound: false, missing: ['This address does not match the page pattern.'] };
  const identity = readChild(adapter, doc, idFromUrl(adapter, url));
  return { url: href, matched, personId: identity.personId, name: identity.name, dateOfBirth: identity.dateOfBirth, anchorFound: identity.anchor !== null, missing: identity.missing };
}

/**
 * Adds a confirming page: its address joins the examples (so the tests and "Test against this page"
 * check it), and the path pattern is re-proposed from every page taught. Returns the reading on that page.
 */
export function confirmWith(input: AdapterInput, href: string, doc: Document): { adapter: AdapterInput; reading: PageReading } {
  const child = input.child!;
  const hrefs = [...child.url.examples.match, href];
  let path = child.url.path;
  if (child.id.from !== 'element') {
    const firstId = idFromUrl(Adapter.parse(input), new URL(hrefs[0]!));
    const where = firstId === undefined ? undefined : idInAddress(hrefs[0]!, firstId);
    const ids = where?.from === 'query' ? hrefs.map((h) => new URL(h).searchParams.get(where.param) ?? '') : [];
    path = proposePath(hrefs, where, ids);
  }
  const host = hostOf(new URL(href));
  const adapter: AdapterInput = {
    ...input,
    hosts: input.hosts.includes(host) ? input.hosts : [...input.hosts, host],
    child: { ...child, url: { path, examples: { match: hrefs, noMatch: child.url.examples.noMatch ?? [] } } },
  };
  return { adapter, reading: readWithAdapter(adapter, href, doc) };
}

/**
 * What the administrator clicked on a caseload page: the cell that shows one child's ID, or the link to
 * the child's record (the ID is then read from the link, by the child page's own address pattern).
 */
export interface CaseloadTeaching {
  url: string;
  idElement: Element;
  /** Where the chip goes in the row (default: the row's first cell). */
  anchor?: Element;
}

const ROW_TAGS = new Set(['TR', 'LI']);

function rowOf(element: Element): Element | null {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (ROW_TAGS.has(node.tagName) || node.getAttribute('role') === 'row') return node;
  }
  return null;
}

/** A selector for `element` relative to `row`: a class or data attribute, else its column. */
function withinRow(row: Element, element: Element): string {
  const tag = element.tagName.toLowerCase();
  for (const name of Array.from(element.classList)) {
    const selector = `${tag}.${name}`;
    if (row.querySelector(selector) === element) return selector;
  }
  for (const attribute of Array.from(element.attributes)) {
    if (!attribute.name.startsWith('data-') || /\d{3,}/.test(attribute.value)) continue;
    const selector = attribute.value ? `${tag}[${attribute.name}="${attribute.value.replace(/["\\]/g, '\\$&')}"]` : `${tag}[${attribute.name}]`;
    if (row.querySelector(selector) === element) return selector;
  }
  const cell = element.closest('td, th, [role="cell"], [role="gridcell"]') ?? element;
  const cells = cell.parentElement ? Array.from(cell.parentElement.children) : [cell];
  const column = `${cell.tagName.toLowerCase()}:nth-child(${cells.indexOf(cell) + 1})`;
  return cell === element ? column : `${column} ${tag}`;
}

const LOOKS_LIKE_ID = /^(?=.*\d)[A-Za-z0-9_-]{1,64}$/;

/** A Finder for the ID a link carries, by where the child page's address holds it. */
function idFromLink(row: Element, link: Element, pageUrl: string, child: AdapterInput['child']): Finder | undefined {
  if (!child) return undefined;
  const href = link.getAttribute('href');
  if (!href) return undefined;
  const target = new URL(href, pageUrl);
  const adapter = Adapter.safeParse({ id: 'probe', name: 'probe', hosts: [hostOf(target)], child });
  if (!adapter.success) return undefined;
  const personId = idFromUrl(adapter.data, target);
  if (!personId) return undefined;
  const where = idInAddress(target.href, personId);
  if (!where) return undefined;
  const selector = withinRow(row, link);
  if (where.from === 'query') return { selector, attribute: 'href', pattern: `[?&]${escapeRegExp(where.param)}=(?<value>[^&#]+)` };
  const before = target.pathname.split('/')[where.segment - 1] ?? '';
  return { selector, attribute: 'href', pattern: `/${escapeRegExp(before)}/(?<value>[^/?#]+)` };
}

/**
 * The caseload part of an adapter, proposed from one clicked ID (or link to a child's record, read with
 * the child page's address pattern); undefined when the click is not in a list row.
 */
export function proposeCaseload(doc: Document, teaching: CaseloadTeaching, child?: AdapterInput['child']): AdapterInput['caseload'] | undefined {
  const row = rowOf(teaching.idElement);
  if (!row || !row.parentElement) return undefined;
  const text = (teaching.idElement.textContent ?? '').trim();
  const link = teaching.idElement.closest('a[href]') ?? teaching.idElement.querySelector('a[href]');
  const id: Finder | undefined = LOOKS_LIKE_ID.test(text) ? { selector: withinRow(row, teaching.idElement) } : link ? idFromLink(row, link, teaching.url, child) : undefined;
  if (!id) return undefined;
  const container = proposeFinder(doc, row.closest('table, ul, ol, [role="grid"], [role="table"]') ?? row.parentElement);
  const rowTag = row.tagName === 'TR' ? 'tbody tr' : row.getAttribute('role') === 'row' ? '[role="row"]' : 'li';
  const rowSelector = container.finder.selector ? `${container.finder.selector} ${rowTag}` : rowTag;
  const url = new URL(teaching.url);
  return {
    url: { path: `^${escapeRegExp(url.pathname)}(?:[?#].*)?$`, examples: { match: [teaching.url], noMatch: [] } },
    row: rowSelector,
    id,
    anchor: teaching.anchor ? withinRow(row, teaching.anchor) : `${row.firstElementChild?.tagName.toLowerCase() ?? 'td'}:first-child`,
  };
}

/** The IDs a proposed caseload reads from a page: shown so the administrator sees every row was found. */
export function caseloadIds(input: AdapterInput, doc: Document): string[] {
  return readCaseload(Adapter.parse(input), doc).map((row) => row.personId);
}

/** Checks a proposed adapter exactly as a hand-written one is checked: the schema, then its example URLs. */
export function checkAdapter(input: unknown): { ok: true; adapter: Adapter } | { ok: false; problems: string[] } {
  const parsed = Adapter.safeParse(input);
  if (!parsed.success) return { ok: false, problems: describeAdapterProblems(parsed.error) };
  const failures = exampleFailures(parsed.data);
  if (failures.length > 0) return { ok: false, problems: failures };
  return { ok: true, adapter: parsed.data };
}

/** The value a Finder reads on a page, for showing beside each step of the builder. */
export function preview(doc: Document, finder: Finder): string | undefined {
  return readValue(doc, finder);
}
