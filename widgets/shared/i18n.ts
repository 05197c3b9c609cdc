import { cy } from '../strings/cy.ts';
import { en, type Catalogue, type StringKey } from '../strings/en.ts';

export type Language = 'en' | 'cy';
export type { StringKey };

const catalogues: Record<Language, Catalogue> = { en, cy };

/** Welsh when the language tag is Welsh (`cy`, `cy-GB`), English otherwise. */
export function languageOf(tag: string | null | undefined): Language {
  return tag && /^cy(-|$)/i.test(tag.trim()) ? 'cy' : 'en';
}

/** The language for an element: its own `lang`, else the nearest ancestor's (across shadow roots), else the page's. */
export function languageFor(element: Element): Language {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return languageOf(node.getAttribute('lang'));
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return languageOf(document.documentElement.getAttribute('lang'));
}

export function translate(language: Language, key: StringKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[language][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
