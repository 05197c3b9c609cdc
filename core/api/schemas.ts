import { z } from 'zod';
import { Gender, IsoDate } from '../model/common.ts';
import { ChildEducationRecord, PlacementArea, SenProvision } from '../model/record.ts';
import { EducationStatus, StatusChild } from '../model/status.ts';
import { StatusSummary } from '../model/summary.ts';

/**
 * The Education Status API, version 1: the schemas of its parameters and responses. The server, the
 * extension and the widgets all read these, and the OpenAPI document is generated from them
 * (core/api/openapi.ts), so the contract has exactly one definition.
 */

export const API_VERSION = 'v1' as const;

// ---------------------------------------------------------------------------------------------------
// Parameters. Query strings arrive as text; each schema below accepts the text form and gives the typed
// value. Lists are comma-separated (`yearGroup=6,11`); a parameter repeated is read the same way.

/** A child's key in a path: the council's person ID or a UPN. */
export const ChildId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "-" or "_"')
  .describe("The council's person ID, or the child's UPN");

export const Urn = z.string().regex(/^\d{5,7}$/, 'a URN of 5 to 7 digits').describe("A school's unique reference number");

export const LanguageParameter = z.enum(['en', 'cy']).describe('The language of the sentences in a status: English or Welsh');

const booleanParameter = (description: string) =>
  z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .describe(description);

/** The item schema and bounds of each list parameter, for the OpenAPI document (an array, `style: form, explode: false`). */
export const LIST_PARAMETERS = new WeakMap<z.ZodType, { item: z.ZodType; maxItems?: number }>();

/** A comma-separated list parameter whose items each satisfy `item`. */
function listParameter<T extends z.ZodType>(item: T, description: string, bounds: { maxItems?: number; maxLength?: number } = {}) {
  const items = z.array(item).min(1, 'give at least one value');
  const schema = z
    .string()
    .max(bounds.maxLength ?? 2000)
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    )
    .pipe((bounds.maxItems === undefined ? items : items.max(bounds.maxItems, `at most ${bounds.maxItems} values`)) as unknown as z.ZodType<z.output<T>[], string[]>)
    .describe(description);
  LIST_PARAMETERS.set(schema, { item, ...(bounds.maxItems === undefined ? {} : { maxItems: bounds.maxItems }) });
  return schema;
}

const filterList = <T extends z.ZodType>(item: T, description: string) => listParameter(item, `${description} (comma-separated; a child matching any value is included)`);

/** The key stages, as the status model names them. */
export const KeyStageFilter = StatusChild.shape.keyStage;
export const PlacementAreaFilter = z.enum([...PlacementArea.options, 'unknown']);
export const SenFilter = z.enum([...SenProvision.options, 'unknown']);

/**
 * The cohort filters of the issue, as query parameters: what virtual schools filter their cohort by.
 * Every filter narrows the cohort; within a list, any value matches.
 */
export const CohortFilterParameters = {
  lookedAfter12Months: booleanParameter('true: only children looked after for 12 months or more; false: only those looked after for less'),
  placementChange: booleanParameter('true: only children whose placement changed in the last 12 months; false: only those whose did not'),
  sen: filterList(SenFilter, 'SEN provision: E (EHC plan), K (SEN support), N (none), unknown'),
  gender: filterList(Gender, 'Gender'),
  ethnicity: filterList(z.string().regex(/^[A-Z]{4}$/, 'a 4-letter census ethnicity code'), 'Census ethnicity code, e.g. WBRI'),
  yearGroup: filterList(z.coerce.number().int().min(-3).max(15), 'National curriculum year group: Reception 0, Year 1 = 1 …'),
  keyStage: filterList(KeyStageFilter, 'Key stage'),
  school: filterList(Urn, 'URN of the current school'),
  placementArea: filterList(PlacementAreaFilter, 'Where the child is placed: in-area, out-of-area, from-another-council, unknown'),
} as const;

/** The cohort filters as values (what `filterCohort` takes). */
export const CohortFilters = z
  .object({
    lookedAfter12Months: z.boolean().optional(),
    placementChange: z.boolean().optional(),
    sen: z.array(SenFilter).optional(),
    gender: z.array(Gender).optional(),
    ethnicity: z.array(z.string()).optional(),
    yearGroup: z.array(z.number().int()).optional(),
    keyStage: z.array(KeyStageFilter).optional(),
    school: z.array(z.string()).optional(),
    placementArea: z.array(PlacementAreaFilter).optional(),
  })
  .describe('Filters that narrow a cohort; an absent filter does not narrow it');
export type CohortFilters = z.infer<typeof CohortFilters>;

/**
 * The dates the service works statuses out for: 1900-01-01 to 2999-12-31. The calendar's term dates and
 * bank holidays (core/rules/calendar.ts) are only defined for four-digit years from 1900, and no child in
 * care today has a record outside that range, so any other date is a bad request, never a server failure.
 */
export const SERVICE_DATE_PATTERN = /^(19\d\d|2\d\d\d)-\d\d-\d\d$/;
export const ServiceDate = IsoDate.check(z.regex(SERVICE_DATE_PATTERN, 'a date from 1900-01-01 to 2999-12-31')).describe(
  'A calendar date, YYYY-MM-DD, from 1900-01-01 to 2999-12-31',
);

export const StatusParameters = {
  asOf: ServiceDate.describe('Work the status out for this date, YYYY-MM-DD from 1900-01-01 to 2999-12-31 (default: the service’s date)'),
  lang: LanguageParameter,
} as const;
export const StatusQuery = z.strictObject({ asOf: StatusParameters.asOf.optional(), lang: StatusParameters.lang.optional() });
export type StatusQuery = z.infer<typeof StatusQuery>;

/** Why the caller is looking (DOMAIN.md §7: record what, to whom and why): an optional request header the audit log keeps. */
export const PURPOSE_HEADER = 'EduBridge-Purpose';
export const Purpose = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[\x20-\x7e]+$/, 'printable ASCII')
  .describe('Why the caller is looking, e.g. "case record page" or "virtual school dashboard"; kept in the audit log');

/** Where the caller was looking from (e.g. the case-management page's origin, as a browser extension sees it):
 * an optional request header the audit log keeps beside the purpose. An origin only: scheme, host and port. */
export const PAGE_ORIGIN_HEADER = 'EduBridge-Page-Origin';
export const PageOrigin = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?$/, 'an origin such as https://cases.council.example')
  .describe('The origin of the page the data is shown on, e.g. "https://cases.council.example"; kept in the audit log');

/** `GET /api/v1/children/{id}` takes no query parameters. */
export const RecordQuery = z.strictObject({});

export const MAX_PAGE_SIZE = 200;
/** A page of compact statuses may be larger: 2,000 summaries are about as many bytes as 300 full statuses. */
export const MAX_SUMMARY_PAGE_SIZE = 2000;

export const ListParameters = {
  caseload: z.literal('mine').describe('"mine": the children the caller works with (every child the caller may see)'),
  page: z.coerce.number().int().min(1).max(100000).describe('Page number, from 1'),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_SUMMARY_PAGE_SIZE)
    .describe(`Children per page: 1 to ${MAX_PAGE_SIZE} statuses (view=full), 1 to ${MAX_SUMMARY_PAGE_SIZE} compact statuses (view=summary)`),
  asOf: StatusParameters.asOf,
  lang: StatusParameters.lang,
  view: z
    .enum(['full', 'summary'])
    .describe('"full" (the default): each child\'s whole education status; "summary": the compact form lists show (StatusSummary), a few per cent of the size'),
  ids: listParameter(
    ChildId,
    `Only these children (person IDs or UPNs, comma-separated, at most ${MAX_PAGE_SIZE}); IDs the caller may not see, or that do not exist, are left out alike`,
    { maxItems: MAX_PAGE_SIZE, maxLength: MAX_PAGE_SIZE * 65 },
  ),
} as const;

const P = CohortFilterParameters;
const optionalFilters = {
  lookedAfter12Months: P.lookedAfter12Months.optional(),
  placementChange: P.placementChange.optional(),
  sen: P.sen.optional(),
  gender: P.gender.optional(),
  ethnicity: P.ethnicity.optional(),
  yearGroup: P.yearGroup.optional(),
  keyStage: P.keyStage.optional(),
  school: P.school.optional(),
  placementArea: P.placementArea.optional(),
};

/** `GET /api/v1/children`: the cohort filters narrow the list (`school=URN` among them). */
export const ChildrenQuery = z
  .strictObject({
    caseload: ListParameters.caseload.optional(),
    page: ListParameters.page.default(1),
    pageSize: ListParameters.pageSize.default(50),
    asOf: ListParameters.asOf.optional(),
    lang: ListParameters.lang.optional(),
    view: ListParameters.view.default('full'),
    ids: ListParameters.ids.optional(),
    ...optionalFilters,
  })
  .superRefine((query, context) => {
    if (query.view === 'full' && query.pageSize > MAX_PAGE_SIZE) {
      context.addIssue({ code: 'custom', path: ['pageSize'], message: `at most ${MAX_PAGE_SIZE} full statuses a page (view=summary allows ${MAX_SUMMARY_PAGE_SIZE})` });
    }
  });
export type ChildrenQuery = z.infer<typeof ChildrenQuery>;

/** `GET /api/v1/cohort/summary`. */
export const CohortSummaryQuery = z.strictObject({ asOf: StatusParameters.asOf.optional(), ...optionalFilters });
export type CohortSummaryQuery = z.infer<typeof CohortSummaryQuery>;

// ---------------------------------------------------------------------------------------------------
// Responses.

export const ChildRecordResponse = ChildEducationRecord;
export const StatusResponse = EducationStatus;

export const StatusPage = z
  .object({
    asOf: IsoDate,
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    total: z.number().int().nonnegative().describe('Children matching, across all pages'),
    items: z.array(EducationStatus),
  })
  .describe('One page of the statuses of the children the caller may see, ordered by last name, first name, person ID');
export type StatusPage = z.infer<typeof StatusPage>;

export const StatusSummaryPage = z
  .object({
    asOf: IsoDate,
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    total: z.number().int().nonnegative().describe('Children matching, across all pages'),
    items: z.array(StatusSummary),
  })
  .describe('One page of the compact statuses (view=summary) of the children the caller may see, in the same order as StatusPage');
export type StatusSummaryPage = z.infer<typeof StatusSummaryPage>;

/** A share of the cohort: how many children have something, out of how many it applies to. */
export const Proportion = z
  .object({
    count: z.number().int().nonnegative().describe('Children who have it'),
    children: z.number().int().nonnegative().describe('Children it was worked out over (the denominator)'),
    percent: z.number().min(0).max(100).nullable().describe('count ÷ children × 100 to one decimal place; null when children is 0'),
  })
  .describe('A count of children out of the children behind it');
export type Proportion = z.infer<typeof Proportion>;

/** A figure (a total or a rate) with the number of children behind it. */
export const Figure = z
  .object({
    value: z.number().nullable().describe('The figure; null when no child had the data'),
    children: z.number().int().nonnegative().describe('Children whose data makes up the figure'),
  })
  .describe('A figure with the number of children behind it');
export type Figure = z.infer<typeof Figure>;

const byRating = z.object({ green: Proportion, amber: Proportion, red: Proportion, none: Proportion });

export const CohortSummary = z
  .object({
    asOf: IsoDate.nullable().describe('The date the statuses were worked out for; null for an empty cohort'),
    children: z.number().int().nonnegative().describe('Children in the cohort'),
    lookedAfter: Proportion.describe('Currently looked after'),
    inCare12MonthsOrMore: Proportion,
    placementChangeLast12Months: Proportion.describe('At least one placement change in the last 12 months'),
    placementArea: z.object({ 'in-area': Proportion, 'out-of-area': Proportion, 'from-another-council': Proportion, unknown: Proportion }),
    sen: z.object({ E: Proportion, K: Proportion, N: Proportion, unknown: Proportion }),
    attendance: z.object({
      percent: Figure.describe('Sessions attended ÷ possible sessions × 100 this academic year, pooled over the children with possible sessions'),
      persistentAbsence: Proportion.describe('Missing 10% or more of possible sessions this academic year, of the children with enough sessions to judge'),
      severeAbsence: Proportion.describe('Missing 50% or more of possible sessions this academic year, of the children with enough sessions to judge'),
      tooEarlyToJudge: z
        .number()
        .int()
        .nonnegative()
        .default(0)
        .describe('Children with some possible sessions but too few to judge (under 30), left out of the persistent and severe absence figures'),
    }),
    pep: z.object({
      inDate: Proportion.describe('PEP in date (including due soon), of the children who need one'),
      dueSoon: Proportion,
      overdue: Proportion,
    }),
    exclusions: z.object({
      suspended: Proportion.describe('At least one suspension this academic year'),
      suspensions: Figure.describe('Suspensions this academic year'),
      sessionsLost: Figure.describe('Sessions lost to suspension this academic year'),
      permanentlyExcluded: Proportion,
    }),
    attainment: z.object({
      atOrAboveExpected: Proportion.describe('No core subject below expectations, of the children with a core-subject result or judgement'),
      belowExpected: Proportion.describe('At least one core subject below expectations'),
    }),
    rag: byRating
      .extend({
        incomplete: Proportion.optional().describe(
          'Children whose overall rating is none because an area that applies to them has no data (counted within none, never as green)',
        ),
      })
      .describe('Overall rating'),
  })
  .describe('Aggregates for a dashboard, each figure with the number of children behind it');
export type CohortSummary = z.infer<typeof CohortSummary>;

/** The roles the API knows: a social worker sees their caseload, a designated teacher their schools'
 * children, the virtual school every child. */
export const Role = z.enum(['social-worker', 'designated-teacher', 'virtual-school']);
export type Role = z.infer<typeof Role>;

export const Caller = z
  .object({
    name: z.string().min(1).describe('The name of the person the credentials belong to'),
    role: Role,
  })
  .describe('Who is signed in: what a client shows to confirm it is connected as the right person. Names no child');
export type Caller = z.infer<typeof Caller>;

// ---------------------------------------------------------------------------------------------------
// Problems (RFC 9457). The `type` URIs are stable: clients branch on them, never on `title` or `detail`.

export const PROBLEM_TYPES = {
  badRequest: { type: 'urn:edubridge:problem:bad-request', status: 400, title: 'The request is not valid' },
  unauthorised: { type: 'urn:edubridge:problem:unauthorised', status: 401, title: 'Sign-in needed' },
  originNotAllowed: { type: 'urn:edubridge:problem:origin-not-allowed', status: 403, title: 'This site is not allowed to use the service' },
  notFound: { type: 'urn:edubridge:problem:not-found', status: 404, title: 'No such record' },
  methodNotAllowed: { type: 'urn:edubridge:problem:method-not-allowed', status: 405, title: 'Method not allowed' },
  payloadTooLarge: { type: 'urn:edubridge:problem:payload-too-large', status: 413, title: 'Request too large' },
  tooManyRequests: { type: 'urn:edubridge:problem:too-many-requests', status: 429, title: 'Too many requests' },
  headersTooLarge: { type: 'urn:edubridge:problem:headers-too-large', status: 431, title: 'Request headers too large' },
  internal: { type: 'urn:edubridge:problem:internal', status: 500, title: 'Something went wrong on the server' },
  unavailable: { type: 'urn:edubridge:problem:unavailable', status: 503, title: 'The service is not available' },
} as const;
export type ProblemKind = keyof typeof PROBLEM_TYPES;

/** Every problem `type` the API sends. */
export const ProblemType = z
  .enum(Object.values(PROBLEM_TYPES).map((problem) => problem.type) as [(typeof PROBLEM_TYPES)[ProblemKind]['type'], ...(typeof PROBLEM_TYPES)[ProblemKind]['type'][]])
  .describe('A stable URI naming the kind of problem: clients branch on it, never on title or detail');

export const ProblemDetails = z
  .object({
    type: ProblemType,
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional().describe('What went wrong, in plain English'),
    instance: z.string().optional().describe('The request ID, for support'),
    errors: z
      .array(z.object({ parameter: z.string(), message: z.string() }))
      .optional()
      .describe('For a bad request: each parameter that is wrong, and why'),
  })
  .describe('An error, as application/problem+json (RFC 9457)');
export type ProblemDetails = z.infer<typeof ProblemDetails>;
