/**
 * Joining what was read into child education records: children.csv rows and SSDA903 headers by child_id
 * (903 CHILD), then attendance, assessments and exclusions by UPN, PEPs by child_id, care periods from
 * 903 episodes. Reports data that belongs to no child.
 */
import {
  RECORD_SCHEMA_VERSION,
  type ChildEducationRecord,
  type Contact,
  type PlacementArea,
  type Provenance,
  type RecordPart,
} from '../model/index.ts';
import { DataSet, type KeyUse, type Ssda903Episode, type Where } from './dataset.ts';
import type { Problem } from './problem.ts';
import { normaliseUpn } from '../rules/identifiers.ts';
import { compactAttendance, layOutMarks, type MarkColumns } from '../rules/mark-columns.ts';
import { show } from './fields.ts';
import { REC_CARE_CONTINUES, RNE_PLACEMENT_CHANGED, RNE_STARTED_CARE } from './ssda903-codes.ts';

type Care = ChildEducationRecord['care'];
type CarePeriod = Care['periods'][number];

export interface BuildOptions {
  /** The council's own LA number: a child whose la_code differs was placed here by another council. */
  laCode?: string;
}

/** Where problems found while joining go: a data set, or a list kept until the records are finished. */
type Reporter = Pick<DataSet, 'report'>;

/** The order of a record's provenance: the order its parts are met in while joining. */
const PROVENANCE_ORDER: readonly RecordPart[] = ['identity', 'care', 'attendance', 'attainment', 'exclusions', 'pep', 'school', 'sen'];

/** The files each part of one record came from. */
type Sources = Map<RecordPart, Set<string>>;

/** Notes `file` (if any) as a source of `part`. */
function addSource(sources: Sources, part: RecordPart, file: string | undefined): void {
  if (file === undefined) return;
  const set = sources.get(part);
  if (set) set.add(file);
  else sources.set(part, new Set([file]));
}

/** Where an episode is, for a message about another row: `line N` in the same file, else `file:N`. */
const rowOf = (episode: Where, from: Where) => (episode.file === from.file ? `line ${episode.line}` : `${episode.file}:${episode.line}`);

/**
 * A child's episodes in date order with overlaps removed (SSDA903: each episode ends on the day the next
 * begins): an episode without an end, or ending after the next one starts, is taken to end when the
 * next starts, with a warning on that episode's own row naming the next one's. A period the overlap
 * would have ended (a REC other than X1) goes on when the next episode is not RNE S.
 */
function normaliseEpisodes(episodes: readonly Ssda903Episode[], data: Reporter): Ssda903Episode[] {
  const all = episodes.map((e) => ({ ...e })).sort((a, b) => a.start.localeCompare(b.start) || a.file.localeCompare(b.file) || a.line - b.line);
  // The same episode in two files (a return given as CSV and as XML): counted once, the first used.
  const sorted: Ssda903Episode[] = [];
  for (const episode of all) {
    const first = sorted[sorted.length - 1];
    if (first !== undefined && first.start === episode.start) {
      data.report({ file: episode.file, line: episode.line, column: 'DECOM', path: episode.path, severity: 'warning', code: 'duplicate-row', message: `CHILD ${show(episode.child)}: an episode starting ${episode.start} is also at ${rowOf(first, episode)}; that one is used` });
      continue;
    }
    sorted.push(episode);
  }
  for (let i = 0; i + 1 < sorted.length; i++) {
    const episode = sorted[i] as Ssda903Episode;
    const next = sorted[i + 1] as Ssda903Episode;
    if (episode.end !== undefined && episode.end <= next.start) continue;
    const where = { file: episode.file, line: episode.line, path: episode.path };
    const span = `${episode.start} to ${episode.end ?? 'no end date'}`;
    data.report({ ...where, column: 'DEC', severity: 'warning', code: 'care-period', message: `CHILD ${show(episode.child)}: this episode (${span}) overlaps the next one, which starts ${next.start} (${rowOf(next, episode)}); it is taken to end ${next.start}` });
    episode.end = next.start;
    if (next.rne !== RNE_STARTED_CARE) episode.reasonEnded = REC_CARE_CONTINUES;
    else if (episode.reasonEnded === undefined || episode.reasonEnded === REC_CARE_CONTINUES) episode.reasonEnded = undefined;
  }
  return sorted;
}

/** Periods of care from a child's 903 episodes (DOMAIN.md §5): a period starts at an episode with RNE S
 * and ends at an episode with an end date and a REC other than X1. Every episode whose RNE records a
 * placement change (P, T, U, B) counts as one, the first of a return included: the child was in care and
 * changed placement on that day, even if the episode before it is in an earlier return. */
export function carePeriodsFromEpisodes(episodes: readonly Ssda903Episode[], data: Reporter): { periods: CarePeriod[]; placementChanges: Care['placementChanges'] } {
  const sorted = normaliseEpisodes(episodes, data);
  const periods: CarePeriod[] = [];
  const placementChanges: Care['placementChanges'] = [];
  let current: CarePeriod | undefined;
  let previous: Ssda903Episode | undefined;
  for (const episode of sorted) {
    if (!current || episode.rne === RNE_STARTED_CARE) {
      if (current && previous && episode.rne === RNE_STARTED_CARE && current.end === undefined && previous.reasonEnded === REC_CARE_CONTINUES) {
        data.report({ file: previous.file, line: previous.line, column: 'REC', path: previous.path, severity: 'warning', code: 'care-period', message: `CHILD ${show(previous.child)}: REC ${show(previous.reasonEnded ?? '')} says the period of care goes on after this episode, but the next one (${rowOf(episode, previous)}) starts a new period (RNE S) on ${episode.start}; the period is taken to end then` });
      }
      if (current && episode.rne === RNE_STARTED_CARE && current.end === undefined) current.end = episode.start;
      if (episode.rne !== RNE_STARTED_CARE) {
        const where = previous ? `follows the end of a period of care (${rowOf(previous, episode)}, ended ${previous.end ?? ''})` : 'is the first episode given for the child';
        data.report({ file: episode.file, line: episode.line, column: 'RNE', path: episode.path, severity: 'warning', code: 'care-period', message: `CHILD ${show(episode.child)}: this episode (${episode.start}) ${where} but has RNE ${show(episode.rne)}, not S; a period of care is taken to start here (its real start may be in an earlier return)` });
      }
      current = { start: episode.start, episodes: [] };
      periods.push(current);
    }
    if (RNE_PLACEMENT_CHANGED.includes(episode.rne)) {
      placementChanges.push({ date: episode.start, reason: previous && previous.end === episode.start ? previous.reasonPlaceChange : episode.reasonPlaceChange });
    }
    current.episodes.push({
      start: episode.start,
      end: episode.end,
      reasonNewEpisode: episode.rne,
      legalStatus: episode.legalStatus,
      placementType: episode.placement,
      placementProvider: episode.provider,
      placementPostcode: episode.placementPostcode,
      homePostcode: episode.homePostcode,
      reasonEnded: episode.reasonEnded,
      reasonPlaceChange: episode.reasonPlaceChange,
    });
    if (episode.end !== undefined && episode.reasonEnded !== undefined && episode.reasonEnded !== REC_CARE_CONTINUES) {
      current.end = episode.end;
      current = undefined;
    }
    previous = episode;
  }
  return { periods, placementChanges };
}

function reportUnused(data: DataSet, uses: Map<string, KeyUse>, known: (key: string) => boolean, keyName: string, column = keyName): void {
  for (const [mapKey, use] of uses) {
    const key = mapKey.slice(mapKey.indexOf('\u0000') + 1);
    if (known(key)) continue;
    data.report({
      file: use.file,
      line: use.line,
      column: use.path ? `${use.path}${column}` : column,
      severity: 'warning',
      code: 'unknown-child',
      message: `No child has ${keyName} ${show(key)}: ${use.rows} ${use.table} row${use.rows === 1 ? '' : 's'} for it (first here) belong to no record. Add the child to children.csv or the SSDA903 header.`,
    });
  }
}

/** Builds the records; problems about data no child owns go into `data.problems`. */
export function buildRecords(data: DataSet, options: BuildOptions = {}): ChildEducationRecord[] {
  return startRecords(data, options).finish();
}

/** Records joined from all but attendance marks, kept until `finish` joins those too. */
export interface RecordsBegun {
  /**
   * Joins the attendance marks and the parts' provenance (dates and files) and reports data no child owns:
   * the records, and `data.problems`, as `buildRecords` gives them. Call once.
   */
  finish(): ChildEducationRecord[];
}

/**
 * Joins the records as far as can be done before the attendance marks are in: everything but the marks, the
 * files they came from, and how current each part is. Nothing in `data` changes until `finish` (problems
 * found are kept until then), so a start that new data makes stale can be dropped and made again. The data
 * set must be complete but for attendance marks (`DataSet.adoptAttendance`) added before `finish`.
 */
export function startRecords(data: DataSet, options: BuildOptions = {}): RecordsBegun {
  const found: Problem[] = [];
  const rejected: string[] = [];
  const reporter: Reporter = {
    report(problem) {
      found.push(problem);
      return true;
    },
  };
  const ids = new Set<string>([...data.children.keys(), ...data.ssdaHeaders.keys()]);
  const jsonIds = new Set(data.jsonRecords.map((r) => r.record.identity.personId));
  // A UPN identifies one pupil. Shared by two children it could match either child's school data to the
  // other, so it is an error: neither record keeps the UPN or gets the data filed under it.
  const upnToChild = new Map<string, { id: string; where: Where }>();
  const sharedUpns = new Set<string>();
  const claim = (upn: string | undefined, id: string, where: Where, column: string) => {
    if (upn === undefined) return;
    const other = upnToChild.get(upn);
    if (other === undefined) upnToChild.set(upn, { id, where });
    else if (other.id !== id) {
      sharedUpns.add(upn);
      reporter.report({ ...where, column, severity: 'error', code: 'conflict', message: `UPN ${show(upn)} is also child ${show(other.id)}'s (${other.where.file}:${other.where.line}); a UPN belongs to one pupil, so neither child keeps it or gets the attendance, results or exclusions filed under it. Correct the UPN at source.` });
    }
  };
  for (const { record, where } of data.jsonRecords) claim(record.identity.upn === undefined ? undefined : normaliseUpn(record.identity.upn), record.identity.personId, where, 'identity.upn');
  for (const id of [...ids].sort()) {
    const child = data.children.get(id);
    const header = data.ssdaHeaders.get(id);
    if (child?.upn !== undefined) claim(child.upn, id, child, 'upn');
    else if (header?.upn !== undefined) claim(header.upn, id, header, 'UPN');
  }

  const records: ChildEducationRecord[] = [];
  /** The records joined here from rows (not JSON records), with what `finish` needs to complete them. */
  const joined: { record: ChildEducationRecord; owned: string | undefined; sources: Sources }[] = [];
  const jsonSeen = new Map<string, Where>();
  for (const { record, where } of data.jsonRecords) {
    const earlier = jsonSeen.get(record.identity.personId);
    if (earlier !== undefined) {
      // One record per child: a later one must not quietly replace (or double) the first.
      rejected.push(where.file);
      reporter.report({ ...where, column: 'identity.personId', severity: 'error', code: 'conflict', message: `Child ${show(record.identity.personId)} also has a record at ${earlier.file}${earlier.path ? ` ${earlier.path.slice(0, -1)}` : ''}, which is used; a child has one record. Record not imported.` });
      continue;
    }
    jsonSeen.set(record.identity.personId, where);
    if (ids.has(record.identity.personId)) {
      // Say what the JSON record changes about who the child is, so a replaced identity is never silent.
      const row = data.children.get(record.identity.personId);
      const header = data.ssdaHeaders.get(record.identity.personId);
      const other = row ? { firstName: row.firstName, lastName: row.lastName, dateOfBirth: row.dateOfBirth, upn: row.upn } : { dateOfBirth: header?.dateOfBirth, upn: header?.upn };
      const at = (row ?? header) as Where;
      const differs = (Object.keys(other) as (keyof typeof other)[])
        .filter((key) => other[key] !== undefined && other[key] !== (key === 'upn' && record.identity.upn !== undefined ? normaliseUpn(record.identity.upn) : record.identity[key]))
        .map((key) => `${key} ${show(other[key] ?? '')} there, ${show(record.identity[key] ?? '')} here`);
      const detail = differs.length > 0 ? ` with a different identity (${differs.join('; ')})` : '';
      reporter.report({ ...where, column: 'identity.personId', severity: 'warning', code: 'duplicate-child', message: `Child ${show(record.identity.personId)} is also at ${at.file}:${at.line}${detail}; this JSON record is used and the CSV or SSDA903 rows for the child are not` });
    }
    const upn = record.identity.upn === undefined ? undefined : normaliseUpn(record.identity.upn);
    records.push(upn !== undefined && sharedUpns.has(upn) ? { ...record, identity: { ...record.identity, upn: undefined } } : record);
  }

  for (const id of [...ids].sort()) {
    if (jsonIds.has(id)) continue;
    const child = data.children.get(id);
    const header = data.ssdaHeaders.get(id);
    const dateOfBirth = child?.dateOfBirth ?? header?.dateOfBirth;
    if (dateOfBirth === undefined) {
      const where = (child ?? header) as Where;
      reporter.report({ ...where, column: 'DOB', severity: 'error', code: 'missing-field', message: `CHILD ${show(id)} has no date of birth in any file, so no record is made for the child` });
      continue;
    }
    if (child && header) {
      if (header.dateOfBirth !== undefined && header.dateOfBirth !== child.dateOfBirth) reporter.report({ ...header, column: 'DOB', severity: 'warning', code: 'conflict', message: `Date of birth ${header.dateOfBirth} differs from ${child.dateOfBirth} in ${child.file}:${child.line}, which is used` });
      if (header.upn !== undefined && child.upn !== undefined && header.upn !== child.upn) reporter.report({ ...header, column: 'UPN', severity: 'warning', code: 'conflict', message: `UPN ${show(header.upn)} differs from ${show(child.upn)} in ${child.file}:${child.line}, which is used` });
    }
    const given = child?.upn ?? header?.upn;
    const upn = given !== undefined && sharedUpns.has(given) ? undefined : given;
    const owned = upn !== undefined && upnToChild.get(upn)?.id === id ? upn : undefined;
    const sources: Sources = new Map();
    const from = (part: RecordPart, file: string | undefined) => addSource(sources, part, file);
    from('identity', child?.file);
    from('identity', header?.file);

    const episodes = data.episodes.get(id) ?? [];
    const { periods, placementChanges } = carePeriodsFromEpisodes(episodes, reporter);
    for (const e of episodes) from('care', e.file);
    // children.csv's looked_after wins (docs/data-formats.md): N means no period of care is open now.
    // care_start_date makes a period only for a child looked after (the end of an earlier one is not
    // known), and an open period from the 903 episodes is closed at its last episode's start.
    if (periods.length === 0 && child?.careStartDate !== undefined && child.lookedAfter !== false) {
      periods.push({ start: child.careStartDate, episodes: [] });
      from('care', child.file);
    }
    const lastPeriod = periods[periods.length - 1];
    if (child?.lookedAfter === false && lastPeriod !== undefined && lastPeriod.end === undefined) {
      const lastStart = lastPeriod.episodes[lastPeriod.episodes.length - 1]?.start ?? lastPeriod.start;
      reporter.report({ ...child, column: 'looked_after', severity: 'warning', code: 'conflict', message: `looked_after is N, but the SSDA903 episodes leave a period of care open since ${lastPeriod.start}; children.csv wins and the period is taken to end ${lastStart} (the last episode's start). Record the episode's DEC and REC to give the real end` });
      lastPeriod.end = lastStart;
    }
    const lookedAfter = child?.lookedAfter ?? (lastPeriod !== undefined && lastPeriod.end === undefined);
    let placementArea: PlacementArea | undefined;
    if (child?.laCode !== undefined && options.laCode !== undefined && child.laCode !== options.laCode) placementArea = 'from-another-council';
    else if (child?.placementInArea !== undefined) placementArea = child.placementInArea ? 'in-area' : 'out-of-area';
    if (child?.placementInArea !== undefined || child?.lookedAfter !== undefined) from('care', child.file);
    const swEpisodes = [...(data.socialWorkerEpisodes.get(id) ?? [])].sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
    const currentSw = swEpisodes.filter((e) => e.end === undefined || e.end >= data.asOf).pop() ?? swEpisodes[swEpisodes.length - 1];
    let socialWorker: Contact | undefined;
    const swEmail = child?.socialWorkerEmail;
    if (child?.socialWorker !== undefined || swEmail !== undefined) socialWorker = { name: child?.socialWorker ?? (swEmail as string), id: currentSw?.id, ...(swEmail !== undefined ? { email: swEmail } : {}) };
    else if (currentSw) socialWorker = { name: currentSw.id, id: currentSw.id };
    for (const e of swEpisodes) from('care', e.file);

    const assessments = owned ? (data.assessments.get(owned) ?? []) : [];
    const termly = owned ? (data.termly.get(owned) ?? []) : [];
    const exclusions = owned ? (data.exclusions.get(owned) ?? []) : [];
    const meetings = [...(data.meetings.get(id) ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    const actions = data.actions.get(id) ?? [];
    for (const part of ['attainment', 'exclusions'] as const) for (const file of data.sourcesOf(part, owned)) from(part, file);
    for (const file of data.sourcesOf('pep', id)) from('pep', file);
    if (child?.schoolUrn !== undefined) from('school', child.file);
    if (child?.senProvision !== undefined) from('sen', child.file);

    const record: ChildEducationRecord = {
      schemaVersion: RECORD_SCHEMA_VERSION,
      identity: {
        personId: id,
        upn,
        firstName: child?.firstName ?? '',
        lastName: child?.lastName ?? '',
        dateOfBirth,
        gender: child?.gender ?? header?.gender ?? 'not-known',
        ethnicity: child?.ethnicity ?? header?.ethnicity,
        responsibleLa: child?.laCode,
      },
      care: { lookedAfter, periods, placementChanges, placementArea, socialWorker },
      school: { enrolments: child?.schoolUrn !== undefined ? [{ urn: child.schoolUrn, name: child.schoolName ?? '', inArea: undefined }] : [] },
      attendance: { marks: [], summaries: owned ? [...(data.attendanceFigures.get(owned) ?? [])].sort((a, b) => a.from.localeCompare(b.from)) : [] },
      attainment: { assessments, termly },
      exclusions,
      sen: child?.senProvision !== undefined ? { provision: child.senProvision, primaryNeed: child.senPrimaryNeed } : undefined,
      pep: { meetings, actions },
      ...(data.contacts.has(id) ? { contacts: data.contacts.get(id) } : {}),
      provenance: {},
    };
    records.push(record);
    joined.push({ record, owned, sources });
  }

  let finished = false;
  const finish = (): ChildEducationRecord[] => {
    // Twice would report every problem twice.
    if (finished) throw new Error('these records are finished already');
    finished = true;
    for (const file of rejected) data.reject(file);
    for (const problem of found) data.report(problem);
    const undatedAsOf = data.latestDate() ?? data.asOf;
    /** The records with attendance marks, whose marks are laid out compactly once all are known. */
    const withMarks: { record: ChildEducationRecord; marks: Int32Array }[] = [];
    for (const { record, owned, sources } of joined) {
      for (const file of data.sourcesOf('attendance', owned)) addSource(sources, 'attendance', file);
      const provenance: Partial<Record<RecordPart, Provenance>> = {};
      for (const part of PROVENANCE_ORDER) {
        const files = sources.get(part);
        if (files === undefined) continue;
        const list = [...files].sort();
        // The part is as current as the latest date its source files speak of; a file with no dates of
        // its own (children.csv) is taken to be as current as the rest of the data.
        const asOf = list.map((f) => data.fileDates.get(f) ?? undatedAsOf).sort().pop() ?? undatedAsOf;
        provenance[part] = { source: list.join(', '), asOf };
      }
      record.provenance = provenance;
      const marks = owned ? data.marks.get(owned) : undefined;
      if (marks !== undefined && marks.length > 0) withMarks.push({ record, marks: marks.view() });
    }

    // Every child's marks in one buffer, in date and session order (core/rules/mark-columns.ts).
    const columns = layOutMarks(
      withMarks.map((m) => m.marks),
      data.markCodes.table,
    );
    withMarks.forEach(({ record }, i) => {
      record.attendance = compactAttendance(columns[i] as MarkColumns, record.attendance.summaries);
    });
    data.marks.clear();

    reportUnused(data, data.upnUses, (upn) => upnToChild.has(upn), 'UPN', 'upn');
    reportUnused(data, data.childIdUses, (id) => ids.has(id) || jsonIds.has(id), 'child_id');
    reportUnused(data, data.ssdaReferences, (id) => ids.has(id) || jsonIds.has(id), 'CHILD');
    const episodeUses = new Map<string, KeyUse>();
    for (const [child, list] of data.episodes) for (const e of list) DataSet.useKey(episodeUses, child, e, 'SSDA903 episodes');
    for (const [child, list] of data.socialWorkerEpisodes) for (const e of list) DataSet.useKey(episodeUses, child, e, 'SSDA903 social worker episodes');
    reportUnused(data, episodeUses, (id) => ids.has(id) || jsonIds.has(id), 'CHILD');
    return records;
  };
  return { finish };
}
