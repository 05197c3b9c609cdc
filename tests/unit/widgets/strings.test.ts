import { describe, expect, it } from 'vitest';
import { cy } from '../../../widgets/strings/cy.ts';
import { en } from '../../../widgets/strings/en.ts';
import { screen, strings } from '../../../widgets/strings/welsh.ts';
import { WELSH } from '../../../core/presentation/welsh.ts';

/** `{name}` parameters of a widget string, sorted. */
const parameters = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();

describe('the widgets’ strings (widgets/strings/en.ts, cy.ts)', () => {
  it('have exactly the same keys in English and Welsh', () => {
    expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en) as (keyof typeof en)[])('%s has the same parameters in Welsh', (key) => {
    expect(parameters(cy[key])).toEqual(parameters(en[key]));
  });

  it('the Welsh loaded on demand (widgets/strings/welsh.ts) is the widgets’ Welsh and core’s Welsh words', () => {
    expect(strings).toBe(cy);
    expect(screen).toBe(WELSH);
  });
});
