import { describe, expect, it } from 'vitest';
import { generateRecords } from '../../../core/generate/index.ts';
import { isLanguageRegistered, registerLanguage } from '../../../core/presentation/languages.ts';
import { describeSections, nextStepFor, subjectLabel } from '../../../core/presentation/sections.ts';
import { WELSH } from '../../../core/presentation/welsh.ts';
import { deriveStatus } from '../../../core/status/derive.ts';

/**
 * The screens' Welsh words are registered, not imported (so a page in English never loads them). This file
 * registers them itself, part-way through: Vitest gives each file its own modules.
 */
describe('drawing a screen in Welsh (core/presentation/languages.ts)', () => {
  const [record] = generateRecords({ children: 1, seed: 7, asOf: '2026-03-02' });
  const welshStatus = deriveStatus(record!, { asOf: '2026-03-02', language: 'cy' });
  const flag = welshStatus.flags.find((candidate) => candidate.severity !== 'info') ?? welshStatus.flags[0];

  it('before the Welsh is registered: English works, Welsh throws saying what to do, never English in its place', () => {
    expect(isLanguageRegistered('en')).toBe(true);
    expect(isLanguageRegistered('cy')).toBe(false);
    expect(describeSections(welshStatus, { language: 'en' }).headings.todo).toBe('What needs doing');
    expect(() => describeSections(welshStatus)).toThrow(/Welsh words of the screens are not loaded: call registerLanguage\('cy'/);
    expect(() => subjectLabel('maths', 'cy')).toThrow(/not loaded/);
    expect(flag).toBeDefined();
    expect(() => nextStepFor(welshStatus, flag!)).toThrow(/not loaded/);
  });

  it('once registered: the same status draws in Welsh', () => {
    registerLanguage('cy', WELSH);
    expect(isLanguageRegistered('cy')).toBe(true);
    const sections = describeSections(welshStatus);
    expect(sections.language).toBe('cy');
    expect(sections.headings.todo).toBe('Beth sydd angen ei wneud');
    expect(subjectLabel('maths', 'cy')).toBe('mathemateg');
    expect(nextStepFor(welshStatus, flag!).text).toBe(nextStepFor(welshStatus, flag!, 'cy').text);
    expect(nextStepFor(welshStatus, flag!, 'cy').text).not.toBe(nextStepFor(welshStatus, flag!, 'en').text);
  });

  it('a flag without a next step of its own gets the fallback, in each language', () => {
    const unknown = { ...flag!, key: 'a-flag-added-later' };
    expect(nextStepFor(welshStatus, unknown, 'en')).toEqual({ owner: 'virtual-school', text: 'Ask the virtual school what needs to happen about this.' });
    expect(nextStepFor(welshStatus, unknown, 'cy')).toEqual({ owner: 'virtual-school', text: "Gofynnwch i'r ysgol rithwir beth sydd angen ei wneud am hyn." });
    expect(nextStepFor(welshStatus, { ...flag!, key: 'constructor' }, 'en').owner).toBe('virtual-school');
  });
});
