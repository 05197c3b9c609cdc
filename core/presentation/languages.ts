import type { Language } from '../messages/format.ts';
import type { NextStepKey } from '../messages/next-steps.ts';
import type { LabelKey } from './labels.ts';

/**
 * The words a screen draws for a status (the labels of labels.ts, the next steps of next-steps.ts) in
 * languages other than English, which are registered rather than imported: a page that shows English
 * never loads the Welsh. The widgets fetch it when an element's language is Welsh
 * (widgets/shared/i18n.ts); the extension and the tests register it at start:
 *
 *     import { registerLanguage } from 'core/presentation/languages.ts';
 *     import { WELSH } from 'core/presentation/welsh.ts';
 *     registerLanguage('cy', WELSH);
 *
 * Drawing a screen in Welsh before it is registered is a mistake in the program, and throws saying so:
 * English is never shown in its place. This module holds only the registry, so that registering loads
 * nothing else.
 */

/** A screen's words in one language: the same keys as the English (the type checker holds it). */
export interface ScreenWords {
  labels: Readonly<Record<LabelKey, string>>;
  nextSteps: Readonly<Record<NextStepKey, string>>;
  /** The next step of a flag that has none of its own. */
  fallbackNextStep: string;
}

export type OtherLanguage = Exclude<Language, 'en'>;

const registered: Partial<Record<OtherLanguage, ScreenWords>> = {};

/** Makes a language's words available to every screen (registering again replaces them). */
export function registerLanguage(language: OtherLanguage, words: ScreenWords): void {
  registered[language] = words;
}

/** Whether a screen can be drawn in this language now: English always, Welsh once registered. */
export function isLanguageRegistered(language: Language): boolean {
  return language === 'en' || registered[language] !== undefined;
}

/** A registered language's words; throws, naming the language and what to call, when it is not registered. */
export function registeredWords(language: OtherLanguage): ScreenWords {
  const words = registered[language];
  if (!words) throw new Error(`The ${language === 'cy' ? 'Welsh' : language} words of the screens are not loaded: call registerLanguage('${language}', …) before drawing a screen in it`);
  return words;
}
