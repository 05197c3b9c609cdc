import { z } from 'zod';

/** A calendar date as `YYYY-MM-DD`. Every date in the model is a string, so records cross HTTP,
 * extension messages and IndexedDB unchanged. */
export const IsoDate = z.iso.date().describe('A calendar date, YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant as an ISO 8601 date-time with offset. */
export const IsoDateTime = z.iso.datetime({ offset: true }).describe('An ISO 8601 date-time');

/** Where a part of a record came from, and how current it was when it was read. */
export const Provenance = z
  .object({
    source: z.string().min(1).describe('The system or file the data came from, e.g. "SSDA903 2025-26" or "attendance.csv"'),
    asOf: IsoDate.describe('The date the source data was correct at'),
  })
  .describe('The source and "as of" date of one part of a record');
export type Provenance = z.infer<typeof Provenance>;

export const Session = z.enum(['AM', 'PM']);
export type Session = z.infer<typeof Session>;

/** Who owns a PEP action. */
export const ActionOwner = z.enum(['social-worker', 'school', 'carer', 'virtual-school', 'child']);
export type ActionOwner = z.infer<typeof ActionOwner>;

export const Gender = z.enum(['female', 'male', 'other', 'not-known']);
export type Gender = z.infer<typeof Gender>;

/** A contact person (social worker, designated teacher). */
export const Contact = z.object({
  name: z.string().min(1),
  id: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;
