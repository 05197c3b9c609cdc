import { z } from 'zod';
import { Contact } from './common.ts';

/**
 * Whom to contact about a child's education, and where the PEP itself is: in the record (from the
 * importers' contacts.csv, or a records JSON file) and passed unchanged into the status.
 *
 * The designated teacher is usually known per school (the enrolment's `designatedTeacher`); a designated
 * teacher named here, for this child, takes precedence on screens.
 */

export const PepDocument = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2048).describe("The child's PEP in the council's ePEP system"),
  })
  .describe("A link to the child's PEP. Screens show it only when its origin is the ePEP origin they are configured with");
export type PepDocument = z.infer<typeof PepDocument>;

export const ChildContacts = z
  .object({
    designatedTeacher: Contact.optional().describe("The designated teacher for looked-after children at the child's school"),
    virtualSchoolCaseworker: Contact.optional().describe("The child's caseworker (or education adviser) at the virtual school"),
    schoolContact: Contact.optional().describe("The school's contact for the child (office, head of year), with how to reach them"),
    pepDocument: PepDocument.optional(),
  })
  .describe("Whom to contact about the child's education, and where the PEP is");
export type ChildContacts = z.infer<typeof ChildContacts>;
