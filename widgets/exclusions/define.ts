import { defineElement } from '../shared/define.ts';
import { EduExclusions } from './exclusions.ts';

defineElement('edu-exclusions', EduExclusions);

export { EduExclusions };

declare global {
  interface HTMLElementTagNameMap {
    'edu-exclusions': EduExclusions;
  }
}
