import type { SenProvision } from '../model/record.ts';

/**
 * Special educational needs: the school census provision and primary-need codes (DOMAIN.md §6 [P: school
 * census guide]).
 */

export const SEN_PROVISION_LABELS: Readonly<Record<SenProvision | 'unknown', string>> = {
  E: 'Education, health and care plan',
  K: 'SEN support',
  N: 'No special educational need',
  unknown: 'Not known',
};

export const SEN_PRIMARY_NEEDS: Readonly<Record<string, string>> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  OTH: 'Other difficulty or disability',
  NSA: 'SEN support but no specialist assessment of type of need',
};

export function senProvisionLabel(provision: SenProvision | 'unknown'): string {
  return SEN_PROVISION_LABELS[provision];
}

/** The meaning of a primary-need code, or undefined when it is not a census code. */
export function senPrimaryNeedLabel(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  return SEN_PRIMARY_NEEDS[code.trim().toUpperCase()];
}
