/**
 * SSDA903 code lists the importer checks against. Source: DOMAIN.md §5 (the 903 guidance and the
 * csc-validator-be-903 code lists) [P]; placement and REC lists below are as used by the validator for
 * 2015/16 onwards and are [U] for the newest years: correct them here. An unknown code is a warning
 * (the row is kept with the code as given), because a new code in a newer return must not lose a child.
 */
import type { Gender } from '../model/index.ts';

export const SSDA903_CODES = {
  /** Reason for new episode. */
  RNE: ['S', 'L', 'P', 'T', 'U', 'B'],
  /** Legal status. */
  LS: ['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3'],
  /** Placement type [U for 2023/24 on]. */
  PLACE: ['A3', 'A4', 'A5', 'A6', 'H5', 'K1', 'K2', 'P1', 'P2', 'P3', 'P4', 'R1', 'R2', 'R3', 'R5', 'S1', 'T0', 'T1', 'T2', 'T3', 'T4', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'Z1'],
  PLACE_PROVIDER: ['PR0', 'PR1', 'PR2', 'PR3', 'PR4', 'PR5'],
  /** Reason episode ceased: X1 means the period of care continues [U for the full list]. */
  REC: ['X1', 'E11', 'E12', 'E13', 'E14', 'E15', 'E16', 'E17', 'E2', 'E3', 'E41', 'E45', 'E46', 'E47', 'E48', 'E4A', 'E4B', 'E5', 'E6', 'E7', 'E8', 'E9'],
  REASON_PLACE_CHANGE: ['CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'CUSTOD', 'OTHER'],
} as const satisfies Record<string, readonly string[]>;

/** RNE S: the episode starts a period of care. */
export const RNE_STARTED_CARE = 'S';
/** REC X1: the episode ended but the period of care goes on (legal status or placement changed). */
export const REC_CARE_CONTINUES = 'X1';
/** RNE P and T: the placement changed (new carer, or same carer in a new placement). U and B also
 * change the placement along with the legal status. */
export const RNE_PLACEMENT_CHANGED: readonly string[] = ['P', 'T', 'U', 'B'];

/** SEX: `1`/`2` to 2023/24, `M`/`F`/`U` from 2024/25 (DOMAIN.md §5). */
export function ssdaGender(value: string): Gender | undefined {
  switch (value.trim().toUpperCase()) {
    case '1':
    case 'M':
      return 'male';
    case '2':
    case 'F':
      return 'female';
    case 'U':
      return 'not-known';
    default:
      return undefined;
  }
}
