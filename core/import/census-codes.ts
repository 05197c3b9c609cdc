/**
 * School census code lists the importer checks children's rows against (DOMAIN.md §6). An unknown code
 * is a warning, once per code and file: the row is kept with the code as given.
 */

/**
 * Ethnicity: the DfE main codes, used by the school census and the SSDA903 return alike [P: DfE school
 * census guide, "ethnicity main categories"; csc-validator-be-903's ETHNIC list].
 */
export const ETHNICITY_MAIN_CODES: readonly string[] = [
  'WBRI', 'WIRI', 'WIRT', 'WOTH', 'WROM',
  'MWBC', 'MWBA', 'MWAS', 'MOTH',
  'AIND', 'APKN', 'ABAN', 'AOTH',
  'BCRB', 'BAFR', 'BOTH',
  'CHNE', 'OOTH',
  'REFU', 'NOBT',
];

/**
 * The census's extended ethnicity codes, which schools may record instead of a main code (e.g. OAFG,
 * Afghan, under OOTH) [U: from the school census guide's extended list as last checked; correct here].
 */
export const ETHNICITY_EXTENDED_CODES: readonly string[] = [
  'WENG', 'WSCO', 'WWEL', 'WOWB', 'WNIR', 'WALB', 'WBOS', 'WCRO', 'WGRE', 'WGRK', 'WGRC', 'WITA', 'WKOS', 'WPOR', 'WSER', 'WTUR', 'WTUK', 'WTCY', 'WEEU', 'WEUR', 'WOTW', 'WROG', 'WROR',
  'MABL', 'MACH', 'MAOE', 'MBOE', 'MCOE', 'MWOE', 'MOTM',
  'AMPK', 'AKPA', 'AOPK', 'ANEP', 'ASNL', 'ASLT', 'ASRO', 'AOTA',
  'BANN', 'BCON', 'BGHA', 'BNGN', 'BSLN', 'BSOM', 'BSUD', 'BAOF', 'BEUR', 'BOTB',
  'CHKC', 'CMAL', 'CSNG', 'CTWN', 'COCH',
  'OAFG', 'OARA', 'OEGY', 'OFIL', 'OIRN', 'OIRQ', 'OJPN', 'OKOR', 'OKRD', 'OLAM', 'OLEB', 'OLIB', 'OMAL', 'OMRC', 'OPOL', 'OTHA', 'OVIE', 'OYEM', 'OOEG',
];

/** Every ethnicity code the importer knows. */
export const ETHNICITY_CODES: ReadonlySet<string> = new Set([...ETHNICITY_MAIN_CODES, ...ETHNICITY_EXTENDED_CODES]);

/** A school's unique reference number (URN) as Get Information About Schools gives it: six digits. */
export const SCHOOL_URN = /^\d{6}$/;
