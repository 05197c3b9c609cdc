/**
 * The published components: tag, the folder and file stem of the class. The build makes one ES module
 * per class (side-effect free) and one per registration (`<tag>.js`); the size check reads this list.
 */
export const COMPONENTS = [
  { tag: 'edu-child-summary', dir: 'child-summary' },
  { tag: 'edu-attendance', dir: 'attendance' },
  { tag: 'edu-attainment', dir: 'attainment' },
  { tag: 'edu-pep-status', dir: 'pep-status' },
  { tag: 'edu-exclusions', dir: 'exclusions' },
  { tag: 'edu-cohort-table', dir: 'cohort-table' },
  { tag: 'edu-cohort-dashboard', dir: 'cohort-dashboard' },
] as const;

/** The single bundle a page loads with one `<script type="module">`. */
export const BUNDLE_FILE = 'edubridge-widgets.js';

/** The status rules for the `record` property, loaded by the single bundle only when a page passes a record. */
export const RECORD_FILE = 'edubridge-widgets-record.js';

/** chart.js, loaded by the single bundle only when a page first shows a chart. */
export const CHART_FILE = 'edubridge-widgets-chart.js';

/** The Welsh (the widgets' strings and core's screen words), loaded by the single bundle only when an element's language is Welsh. */
export const WELSH_FILE = 'edubridge-widgets-cy.js';
