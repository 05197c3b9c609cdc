/**
 * A synthetic data set of looked-after children's education records, for the demo, tests and benchmarks.
 * Pure and seeded: the same options always give the same records. The distributions are documented in
 * docs/data-formats.md ("Synthetic data").
 */
import type {
  AttendanceMark,
  ChildEducationRecord,
  Contact,
  Exclusion,
  Gender,
  PepAction,
  PepMeeting,
  PlacementArea,
  StatutoryAssessment,
  TermlyJudgement,
} from '../model/index.ts';
import { RECORD_SCHEMA_VERSION } from '../model/record.ts';
import { CURRENT_CODE_SET_FROM } from '../rules/attendance-codes.ts';
import { academicYearOf, addDays, daysBetween, isSchoolDay, termDatesForYear } from '../rules/calendar.ts';
import { upnCheckLetter } from '../rules/identifiers.ts';
import { BACKGROUNDS, HOME_AREA_POSTCODES, OTHER_AREA_POSTCODES, SCHOOL_PLACES, STAFF_FIRST, STAFF_LAST } from './names.ts';
import { Random } from './random.ts';

export interface GenerateOptions {
  /** How many children. */
  children: number;
  /** Any integer; the same seed gives the same data set. */
  seed: number;
  /** The date the data set is "correct at", YYYY-MM-DD: a year of attendance ends here. */
  asOf: string;
  /** The council's own LA number (3 digits); default 383. */
  laCode?: string;
}

type Area = 'home' | 'elsewhere';
type AbsenceProfile = 'good' | 'persistent' | 'severe' | 'part-time';
type Episode = ChildEducationRecord['care']['periods'][number]['episodes'][number];
type Enrolment = ChildEducationRecord['school']['enrolments'][number];

interface SchoolInfo {
  urn: string;
  name: string;
  phase: NonNullable<Enrolment['phase']>;
  area: Area;
  designatedTeacher: Contact;
}

/** Distributions, in one place so the documentation can quote them. */
export const DISTRIBUTIONS = {
  /** Relative number of children in each year group, Reception (0) to Y13: looked-after children skew older. */
  yearGroupWeights: [3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 8, 6],
  placementArea: [['in-area', 58], ['out-of-area', 34], ['from-another-council', 8]] as const,
  absenceProfile: [['good', 68], ['persistent', 22], ['severe', 5], ['part-time', 5]] as const,
  /** Share of sessions missed, by profile: [min, max]. */
  absenceRate: { good: [0.005, 0.065], persistent: [0.11, 0.4], severe: [0.52, 0.85], 'part-time': [0.08, 0.25] },
  senProvision: [['E', 27], ['K', 30], ['N', 43]] as const,
  pepTiming: [['in-date', 62], ['due-soon', 22], ['overdue', 12], ['none-yet', 4]] as const,
  suspendedShare: 0.09,
  permanentlyExcludedShare: 0.005,
  currentlyLookedAfterShare: 0.94,
} as const;

const LEGAL_STATUSES = [['C2', 55], ['V2', 20], ['C1', 15], ['E1', 7], ['D1', 3]] as const;
const PLACEMENTS = [['U4', 35], ['U1', 12], ['U5', 10], ['U6', 6], ['U3', 5], ['K2', 12], ['R1', 4], ['P1', 5], ['H5', 4], ['S1', 2], ['A4', 2], ['Z1', 3]] as const;
const PROVIDERS_BY_AREA: Record<Area, readonly (readonly [string, number])[]> = {
  home: [['PR1', 60], ['PR4', 30], ['PR3', 10]],
  elsewhere: [['PR4', 55], ['PR2', 25], ['PR1', 15], ['PR5', 5]],
};
const PLACE_CHANGE_REASONS = ['CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'OTHER'];
const CARE_ENDED_REASONS = ['E11', 'E12', 'E13', 'E41', 'E45', 'E48', 'E8'];
const OTHER_LA_CODES = ['380', '381', '382', '384', '370', '372', '373', '816', '352', '330'];
const PRIMARY_NEEDS = [['SEMH', 40], ['ASD', 15], ['SLCN', 12], ['MLD', 12], ['SPLD', 7], ['SLD', 3], ['PD', 2], ['HI', 1], ['VI', 1], ['OTH', 5], ['NSA', 2]] as const;
const SUSPENSION_REASONS = [['DB', 40], ['PA', 20], ['VA', 15], ['PP', 10], ['BU', 5], ['DM', 5], ['OT', 5]] as const;
const QUALITY = [['gold', 15], ['green', 50], ['amber', 25], ['red', 10]] as const;
const ACTIONS: Record<PepAction['owner'], readonly string[]> = {
  'social-worker': ['Update the care section before the next PEP', 'Arrange a stable transport plan to school', 'Share the updated care plan with school', 'Refer to CAMHS and share the outcome'],
  school: ['Put a reading intervention in place three times a week', 'Set up a key adult check-in each morning', 'Apply for an EHC needs assessment', 'Send half-termly progress data to the virtual school'],
  carer: ['Read with the child for 15 minutes each evening', 'Make sure homework is handed in on Mondays', 'Attend the parents’ evening'],
  'virtual-school': ['Approve PP+ for one-to-one maths tuition', 'Arrange an educational psychologist assessment', 'Quality-assure the PEP within 10 days'],
  child: ['Join an after-school club', 'Talk to a trusted adult when worried', 'Bring the right equipment each day'],
};
const OWNERS = Object.keys(ACTIONS) as PepAction['owner'][];

const SCHOOL_COUNT = 120;
/** Social workers share children in teams: each team of `TEAM_SIZE` takes the next `TEAM_SIZE × CASELOAD`
 * children, so a social worker holds about `CASELOAD` (some more, some fewer) whatever the data set's size. */
const SOCIAL_WORK_TEAM = { TEAM_SIZE: 4, CASELOAD: 16 } as const;
const CASEWORKER_COUNT = 8;
/** Where the generated children's PEPs are: a reserved example origin, so no link leads anywhere real. */
export const GENERATED_EPEP_ORIGIN = 'https://epep.example.com';
const LEGACY_CODES: Readonly<Record<string, string>> = { K: 'B', C1: 'C', C2: 'C', J1: 'J' };
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const clampDate = (date: string, min: string, max: string) => (date < min ? min : date > max ? max : date);

/** A UPN whose check letter is right: the check letter comes from the identifier rules, not from here. */
function makeUpn(index: number, laCode: string, dateOfBirth: string): string {
  // Unique within a data set: the establishment number and serial come from the child's index; the
  // year digits are the year the child reached school age (when a UPN is usually allocated).
  const allocated = (Number(dateOfBirth.slice(0, 4)) + 4) % 100;
  const body = `${laCode}${pad(2000 + (Math.floor(index / 1000) % 8000), 4)}${pad(allocated, 2)}${pad(index % 1000, 3)}`;
  return upnCheckLetter(body) + body;
}

function staffContact(random: Random, id: string, domain: string): Contact {
  const first = random.pick(STAFF_FIRST);
  const last = random.pick(STAFF_LAST);
  return { name: `${first} ${last}`, id, email: `${first}.${last}@${domain}`.toLowerCase(), phone: `0113 ${pad(random.int(0, 9999999), 7).replace(/^(\d{3})/, '$1 ')}` };
}

/**
 * Who is each child's social worker (`SOCIAL_WORK_TEAM`). Each child's draw and each social worker's
 * name come from streams of their own, so a caseload is the same children whatever date the data set is
 * made for, and the first N children of a bigger set have the same social workers. Two social workers
 * with one name get distinct email addresses (sam.price@, sam.price2@), as a council would give them.
 */
function socialWorkerAllocation(seed: number): (index: number) => Contact {
  const { TEAM_SIZE, CASELOAD } = SOCIAL_WORK_TEAM;
  const workers: Contact[] = [];
  const namesUsed = new Map<string, number>();
  const worker = (n: number): Contact => {
    while (workers.length <= n) {
      const contact = staffContact(Random.forItem(seed ^ 0x5017, workers.length), `SW${pad(workers.length + 1, 4)}`, 'council.example.gov.uk');
      const uses = (namesUsed.get(contact.name) ?? 0) + 1;
      namesUsed.set(contact.name, uses);
      workers.push(uses === 1 ? contact : { ...contact, email: contact.email!.replace('@', `${uses}@`) });
    }
    return workers[n] as Contact;
  };
  return (index) => worker(Math.floor(index / (TEAM_SIZE * CASELOAD)) * TEAM_SIZE + Random.forItem(seed ^ 0x50c1a1, index).int(0, TEAM_SIZE - 1));
}

function makeSchools(random: Random, count: number): SchoolInfo[] {
  const schools: SchoolInfo[] = [];
  const kinds: [SchoolInfo['phase'], string, number][] = [
    ['primary', 'Primary School', 45],
    ['secondary', 'Academy', 30],
    ['special', 'Special School', 10],
    ['alternative-provision', 'Pupil Referral Unit', 5],
    ['post-16', 'College', 10],
  ];
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const [phase, suffix] = random.weighted(kinds.map(([p, s, w]) => [[p, s] as const, w] as const));
    let name = `${random.pick(SCHOOL_PLACES)} ${suffix}`;
    while (used.has(name)) name = `${random.pick(SCHOOL_PLACES)} ${random.pick(['North', 'West', 'Park', 'Vale', 'Community'])} ${suffix}`;
    used.add(name);
    const urn = String(100000 + i * 37 + random.int(0, 36));
    schools.push({ urn, name, phase, area: random.chance(0.7) ? 'home' : 'elsewhere', designatedTeacher: staffContact(random, `DT${pad(i + 1, 4)}`, 'school.example.org.uk') });
  }
  // Make sure every phase exists in both areas so every child can be placed.
  return schools;
}

function schoolFor(random: Random, schools: SchoolInfo[], yearGroup: number, needsSpecial: boolean, area: Area): SchoolInfo {
  const phase: SchoolInfo['phase'] =
    needsSpecial && random.chance(0.45)
      ? 'special'
      : yearGroup >= 7 && yearGroup <= 11 && random.chance(0.04)
        ? 'alternative-provision'
        : yearGroup <= 6
          ? 'primary'
          : yearGroup <= 11
            ? 'secondary'
            : random.chance(0.6)
              ? 'post-16'
              : 'secondary';
  const candidates = schools.filter((s) => s.phase === phase && s.area === area);
  const fallback = schools.filter((s) => s.phase === phase);
  return random.pick(candidates.length > 0 ? candidates : fallback.length > 0 ? fallback : schools);
}

/** Session marks for every school day in the year up to `asOf`. */
function makeAttendance(random: Random, schoolDays: readonly string[], profile: AbsenceProfile, exclusions: Exclusion[], yearGroup: number): AttendanceMark[] {
  const [low, high] = DISTRIBUTIONS.absenceRate[profile];
  const rate = low + random.next() * (high - low);
  const lateProne = random.chance(0.25);
  // Absences come in runs averaging `meanRun` days; a run starts on a present day with this chance, so
  // that the share of days missed comes out at `rate`.
  const meanRun = profile === 'severe' ? 5 : profile === 'good' ? 1.8 : 1.6;
  const startChance = Math.min(0.95, rate / (meanRun * (1 - rate)));
  const hasApprovedActivity = profile !== 'good' && random.chance(0.3);
  const excluded = new Map<string, number>();
  for (const exclusion of exclusions) excluded.set(exclusion.start, exclusion.sessions ?? 2);
  // Part-time timetable: afternoons marked C2 for a stretch of 6–12 weeks.
  const from = schoolDays[0] ?? '';
  const partTimeStart = profile === 'part-time' ? addDays(from, random.int(20, 200)) : '';
  const partTimeEnd = profile === 'part-time' ? addDays(partTimeStart, random.int(42, 84)) : '';
  const marks: AttendanceMark[] = [];
  let runCode = '';
  let runLeft = 0;
  let exclusionLeft = 0;
  for (const date of schoolDays) {
    const started = excluded.get(date);
    if (started !== undefined) exclusionLeft = started;
    for (const session of ['AM', 'PM'] as const) {
      let code: string;
      if (exclusionLeft > 0) {
        code = 'E';
        exclusionLeft--;
      } else if (session === 'PM' && profile === 'part-time' && date >= partTimeStart && date <= partTimeEnd) {
        code = 'C2';
      } else if (runLeft > 0) {
        code = runCode;
        runLeft--;
      } else if (session === 'AM' && random.chance(startChance)) {
        // An absence starts: illness in runs, holidays as whole weeks, the rest mostly single days.
        const reason = random.weighted<string>(
          profile === 'good'
            ? [['I', 60], ['M', 14], ['O', 7], ['N', 6], ['G', 4], ['C', 5], ['R', 2], ['U', 2]]
            : [['I', 30], ['O', 24], ['N', 15], ['U', 9], ['M', 9], ['G', 6], ['C', 5], ['C1', 1], ['J1', 1]],
        );
        const days =
          profile === 'severe' && (reason === 'O' || reason === 'N' || reason === 'I')
            ? random.int(2, 10)
            : reason === 'I'
              ? random.int(1, 3)
              : reason === 'G'
                ? 5
                : reason === 'M' || reason === 'U'
                  ? 0.5
                  : random.int(1, 2);
        code = reason;
        runCode = reason;
        runLeft = Math.max(0, Math.round(days * 2) - 1);
      } else if (hasApprovedActivity && random.chance(0.04)) {
        code = yearGroup >= 10 && random.chance(0.3) ? 'W' : random.pick(['K', 'B', 'V']);
      } else {
        code = lateProne && random.chance(0.06) ? 'L' : session === 'AM' ? '/' : '\\';
      }
      // Before 19 Aug 2024 the code set had no K, C1, C2 or J1: use what schools used then.
      marks.push({ date, session, code: date < CURRENT_CODE_SET_FROM ? (LEGACY_CODES[code] ?? code) : code });
    }
  }
  return marks;
}

function judgementFor(ability: number, random: Random): TermlyJudgement['judgement'] {
  const score = ability + (random.next() - 0.5) * 0.4;
  return score < 0.2 ? 'below' : score < 0.5 ? 'working-towards' : score < 0.85 ? 'expected' : 'greater-depth';
}

function gcseGrade(ability: number, random: Random): string {
  const grade = Math.round(ability * 8 + (random.next() - 0.5) * 2);
  return grade <= 0 ? 'U' : String(Math.min(9, grade));
}

function makeAttainment(random: Random, yearGroup: number, academicStartYear: number, asOf: string, ability: number) {
  const assessments: StatutoryAssessment[] = [];
  const yearEnd = (yg: number) => academicStartYear - (yearGroup - yg) + 1; // calendar year of the summer ending year yg
  const add = (measure: StatutoryAssessment['measure'], subject: string, date: string, result: string) => {
    if (date <= asOf) assessments.push({ measure, subject, date, result });
  };
  const meets = (bar: number) => ability + (random.next() - 0.5) * 0.5 > bar;
  if (yearGroup >= 1) {
    const y = yearEnd(0);
    for (let goal = 1; goal <= 12; goal++) add('EYFS', `E${pad(goal, 2)}`, `${y}-06-20`, meets(0.35) ? 'expected' : 'emerging');
  }
  if (yearGroup >= 2 && yearEnd(1) !== 2020) add('PHONICS', 'phonics', `${yearEnd(1)}-06-12`, String(Math.max(0, Math.min(40, Math.round(ability * 40 + (random.next() - 0.5) * 10)))));
  if (yearGroup >= 3 && yearEnd(2) <= 2023 && yearEnd(2) !== 2020 && yearEnd(2) !== 2021) {
    for (const subject of ['reading', 'writing', 'maths']) add('KS1', subject, `${yearEnd(2)}-06-30`, random.weighted([['PKF', 0.1], ['WTS', 1 - ability], ['EXS', ability], ['GDS', ability / 4]]));
  }
  if (yearGroup >= 5 && yearEnd(4) >= 2022) add('MTC', 'mtc', `${yearEnd(4)}-06-15`, String(Math.max(0, Math.min(25, Math.round(ability * 25 + (random.next() - 0.5) * 8)))));
  if (yearGroup >= 7 && yearEnd(6) !== 2020 && yearEnd(6) !== 2021) {
    for (const subject of ['reading', 'maths', 'gps']) add('KS2', subject, `${yearEnd(6)}-07-08`, String(Math.max(80, Math.min(120, Math.round(82 + ability * 34 + (random.next() - 0.5) * 8)))));
    add('KS2', 'writing', `${yearEnd(6)}-07-08`, meets(0.5) ? (meets(0.9) ? 'GDS' : 'EXS') : 'WTS');
  }
  if (yearGroup >= 12) {
    for (const subject of ['english', 'maths', 'science', random.pick(['history', 'art', 'computing', 'geography', 'drama'])]) {
      add('GCSE', subject, `${yearEnd(11)}-08-21`, gcseGrade(ability, random));
    }
  }
  // Termly judgements: the terms that ended in the year to asOf.
  const termly: TermlyJudgement[] = [];
  if (yearGroup >= 1 && yearGroup <= 11) {
    const terms = [...termDatesForYear(academicStartYear - 1).terms, ...termDatesForYear(academicStartYear).terms].filter(
      (term) => term.end <= asOf && daysBetween(term.end, asOf) < 365,
    );
    const subjects = yearGroup <= 6 ? ['reading', 'writing', 'maths'] : ['english', 'maths', 'science'];
    for (const term of terms) {
      const date = addDays(term.end, -7);
      for (const subject of subjects) {
        if (yearGroup >= 10) {
          const predicted = gcseGrade(ability, random);
          termly.push({ subject, date, predictedGrade: predicted, target: predicted === 'U' ? '2' : String(Math.min(9, Number(predicted) + random.int(0, 2))) });
        } else {
          termly.push({ subject, date, judgement: judgementFor(ability, random), target: 'expected' });
        }
      }
    }
  }
  return { assessments, termly };
}

function makePep(random: Random, careStart: string, asOf: string, academicStartYear: number, lookedAfter: boolean) {
  const meetings: PepMeeting[] = [];
  const actions: PepAction[] = [];
  const sinceCare = daysBetween(careStart, asOf);
  const drawn = sinceCare < 28 ? 'none-yet' : random.weighted(DISTRIBUTIONS.pepTiming);
  // "None yet" is a child waiting for their first PEP. For a child in care longer than three months, a
  // first PEP never held is a rarer data-quality case: most such draws become a missed review instead.
  const timing = drawn === 'none-yet' && sinceCare > 90 && random.chance(0.75) ? 'overdue' : drawn;
  const terms = [...termDatesForYear(academicStartYear - 2).terms, ...termDatesForYear(academicStartYear - 1).terms, ...termDatesForYear(academicStartYear).terms, ...termDatesForYear(academicStartYear + 1).terms];
  const current = terms.findIndex((term) => term.start <= asOf && asOf <= term.end);
  const currentIndex = current >= 0 ? current : terms.findIndex((term) => term.start > asOf) - 1;
  const lastHeld = timing === 'in-date' ? currentIndex : timing === 'due-soon' ? currentIndex - 1 : timing === 'overdue' ? currentIndex - 2 : -1;
  for (let index = Math.max(0, lastHeld - 5); index <= lastHeld && index >= 0; index++) {
    const term = terms[index];
    if (!term) continue;
    const latest = index === lastHeld;
    const last = term.end < asOf ? term.end : asOf;
    let date = clampDate(addDays(term.start, random.int(10, 50)), term.start, last);
    if (date < careStart) continue;
    date = clampDate(date, careStart, asOf);
    const status: PepMeeting['status'] = latest ? random.weighted([['approved', 70], ['submitted', 12], ['draft', 12], ['returned', 6]]) : 'approved';
    const requested = random.chance(0.7) ? random.int(2, 12) * 100 : undefined;
    meetings.push({
      date,
      status,
      qualityRating: status === 'approved' ? random.weighted(QUALITY) : undefined,
      childViewsRecorded: random.chance(0.8),
      targets: latest
        ? [
            { description: 'Read a book of choice every week and talk about it with a carer', area: 'reading', due: addDays(date, 84), achieved: false },
            { description: 'Attend every morning session this half-term', area: 'attendance', due: addDays(date, 42), achieved: addDays(date, 42) < asOf ? random.chance(0.5) : undefined },
          ]
        : [],
      ppPlusRequested: requested,
      ppPlusApproved: requested !== undefined && status === 'approved' ? requested - (random.chance(0.2) ? 100 : 0) : undefined,
    });
    if (index >= lastHeld - 1) {
      const count = random.int(3, OWNERS.length);
      const offset = random.int(0, OWNERS.length - 1);
      for (let i = 0; i < count; i++) {
        const owner = OWNERS[(offset + i) % OWNERS.length] as PepAction['owner'];
        const due = addDays(date, random.int(14, 56));
        actions.push({ meetingDate: date, description: random.pick(ACTIONS[owner]), owner, due, completed: due < asOf ? random.chance(0.7) : random.chance(0.2) });
      }
    }
  }
  if (lookedAfter && (timing === 'none-yet' || timing === 'due-soon') && random.chance(0.6)) {
    meetings.push({ date: addDays(asOf, random.int(3, 20)), status: 'scheduled', targets: [] });
  }
  return { meetings, actions };
}

/** Possible sessions (two a school day) from `from` to `to`, remembered: every child shares the same terms. */
function sessionsBetween(from: string, to: string, cache: Map<string, number>): number {
  const key = `${from}|${to}`;
  let sessions = cache.get(key);
  if (sessions === undefined) {
    sessions = 0;
    for (let date = from; date <= to; date = addDays(date, 1)) if (isSchoolDay(date)) sessions += 2;
    cache.set(key, sessions);
  }
  return sessions;
}

/**
 * The child's past: termly attendance figures (as the school census returns them) and termly judgements for
 * the two school years before this one, from a random stream of its own (so adding them changed no other
 * generated value). Only for terms when the child was in care — the virtual school holds figures from then
 * on — and of school age; figures stop where the session marks begin, so no session is told twice.
 */
function makeHistory(
  random: Random,
  options: { academicStartYear: number; currentYearGroup: number; dateOfBirthYearGroup: (startYear: number) => number; careStart: string; careEnd: string | undefined; marksFrom: string; asOf: string; profile: AbsenceProfile; ability: number },
  sessionsCache: Map<string, number>,
): { summaries: ChildEducationRecord['attendance']['summaries']; termly: TermlyJudgement[] } {
  const { academicStartYear, careStart, careEnd, marksFrom, asOf, profile, ability } = options;
  const summaries: ChildEducationRecord['attendance']['summaries'] = [];
  const termly: TermlyJudgement[] = [];
  // Attendance then was much as now, sometimes better or worse.
  const pastProfile: AbsenceProfile = random.chance(0.65) ? profile : random.weighted([['good', 50], ['persistent', 35], ['part-time', 10], ['severe', 5]]);
  const [low, high] = DISTRIBUTIONS.absenceRate[pastProfile];
  for (const startYear of [academicStartYear - 2, academicStartYear - 1]) {
    const group = options.dateOfBirthYearGroup(startYear);
    for (const term of termDatesForYear(startYear).terms) {
      const inCare = careStart <= term.end && (careEnd ?? asOf) >= term.start;
      if (!inCare || group < 0) continue;
      const to = term.end < marksFrom ? term.end : addDays(marksFrom, -1);
      if (group <= 11 && to >= term.start) {
        const possible = sessionsBetween(term.start, to, sessionsCache);
        if (possible > 0) {
          const missed = Math.min(possible, Math.round(possible * (low + random.next() * (high - low))));
          const unauthorised = Math.round(missed * random.next() * 0.5);
          summaries.push({
            from: term.start,
            to,
            possibleSessions: possible,
            attendedSessions: possible - missed,
            authorisedAbsenceSessions: missed - unauthorised,
            unauthorisedAbsenceSessions: unauthorised,
          });
        }
      }
      // Judgements for the terms before the year of judgements makeAttainment gives, in the subjects the
      // child is judged in now (so the latest judgement of each subject is this year's).
      if (options.currentYearGroup >= 1 && options.currentYearGroup <= 11 && group >= 1 && daysBetween(term.end, asOf) >= 365) {
        const date = addDays(term.end, -7);
        for (const subject of options.currentYearGroup <= 6 ? ['reading', 'writing', 'maths'] : ['english', 'maths', 'science']) {
          if (group >= 10) {
            const predicted = gcseGrade(ability, random);
            termly.push({ subject, date, predictedGrade: predicted, target: predicted === 'U' ? '2' : String(Math.min(9, Number(predicted) + random.int(0, 2))) });
          } else termly.push({ subject, date, judgement: judgementFor(ability, random), target: 'expected' });
        }
      }
    }
  }
  return { summaries, termly };
}

/** Generates `children` plausible, entirely fictional child education records. */
export function generateRecords(options: GenerateOptions): ChildEducationRecord[] {
  const { children, seed, asOf } = options;
  const laCode = options.laCode ?? '383';
  if (!Number.isInteger(children) || children < 0) throw new RangeError('children must be a whole number, 0 or more');
  const shared = new Random(seed);
  // Pools of a fixed size, so the first N children of a bigger data set are the same N children.
  const schools = makeSchools(shared, SCHOOL_COUNT);
  // Virtual school caseworkers from a stream of their own, so adding them changed no other generated value.
  const caseworkerRandom = new Random(seed ^ 0x5c4e);
  const caseworkers = Array.from({ length: CASEWORKER_COUNT }, (_, i) => staffContact(caseworkerRandom, `VS${pad(i + 1, 4)}`, 'virtualschool.example.gov.uk'));
  const allocate = socialWorkerAllocation(seed);
  const academicYear = academicYearOf(asOf);
  const attendanceFrom = addDays(asOf, -364);
  const schoolDays: string[] = [];
  for (let date = attendanceFrom; date <= asOf; date = addDays(date, 1)) if (isSchoolDay(date)) schoolDays.push(date);
  const source = `Synthetic data (seed ${seed})`;
  const sessionsCache = new Map<string, number>();
  const marksFrom = schoolDays[0] ?? asOf;
  const records: ChildEducationRecord[] = [];

  for (let index = 0; index < children; index++) {
    const random = Random.forItem(seed, index);
    const background = random.weighted(BACKGROUNDS.map((b) => [b, b.weight] as const));
    const gender: Gender = random.weighted([['male', 55], ['female', 44], ['other', 0.5], ['not-known', 0.5]]);
    const firstName = random.pick(gender === 'female' || (gender !== 'male' && random.chance(0.5)) ? background.female : background.male);
    const lastName = random.pick(background.surnames);
    const yearGroup = random.weighted(DISTRIBUTIONS.yearGroupWeights.map((w, g) => [g, w] as const));
    const birthYearStart = `${academicYear.startYear - yearGroup - 5}-09-01`;
    const dateOfBirth = addDays(birthYearStart, random.int(0, 364));

    // Care history: a period of care with placement and legal-status changes.
    const placementArea: PlacementArea = random.weighted(DISTRIBUTIONS.placementArea);
    const responsibleLa = placementArea === 'from-another-council' ? random.pick(OTHER_LA_CODES) : laCode;
    const placementSide: Area = placementArea === 'out-of-area' ? 'elsewhere' : 'home';
    const earliest = addDays(dateOfBirth, 30) > addDays(asOf, -3650) ? addDays(dateOfBirth, 30) : addDays(asOf, -3650);
    const span = Math.max(1, daysBetween(earliest, addDays(asOf, -7)));
    const careStart = addDays(asOf, -7 - Math.floor(Math.pow(random.next(), 0.9) * span));
    const lookedAfter = random.chance(DISTRIBUTIONS.currentlyLookedAfterShare);
    const changes = random.weighted([[0, 40], [1, 28], [2, 15], [3, 10], [4, 4], [5, 2], [6, 1]]);
    const legalChange = random.chance(0.3);
    const eventCount = changes + (legalChange ? 1 : 0);
    const careEnd = lookedAfter ? undefined : addDays(asOf, -random.int(1, Math.max(1, Math.min(300, daysBetween(careStart, asOf) - 1))));
    const lastDay = careEnd ?? asOf;
    const eventDates = Array.from({ length: eventCount }, () => addDays(careStart, random.int(1, Math.max(1, daysBetween(careStart, lastDay) - 1))))
      .sort()
      .filter((date, i, all) => date > careStart && date < lastDay && all.indexOf(date) === i);
    const legalAt = legalChange && eventDates.length > 0 ? random.int(0, eventDates.length - 1) : -1;
    const homePostcode = random.pick(HOME_AREA_POSTCODES);
    const placeIn = (side: Area) => random.pick(side === 'home' ? HOME_AREA_POSTCODES : OTHER_AREA_POSTCODES);
    let legalStatus: string = random.weighted(LEGAL_STATUSES);
    let episode: Episode = {
      start: careStart,
      reasonNewEpisode: 'S',
      legalStatus,
      placementType: random.weighted(PLACEMENTS),
      placementProvider: random.weighted(PROVIDERS_BY_AREA[placementSide]),
      placementPostcode: placeIn(eventDates.length > 0 && random.chance(0.3) ? (placementSide === 'home' ? 'elsewhere' : 'home') : placementSide),
      homePostcode,
    };
    const episodes: Episode[] = [episode];
    const placementChanges: ChildEducationRecord['care']['placementChanges'] = [];
    eventDates.forEach((date, i) => {
      const isLegal = i === legalAt;
      const reason = isLegal ? undefined : random.pick(PLACE_CHANGE_REASONS);
      episode.end = date;
      episode.reasonEnded = 'X1';
      if (reason) episode.reasonPlaceChange = reason;
      if (isLegal) legalStatus = legalStatus === 'C1' ? 'C2' : legalStatus === 'V2' ? 'C1' : 'E1';
      const last = i === eventDates.length - 1;
      episode = {
        start: date,
        reasonNewEpisode: isLegal ? 'L' : random.chance(0.75) ? 'P' : 'T',
        legalStatus,
        placementType: isLegal ? episode.placementType : random.weighted(PLACEMENTS),
        placementProvider: isLegal ? episode.placementProvider : random.weighted(PROVIDERS_BY_AREA[last ? placementSide : random.pick(['home', 'elsewhere'] as const)]),
        placementPostcode: isLegal ? episode.placementPostcode : placeIn(last ? placementSide : random.pick(['home', 'elsewhere'] as const)),
        homePostcode,
      };
      episodes.push(episode);
      if (!isLegal) placementChanges.push({ date, reason });
    });
    if (careEnd) {
      episode.end = careEnd;
      episode.reasonEnded = random.pick(CARE_ENDED_REASONS);
    }
    for (const e of episodes) e.inArea = e.placementPostcode ? HOME_AREA_POSTCODES.includes(e.placementPostcode) : undefined;

    // School, SEN, exclusions, attendance, attainment, PEP.
    const sen = random.weighted(DISTRIBUTIONS.senProvision);
    const schoolSide: Area = random.chance(0.85) ? placementSide : placementSide === 'home' ? 'elsewhere' : 'home';
    const school = schoolFor(random, schools, yearGroup, sen === 'E', schoolSide);
    const enrolments: Enrolment[] = [];
    const joined = addDays(asOf, -random.int(60, 1500));
    if (random.chance(0.18) && yearGroup > 0) {
      const previous = schoolFor(random, schools, Math.max(0, yearGroup - 1), false, random.pick(['home', 'elsewhere'] as const));
      if (previous.urn !== school.urn) enrolments.push({ urn: previous.urn, name: previous.name, phase: previous.phase, start: addDays(joined, -random.int(200, 900)), end: addDays(joined, -1), inArea: previous.area === 'home', designatedTeacher: previous.designatedTeacher });
    }
    enrolments.push({ urn: school.urn, name: school.name, phase: school.phase, start: joined, inArea: school.area === 'home', designatedTeacher: school.designatedTeacher });

    const profile: AbsenceProfile = random.weighted(DISTRIBUTIONS.absenceProfile);
    const exclusions: Exclusion[] = [];
    const suspensionChance = DISTRIBUTIONS.suspendedShare * (profile === 'good' ? 0.6 : 2);
    if (yearGroup >= 1 && random.chance(suspensionChance)) {
      for (let i = random.int(1, 3); i > 0; i--) {
        const start = schoolDays[random.int(3, Math.max(3, schoolDays.length - 1))];
        if (start === undefined || exclusions.some((e) => e.start === start)) continue;
        exclusions.push({ type: 'suspension', start, sessions: random.weighted([[1, 10], [2, 40], [4, 25], [6, 15], [10, 10]]), reasonCode: random.weighted(SUSPENSION_REASONS) });
      }
      exclusions.sort((a, b) => a.start.localeCompare(b.start));
    }
    if (yearGroup >= 5 && random.chance(DISTRIBUTIONS.permanentlyExcludedShare)) {
      exclusions.push({ type: 'permanent', start: addDays(asOf, -random.int(30, 200)), reasonCode: random.weighted(SUSPENSION_REASONS) });
    }
    const marks = makeAttendance(random, schoolDays, profile, exclusions, yearGroup);
    // Centred a little above the middle: most looked-after children are below expected somewhere, but not most everywhere.
    const ability = Math.min(1, Math.max(0, 0.12 + random.next() * 0.6 + random.next() * 0.4 - (sen === 'E' ? 0.25 : sen === 'K' ? 0.1 : 0)));
    const attainment = makeAttainment(random, yearGroup, academicYear.startYear, asOf, ability);
    const pep = makePep(random, careStart, asOf, academicYear.startYear, lookedAfter);
    const history = makeHistory(
      Random.forItem(seed ^ 0x7e4d, index),
      {
        academicStartYear: academicYear.startYear,
        currentYearGroup: yearGroup,
        dateOfBirthYearGroup: (startYear) => yearGroup - (academicYear.startYear - startYear),
        careStart,
        careEnd,
        marksFrom,
        asOf,
        profile,
        ability,
      },
      sessionsCache,
    );
    attainment.termly.unshift(...history.termly);

    const senPart: ChildEducationRecord['sen'] =
      sen === 'N'
        ? { provision: 'N' }
        : {
            provision: sen,
            primaryNeed: random.weighted(PRIMARY_NEEDS),
            ehcPlan: sen === 'E' ? { requested: addDays(asOf, -random.int(500, 2000)), issued: addDays(asOf, -random.int(300, 480)), lastReviewed: addDays(asOf, -random.int(20, random.chance(0.15) ? 500 : 360)) } : undefined,
          };
    const provenance = { source, asOf };
    const personId = String(400000 + index * 13 + (seed % 7 + 7) % 7);
    records.push({
      schemaVersion: RECORD_SCHEMA_VERSION,
      identity: {
        personId,
        upn: random.chance(0.97) ? makeUpn(index, responsibleLa, dateOfBirth) : undefined,
        firstName,
        lastName,
        preferredName: random.chance(0.05) ? firstName.slice(0, 3) : undefined,
        dateOfBirth,
        gender,
        ethnicity: random.pick(background.ethnicity),
        responsibleLa,
      },
      care: {
        lookedAfter,
        periods: [{ start: careStart, end: careEnd, episodes }],
        placementChanges,
        placementArea,
        socialWorker: allocate(index),
      },
      school: { enrolments },
      attendance: { marks, summaries: history.summaries },
      attainment,
      exclusions,
      sen: senPart,
      pep,
      contacts: {
        virtualSchoolCaseworker: caseworkers[index % CASEWORKER_COUNT] as Contact,
        ...(pep.meetings.length > 0 ? { pepDocument: { url: `${GENERATED_EPEP_ORIGIN}/pep/${personId}` } } : {}),
      },
      provenance: { identity: provenance, care: provenance, school: provenance, attendance: provenance, attainment: provenance, exclusions: provenance, sen: provenance, pep: provenance },
    });
  }
  return records;
}
