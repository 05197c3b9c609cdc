import { WELSH } from '../../core/presentation/welsh.ts';
import { cy } from './cy.ts';

/**
 * Everything Welsh an element draws, in one module that widgets/shared/i18n.ts fetches the first time an
 * element's language is Welsh: the widgets' own strings (cy.ts) and core's words for a status's screens
 * (labels and next steps). A page in English never loads it. Data only: i18n.ts registers it, so the
 * single bundle can load it as a separate file (edubridge-widgets-cy.js).
 */
export { cy as strings, WELSH as screen };
