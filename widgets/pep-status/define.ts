import { defineElement } from '../shared/define.ts';
import { EduPepStatus } from './pep-status.ts';

defineElement('edu-pep-status', EduPepStatus);

export { EduPepStatus };

declare global {
  interface HTMLElementTagNameMap {
    'edu-pep-status': EduPepStatus;
  }
}
