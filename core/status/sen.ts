import type { z } from 'zod';
import type { ChildEducationRecord } from '../model/record.ts';
import type { Flag, StatusSen } from '../model/status.ts';
import type { Language } from '../messages/index.ts';
import { senPrimaryNeedLabel, senProvisionLabel } from '../rules/sen.ts';
import { flag, type AreaResult } from './common.ts';

/** Special educational needs: provision (EHC plan, SEN support, none) and primary need, with an
 * information flag for an EHC plan or SEN support. Not rated. */
export function deriveSen(record: ChildEducationRecord, language: Language): AreaResult<z.infer<typeof StatusSen>> {
  const senRecord = record.sen;
  const provision = senRecord?.provision ?? 'unknown';
  const primaryNeedLabel = senPrimaryNeedLabel(senRecord?.primaryNeed);
  const section: z.infer<typeof StatusSen> = { provision, provisionLabel: senProvisionLabel(provision) };
  if (senRecord?.primaryNeed !== undefined) section.primaryNeed = senRecord.primaryNeed;
  if (primaryNeedLabel !== undefined) section.primaryNeedLabel = primaryNeedLabel;
  if (senRecord?.ehcPlan?.issued !== undefined) section.ehcPlanIssued = senRecord.ehcPlan.issued;
  const flags: Flag[] = [];
  if (provision === 'E') flags.push(flag('ehc-plan', 'sen', 'info', {}, language));
  else if (provision === 'K') flags.push(flag('sen-support', 'sen', 'info', {}, language));
  return { section, flags };
}
