import type { ActionOwner } from '../model/common.ts';
import type { EducationStatus, Flag, Rating, RagArea } from '../model/status.ts';
import type { StatutoryMeasure } from '../model/record.ts';
import { EARLY_LEARNING_GOALS, GCSE_STANDARD_PASS, KS2_EXPECTED_SCALED_SCORE, PHONICS_THRESHOLD, parseAreJudgement } from '../rules/attainment.ts';
// Only the catalogue-free helpers: the message catalogues stay out of bundles that show statuses.
import { formatDate, interpolate, type Language, type MessageParams } from '../messages/format.ts';
import { FALLBACK_NEXT_STEP, NEXT_STEPS, type NextStepKey, type NextStepRole } from '../messages/next-steps.ts';
import { en as labelsEn, type LabelKey } from './labels.ts';
import { registeredWords } from './languages.ts';

/**
 * The panel's sections, described once: the extension's panel and `<edu-child-summary>` both draw this.
 *
 * The first screen answers three questions in order: how is the child doing (one tile per area: its
 * rating, the one figure that matters, one sentence), what needs doing and by whom (a concrete next step
 * for each alert, the PEP due date, outstanding PEP actions, overdue first), and whom to contact.
 * Everything else is grouped below, in words: statutory results named with their scale and standard,
 * codes as labels, early years goals only for a child in or just past Reception, the primary checks only in primary school.
 *
 * Pure: the sentences come from the status (its reasons and flags) and from the catalogues; nothing is
 * re-derived here except the order of things to do. Welsh words must be registered first (languages.ts).
 */

export type Viewer = 'social-worker' | 'designated-teacher' | 'virtual-school';

export interface Tile {
  area: RagArea;
  title: string;
  rating: Rating;
  /** The one figure that matters, in words: "87.5% this school year", "12 days overdue". */
  figure: string;
  /** One sentence: why the rating is what it is. */
  sentence: string;
}

export interface TodoItem {
  owner: ActionOwner;
  ownerLabel: string;
  /** What to do, as an instruction. */
  text: string;
  /** The alert this answers, when it answers one. */
  why?: string;
  flagKey?: string;
  severity: 'red' | 'amber' | 'due';
  due?: string;
  /** "Due 3 March 2026" or "12 days overdue". */
  when?: string;
  overdue: boolean;
  /** Owned by the person looking (the viewer). */
  yours: boolean;
}

export interface ContactLine {
  role: 'designated-teacher' | 'virtual-school' | 'school' | 'social-worker';
  roleLabel: string;
  name?: string;
  email?: string;
  phone?: string;
  /** Shown when nobody is recorded for this role. */
  missing?: string;
}

export interface DetailRow {
  label: string;
  value: string;
}

export interface DetailGroup {
  id: 'alerts' | 'attendance' | 'trends' | 'attainment' | 'pep' | 'exclusions' | 'school' | 'child';
  title: string;
  rows: DetailRow[];
  /** Sentences (results, judgements, notes), one per line. */
  lines: string[];
}

export interface PanelSections {
  language: Language;
  name: string;
  headings: { howDoing: string; todo: string; contacts: string; more: string; noTodo: string; yours: string };
  overall: { title: string; rating: Rating; sentence: string };
  tiles: Tile[];
  todo: TodoItem[];
  contacts: ContactLine[];
  groups: DetailGroup[];
  /** One line on how current the figures are: for the screen's footer and the printed summary. */
  freshness: string;
  stale: boolean;
  /** The words of the printed summary: its title, confidentiality marking, the child in one line, the print date. */
  print: { button: string; title: string; marking: string; child: string; printed: string };
  /** The link to the child's PEP, only when it is on the configured ePEP origin. */
  pepDocument?: { url: string; label: string };
}

export interface SectionOptions {
  /** Whose screen this is: their own items are marked and come first among items of equal urgency. */
  viewer?: Viewer;
  /** The language of the screen's own words; the status's language when absent. The status's sentences
   * (reasons, alerts) stay in the language it was worked out in: ask the API for the screen's language. */
  language?: Language;
  /** The council's ePEP system (e.g. "https://epep.council.example"): the PEP link is shown only when it is
   * on this origin, over https (http only for localhost). No origin, no link. */
  epepOrigin?: string;
  /** Today's date (YYYY-MM-DD) for "Printed on"; the status's date when absent. */
  today?: string;
}

const TILE_AREAS: readonly RagArea[] = ['attendance', 'pep', 'attainment', 'exclusions'];

const VIEWER_OWNS: Record<Viewer, readonly ActionOwner[]> = {
  'social-worker': ['social-worker'],
  'designated-teacher': ['school'],
  'virtual-school': ['virtual-school'],
};

/** The labels in a language (Welsh once registered: languages.ts). */
function labelsIn(language: Language): Readonly<Record<LabelKey, string>> {
  return language === 'en' ? labelsEn : registeredWords(language).labels;
}

/** The screen's words in its language; `say.language` is that language. */
export type Say = ((key: LabelKey, params?: MessageParams) => string) & { language: Language };

export function sayer(language: Language): Say {
  const table = labelsIn(language);
  return Object.assign((key: LabelKey, params: MessageParams = {}) => interpolate(table[key], params, language), { language });
}

export function oneDecimal(value: number): string {
  return value.toFixed(1);
}

function tileFor(status: EducationStatus, area: RagArea, say: Say): Tile {
  const language = say.language;
  const rating = status.rag[area];
  const sentence = status.rag.reasons[area][0]?.text ?? '';
  let figure: string;
  switch (area) {
    case 'attendance': {
      const percent = status.attendance.academicYear.attendancePercent;
      figure = percent === null ? say('figure.noAttendance') : say('figure.attendanceYear', { percent: oneDecimal(percent) });
      break;
    }
    case 'pep': {
      const { pep } = status;
      if (pep.state === 'not-required') figure = say('figure.pepNotRequired');
      else if (pep.daysOverdue > 0) figure = say('figure.pepOverdue', { days: pep.daysOverdue });
      else if (pep.nextDue) figure = say('figure.pepDue', { due: pep.nextDue });
      else figure = say('figure.pepNone');
      break;
    }
    case 'attainment': {
      const below = status.attainment.coreSubjectsBelowExpected;
      // The flag names the subjects as a list in the status's language; without it, list them here.
      const listed = status.flags.find((flag) => flag.key === 'below-expected')?.title.params['subjects'];
      const subjects = listed !== undefined ? String(listed) : below.map((subject) => subjectLabel(subject, language)).join(', ');
      if (below.length > 0) figure = say('figure.belowIn', { subjects });
      else if (rating === 'green') figure = say('figure.atExpected');
      else figure = say('figure.noResults');
      break;
    }
    case 'exclusions': {
      const { exclusions } = status;
      figure = exclusions.permanentExclusion ? say('figure.permanent') : say('figure.suspensions', { count: exclusions.suspensionsThisYear });
      break;
    }
  }
  return { area, title: say(`tile.${area}`), rating, figure, sentence };
}

/** The parameters a next step may use: the flag's own, plus the school's name and the PEP's due date. */
function stepParams(status: EducationStatus, flag: Flag, language: Language): MessageParams {
  const school = status.school?.name ?? (language === 'cy' ? "'r ysgol" : 'the school');
  return {
    ...flag.meaning.params,
    ...flag.title.params,
    school,
    ...(status.pep.nextDue ? { due: status.pep.nextDue } : {}),
  };
}

/** The next step for a flag, in a language (the status's by default), with its owner. */
export function nextStepFor(status: EducationStatus, flag: Flag, language: Language = status.language): { owner: NextStepRole; text: string } {
  const own = Object.prototype.hasOwnProperty.call(NEXT_STEPS, flag.key) ? NEXT_STEPS[flag.key] : undefined;
  const owner = (own ?? FALLBACK_NEXT_STEP).owner;
  let template: string;
  if (language === 'en') template = (own ?? FALLBACK_NEXT_STEP).en;
  else {
    const words = registeredWords(language);
    template = own ? words.nextSteps[flag.key as NextStepKey] : words.fallbackNextStep;
  }
  return { owner, text: interpolate(template, stepParams(status, flag, language), language) };
}

const SEVERITY_ORDER = { red: 0, amber: 1, due: 2 } as const;

function todoFor(status: EducationStatus, say: Say, viewer: Viewer | undefined): TodoItem[] {
  const mine = new Set<ActionOwner>(viewer ? VIEWER_OWNS[viewer] : []);
  const items: TodoItem[] = [];
  const coveredPep = status.flags.some((flag) => flag.area === 'pep' && flag.key.startsWith('pep-') && flag.severity !== 'info' && flag.key !== 'pep-child-views-missing');
  for (const flag of status.flags) {
    if (flag.severity === 'info') continue;
    const step = nextStepFor(status, flag, say.language);
    const pepDue = flag.key === 'pep-overdue' || flag.key === 'pep-initial-overdue' || flag.key === 'pep-due-soon';
    const overdue = flag.key.endsWith('-overdue') || (flag.key === 'pep-overdue' && status.pep.daysOverdue > 0);
    items.push({
      owner: step.owner,
      ownerLabel: say(`owner.${step.owner}`),
      text: step.text,
      why: flag.title.text,
      flagKey: flag.key,
      severity: flag.severity,
      ...(pepDue && status.pep.nextDue ? { due: status.pep.nextDue } : {}),
      ...(pepDue && status.pep.daysOverdue > 0
        ? { when: say('todo.overdue', { days: status.pep.daysOverdue }) }
        : pepDue && status.pep.nextDue
          ? { when: say('todo.due', { due: status.pep.nextDue }) }
          : {}),
      overdue,
      yours: mine.has(step.owner),
    });
  }
  if (!coveredPep && status.lookedAfter.lookedAfter && status.pep.state !== 'not-required' && status.pep.nextDue) {
    items.push({
      owner: 'social-worker',
      ownerLabel: say('owner.social-worker'),
      text: say('todo.pepDue', { due: status.pep.nextDue }),
      severity: 'due',
      due: status.pep.nextDue,
      overdue: false,
      yours: mine.has('social-worker'),
    });
  }
  for (const action of status.pep.outstandingActions) {
    items.push({
      owner: action.owner,
      ownerLabel: say(`owner.${action.owner}`),
      text: say('todo.action', { text: action.description }),
      severity: action.overdue ? 'amber' : 'due',
      ...(action.due ? { due: action.due } : {}),
      ...(action.overdue ? { when: say('todo.overdue', { days: action.daysOverdue }) } : action.due ? { when: say('todo.due', { due: action.due }) } : {}),
      overdue: action.overdue,
      yours: mine.has(action.owner),
    });
  }
  // The designated teacher sees what the school owes first (its part of the PEP, attendance and assessment
  // data); everyone else sees what is overdue first, their own items first within each severity.
  const schoolFirst = viewer === 'designated-teacher';
  return items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        (schoolFirst ? Number(b.item.yours) - Number(a.item.yours) : 0) ||
        Number(b.item.overdue) - Number(a.item.overdue) ||
        SEVERITY_ORDER[a.item.severity] - SEVERITY_ORDER[b.item.severity] ||
        Number(b.item.yours) - Number(a.item.yours) ||
        (a.item.due ?? '9999').localeCompare(b.item.due ?? '9999') ||
        a.index - b.index,
    )
    .map(({ item }) => item);
}

/** The PEP link, if it is on the configured ePEP origin: a record can never send a reader elsewhere. */
export function pepDocumentLink(status: EducationStatus, epepOrigin: string | undefined): string | undefined {
  const link = status.contacts?.pepDocument?.url;
  if (!link || !epepOrigin) return undefined;
  let url: URL;
  let allowed: URL;
  try {
    url = new URL(link);
    allowed = new URL(epepOrigin);
  } catch {
    return undefined;
  }
  // Plain http only on this machine (a local ePEP system, or the demo): anywhere else the link must be https.
  const local = LOOPBACK_HOSTNAME.test(allowed.hostname);
  if (allowed.protocol !== 'https:' && !(local && allowed.protocol === 'http:')) return undefined;
  return url.origin === allowed.origin && !url.username && !url.password ? url.href : undefined;
}

/** localhost, any 127.x.x.x address, or [::1]. */
const LOOPBACK_HOSTNAME = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

function contactsFor(status: EducationStatus, say: Say): ContactLine[] {
  const missing = say('contact.notRecorded');
  const line = (role: ContactLine['role'], person: { name?: string; email?: string; phone?: string } | undefined): ContactLine => ({
    role,
    roleLabel: say(`contact.${role}`),
    ...(person?.name ? { name: person.name } : {}),
    ...(person?.email ? { email: person.email } : {}),
    ...(person?.phone ? { phone: person.phone } : {}),
    ...(person?.name || person?.email || person?.phone ? {} : { missing }),
  });
  const contacts = status.contacts;
  const lines: ContactLine[] = [line('designated-teacher', contacts?.designatedTeacher ?? status.school?.designatedTeacher)];
  lines.push(line('virtual-school', contacts?.virtualSchoolCaseworker));
  if (contacts?.schoolContact) lines.push(line('school', contacts.schoolContact));
  else if (status.school) lines.push(line('school', { name: status.school.name }));
  else lines.push({ role: 'school', roleLabel: say('contact.school'), missing: say('value.noSchool') });
  lines.push(line('social-worker', status.lookedAfter.socialWorker));
  return lines;
}

/** A subject in words: core subjects and others from the labels, early learning goals by name. */
export function subjectLabel(subject: string, language: Language): string {
  const trimmed = subject.trim();
  const lower = trimmed.toLowerCase();
  const labels = labelsIn(language) as Record<string, string>;
  const own = labels[`subject.${lower}`] ?? labels[`subject.${trimmed.toUpperCase()}`];
  if (own) return own;
  const goal = EARLY_LEARNING_GOALS[trimmed.toUpperCase()];
  if (goal) return goal.label;
  return trimmed;
}

/** The standard a statutory result is measured against, in words ("the standard is 32"). */
function standardPhrase(measure: StatutoryMeasure, result: string, meets: boolean | null, say: Say): string | null {
  switch (measure) {
    case 'PHONICS':
      return /^\d+$/.test(result.trim()) ? say('standard.phonics', { mark: PHONICS_THRESHOLD }) : meets === null ? null : say(meets ? 'standard.meets' : 'standard.below');
    case 'KS2':
      if (/^\d+$/.test(result.trim())) return say('standard.ks2Score', { score: KS2_EXPECTED_SCALED_SCORE });
      break;
    case 'GCSE':
      return say('standard.gcse', { grade: GCSE_STANDARD_PASS });
    case 'MTC':
      return say('standard.mtc');
    default:
      break;
  }
  return meets === null ? null : say(meets ? 'standard.meets' : 'standard.below');
}

/**
 * The last year group for which a statutory measure's results are still shown: early years goals for a
 * child in Reception or Year 1 (just past it); the Year 1 phonics check, the key stage 1 assessments and
 * the Year 4 multiplication tables check through primary school (Year 6). From Year 7 the key stage 2
 * results are the prior attainment secondary progress is measured from [S: DfE secondary accountability],
 * so the earlier checks are left out. Key stage 2 and GCSE results are always shown.
 */
const SHOWN_UP_TO_YEAR: Readonly<Partial<Record<StatutoryMeasure, number>>> = { EYFS: 1, PHONICS: 6, KS1: 6, MTC: 6 };

/** Whether a measure's results still matter for this child (any measure, when the year group is not known). */
function showsMeasure(status: EducationStatus, measure: StatutoryMeasure): boolean {
  const lastYear = SHOWN_UP_TO_YEAR[measure];
  return lastYear === undefined || status.child.yearGroup === null || status.child.yearGroup <= lastYear;
}

/** A statutory result as a sentence: "Year 1 phonics check: 26 out of 40 (the standard is 32)". */
export function statutoryResultLine(result: EducationStatus['attainment']['statutory'][number], language: Language): string {
  const say = sayer(language);
  const subjectIsMeasure = result.subject.trim().toLowerCase() === result.measure.toLowerCase();
  const subject = subjectIsMeasure ? '' : ` – ${subjectLabel(result.subject, language)}`;
  const standard = standardPhrase(result.measure, result.result, result.meetsExpected, say);
  const params = { measure: say(`measure.${result.measure}`), subject, result: result.resultLabel };
  return standard === null ? say('result.lineNoStandard', params) : say('result.line', { ...params, standard });
}

export function judgementWords(value: string | undefined, say: Say): string | undefined {
  if (value === undefined) return undefined;
  const judgement = parseAreJudgement(value);
  return judgement ? say(`judgement.${judgement}`) : value;
}

type StatutoryResultView = EducationStatus['attainment']['statutory'][number];

/** Up to this many early learning goals are listed one a line; more are summed up in two lines. */
const EARLY_GOALS_LISTED_UP_TO = 3;

const isEarlyLearningGoal = (result: StatutoryResultView): boolean =>
  result.measure === 'EYFS' && EARLY_LEARNING_GOALS[result.subject.trim().toUpperCase()] !== undefined;

/** The early years goals in two lines: how many were at the expected level, and which were not yet. */
function earlyGoalsSummary(goals: readonly StatutoryResultView[], say: Say): string[] {
  const met = goals.filter((goal) => goal.meetsExpected === true).length;
  const latest = goals.reduce((date, goal) => (goal.date > date ? goal.date : date), goals[0]!.date);
  const emerging = goals.filter((goal) => goal.meetsExpected === false).map((goal) => subjectLabel(goal.subject, say.language));
  const lines = [say('result.eyfsSummary', { date: latest, met, total: goals.length })];
  if (emerging.length > 0) lines.push(say('result.eyfsEmerging', { goals: emerging.join('; ') }));
  return lines;
}

function attainmentGroup(status: EducationStatus, say: Say): DetailGroup {
  const language = say.language;
  const lines: string[] = [];
  const shown = status.attainment.statutory.filter((result) => showsMeasure(status, result.measure));
  const goals = shown.filter(isEarlyLearningGoal);
  const summariseGoals = goals.length > EARLY_GOALS_LISTED_UP_TO;
  if (summariseGoals) lines.push(...earlyGoalsSummary(goals, say));
  for (const result of shown) {
    if (summariseGoals && isEarlyLearningGoal(result)) continue;
    lines.push(statutoryResultLine(result, language));
  }
  for (const judgement of status.attainment.inYear) {
    const words =
      judgementWords(judgement.judgement, say) ?? (judgement.predictedGrade ? say('result.predicted', { grade: judgement.predictedGrade }) : say('result.noJudgement'));
    const subject = subjectLabel(judgement.subject, language);
    const target = judgementWords(judgement.target, say);
    lines.push(target ? say('result.inYearTarget', { subject, judgement: words, target }) : say('result.inYear', { subject, judgement: words }));
  }
  if (lines.length === 0) lines.push(say('result.none'));
  return { id: 'attainment', title: say('group.attainment'), rows: [], lines: [...lines, ...status.rag.reasons.attainment.map((r) => r.text)] };
}

export function percentValue(value: number | null, say: Say): string {
  return value === null ? say('value.noFigure') : say('value.percent', { value: oneDecimal(value) });
}

function attendanceGroup(status: EducationStatus, say: Say): DetailGroup {
  const { academicYear, term, lastFourWeeks, trend } = status.attendance;
  const yesNo = (value: boolean) => say(value ? 'value.yes' : 'value.no');
  const rows: DetailRow[] = [
    { label: term.termName ? say('row.term', { term: term.termName }) : say('row.year'), value: percentValue(term.attendancePercent, say) },
    { label: say('row.year'), value: percentValue(academicYear.attendancePercent, say) },
    { label: say('row.fourWeeks'), value: percentValue(lastFourWeeks.attendancePercent, say) },
    { label: say('row.persistent'), value: yesNo(academicYear.persistentAbsence) },
    { label: say('row.severe'), value: yesNo(academicYear.severeAbsence) },
    { label: say('row.trend'), value: say(`trend.${trend}`) },
  ];
  for (const reason of academicYear.absenceReasons.slice(0, 3)) {
    rows.push({ label: say('row.reason', { label: reason.label }), value: say('row.sessions', { count: reason.sessions }) });
  }
  return { id: 'attendance', title: say('group.attendance'), rows, lines: status.rag.reasons.attendance.map((r) => r.text) };
}

function money(pounds: number | undefined, say: Say): string {
  return pounds === undefined ? say('value.notRecorded') : `£${pounds.toLocaleString('en-GB')}`;
}

function pepGroup(status: EducationStatus, say: Say): DetailGroup {
  const { pep } = status;
  const rows: DetailRow[] = [
    {
      label: say('row.lastMeeting'),
      value: pep.lastMeeting ? say('value.meeting', { date: pep.lastMeeting.date, status: say(`meeting.${pep.lastMeeting.status}`) }) : say('value.none'),
    },
    { label: say('row.nextDue'), value: pep.nextDue ? formatDate(pep.nextDue, say.language) : say('value.none') },
    { label: say('row.quality'), value: pep.qualityRating ?? say('value.notRecorded') },
  ];
  if (pep.lastMeeting && pep.lastMeeting.childViewsRecorded !== undefined) {
    rows.push({ label: say('row.childViews'), value: say(pep.lastMeeting.childViewsRecorded ? 'value.yes' : 'value.no') });
  }
  rows.push({ label: say('row.ppPlus'), value: say('row.ppPlusValue', { requested: money(pep.ppPlus.requested, say), approved: money(pep.ppPlus.approved, say) }) });
  return { id: 'pep', title: say('group.pep'), rows, lines: pep.state === 'not-required' ? [] : status.rag.reasons.pep.map((r) => r.text) };
}

function exclusionsGroup(status: EducationStatus, say: Say): DetailGroup {
  const { exclusions } = status;
  const rows: DetailRow[] = [
    { label: say('row.suspensions'), value: String(exclusions.suspensionsThisYear) },
    { label: say('row.sessionsLost'), value: String(exclusions.sessionsLostThisYear) },
  ];
  if (exclusions.latest) {
    const latest = say(exclusions.latest.type === 'permanent' ? 'value.permanent' : 'value.suspension', { date: exclusions.latest.start });
    rows.push({ label: say('row.latestExclusion'), value: exclusions.latest.reasonLabel ? `${latest}: ${exclusions.latest.reasonLabel}` : latest });
  }
  return { id: 'exclusions', title: say('group.exclusions'), rows, lines: status.rag.reasons.exclusions.map((r) => r.text) };
}

function schoolGroup(status: EducationStatus, say: Say): DetailGroup {
  const { school, lookedAfter, sen } = status;
  const rows: DetailRow[] = [
    { label: say('row.school'), value: school ? school.name : say('value.noSchool') },
    {
      label: say('row.inCareSince'),
      value: lookedAfter.lookedAfter && lookedAfter.currentPeriodStart ? formatDate(lookedAfter.currentPeriodStart, say.language) : say('value.notLookedAfter'),
    },
    { label: say('row.placement'), value: say(`area.${lookedAfter.placementArea}`) },
  ];
  if (lookedAfter.legalStatusLabel) rows.push({ label: say('row.legalStatus'), value: lookedAfter.legalStatusLabel });
  rows.push({ label: say('row.placementChanges'), value: String(lookedAfter.placementChangesLast12Months) });
  rows.push({ label: say('row.sen'), value: sen.primaryNeedLabel ? `${sen.provisionLabel}: ${sen.primaryNeedLabel}` : sen.provisionLabel });
  return { id: 'school', title: say('group.school'), rows, lines: [] };
}

/** Every alert with what it means, most severe first (the first screen shows only its title and next step). */
function alertsGroup(status: EducationStatus, say: Say): DetailGroup {
  const order = { red: 0, amber: 1, info: 2 } as const;
  const flags = [...status.flags].sort((a, b) => order[a.severity] - order[b.severity]);
  return { id: 'alerts', title: say('group.alerts'), rows: [], lines: flags.map((flag) => `${flag.title.text}: ${flag.meaning.text}`) };
}

function childGroup(status: EducationStatus, say: Say): DetailGroup {
  const { child } = status;
  const rows: DetailRow[] = [
    { label: say('row.dateOfBirth'), value: formatDate(child.dateOfBirth, say.language) },
    { label: say('row.age'), value: String(child.age) },
    { label: say('row.yearGroup'), value: child.yearGroupLabel },
  ];
  if (child.upn) rows.push({ label: say('row.upn'), value: child.upn });
  return { id: 'child', title: say('group.child'), rows, lines: [] };
}

function freshnessLine(status: EducationStatus, say: Say): string {
  const parts = [say('fresh.asOf', { date: status.asOf })];
  if (status.freshness.oldest) parts.push(say('fresh.oldest', { date: status.freshness.oldest }));
  if (status.freshness.stale) parts.push(say('fresh.stale'));
  return parts.join(' ');
}

/** The panel's sections for one child's status, in the status's language (or the one asked for). */
export function describeSections(status: EducationStatus, options: SectionOptions = {}): PanelSections {
  const language = options.language ?? status.language;
  const say = sayer(language);
  const pepLink = pepDocumentLink(status, options.epepOrigin);
  const name = status.child.displayName;
  return {
    language,
    name,
    headings: {
      howDoing: say('section.howDoing', { name }),
      todo: say('section.todo'),
      contacts: say('section.contacts'),
      more: say('section.more'),
      noTodo: say('section.noTodo'),
      yours: say('todo.yours'),
    },
    overall: { title: say('tile.overall'), rating: status.rag.overall, sentence: status.rag.reasons.overall.map((reason) => reason.text).join(' ') },
    tiles: TILE_AREAS.map((area) => tileFor(status, area, say)),
    todo: todoFor(status, say, options.viewer),
    contacts: contactsFor(status, say),
    groups: [
      alertsGroup(status, say),
      attendanceGroup(status, say),
      // The trend is drawn from describeTrends (trends.ts), loaded when the group is opened.
      ...(status.trends ? [{ id: 'trends' as const, title: say('group.trends'), rows: [], lines: [] }] : []),
      attainmentGroup(status, say),
      pepGroup(status, say),
      exclusionsGroup(status, say),
      schoolGroup(status, say),
      childGroup(status, say),
    ],
    freshness: freshnessLine(status, say),
    stale: status.freshness.stale,
    print: {
      button: say('print.button'),
      title: say('print.title', { name }),
      marking: say('print.marking'),
      child: [say('print.child', { dob: status.child.dateOfBirth, yearGroup: status.child.yearGroupLabel }), status.school?.name].filter(Boolean).join(', '),
      printed: say('print.printed', { date: options.today ?? status.asOf }),
    },
    ...(pepLink ? { pepDocument: { url: pepLink, label: say('contact.pepDocument') } } : {}),
  };
}
