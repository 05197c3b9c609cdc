import type { z } from 'zod';
import type { ChildEducationRecord, RecordPart } from '../model/record.ts';
import type { Flag, Freshness } from '../model/status.ts';
import { composeKey, formatMessage, joinList, type Language } from '../messages/index.ts';
import type { Policy } from '../policy.ts';
import { dayNumberOf } from '../rules/day-numbers.ts';
import { flag, type AreaResult } from './common.ts';

/** Freshness: each part's source and "as of" date with its age on the status date; a flag naming the parts
 * older than `staleDataDays`. */
export function deriveFreshness(record: ChildEducationRecord, asOfDay: number, policy: Policy, language: Language): AreaResult<z.infer<typeof Freshness>> {
  const parts: z.infer<typeof Freshness>['parts'] = {};
  let oldest: string | null = null;
  const staleParts: RecordPart[] = [];
  for (const [part, provenance] of Object.entries(record.provenance) as [RecordPart, { source: string; asOf: string } | undefined][]) {
    if (!provenance) continue;
    const ageDays = asOfDay - dayNumberOf(provenance.asOf);
    parts[part] = { source: provenance.source, asOf: provenance.asOf, ageDays };
    if (oldest === null || provenance.asOf < oldest) oldest = provenance.asOf;
    if (ageDays > policy.staleDataDays) staleParts.push(part);
  }
  const flags: Flag[] = [];
  if (staleParts.length > 0) {
    flags.push(
      flag(
        'stale-data',
        'data',
        'amber',
        { days: policy.staleDataDays, parts: joinList(staleParts.map((part) => formatMessage(composeKey('part.', part), {}, language)), language) },
        language,
      ),
    );
  }
  return { section: { parts, oldest, stale: staleParts.length > 0 }, flags };
}
