import { defineElement } from '../shared/define.ts';
import { EduAttainment } from './attainment.ts';

defineElement('edu-attainment', EduAttainment);

export { EduAttainment };

declare global {
  interface HTMLElementTagNameMap {
    'edu-attainment': EduAttainment;
  }
}
