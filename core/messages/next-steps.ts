/**
 * What to do next about each flag, and who does it: the concrete step a screen shows under an alert
 * ("Book the PEP review before 3 March 2026"). Keyed by the flag keys of the status (`flag.<key>.title`
 * in en.ts). This module is the English; the Welsh, with the same keys (the type checker holds it), is in
 * next-steps-cy.ts, loaded only where Welsh is shown. A test holds both languages to every flag key and to
 * the same placeholders.
 *
 * The owner is the person who can act: the social worker holds the care plan and books PEP meetings
 * (Promoting the education of looked-after children, DfE 2018, §§ 29–36); the school (its designated
 * teacher) keeps attendance, assessments and the school's part of the PEP (Designated teacher guidance,
 * DfE 2018); the virtual school head monitors and challenges (2018 guidance §§ 17–23); the carer
 * supports attendance and learning at home.
 *
 * Placeholders: any parameter of the flag's own sentences, plus `{school}` (the current school's name,
 * or "the school") and `{due:date}` where the PEP has a due date. Use only parameters every child with
 * the flag has.
 */

export const NEXT_STEP_ROLES = ['social-worker', 'school', 'virtual-school', 'carer'] as const;
export type NextStepRole = (typeof NEXT_STEP_ROLES)[number];

export interface NextStep {
  owner: NextStepRole;
  en: string;
}

const STEPS = {
  // Care
  'short-breaks': {
    owner: 'social-worker',
    en: 'No PEP is needed for short breaks; share any worries about school with {school} and the family.',
  },
  // Attendance
  'persistent-absence': {
    owner: 'social-worker',
    en: 'Ask {school} what is keeping the child away and agree an attendance plan at the next PEP.',
  },
  'severe-absence': {
    owner: 'social-worker',
    en: 'Talk to {school} and the virtual school this week: the child is missing half of their schooling.',
  },
  'attendance-small-denominator': {
    owner: 'school',
    en: 'Nothing to do yet: look again in a few weeks, when there are more sessions to judge by.',
  },
  'unknown-attendance-codes': {
    owner: 'school',
    en: 'Ask {school} to correct the attendance marks it sent with codes that are not national codes.',
  },
  'attendance-declining': {
    owner: 'social-worker',
    en: 'Ask the child and their carer what has changed, and tell {school} about anything at home or in the placement.',
  },
  'no-attendance-data': {
    owner: 'virtual-school',
    en: "Ask {school} for this year's attendance, and check that the child's UPN is recorded correctly.",
  },
  'no-attendance-data-upn': {
    owner: 'social-worker',
    en: "Check the child's UPN with {school} and send the right one to the virtual school, so the school's attendance can be matched.",
  },
  'attendance-partial': {
    owner: 'virtual-school',
    en: 'Ask {school} for the attendance marks missing since {since:date}.',
  },
  'attendance-codes-out-of-use': {
    owner: 'school',
    en: 'Ask {school} to correct the marks that use codes not in use on their dates.',
  },
  // PEP
  'pep-due-soon-holiday': {
    owner: 'social-worker',
    en: 'Book the PEP review with {school} now, before the holiday: it is due by {due:date}.',
  },
  'pep-due-today': {
    owner: 'social-worker',
    en: 'Check with {school} that the PEP meeting due today, {due:date}, is taking place.',
  },
  'pep-overdue': {
    owner: 'social-worker',
    en: 'Book the PEP review with {school} now: it was due by {due:date}.',
  },
  'pep-initial-overdue': {
    owner: 'social-worker',
    en: 'Hold the first PEP meeting with {school} and the virtual school now: it was due by {due:date}.',
  },
  'pep-due-soon': {
    owner: 'social-worker',
    en: 'Book the PEP review with {school} before {due:date}.',
  },
  'pep-none-recorded': {
    owner: 'social-worker',
    en: 'Arrange a PEP meeting with {school} and the virtual school, or send the virtual school the last PEP if one was held.',
  },
  'pep-child-views-missing': {
    owner: 'social-worker',
    en: "Ask the child what they think about school before the next PEP, and record their views in it.",
  },
  'pep-quality-low': {
    owner: 'virtual-school',
    en: 'Tell the social worker and {school} what the PEP needs to be rated higher, and check it at the next review.',
  },
  'pep-quality-unknown': {
    owner: 'virtual-school',
    en: "Correct the PEP's quality rating in the ePEP system to one on the council's scale.",
  },
  'social-worker-actions-overdue': {
    owner: 'social-worker',
    en: 'Complete your overdue PEP actions, or tell the virtual school why they cannot be done.',
  },
  'social-worker-actions-outstanding': {
    owner: 'social-worker',
    en: 'Plan time for your open PEP actions before they fall due.',
  },
  // Exclusions
  'permanent-exclusion': {
    owner: 'virtual-school',
    en: 'Find a new school place with the admissions team now; the child must have full-time education from the sixth school day.',
  },
  'suspensions': {
    owner: 'school',
    en: 'Ask {school} what support is in place to prevent another suspension, and discuss it at the next PEP.',
  },
  // Attainment
  'below-expected': {
    owner: 'school',
    en: 'Agree in the PEP what extra help {school} will give in {subjects}, and how Pupil Premium Plus pays for it.',
  },
  'below-target': {
    owner: 'school',
    en: 'Ask {school} why the child is below target in {subjects} and what will change before the next PEP.',
  },
  'assessment-year': {
    owner: 'virtual-school',
    en: 'Check that the PEP plans for the tests or exams this year, including any access arrangements.',
  },
  // SEN
  'ehc-plan': {
    owner: 'school',
    en: 'Make sure the EHC plan review and the PEP review are held together or one after the other.',
  },
  'sen-support': {
    owner: 'school',
    en: 'Check that the PEP says what SEN support the child gets and whether it is working.',
  },
  // Care
  'placement-changes': {
    owner: 'social-worker',
    en: 'Before any further move, talk to the virtual school about keeping the child at {school}.',
  },
  'new-to-care': {
    owner: 'social-worker',
    en: 'Tell the virtual school and {school} that the child is in care, and set up the first PEP.',
  },
  'out-of-area': {
    owner: 'virtual-school',
    en: "Check that the school knows which virtual school to contact, and tell the local council's virtual school.",
  },
  // School, identity, data
  'no-current-school': {
    owner: 'virtual-school',
    en: 'Find a school place now with the admissions team: a child in care has the highest priority for admission.',
  },
  'upn-invalid': {
    owner: 'school',
    en: "Ask {school} for the child's unique pupil number, and have the record corrected.",
  },
  'upn-missing': {
    owner: 'school',
    en: "Ask {school} for the child's unique pupil number, so their school data can be matched.",
  },
  'stale-data': {
    owner: 'virtual-school',
    en: 'Ask the data team when this information was last updated before you rely on it.',
  },
} satisfies Record<string, NextStep>;

/** The flags that have a next step: the keys of the Welsh too. */
export type NextStepKey = keyof typeof STEPS;

/** The next step for each flag, by flag key (`flag.key`). */
export const NEXT_STEPS: Readonly<Record<string, NextStep>> = STEPS;

/** When a flag has no next step (a flag added without one), the step says whom to ask rather than nothing. */
export const FALLBACK_NEXT_STEP: NextStep = {
  owner: 'virtual-school',
  en: 'Ask the virtual school what needs to happen about this.',
};
