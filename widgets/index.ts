/**
 * Every EduBridge widget: importing this module registers all the `edu-*` elements (an already
 * registered tag is left alone) and exports their classes and types.
 */
import './child-summary/define.ts';
import './attendance/define.ts';
import './attainment/define.ts';
import './pep-status/define.ts';
import './exclusions/define.ts';
import './cohort-dashboard/define.ts';

export { EduChildSummary } from './child-summary/child-summary.ts';
export { EduAttendance } from './attendance/attendance.ts';
export { EduAttainment } from './attainment/attainment.ts';
export { EduPepStatus } from './pep-status/pep-status.ts';
export { EduExclusions } from './exclusions/exclusions.ts';
export { EduCohortTable } from './cohort-table/cohort-table.ts';
export { EduCohortDashboard } from './cohort-dashboard/cohort-dashboard.ts';
export { defineElement } from './shared/define.ts';
export type * from './shared/events.ts';
export type { CohortFilterValues } from './shared/cohort-filters.ts';
export type { EducationStatus, Rating } from '../core/model/status.ts';
export type { ChildEducationRecord } from '../core/model/record.ts';
