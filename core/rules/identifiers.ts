/**
 * Identifiers: the unique pupil number (UPN) and the NHS number. Each check says *why* a value is not
 * valid, in plain English, so a data officer can fix it.
 *
 * Source: DOMAIN.md §4 — UPN [P: DfE UPN guide; compared against python-stdnum gb/upn and the CIN
 * validator rule 1510], NHS number [P].
 */

/** The UPN check-letter alphabet: 23 letters, never I, O or S. A letter's value is its position (A = 0). */
export const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * English local authority numbers, the 3 digits after a UPN's check letter (the LA that allocated it).
 * Numbers from the DfE's list of LA codes (January 2011) as used by python-stdnum gb/upn [P]; 838, 839
 * (2019, Dorset and BCP), 940, 941 (2021, Northamptonshire) and 942, 943 (2023, Cumbria) added for later
 * reorganisations, and the names, from secondary sources [S]. Numbers of councils that were abolished stay:
 * UPNs they allocated are still in use.
 */
export const LA_NUMBERS: Readonly<Record<string, string>> = {
  '201': 'City of London', '202': 'Camden', '203': 'Greenwich', '204': 'Hackney', '205': 'Hammersmith and Fulham',
  '206': 'Islington', '207': 'Kensington and Chelsea', '208': 'Lambeth', '209': 'Lewisham', '210': 'Southwark',
  '211': 'Tower Hamlets', '212': 'Wandsworth', '213': 'Westminster',
  '301': 'Barking and Dagenham', '302': 'Barnet', '303': 'Bexley', '304': 'Brent', '305': 'Bromley', '306': 'Croydon',
  '307': 'Ealing', '308': 'Enfield', '309': 'Haringey', '310': 'Harrow', '311': 'Havering', '312': 'Hillingdon',
  '313': 'Hounslow', '314': 'Kingston upon Thames', '315': 'Merton', '316': 'Newham', '317': 'Redbridge',
  '318': 'Richmond upon Thames', '319': 'Sutton', '320': 'Waltham Forest',
  '330': 'Birmingham', '331': 'Coventry', '332': 'Dudley', '333': 'Sandwell', '334': 'Solihull', '335': 'Walsall',
  '336': 'Wolverhampton',
  '340': 'Knowsley', '341': 'Liverpool', '342': 'St Helens', '343': 'Sefton', '344': 'Wirral',
  '350': 'Bolton', '351': 'Bury', '352': 'Manchester', '353': 'Oldham', '354': 'Rochdale', '355': 'Salford',
  '356': 'Stockport', '357': 'Tameside', '358': 'Trafford', '359': 'Wigan',
  '370': 'Barnsley', '371': 'Doncaster', '372': 'Rotherham', '373': 'Sheffield',
  '380': 'Bradford', '381': 'Calderdale', '382': 'Kirklees', '383': 'Leeds', '384': 'Wakefield',
  '390': 'Gateshead', '391': 'Newcastle upon Tyne', '392': 'North Tyneside', '393': 'South Tyneside', '394': 'Sunderland',
  '420': 'Isles of Scilly',
  '800': 'Bath and North East Somerset', '801': 'Bristol', '802': 'North Somerset', '803': 'South Gloucestershire',
  '805': 'Hartlepool', '806': 'Middlesbrough', '807': 'Redcar and Cleveland', '808': 'Stockton-on-Tees',
  '810': 'Kingston upon Hull', '811': 'East Riding of Yorkshire', '812': 'North East Lincolnshire',
  '813': 'North Lincolnshire', '815': 'North Yorkshire', '816': 'York', '821': 'Luton', '822': 'Bedford',
  '823': 'Central Bedfordshire', '825': 'Buckinghamshire', '826': 'Milton Keynes', '830': 'Derbyshire', '831': 'Derby',
  '835': 'Dorset (to 2019)', '836': 'Poole (to 2019)', '837': 'Bournemouth (to 2019)', '838': 'Dorset',
  '839': 'Bournemouth, Christchurch and Poole', '840': 'County Durham', '841': 'Darlington', '845': 'East Sussex',
  '846': 'Brighton and Hove', '850': 'Hampshire', '851': 'Portsmouth', '852': 'Southampton', '855': 'Leicestershire',
  '856': 'Leicester', '857': 'Rutland', '860': 'Staffordshire', '861': 'Stoke-on-Trent', '865': 'Wiltshire',
  '866': 'Swindon', '867': 'Bracknell Forest', '868': 'Windsor and Maidenhead', '869': 'West Berkshire',
  '870': 'Reading', '871': 'Slough', '872': 'Wokingham', '873': 'Cambridgeshire', '874': 'Peterborough',
  '876': 'Halton', '877': 'Warrington', '878': 'Devon', '879': 'Plymouth', '880': 'Torbay', '881': 'Essex',
  '882': 'Southend-on-Sea', '883': 'Thurrock', '884': 'Herefordshire', '885': 'Worcestershire', '886': 'Kent',
  '887': 'Medway', '888': 'Lancashire', '889': 'Blackburn with Darwen', '890': 'Blackpool', '891': 'Nottinghamshire',
  '892': 'Nottingham', '893': 'Shropshire', '894': 'Telford and Wrekin', '895': 'Cheshire East',
  '896': 'Cheshire West and Chester', '908': 'Cornwall', '909': 'Cumbria (to 2023)', '916': 'Gloucestershire',
  '919': 'Hertfordshire', '921': 'Isle of Wight', '925': 'Lincolnshire', '926': 'Norfolk',
  '928': 'Northamptonshire (to 2021)', '929': 'Northumberland', '931': 'Oxfordshire', '933': 'Somerset',
  '935': 'Suffolk', '936': 'Surrey', '937': 'Warwickshire', '938': 'West Sussex', '940': 'North Northamptonshire',
  '941': 'West Northamptonshire', '942': 'Cumberland', '943': 'Westmorland and Furness',
};

export interface UpnCheck {
  valid: boolean;
  /** A temporary UPN: ends in two digits and a letter instead of three digits. */
  temporary: boolean;
  /** Why the value is not valid, in plain English; absent when it is valid. */
  problem?: string;
}

/** A UPN as it should be stored: spaces removed, upper case. */
export function normaliseUpn(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

function characterValue(character: string): number {
  return character >= '0' && character <= '9' ? Number(character) : UPN_CHECK_LETTERS.indexOf(character);
}

/**
 * The check letter for the last 12 characters of a UPN (LA number, establishment, year, serial): each
 * character weighted by its position (2 to 13), digits by their value and a final letter by its value in
 * the check alphabet, the sum taken mod 23 and mapped onto `UPN_CHECK_LETTERS` [P: DfE UPN guide].
 */
export function upnCheckLetter(last12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += (i + 2) * characterValue(last12.charAt(i));
  return UPN_CHECK_LETTERS.charAt(sum % 23);
}

function describeCharacter(character: string): string {
  return character === ' ' ? 'a space' : `"${character}"`;
}

/**
 * Check a UPN's format and check letter (spaces and letter case are ignored). With `checkLaNumber`, also
 * require the LA number (characters 2–4) to be a known English one (see `LA_NUMBERS`).
 */
export function checkUpn(value: string, options: { checkLaNumber?: boolean } = {}): UpnCheck {
  if (typeof value !== 'string') return { valid: false, temporary: false, problem: 'A UPN must be text.' };
  const upn = normaliseUpn(value);
  if (upn.length === 0) return { valid: false, temporary: false, problem: 'The UPN is empty.' };
  if (upn.length !== 13) {
    return { valid: false, temporary: false, problem: `A UPN has 13 characters; this one has ${upn.length}.` };
  }
  const last = upn.charAt(12);
  const temporary = !(last >= '0' && last <= '9');
  const first = upn.charAt(0);
  if (!UPN_CHECK_LETTERS.includes(first)) {
    return {
      valid: false,
      temporary,
      problem: `A UPN starts with a check letter (A to Z except I, O and S); this one starts with ${describeCharacter(first)}.`,
    };
  }
  for (let i = 1; i < 12; i += 1) {
    const character = upn.charAt(i);
    if (!(character >= '0' && character <= '9')) {
      return {
        valid: false,
        temporary,
        problem: `Characters 2 to 12 of a UPN are digits; character ${i + 1} is ${describeCharacter(character)}.`,
      };
    }
  }
  if (temporary && !UPN_CHECK_LETTERS.includes(last)) {
    return {
      valid: false,
      temporary,
      problem: `The last character of a UPN is a digit, or for a temporary UPN a letter other than I, O or S; this one is ${describeCharacter(last)}.`,
    };
  }
  const laNumber = upn.slice(1, 4);
  if (options.checkLaNumber && LA_NUMBERS[laNumber] === undefined) {
    return {
      valid: false,
      temporary,
      problem: `${laNumber} (characters 2 to 4) is not a known English local authority number.`,
    };
  }
  const expected = upnCheckLetter(upn.slice(1));
  if (expected !== first) {
    return {
      valid: false,
      temporary,
      problem: `The check letter should be ${expected}, not ${first}: one of the characters is probably mistyped.`,
    };
  }
  return { valid: true, temporary };
}

/** Whether a value is a UPN with a correct format and check letter (temporary UPNs included). */
export function isValidUpn(value: string): boolean {
  return checkUpn(value).valid;
}

export interface NhsNumberCheck {
  valid: boolean;
  /** Why the value is not valid, in plain English; absent when it is valid. */
  problem?: string;
}

/** An NHS number as digits only (spaces and hyphens, as in "943 476 5870", removed). */
export function normaliseNhsNumber(value: string): string {
  return value.replace(/[\s-]+/g, '');
}

/**
 * Check an NHS number: 10 digits, the last a mod-11 check digit — the first nine weighted 10 down to 2,
 * 11 minus (sum mod 11) is the check digit, 11 counts as 0, and 10 means no valid number [P].
 */
export function checkNhsNumber(value: string): NhsNumberCheck {
  if (typeof value !== 'string') return { valid: false, problem: 'An NHS number must be text.' };
  const digits = normaliseNhsNumber(value);
  if (digits.length === 0) return { valid: false, problem: 'The NHS number is empty.' };
  if (!/^\d+$/.test(digits)) return { valid: false, problem: 'An NHS number has only digits (spaces are allowed between groups).' };
  if (digits.length !== 10) return { valid: false, problem: `An NHS number has 10 digits; this one has ${digits.length}.` };
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits.charAt(i)) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) {
    return { valid: false, problem: 'No NHS number is issued with these first nine digits (the check digit would be 10).' };
  }
  const expected = check === 11 ? 0 : check;
  if (Number(digits.charAt(9)) !== expected) {
    return {
      valid: false,
      problem: `The last digit should be ${expected}, not ${digits.charAt(9)}: one of the digits is probably mistyped.`,
    };
  }
  return { valid: true };
}

export function isValidNhsNumber(value: string): boolean {
  return checkNhsNumber(value).valid;
}
