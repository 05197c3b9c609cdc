import type { z } from 'zod';
import type { ChildEducationRecord, TermlyJudgement } from '../model/record.ts';
import type { EducationStatus, Explained, Flag, InYearJudgement, Rating, StatutoryResult } from '../model/status.ts';
import { composeKey, formatMessage, joinList, message, type Language } from '../messages/index.ts';
import type { Policy } from '../policy.ts';
import { coreSubjectOf, coreSubjectsFor, gcseGradeValue, judgeInYear, judgeStatutoryResultCached, type CoreSubject } from '../rules/attainment.ts';
import type { ChildFacts } from './child.ts';
import { flag, type AreaResult, type Rated } from './common.ts';

/**
 * Attainment: the latest statutory results and in-year judgements, the core subjects below the expected
 * standard, the prior attainment secondary schools measure progress from, and the rating.
 *
 * Each core subject (reading, writing and maths to KS2; English and maths from KS3) is judged on its most
 * recent evidence from the last `evidenceWithinDays` days: an in-year judgement if there is one, else a
 * statutory result. Where several results share that date (English language and literature; two early
 * learning goals), English counts if any meets the standard, other subjects only if all do.
 *
 * Prior attainment (DfE: KS2 results are the baseline for progress at KS3 and KS4): from Year 7, KS2
 * reading and writing stand for English when nothing more recent does, and English meets the standard only
 * when both do (the DfE's "reading, writing and maths" measure counts each); KS2 maths stands for maths.
 *
 * The GCSE grade that meets the expected standard is the policy's `attainment.gcseExpectedGrade`
 * (default 4, the "standard pass"; some councils use 5, the "strong pass").
 */

export interface CoreFacts {
  subjects: readonly CoreSubject[];
  below: readonly CoreSubject[];
  atOrAbove: readonly CoreSubject[];
  /** Core subjects judged on prior attainment (KS2 results) because nothing more recent exists. */
  fromPrior?: readonly CoreSubject[];
}

const normalisedSubjects = new Map<string, string>();
/** A subject name compared without case or surrounding spaces ("Reading " and "reading" are one subject). */
function normaliseSubject(subject: string): string {
  let normalised = normalisedSubjects.get(subject);
  if (normalised === undefined) {
    normalised = subject.trim().toLowerCase();
    if (normalisedSubjects.size > 10_000) normalisedSubjects.clear();
    normalisedSubjects.set(subject, normalised);
  }
  return normalised;
}

/** The latest item on or before asOf for each group (by `group`, then subject), latest first. Records hold
 * a few dozen results at most, so a linear search beats building maps for every child. */
function latestBy<T extends { date: string; subject: string }>(items: readonly T[], asOf: string, group: (item: T) => string): T[] {
  const found: T[] = [];
  const keys: string[] = [];
  const subjects: string[] = [];
  for (const item of items) {
    if (item.date > asOf) continue;
    const g = group(item);
    const subject = normaliseSubject(item.subject);
    let index = 0;
    while (index < found.length && (keys[index] !== g || subjects[index] !== subject)) index += 1;
    if (index === found.length) {
      found.push(item);
      keys.push(g);
      subjects.push(subject);
    } else if (item.date >= found[index]!.date) found[index] = item;
  }
  return found.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

/** The verdicts of the latest evidence per core subject. */
class Evidence {
  private readonly latest = new Map<CoreSubject, { date: string; verdicts: boolean[] }>();
  constructor(private readonly englishIfAny = true) {}
  add(subject: CoreSubject | null, date: string, verdict: boolean | null): void {
    if (subject === null || verdict === null) return;
    const current = this.latest.get(subject);
    if (!current || date > current.date) this.latest.set(subject, { date, verdicts: [verdict] });
    else if (date === current.date) current.verdicts.push(verdict);
  }
  verdict(subject: CoreSubject): boolean | null {
    const evidence = this.latest.get(subject);
    if (!evidence) return null;
    return subject === 'english' && this.englishIfAny ? evidence.verdicts.some(Boolean) : evidence.verdicts.every(Boolean);
  }
}

/** Whether a GCSE grade (or predicted grade) meets the policy's expected grade; null when it is not a grade. */
export function gcseMeetsExpected(grade: string, policy: Policy): boolean | null {
  const value = gcseGradeValue(grade);
  return value === null ? null : value >= policy.attainment.gcseExpectedGrade;
}

/** Attainment: amber when `amberAtSubjectsBelow` or more core subjects are below expected, red only when a
 * council sets `redAtSubjectsBelow` and that many are (by default never: progress is tracked in the PEP),
 * green when none are; none without recent evidence or below school age. */
export function rateAttainment(core: CoreFacts, policy: Policy, language: Language = 'en', evidenceExpected = false): Rated {
  if (core.subjects.length === 0) return { rating: 'none', reasons: [message('rag.attainment.not-school-age', {}, language)] };
  const missing = core.subjects.filter((s) => !core.below.includes(s) && !core.atOrAbove.includes(s));
  if (missing.length === core.subjects.length) {
    const reasons = [message('rag.attainment.none', { subjects: subjectList(core.subjects, language) }, language)];
    return evidenceExpected ? { rating: 'none', reasons, missing: true } : { rating: 'none', reasons };
  }
  const red = policy.attainment.redAtSubjectsBelow;
  const n = core.below.length;
  const severity = belowExpectedSeverity(n, policy);
  const rating: Rating = severity === 'info' ? 'green' : severity;
  const reasons: Explained[] = [];
  if (n > 0) {
    const subjects = subjectList(core.below, language);
    reasons.push(red === null ? message('rag.attainment.below-tracked', { subjects }, language) : message('rag.attainment.below', { subjects, red }, language));
  }
  if (core.atOrAbove.length > 0) reasons.push(message('rag.attainment.green', { subjects: subjectList(core.atOrAbove, language) }, language));
  if (core.fromPrior && core.fromPrior.length > 0) reasons.push(message('rag.attainment.prior', { subjects: subjectList(core.fromPrior, language) }, language));
  if (missing.length > 0) reasons.push(message('rag.attainment.missing', { subjects: subjectList(missing, language) }, language));
  return { rating, reasons };
}

/**
 * How serious `n` core subjects below expected are under the policy: the rating's rule and the
 * "Below expected" flag's severity both come from here, so the two never disagree.
 */
export function belowExpectedSeverity(n: number, policy: Policy): 'red' | 'amber' | 'info' {
  const { redAtSubjectsBelow: red, amberAtSubjectsBelow: amber } = policy.attainment;
  if (red !== null && n >= red) return 'red';
  return n >= amber ? 'amber' : 'info';
}

function subjectList(subjects: readonly CoreSubject[], language: Language): string {
  return joinList(
    subjects.map((s) => formatMessage(composeKey('subject.', s), {}, language)),
    language,
  );
}

export function deriveAttainment(
  record: ChildEducationRecord,
  asOf: string,
  since: string,
  facts: ChildFacts,
  assessmentYearLabel: string | null,
  policy: Policy,
  language: Language,
): AreaResult<EducationStatus['attainment']> & { core: CoreFacts; judgements: ReadonlyMap<TermlyJudgement, { atOrAboveExpected: boolean | null }> } {
  const { stage } = facts;
  const assessments = record.attainment.assessments;
  const termly = record.attainment.termly;
  const gcseDefault = policy.attainment.gcseExpectedGrade === 4;
  const meetsOf = (measure: string, subject: string, result: string): boolean | null =>
    measure === 'GCSE' && !gcseDefault ? gcseMeetsExpected(result, policy) : judgeStatutoryResultCached(measure as never, subject, result).meetsExpected;

  const statutory: z.infer<typeof StatutoryResult>[] = [];
  for (const a of latestBy(assessments, asOf, (item) => item.measure)) {
    const judged = judgeStatutoryResultCached(a.measure, a.subject, a.result);
    const result: z.infer<typeof StatutoryResult> = {
      measure: a.measure,
      subject: a.subject,
      date: a.date,
      result: a.result,
      resultLabel: judged.resultLabel,
      expectedStandard: a.measure === 'GCSE' && !gcseDefault ? formatMessage('attainment.gcse-expected', { grade: policy.attainment.gcseExpectedGrade }, language) : judged.expectedStandard,
      meetsExpected: meetsOf(a.measure, a.subject, a.result),
    };
    if (a.target !== undefined) result.target = a.target;
    statutory.push(result);
  }

  const judgements = new Map<TermlyJudgement, ReturnType<typeof judgeInYear>>();
  const inYearEvidence = new Evidence();
  for (const t of termly) {
    const judged = judgeInYear(t);
    if (!gcseDefault && t.judgement === undefined && t.predictedGrade !== undefined) judged.atOrAboveExpected = gcseMeetsExpected(t.predictedGrade, policy);
    judgements.set(t, judged);
    if (t.date >= since && t.date <= asOf) inYearEvidence.add(coreSubjectOf(t.subject), t.date, judged.atOrAboveExpected);
  }
  const subjects = coreSubjectsFor(stage);
  const secondary = subjects.includes('english');
  const statutoryEvidence = new Evidence();
  const priorEvidence = new Evidence(false);
  for (const a of assessments) {
    if (a.date < since || a.date > asOf) continue;
    const core = coreSubjectOf(a.subject);
    if (core === null) continue;
    const meets = meetsOf(a.measure, a.subject, a.result);
    if (secondary && (core === 'reading' || core === 'writing')) {
      if (a.measure === 'KS2') priorEvidence.add('english', a.date, meets);
    } else statutoryEvidence.add(core, a.date, meets);
  }

  const inYear: z.infer<typeof InYearJudgement>[] = [];
  const belowTarget: string[] = [];
  // Only judgements in the evidence window: an old judgement (a subject no longer taught, a primary
  // school's "reading" for a secondary pupil) is neither shown as current nor flagged against its target.
  for (const t of latestBy(termly.filter((t) => t.date >= since), asOf, () => '')) {
    const judged = judgements.get(t) ?? judgeInYear(t);
    const judgement: z.infer<typeof InYearJudgement> = {
      subject: t.subject,
      date: t.date,
      atOrAboveExpected: judged.atOrAboveExpected,
      versusTarget: judged.versusTarget,
    };
    if (t.judgement !== undefined) judgement.judgement = t.judgement;
    if (t.predictedGrade !== undefined) judgement.predictedGrade = t.predictedGrade;
    if (t.target !== undefined) judgement.target = t.target;
    inYear.push(judgement);
    if (judged.versusTarget === 'below') belowTarget.push(t.subject);
  }

  const below: CoreSubject[] = [];
  const atOrAbove: CoreSubject[] = [];
  const fromPrior: CoreSubject[] = [];
  for (const subject of subjects) {
    let verdict = inYearEvidence.verdict(subject) ?? statutoryEvidence.verdict(subject);
    if (verdict === null && secondary) {
      verdict = priorEvidence.verdict(subject);
      if (verdict !== null) fromPrior.push(subject);
    } else if (verdict !== null && secondary && inYearEvidence.verdict(subject) === null && statutoryFromKs2(assessments, subject, since, asOf)) {
      fromPrior.push(subject);
    }
    if (verdict === true) atOrAbove.push(subject);
    else if (verdict === false) below.push(subject);
  }

  const section: EducationStatus['attainment'] = { statutory, inYear, coreSubjectsBelowExpected: below };
  if (secondary) {
    const prior = statutory.filter((r) => r.measure === 'KS2');
    if (prior.length > 0) section.priorAttainment = prior;
  }

  const flags: Flag[] = [];
  if (below.length > 0) {
    flags.push(flag('below-expected', 'attainment', belowExpectedSeverity(below.length, policy), { subjects: subjectList(below, language) }, language));
  }
  if (belowTarget.length > 0) {
    // Core subjects in the reader's language; other subjects as the school recorded them.
    const names = belowTarget.map((subject) => {
      const core = coreSubjectOf(subject);
      return core ? formatMessage(composeKey('subject.', core), {}, language) : subject;
    });
    flags.push(flag('below-target', 'attainment', 'amber', { subjects: joinList(names, language) }, language));
  }
  if (assessmentYearLabel !== null) flags.push(flag('assessment-year', 'attainment', 'info', { yearGroup: assessmentYearLabel }, language));

  const core: CoreFacts = { subjects, below, atOrAbove, ...(fromPrior.length > 0 ? { fromPrior } : {}) };
  // Evidence is expected from the end of Reception (the EYFS profile) to Year 11.
  const evidenceExpected = facts.yearGroup >= 1 && facts.yearGroup <= 11;
  return { section, flags, core, rated: rateAttainment(core, policy, language, evidenceExpected), judgements };
}

/** Whether the latest statutory evidence for a core subject in the window is a KS2 result. */
function statutoryFromKs2(assessments: ChildEducationRecord['attainment']['assessments'], subject: CoreSubject, since: string, asOf: string): boolean {
  let latest: { date: string; measure: string } | undefined;
  for (const a of assessments) {
    if (a.date < since || a.date > asOf || coreSubjectOf(a.subject) !== subject) continue;
    if (!latest || a.date > latest.date) latest = a;
  }
  return latest?.measure === 'KS2';
}
