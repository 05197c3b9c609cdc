import '../shared/setup.ts';
import '../cohort-table/define.ts';
import { defineElement } from '../shared/define.ts';
import { EduCohortDashboard } from './cohort-dashboard.ts';

defineElement('edu-cohort-dashboard', EduCohortDashboard);

export { EduCohortDashboard };

declare global {
  interface HTMLElementTagNameMap {
    'edu-cohort-dashboard': EduCohortDashboard;
  }
}
