import { defineElement } from '../shared/define.ts';
import { EduAttendance } from './attendance.ts';

defineElement('edu-attendance', EduAttendance);

export { EduAttendance };

declare global {
  interface HTMLElementTagNameMap {
    'edu-attendance': EduAttendance;
  }
}
