import { z } from 'zod';

/**
 * The adapter format: how EduBridge recognises a child (or a caseload) on one family of
 * case-management pages. Adapters are data, so an administrator can add or override them through the
 * options page or enterprise policy without a new build. docs/adapters.md documents this format; its
 * JSON Schema is generated from these schemas (`adapterJsonSchema`).
 */

const regexSource = z.string().min(1).refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'Not a valid regular expression' },
);

/** Where a piece of text is on the page. */
export const Finder = z
  .object({
    selector: z.string().min(1).optional().describe('A CSS selector; the first element that matches is used'),
    label: z
      .string()
      .min(1)
      .optional()
      .describe('Instead of a selector: the text of a label cell (th, dt, label) whose neighbouring cell holds the value, e.g. "Date of birth"'),
    within: z.string().min(1).optional().describe('With `label`: only look inside the first element matching this selector'),
    attribute: z.string().min(1).optional().describe("Read this attribute instead of the element's text"),
    pattern: regexSource
      .optional()
      .describe('A regular expression applied to the text; the named group `value` (or the whole match) is used'),
  })
  .refine((finder) => Boolean(finder.selector) !== Boolean(finder.label), {
    message: 'Give exactly one of `selector` or `label`',
  })
  .describe('Where a value is on the page');
export type Finder = z.infer<typeof Finder>;

/** A URL predicate with the examples that prove it. */
export const UrlPredicate = z
  .object({
    path: regexSource.describe(
      'A regular expression tested against the path, query and fragment of the URL (e.g. "/people/42?tab=1#top"); a named group `id` captures the person ID',
    ),
    examples: z
      .object({
        match: z.array(z.url()).min(1).describe('URLs this predicate must match'),
        noMatch: z.array(z.url()).default([]).describe('URLs it must not match (the gotchas)'),
      })
      .describe('Checked by the tests and by "Test against this page" in the options'),
  })
  .describe('Which pages of the system this applies to');
export type UrlPredicate = z.infer<typeof UrlPredicate>;

export const IdSource = z
  .discriminatedUnion('from', [
    z.object({ from: z.literal('path').describe('The named group `id` of the URL predicate') }),
    z.object({ from: z.literal('query'), param: z.string().min(1).describe('The query-string parameter') }),
    z.object({ from: z.literal('element'), find: Finder }),
  ])
  .describe('Where the person ID comes from');
export type IdSource = z.infer<typeof IdSource>;

export const Anchor = z
  .object({
    selector: z.string().min(1).describe('The element the badge goes beside, usually the child\'s name'),
    position: z.enum(['after', 'before', 'append', 'prepend']).default('after'),
  })
  .describe('Where the badge goes; without one (or when it is not found) the badge docks at the page edge');

export const ChildPage = z.object({
  url: UrlPredicate,
  id: IdSource,
  name: z
    .union([Finder, z.array(Finder).min(1).max(4)])
    .optional()
    .describe("The child's name as the page shows it; a list (e.g. forename and surname cells) is joined with spaces"),
  dateOfBirth: Finder.optional().describe("The child's date of birth as the page shows it"),
  dateFormat: z
    .enum(['auto', 'dd/mm/yyyy', 'yyyy-mm-dd', 'd mmm yyyy'])
    .default('auto')
    .describe('How the page writes dates; "auto" accepts all three'),
  anchor: Anchor.optional(),
});
export type ChildPage = z.infer<typeof ChildPage>;

export const CaseloadPage = z.object({
  url: UrlPredicate,
  row: z.string().min(1).describe('A CSS selector matching each child\'s row'),
  id: Finder.describe('Inside a row: the person ID'),
  anchor: z.string().min(1).optional().describe('Inside a row: the element the chip goes after (default: the row\'s first cell)'),
});
export type CaseloadPage = z.infer<typeof CaseloadPage>;

export const Adapter = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'Lower-case letters, digits and hyphens')
      .describe('A stable identifier; an adapter with the same id as a built-in one replaces it'),
    name: z.string().min(1).describe('What the administrator sees in the options page'),
    hosts: z
      .array(z.string().regex(/^(\*\.)?[A-Za-z0-9.-]+(:\d+)?$/, 'A host name, optionally with a port or a leading "*."'))
      .min(1)
      .describe('The host names (with port where not the default) the system is served from; "*.example.org" matches sub-domains'),
    child: ChildPage.optional().describe("A page that shows one child's record"),
    caseload: CaseloadPage.optional().describe('A list of children, e.g. "My caseload"'),
  })
  .refine((adapter) => adapter.child || adapter.caseload, { message: 'An adapter needs a `child` or a `caseload` page (or both)' })
  .describe('How EduBridge recognises children on one case-management system');
export type Adapter = z.infer<typeof Adapter>;
export type AdapterInput = z.input<typeof Adapter>;

export const AdapterList = z.array(Adapter);

/** The JSON Schema of one adapter, for docs/adapters.md and for editors. */
export function adapterJsonSchema(): unknown {
  return z.toJSONSchema(Adapter, { io: 'input', unrepresentable: 'any' });
}

/** A readable list of what is wrong with an adapter, naming each field. */
export function describeAdapterProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(adapter)'}: ${issue.message}`);
}
