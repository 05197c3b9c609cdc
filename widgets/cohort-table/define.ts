import '../shared/setup.ts';
import { defineElement } from '../shared/define.ts';
import { EduCohortTable } from './cohort-table.ts';

defineElement('edu-cohort-table', EduCohortTable);

export { EduCohortTable };

declare global {
  interface HTMLElementTagNameMap {
    'edu-cohort-table': EduCohortTable;
  }
}
