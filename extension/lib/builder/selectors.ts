import { findElement } from '../adapters/dom.ts';
import type { Finder } from '../adapters/schema.ts';

/**
 * Proposing where a value is on a page from the element an administrator clicked: a `Finder` that will
 * still find it on another child's page and after the system's next release. Stable handles first — an
 * id, a data attribute, the label beside the value, an ARIA label, a distinctive class under a stable
 * container — and never the value itself (a selector naming "Filip" finds only Filip). A positional
 * chain (`div:nth-of-type(3) > span`) is the last resort, and is reported as fragile.
 */

export interface Proposal {
  finder: Finder;
  /** Why this handle was chosen, for the builder to show. */
  basis: 'id' | 'data-attribute' | 'label' | 'aria-label' | 'class' | 'position';
  /** True when only a positional chain was found: the builder says so and suggests a data attribute. */
  fragile: boolean;
}

const LABEL_CELLS = new Set(['TH', 'DT', 'LABEL']);

/** Ids and classes that systems generate per render or per record are not handles. */
function looksGenerated(token: string): boolean {
  return /\d{3,}/.test(token) || /^[a-f0-9]{8,}$/i.test(token) || /^(css|sc|jsx|ember|ng|mui|svelte)-[\w-]*\d/i.test(token) || /^_[\w-]{5,}$/.test(token) || token.length > 40;
}

function cssEscape(text: string): string {
  return text.replace(/[^\w-]/g, (character) => `\\${character.codePointAt(0)!.toString(16)} `);
}

function attributeValue(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Whether `finder` finds exactly `element` in `doc` (the first match is the one clicked). */
function findsIt(doc: Document, finder: Finder, element: Element): boolean {
  return findElement(doc, finder) === element;
}

function selectorFinds(doc: Document, selector: string, element: Element): boolean {
  try {
    return doc.querySelector(selector) === element;
  } catch {
    return false;
  }
}

/** A value that must not become part of a selector: the clicked element's own text, or any digits run. */
function carriesValue(value: string, element: Element): boolean {
  const text = clean(element.textContent).toLowerCase();
  const lowered = value.toLowerCase();
  return /\d{3,}/.test(value) || (text.length >= 2 && (lowered.includes(text) || text.includes(lowered) && lowered.length > 3));
}

/** A selector for `element` alone: its tag with a stable id, data attribute or class. */
function ownHandle(element: Element): { selector: string; basis: Proposal['basis'] }[] {
  const handles: { selector: string; basis: Proposal['basis'] }[] = [];
  const tag = element.tagName.toLowerCase();
  const id = element.getAttribute('id');
  if (id && !looksGenerated(id)) handles.push({ selector: `#${cssEscape(id)}`, basis: 'id' });
  for (const attribute of Array.from(element.attributes)) {
    if (!attribute.name.startsWith('data-') || attribute.name.length > 40) continue;
    const value = attribute.value;
    if (value === '') handles.push({ selector: `${tag}[${attribute.name}]`, basis: 'data-attribute' });
    else if (!carriesValue(value, element) && !looksGenerated(value) && value.length <= 60) handles.push({ selector: `${tag}[${attribute.name}=${attributeValue(value)}]`, basis: 'data-attribute' });
  }
  const aria = element.getAttribute('aria-label');
  if (aria && !carriesValue(aria, element) && aria.length <= 60) handles.push({ selector: `${tag}[aria-label=${attributeValue(aria)}]`, basis: 'aria-label' });
  const classes = Array.from(element.classList).filter((name) => !looksGenerated(name));
  for (const name of classes) handles.push({ selector: `${tag}.${cssEscape(name)}`, basis: 'class' });
  if (classes.length > 1) handles.push({ selector: `${tag}${classes.map((name) => `.${cssEscape(name)}`).join('')}`, basis: 'class' });
  return handles;
}

/** The label cell beside a value (a th before a td, a dt before a dd, a label for an input), if any. */
function labelFor(element: Element): string | undefined {
  const previous = element.previousElementSibling;
  if (previous && LABEL_CELLS.has(previous.tagName)) {
    const text = clean(previous.textContent).replace(/[:：]\s*$/, '');
    if (text && text.length <= 60) return text;
  }
  return undefined;
}

/** The nearest ancestors with a stable handle of their own, nearest first. */
function stableAncestors(element: Element): { selector: string; basis: Proposal['basis'] }[] {
  const found: { selector: string; basis: Proposal['basis'] }[] = [];
  for (let node = element.parentElement; node && node.tagName !== 'HTML'; node = node.parentElement) {
    for (const handle of ownHandle(node)) if (handle.basis !== 'class' || found.length < 6) found.push(handle);
  }
  return found;
}

function positional(element: Element): string {
  const parts: string[] = [];
  for (let node: Element | null = element; node && node.tagName !== 'HTML' && node.tagName !== 'BODY'; node = node.parentElement) {
    const tag = node.tagName.toLowerCase();
    const siblings = node.parentElement ? Array.from(node.parentElement.children).filter((sibling) => sibling.tagName === node!.tagName) : [];
    parts.unshift(siblings.length > 1 ? `${tag}:nth-of-type(${siblings.indexOf(node) + 1})` : tag);
    const id = node.getAttribute('id');
    if (id && !looksGenerated(id) && node !== element) {
      parts[0] = `#${cssEscape(id)}`;
      break;
    }
  }
  return parts.join(' > ');
}

/** The best Finder for the clicked element, checked against the page it was clicked on. */
export function proposeFinder(doc: Document, element: Element): Proposal {
  for (const handle of ownHandle(element)) {
    if (selectorFinds(doc, handle.selector, element)) return { finder: { selector: handle.selector }, basis: handle.basis, fragile: false };
  }
  const label = labelFor(element);
  if (label && findsIt(doc, { label }, element)) return { finder: { label }, basis: 'label', fragile: false };
  // A handle of the element under a stable container: "#person-header .cp-dob", "[data-section=identity] h1".
  const own = ownHandle(element);
  const tag = element.tagName.toLowerCase();
  for (const ancestor of stableAncestors(element)) {
    for (const handle of [...own, { selector: tag, basis: 'class' as const }]) {
      const selector = `${ancestor.selector} ${handle.selector}`;
      if (selectorFinds(doc, selector, element)) return { finder: { selector }, basis: ancestor.basis === 'class' ? 'class' : ancestor.basis, fragile: false };
    }
    if (label) {
      const scoped: Finder = { label, within: ancestor.selector };
      if (findsIt(doc, scoped, element)) return { finder: scoped, basis: 'label', fragile: false };
    }
  }
  return { finder: { selector: positional(element) }, basis: 'position', fragile: true };
}

/**
 * Where the badge goes: the element itself when it has a selector of its own; else the nearest stable
 * container (a details table, a header section), before it; a positional chain only as the last resort.
 */
export function proposeAnchor(doc: Document, element: Element): Proposal & { position: 'after' | 'before' } {
  const proposal = proposeFinder(doc, element);
  if (proposal.finder.selector && !proposal.fragile) return { ...proposal, position: 'after' };
  for (const ancestor of stableAncestors(element)) {
    if (ancestor.basis === 'class' && !/^(table|section|dl|header|div|form)[.[]/.test(ancestor.selector)) continue;
    const container = doc.querySelector(ancestor.selector);
    if (container && container.contains(element)) return { finder: { selector: ancestor.selector }, basis: ancestor.basis, fragile: false, position: 'before' };
  }
  return { finder: { selector: positional(element) }, basis: 'position', fragile: true, position: 'after' };
}
