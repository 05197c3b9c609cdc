import { defineElement } from '../shared/define.ts';
import { EduChildSummary } from './child-summary.ts';

defineElement('edu-child-summary', EduChildSummary);

export { EduChildSummary };

declare global {
  interface HTMLElementTagNameMap {
    'edu-child-summary': EduChildSummary;
  }
}
