import { registerLanguage } from '../../core/presentation/languages.ts';
import { en, type Catalogue, type StringKey } from '../strings/en.ts';

export type Language = 'en' | 'cy';
export type { StringKey };

/** The catalogues here now: English always; Welsh once `loadLanguage('cy')` has fetched it. */
const catalogues: Partial<Record<Language, Catalogue>> = { en };
let welsh: Promise<void> | undefined;

/** Whether an element can draw its words in this language now. */
export function isLanguageLoaded(language: Language): boolean {
  return catalogues[language] !== undefined;
}

/**
 * Fetches a language's words (Welsh: one module, widgets/strings/welsh.ts, fetched once for the page and
 * registered with core for the screens' labels and next steps). If the fetch fails, the next call tries again.
 */
export function loadLanguage(language: Language): Promise<void> {
  if (isLanguageLoaded(language)) return Promise.resolve();
  welsh ??= import('../strings/welsh.ts').then(
    ({ strings, screen }) => {
      registerLanguage('cy', screen);
      catalogues.cy = strings;
    },
    (error: unknown) => {
      welsh = undefined;
      throw error;
    },
  );
  return welsh;
}

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

/** A string in a language whose catalogue is loaded (asking for one that is not is a mistake, and throws). */
export function translate(language: Language, key: StringKey, params: Record<string, string | number> = {}): string {
  const catalogue = catalogues[language];
  if (!catalogue) throw new Error(`The widgets' ${language} strings are not loaded: await loadLanguage('${language}') first`);
  const template = catalogue[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
