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
import { show } from './fields.ts';
import { REC_CARE_CONTINUES, RNE_PLACEMENT_CHANGED, RNE_STARTED_CARE } from './ssda903-codes.ts';

type Care = ChildEducationRecord['care'];
type CarePeriod = Care['periods'][number];

export interface BuildOptions {
  /** The council's own LA number: a child whose la_code differs was placed here by another council. */
  laCode?: string;
}

/** Periods of care from a child's 903 episodes (DOMAIN.md §5): a period starts at an episode with RNE S
 * and ends at an episode with an end date and a REC other than X1. */
export function carePeriodsFromEpisodes(episodes: readonly Ssda903Episode[], data: DataSet): { periods: CarePeriod[]; placementChanges: Care['placementChanges'] } {
  const sorted = [...episodes].sort((a, b) => a.start.localeCompare(b.start));
  const periods: CarePeriod[] = [];
  const placementChanges: Care['placementChanges'] = [];
  let current: CarePeriod | undefined;
  let previous: Ssda903Episode | undefined;
  for (const episode of sorted) {
    if (!current || episode.rne === RNE_STARTED_CARE) {
      if (current && episode.rne === RNE_STARTED_CARE && current.end === undefined) {
        data.report({ file: episode.file, line: episode.line, column: 'RNE', path: episode.path, severity: 'warning', code: 'care-period', message: `CHILD ${show(episode.child)}: a new period of care (RNE S) starts ${episode.start} before the previous one ended` });
        current.end = episode.start;
      }
      if (episode.rne !== RNE_STARTED_CARE) {
        data.report({ file: episode.file, line: episode.line, column: 'RNE', path: episode.path, severity: 'warning', code: 'care-period', message: `CHILD ${show(episode.child)}: the first episode (${episode.start}) has RNE ${show(episode.rne)}, not S; the period of care is taken to start here (its real start may be in an earlier return)` });
      }
      current = { start: episode.start, episodes: [] };
      periods.push(current);
    } else if (previous && RNE_PLACEMENT_CHANGED.includes(episode.rne)) {
      placementChanges.push({ date: episode.start, reason: previous.reasonPlaceChange });
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

const byDateSession = (a: { date: string; session: string }, b: { date: string; session: string }) => a.date.localeCompare(b.date) || a.session.localeCompare(b.session);

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
  const ids = new Set<string>([...data.children.keys(), ...data.ssdaHeaders.keys()]);
  const jsonIds = new Set(data.jsonRecords.map((r) => r.record.identity.personId));
  const upnToChild = new Map<string, string>();
  for (const id of ids) {
    const upn = data.children.get(id)?.upn ?? data.ssdaHeaders.get(id)?.upn;
    if (upn === undefined) continue;
    const other = upnToChild.get(upn);
    if (other !== undefined) {
      const where = (data.children.get(id) ?? data.ssdaHeaders.get(id)) as Where;
      data.report({ ...where, column: 'upn', severity: 'warning', code: 'conflict', message: `UPN ${show(upn)} is also child ${show(other)}'s; its attendance and results go to ${show(other)}` });
    } else upnToChild.set(upn, id);
  }

  const records: ChildEducationRecord[] = [];
  for (const { record, where } of data.jsonRecords) {
    if (ids.has(record.identity.personId)) {
      data.report({ ...where, column: 'identity.personId', severity: 'warning', code: 'duplicate-child', message: `Child ${show(record.identity.personId)} is also in the CSV or SSDA903 files; this JSON record is used and their rows for the child are not` });
    }
    records.push(record);
  }

  for (const id of [...ids].sort()) {
    if (jsonIds.has(id)) continue;
    const child = data.children.get(id);
    const header = data.ssdaHeaders.get(id);
    const dateOfBirth = child?.dateOfBirth ?? header?.dateOfBirth;
    if (dateOfBirth === undefined) {
      const where = (child ?? header) as Where;
      data.report({ ...where, column: 'DOB', severity: 'error', code: 'missing-field', message: `CHILD ${show(id)} has no date of birth in any file, so no record is made for the child` });
      continue;
    }
    if (child && header) {
      if (header.dateOfBirth !== undefined && header.dateOfBirth !== child.dateOfBirth) data.report({ ...header, column: 'DOB', severity: 'warning', code: 'conflict', message: `Date of birth ${header.dateOfBirth} differs from ${child.dateOfBirth} in ${child.file}:${child.line}, which is used` });
      if (header.upn !== undefined && child.upn !== undefined && header.upn !== child.upn) data.report({ ...header, column: 'UPN', severity: 'warning', code: 'conflict', message: `UPN ${show(header.upn)} differs from ${show(child.upn)} in ${child.file}:${child.line}, which is used` });
    }
    const upn = child?.upn ?? header?.upn;
    const owned = upn !== undefined && upnToChild.get(upn) === id ? upn : undefined;
    const sources = new Map<RecordPart, Set<string>>();
    const from = (part: RecordPart, file: string | undefined) => {
      if (file === undefined) return;
      const set = sources.get(part) ?? new Set<string>();
      set.add(file);
      sources.set(part, set);
    };
    from('identity', child?.file);
    from('identity', header?.file);

    const episodes = data.episodes.get(id) ?? [];
    const { periods, placementChanges } = carePeriodsFromEpisodes(episodes, data);
    for (const e of episodes) from('care', e.file);
    if (periods.length === 0 && child?.careStartDate !== undefined) {
      periods.push({ start: child.careStartDate, episodes: [] });
      from('care', child.file);
    }
    const lastPeriod = periods[periods.length - 1];
    const lookedAfter = child?.lookedAfter ?? (lastPeriod !== undefined && lastPeriod.end === undefined);
    let placementArea: PlacementArea | undefined;
    if (child?.laCode !== undefined && options.laCode !== undefined && child.laCode !== options.laCode) placementArea = 'from-another-council';
    else if (child?.placementInArea !== undefined) placementArea = child.placementInArea ? 'in-area' : 'out-of-area';
    if (child?.placementInArea !== undefined || child?.lookedAfter !== undefined) from('care', child.file);
    const swEpisodes = [...(data.socialWorkerEpisodes.get(id) ?? [])].sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''));
    const currentSw = swEpisodes.filter((e) => e.end === undefined || e.end >= data.asOf).pop() ?? swEpisodes[swEpisodes.length - 1];
    let socialWorker: Contact | undefined;
    if (child?.socialWorker !== undefined) socialWorker = { name: child.socialWorker, id: currentSw?.id };
    else if (currentSw) socialWorker = { name: currentSw.id, id: currentSw.id };
    for (const e of swEpisodes) from('care', e.file);

    const marks = owned ? (data.marks.get(owned) ?? []) : [];
    marks.sort(byDateSession);
    const assessments = owned ? (data.assessments.get(owned) ?? []) : [];
    const termly = owned ? (data.termly.get(owned) ?? []) : [];
    const exclusions = owned ? (data.exclusions.get(owned) ?? []) : [];
    const meetings = [...(data.meetings.get(id) ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    const actions = data.actions.get(id) ?? [];
    for (const part of ['attendance', 'attainment', 'exclusions'] as const) for (const file of (owned && data.partFiles.get(`${part}\u0000${owned}`)) || []) from(part, file);
    for (const file of data.partFiles.get(`pep\u0000${id}`) ?? []) from('pep', file);
    if (child?.schoolUrn !== undefined) from('school', child.file);
    if (child?.senProvision !== undefined) from('sen', child.file);

    const provenance: Partial<Record<RecordPart, Provenance>> = {};
    for (const [part, files] of sources) {
      const list = [...files].sort();
      // The part is as current as its most recent source file.
      const asOf = list.map((f) => data.fileDates.get(f) ?? data.asOf).sort().pop() ?? data.asOf;
      provenance[part] = { source: list.join(', '), asOf };
    }

    records.push({
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
      attendance: { marks, summaries: [] },
      attainment: { assessments, termly },
      exclusions,
      sen: child?.senProvision !== undefined ? { provision: child.senProvision, primaryNeed: child.senPrimaryNeed } : undefined,
      pep: { meetings, actions },
      ...(data.contacts.has(id) ? { contacts: data.contacts.get(id) } : {}),
      provenance,
    });
  }

    const jsonUpns = new Set(data.jsonRecords.map((r) => r.record.identity.upn));
  reportUnused(data, data.upnUses, (upn) => upnToChild.has(upn) || jsonUpns.has(upn), 'UPN', 'upn');
  reportUnused(data, data.childIdUses, (id) => ids.has(id) || jsonIds.has(id), 'child_id');
  reportUnused(data, data.ssdaReferences, (id) => ids.has(id) || jsonIds.has(id), 'CHILD');
  const episodeUses = new Map<string, KeyUse>();
  for (const [child, list] of data.episodes) for (const e of list) DataSet.useKey(episodeUses, child, e, 'SSDA903 episodes');
  for (const [child, list] of data.socialWorkerEpisodes) for (const e of list) DataSet.useKey(episodeUses, child, e, 'SSDA903 social worker episodes');
  reportUnused(data, episodeUses, (id) => ids.has(id) || jsonIds.has(id), 'CHILD');
  return records;
}
