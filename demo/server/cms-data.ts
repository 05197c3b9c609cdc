import type { ChildEducationRecord } from '../../core/model/index.ts';
import { addDays } from '../../core/rules/calendar.ts';
import { legalStatusLabel } from '../../core/rules/care.ts';
import { ageOn } from '../../core/rules/year-group.ts';
import type { DemoContext } from '../../core/node/server/app.ts';

/**
 * What the imitation case-management systems show: the social-care side of a child (identity as the
 * social-care system holds it, chronology, contacts, plans), made up deterministically from the person ID
 * so every page load shows the same clutter. Entirely fictional.
 */

export interface CmsPerson {
  personId: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD, as this system holds it (it may disagree with the education record: see `inconsistent`). */
  dateOfBirth: string;
  gender: string;
  ethnicity: string;
  legalStatus: string;
  placement: string;
  placementPostcode: string;
  allocatedWorker: string;
  team: string;
  /** This is the deliberately inconsistent record: the name and date of birth disagree with education's. */
  inconsistent: boolean;
}

export interface ChronologyEntry {
  date: string;
  type: string;
  summary: string;
  author: string;
}
export interface CmsContact {
  relationship: string;
  name: string;
  phone: string;
  notes: string;
}
export interface CmsPlan {
  name: string;
  status: string;
  started: string;
  nextReview: string;
}

export interface CmsCase {
  person: CmsPerson;
  alerts: string[];
  chronology: ChronologyEntry[];
  contacts: CmsContact[];
  plans: CmsPlan[];
}

/** A small seeded generator (mulberry32), so clutter is the same on every load. */
function seeded(seedText: string): () => number {
  let seed = 0;
  for (const ch of seedText) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const ADULT_FIRST = ['Karen', 'Lisa', 'Dean', 'Stacey', 'Wayne', 'Michelle', 'Craig', 'Donna', 'Lee', 'Joanne', 'Marcus', 'Tracey'];
const CARER_LAST = ['Whitaker', 'Holroyd', 'Pennington', 'Ackroyd', 'Sutcliffe', 'Barraclough', 'Lister', 'Greenwood'];
const STAFF = ['T. Okafor', 'R. Lindqvist', 'S. Patel', 'M. Doherty', 'H. Kaur', 'G. Baines'];
const CHRONOLOGY = [
  ['Statutory visit', 'Seen alone in placement. Reports settling well; talked about football and school friends.'],
  ['Statutory visit', 'Seen with carer. Some worries about sleep; carer to keep a diary for two weeks.'],
  ['Looked after review', 'Review chaired by IRO. Care plan endorsed; contact arrangements unchanged.'],
  ['Contact', 'Supervised family time at the family centre. Went well; mother arrived on time.'],
  ['Contact', 'Family time cancelled by parent at short notice. Child told by carer; upset but calm by evening.'],
  ['Health assessment', 'Review health assessment completed by LAC nurse. Dental check overdue — carer to book.'],
  ['Strategy discussion', 'Multi-agency discussion following missing episode. No further action; return interview completed.'],
  ['Placement stability meeting', 'Carer requested extra respite. Support worker allocated for Saturday mornings.'],
  ['Case note', 'Telephone call with designated teacher about attendance and the next PEP date.'],
  ['Case note', 'Birthday: card and present from birth family passed on via carer.'],
  ['Supervision', 'Case discussed in supervision. Actions: update chronology; chase life-story work referral.'],
  ['Return home interview', 'Completed by independent worker. Child said they went to see a friend.'],
] as const;
const ALERTS = ['Do not disclose placement address', 'Contact restrictions apply — see care plan', 'Allergy: penicillin', 'Missing episodes in last 6 months'];

/** The one child whose social-care record deliberately disagrees with education: the second on the demo caseload. */
export function inconsistentChildId(context: Pick<DemoContext, 'store' | 'users'>): string | undefined {
  return caseload(context)[1]?.identity.personId;
}

/** The demo social worker's caseload (or, without one, the first 15 children). */
export function caseload(context: Pick<DemoContext, 'store' | 'users'>): ChildEducationRecord[] {
  const worker = context.users.find((user) => user.role === 'social-worker');
  const records = worker ? context.store.visibleTo(worker) : [];
  return records.length > 0 ? records : context.store.visibleTo({ token: '', name: '', role: 'virtual-school', children: [], schools: [] }).slice(0, 15);
}

/** Other children of the team: in the case-management system, but not on the demo social worker's caseload (so the API answers 404 for them). */
export function teamCaseload(context: Pick<DemoContext, 'store' | 'users'>): ChildEducationRecord[] {
  const mine = new Set(caseload(context).map((r) => r.identity.personId));
  return context.store.visibleTo({ token: '', name: '', role: 'virtual-school', children: [], schools: [] }).filter((r) => !mine.has(r.identity.personId)).slice(0, 6);
}

/** A child who exists but is not the demo social worker's: the first on the team caseload. */
export function outOfScopeChildId(context: Pick<DemoContext, 'store' | 'users'>): string | undefined {
  return teamCaseload(context)[0]?.identity.personId;
}

export function cmsCase(context: DemoContext, record: ChildEducationRecord): CmsCase {
  const random = seeded(record.identity.personId);
  const asOf = context.store.asOf;
  const inconsistent = record.identity.personId === inconsistentChildId(context);
  const period = record.care.periods.at(-1);
  const episode = period?.episodes.at(-1);
  const identity = record.identity;
  const person: CmsPerson = {
    personId: identity.personId,
    firstName: identity.preferredName ?? identity.firstName,
    // The inconsistent record: a different surname and a date of birth a year and a few days out.
    lastName: inconsistent ? `${identity.lastName === 'Harrington' ? 'Ellison' : 'Harrington'}` : identity.lastName,
    dateOfBirth: inconsistent ? addDays(identity.dateOfBirth, 369) : identity.dateOfBirth,
    gender: identity.gender === 'female' ? 'Female' : identity.gender === 'male' ? 'Male' : identity.gender === 'other' ? 'Other' : 'Not known',
    ethnicity: identity.ethnicity ?? 'Not recorded',
    legalStatus: episode?.legalStatus ? `${legalStatusLabel(episode.legalStatus) ?? 'Legal status'} (${episode.legalStatus})` : 'Not recorded',
    placement: episode?.placementType ? `Placement type ${episode.placementType}` : 'Not recorded',
    placementPostcode: episode?.placementPostcode ?? 'Withheld',
    allocatedWorker: record.care.socialWorker?.name ?? 'Unallocated',
    team: ageOn(identity.dateOfBirth, asOf) >= 16 ? 'Leaving Care Team' : pick(random, ['Children Looked After Team 1', 'Children Looked After Team 2', 'Permanence Team']),
    inconsistent,
  };
  const carer = `${pick(random, ADULT_FIRST)} & ${pick(random, ADULT_FIRST)} ${pick(random, CARER_LAST)}`;
  const phone = () => `07${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
  const chronology: ChronologyEntry[] = [];
  let date = asOf;
  for (let i = 0; i < 8; i++) {
    date = addDays(date, -(3 + Math.floor(random() * 30)));
    const [type, summary] = pick(random, CHRONOLOGY);
    chronology.push({ date, type, summary, author: pick(random, STAFF) });
  }
  const school = record.school.enrolments.at(-1);
  const contacts: CmsContact[] = [
    { relationship: 'Foster carers', name: carer, phone: phone(), notes: 'Main carers; prefer calls after 4pm' },
    { relationship: 'Birth mother', name: `${pick(random, ADULT_FIRST)} ${identity.lastName}`, phone: phone(), notes: 'Supervised family time fortnightly' },
    { relationship: 'Independent reviewing officer', name: pick(random, STAFF), phone: `0113 ${String(Math.floor(random() * 1e7)).padStart(7, '0')}`, notes: '' },
    { relationship: 'Designated teacher', name: school?.designatedTeacher?.name ?? 'Not known', phone: school?.designatedTeacher?.phone ?? '', notes: school?.name ?? '' },
    { relationship: 'GP', name: `Dr ${pick(random, CARER_LAST)}`, phone: `0113 ${String(Math.floor(random() * 1e7)).padStart(7, '0')}`, notes: 'Registered' },
  ];
  const careStart = period?.start ?? addDays(asOf, -400);
  const plans: CmsPlan[] = [
    { name: 'Care plan', status: 'Current', started: careStart, nextReview: addDays(asOf, 20 + Math.floor(random() * 120)) },
    { name: 'Placement plan', status: 'Current', started: addDays(asOf, -Math.floor(random() * 300)), nextReview: addDays(asOf, 10 + Math.floor(random() * 90)) },
    { name: 'Health plan', status: random() < 0.3 ? 'Overdue' : 'Current', started: addDays(asOf, -Math.floor(random() * 360)), nextReview: addDays(asOf, Math.floor(random() * 200) - 30) },
    { name: 'Personal education plan', status: 'Held by the virtual school', started: careStart, nextReview: '' },
  ];
  const alerts = ALERTS.filter(() => random() < 0.35);
  return { person, alerts, chronology, contacts, plans };
}

/** Dates as each family of systems shows them. */
export const formatDate = {
  /** 12/03/2014 */
  slashes: (iso: string) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : ''),
  /** 12 Mar 2014 */
  short: (iso: string) => (iso ? `${Number(iso.slice(8, 10))} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}` : ''),
};
