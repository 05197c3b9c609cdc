import type { Adapter, Finder } from './schema.ts';

/**
 * Reading a case-management page: the only code that touches a host page's DOM to find a child.
 * Pure functions of a Document, so they run against saved pages in unit tests.
 */

export interface PageIdentity {
  personId: string | undefined;
  name: string | undefined;
  dateOfBirth: string | undefined;
  anchor: Element | null;
  /** What could not be found, in words, for the diagnostic view. */
  missing: string[];
}

const LABEL_CELLS = 'th, dt, label, [role="rowheader"], .label';

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function labelText(text: string | null): string {
  return clean(text).replace(/[:：]\s*$/, '').toLowerCase();
}

/** The element holding the value next to a label cell ("Date of birth" → its td/dd). */
function findLabelled(root: ParentNode, label: string): Element | null {
  const wanted = label.toLowerCase();
  for (const cell of root.querySelectorAll(LABEL_CELLS)) {
    if (labelText(cell.textContent) !== wanted) continue;
    if (cell.tagName === 'LABEL') {
      const forId = cell.getAttribute('for');
      const target = forId ? cell.ownerDocument.getElementById(forId) : null;
      if (target) return target;
    }
    const next = cell.nextElementSibling;
    if (next) return next;
  }
  return null;
}

export function findElement(root: ParentNode, finder: Finder): Element | null {
  try {
    if (finder.selector) return root.querySelector(finder.selector);
    if (finder.label) {
      const scope = finder.within ? root.querySelector(finder.within) : root;
      return scope ? findLabelled(scope, finder.label) : null;
    }
  } catch {
    // An invalid selector from a custom adapter: treated as "not found" and reported by the caller.
  }
  return null;
}

export function readValue(root: ParentNode, finder: Finder): string | undefined {
  const element = findElement(root, finder);
  if (!element) return undefined;
  const raw = clean(finder.attribute ? element.getAttribute(finder.attribute) : element.textContent);
  if (!raw) return undefined;
  if (!finder.pattern) return raw;
  const match = new RegExp(finder.pattern).exec(raw);
  if (!match) return undefined;
  return clean(match.groups?.value ?? match[0]) || undefined;
}

function describe(finder: Finder): string {
  return finder.selector ? `"${finder.selector}"` : `the cell labelled "${finder.label}"`;
}

/** The child a page shows, by an adapter's child-page rules. */
export function readChild(adapter: Adapter, doc: Document, idFromUrl: string | undefined): PageIdentity {
  const child = adapter.child;
  const missing: string[] = [];
  if (!child) return { personId: undefined, name: undefined, dateOfBirth: undefined, anchor: null, missing: ['no child page rules'] };
  const personId = child.id.from === 'element' ? readValue(doc, child.id.find) : idFromUrl;
  if (!personId) missing.push(child.id.from === 'element' ? `person ID at ${describe(child.id.find)}` : 'person ID in the URL');
  const nameFinders = child.name === undefined ? [] : Array.isArray(child.name) ? child.name : [child.name];
  const nameParts = nameFinders.map((finder) => readValue(doc, finder));
  const name = nameParts.length > 0 && nameParts.every(Boolean) ? nameParts.join(' ') : undefined;
  nameFinders.forEach((finder, index) => {
    if (!nameParts[index]) missing.push(`name at ${describe(finder)}`);
  });
  const dateOfBirth = child.dateOfBirth ? readValue(doc, child.dateOfBirth) : undefined;
  if (child.dateOfBirth && !dateOfBirth) missing.push(`date of birth at ${describe(child.dateOfBirth)}`);
  let anchor: Element | null = null;
  if (child.anchor) {
    try {
      anchor = doc.querySelector(child.anchor.selector);
    } catch {
      anchor = null;
    }
    if (!anchor) missing.push(`badge anchor "${child.anchor.selector}"`);
  }
  return { personId, name, dateOfBirth, anchor, missing };
}

export interface CaseloadRow {
  personId: string;
  row: Element;
  anchor: Element;
}

/** The rows of a caseload list, each with the person ID it shows. */
export function readCaseload(adapter: Adapter, doc: Document): CaseloadRow[] {
  const caseload = adapter.caseload;
  if (!caseload) return [];
  const rows: CaseloadRow[] = [];
  let found: NodeListOf<Element>;
  try {
    found = doc.querySelectorAll(caseload.row);
  } catch {
    return [];
  }
  for (const row of found) {
    const personId = readValue(row, caseload.id);
    if (!personId) continue;
    let anchor: Element | null = null;
    try {
      anchor = caseload.anchor ? row.querySelector(caseload.anchor) : row.firstElementChild;
    } catch {
      anchor = null;
    }
    rows.push({ personId, row, anchor: anchor ?? row });
  }
  return rows;
}
