import { FALLBACK_NEXT_STEP_CY, NEXT_STEPS_CY } from '../messages/next-steps-cy.ts';
import type { ScreenWords } from './languages.ts';
import { cy as labels } from './labels-cy.ts';

/**
 * Every Welsh word a screen draws for a status, in one module, for `registerLanguage('cy', WELSH)`
 * (languages.ts). The widgets load it on demand; nothing else in core imports it.
 */
export const WELSH: ScreenWords = { labels, nextSteps: NEXT_STEPS_CY, fallbackNextStep: FALLBACK_NEXT_STEP_CY };
