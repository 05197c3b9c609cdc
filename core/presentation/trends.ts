import type { EducationStatus } from '../model/status.ts';
import type { Language } from '../messages/index.ts';
import { formatDate } from '../messages/index.ts';
import { judgeStatutoryResultCached, parseAreJudgement } from '../rules/attainment.ts';
import { judgementWords, oneDecimal, percentValue, sayer, subjectLabel, type Say } from './sections.ts';

/**
 * The trend over the current and previous two school years, in words for a chart and its table: attendance
 * by term (with the persistent-absence line the status carries) and attainment against expected over time.
 * The extension's panel and `<edu-child-summary>` draw it inside the "Trends over three school years" group
 * that core/presentation/sections.ts lists; a screen may load this module only when that group is opened.
 * Pure: every figure and verdict comes from the status's `trends` section.
 */

/** One term of the attendance trend, in words and as a figure for a chart. */
export interface TermTrendRow {
  /** "Autumn 2024/25" */
  label: string;
  /** "Aut", for a chart's axis; `academicYear` goes under each year's terms. */
  short: string;
  academicYear: string;
  /** The bar's height; null draws no bar (no data: never shown as full attendance). */
  percent: number | null;
  /** "93.5%", "No data", or "Too few sessions to judge" beside the percentage. */
  value: string;
  /** "131 of 140", or "" with nothing recorded. */
  sessions: string;
  /** What else to know: persistent absence, term under way, figures from the school, nothing recorded. */
  note: string;
  persistent: boolean;
  noData: boolean;
  tooFew: boolean;
}

export interface AttainmentTrendPoint {
  date: string;
  /** "Teacher judgement: Working towards expected", "Key stage 2 (end of Year 6): 104". */
  result: string;
  /** "At or above expected", "Below expected", "No expected standard". */
  verdict: string;
  meets: boolean | null;
}

/** The trends over the current and previous two school years: a chart and its table, per area. */
export interface TrendsView {
  title: string;
  attendance: {
    title: string;
    /** The chart's accessible name: what it shows, the lowest and highest terms, terms with no data. */
    chartLabel: string;
    columns: { term: string; attendance: string; sessions: string; note: string };
    terms: TermTrendRow[];
    /** The persistent-absence line a chart draws, from the status. */
    line: { percent: number; label: string };
    showTable: string;
  };
  attainment: {
    title: string;
    columns: { date: string; result: string; verdict: string };
    subjects: { subject: string; points: AttainmentTrendPoint[] }[];
    none: string;
  };
}

function termRow(term: NonNullable<EducationStatus['trends']>['attendance'][number], line: number, say: Say): TermTrendRow {
  const label = say(`trend.term.${term.term}`, { year: term.academicYear });
  const noData = term.basis === 'none' || term.attendancePercent === null;
  const tooFew = !noData && term.smallDenominator;
  const notes: string[] = [];
  if (noData) notes.push(say('trend.noDataNote'));
  if (term.persistentAbsence) notes.push(say('trend.persistent', { line }));
  if (term.inProgress) notes.push(say('trend.underWay'));
  if (term.basis === 'summary' || term.basis === 'mixed') notes.push(say('trend.fromFigures'));
  const percent = noData ? null : term.attendancePercent;
  const value = noData ? say('trend.noData') : tooFew ? `${percentValue(percent, say)} (${say('trend.tooFew').toLowerCase()})` : percentValue(percent, say);
  return {
    label,
    short: say(`trend.short.${term.term}`),
    academicYear: term.academicYear,
    percent,
    value,
    sessions: noData ? '' : say('trend.sessions', { attended: term.attendedSessions, possible: term.possibleSessions }),
    note: notes.join('; '),
    persistent: term.persistentAbsence,
    noData,
    tooFew,
  };
}

function attainmentPoint(point: NonNullable<EducationStatus['trends']>['attainment'][number]['points'][number], say: Say): AttainmentTrendPoint {
  let result: string;
  if (point.source === 'teacher') {
    const words = judgementWords(point.result, say) ?? point.result;
    result = say('trend.teacher', { result: parseAreJudgement(point.result) ? words : say('result.predicted', { grade: point.result }) });
  } else {
    const measure = point.measure ? say(`measure.${point.measure}`) : '';
    const subjectIsMeasure = point.subject.trim().toLowerCase() === (point.measure ?? '').toLowerCase();
    const subject = subjectIsMeasure ? '' : ` – ${subjectLabel(point.subject, say.language)}`;
    result = `${measure}${subject}: ${point.measure ? judgeStatutoryResultCached(point.measure, point.subject, point.result).resultLabel : point.result}`;
  }
  const verdict = point.atOrAboveExpected === null ? say('trend.noStandard') : say(point.atOrAboveExpected ? 'trend.atOrAbove' : 'trend.below');
  return { date: formatDate(point.date, say.language), result, verdict, meets: point.atOrAboveExpected };
}

/** "maths" → "Maths": a subject as a table's caption. */
function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** The trends in words, for a chart and its table, in a language (the status's by default); undefined for
 * a status worked out before trends existed. */
export function describeTrends(status: EducationStatus, language: Language = status.language): TrendsView | undefined {
  return trendsView(status, sayer(language));
}

function trendsView(status: EducationStatus, say: Say): TrendsView | undefined {
  const trends = status.trends;
  if (!trends) return undefined;
  const line = trends.persistentAbsenceBelowPercent;
  const terms = trends.attendance.map((term) => termRow(term, line, say));
  const shown = terms.filter((term) => term.percent !== null).map((term) => term.percent!);
  const parts: string[] = [];
  if (terms.length > 0) parts.push(say('trend.chartName', { first: terms[0]!.label, last: terms.at(-1)!.label }));
  if (shown.length > 0) parts.push(say('trend.range', { min: oneDecimal(Math.min(...shown)), max: oneDecimal(Math.max(...shown)) }));
  const missing = terms.filter((term) => term.noData).length;
  if (missing > 0) parts.push(say('trend.noDataCount', { count: missing }));
  return {
    title: say('group.trends'),
    attendance: {
      title: say('trend.attendanceTitle'),
      chartLabel: parts.join('; '),
      columns: { term: say('trend.col.term'), attendance: say('trend.col.attendance'), sessions: say('trend.col.sessions'), note: say('trend.col.note') },
      terms,
      line: { percent: line, label: say('trend.line', { line }) },
      showTable: say('trend.showTable'),
    },
    attainment: {
      title: say('trend.attainmentTitle'),
      columns: { date: say('trend.col.date'), result: say('trend.col.result'), verdict: say('trend.col.verdict') },
      subjects: trends.attainment.map((subject) => ({ subject: capitalised(subjectLabel(subject.subject, say.language)), points: subject.points.map((point) => attainmentPoint(point, say)) })),
      none: say('trend.noAttainment'),
    },
  };
}

