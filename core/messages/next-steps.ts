/**
 * What to do next about each flag, and who does it: the concrete step a screen shows under an alert
 * ("Book the PEP review before 3 March 2026"). Keyed by the flag keys of the status (`flag.<key>.title`
 * in en.ts); a test holds both languages to every flag key and to the same placeholders.
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
  cy: string;
}

export const NEXT_STEPS: Readonly<Record<string, NextStep>> = {
  // Care
  'short-breaks': {
    owner: 'social-worker',
    en: 'No PEP is needed for short breaks; share any worries about school with {school} and the family.',
    cy: "Nid oes angen CAP ar gyfer seibiannau byr; rhannwch unrhyw bryderon am yr ysgol gydag {school} a'r teulu.",
  },
  // Attendance
  'persistent-absence': {
    owner: 'social-worker',
    en: 'Ask {school} what is keeping the child away and agree an attendance plan at the next PEP.',
    cy: "Gofynnwch i {school} beth sy'n cadw'r plentyn i ffwrdd a chytuno ar gynllun presenoldeb yn y CAP nesaf.",
  },
  'severe-absence': {
    owner: 'social-worker',
    en: 'Talk to {school} and the virtual school this week: the child is missing half of their schooling.',
    cy: "Siaradwch ag {school} a'r ysgol rithwir yr wythnos hon: mae'r plentyn yn colli hanner ei addysg.",
  },
  'attendance-small-denominator': {
    owner: 'school',
    en: 'Nothing to do yet: look again in a few weeks, when there are more sessions to judge by.',
    cy: "Dim i'w wneud eto: edrychwch eto ymhen ychydig wythnosau, pan fydd mwy o sesiynau i farnu.",
  },
  'unknown-attendance-codes': {
    owner: 'school',
    en: 'Ask {school} to correct the attendance marks it sent with codes that are not national codes.',
    cy: "Gofynnwch i {school} gywiro'r marciau presenoldeb a anfonodd gyda chodau nad ydynt yn godau cenedlaethol.",
  },
  'attendance-declining': {
    owner: 'social-worker',
    en: 'Ask the child and their carer what has changed, and tell {school} about anything at home or in the placement.',
    cy: "Gofynnwch i'r plentyn a'i ofalwr beth sydd wedi newid, a dywedwch wrth {school} am unrhyw beth gartref neu yn y lleoliad.",
  },
  'no-attendance-data': {
    owner: 'virtual-school',
    en: "Ask {school} for this year's attendance, and check that the child's UPN is recorded correctly.",
    cy: "Gofynnwch i {school} am bresenoldeb eleni, a gwiriwch fod UPN y plentyn wedi'i gofnodi'n gywir.",
  },
  'no-attendance-data-upn': {
    owner: 'social-worker',
    en: "Check the child's UPN with {school} and send the right one to the virtual school, so the school's attendance can be matched.",
    cy: "Gwiriwch UPN y plentyn gydag {school} ac anfonwch yr un cywir at yr ysgol rithwir, er mwyn paru presenoldeb yr ysgol.",
  },
  'attendance-partial': {
    owner: 'virtual-school',
    en: 'Ask {school} for the attendance marks missing since {since:date}.',
    cy: "Gofynnwch i {school} am y marciau presenoldeb sydd ar goll ers {since:date}.",
  },
  'attendance-codes-out-of-use': {
    owner: 'school',
    en: 'Ask {school} to correct the marks that use codes not in use on their dates.',
    cy: "Gofynnwch i {school} gywiro'r marciau sy'n defnyddio codau nad oeddent yn cael eu defnyddio ar eu dyddiadau.",
  },
  // PEP
  'pep-due-soon-holiday': {
    owner: 'social-worker',
    en: 'Book the PEP review with {school} now, before the holiday: it is due by {due:date}.',
    cy: "Trefnwch adolygiad y CAP gydag {school} nawr, cyn y gwyliau: mae'n ddyledus erbyn {due:date}.",
  },
  'pep-due-today': {
    owner: 'social-worker',
    en: 'Check with {school} that the PEP meeting due today, {due:date}, is taking place.',
    cy: "Gwiriwch gydag {school} fod y cyfarfod CAP sy'n ddyledus heddiw, {due:date}, yn cael ei gynnal.",
  },
  'pep-overdue': {
    owner: 'social-worker',
    en: 'Book the PEP review with {school} now: it was due by {due:date}.',
    cy: "Trefnwch adolygiad y CAP gydag {school} nawr: roedd yn ddyledus erbyn {due:date}.",
  },
  'pep-initial-overdue': {
    owner: 'social-worker',
    en: 'Hold the first PEP meeting with {school} and the virtual school now: it was due by {due:date}.',
    cy: "Cynhaliwch y cyfarfod CAP cyntaf gydag {school} a'r ysgol rithwir nawr: roedd yn ddyledus erbyn {due:date}.",
  },
  'pep-due-soon': {
    owner: 'social-worker',
    en: 'Book the PEP review with {school} before {due:date}.',
    cy: 'Trefnwch adolygiad y CAP gydag {school} cyn {due:date}.',
  },
  'pep-none-recorded': {
    owner: 'social-worker',
    en: 'Arrange a PEP meeting with {school} and the virtual school, or send the virtual school the last PEP if one was held.',
    cy: "Trefnwch gyfarfod CAP gydag {school} a'r ysgol rithwir, neu anfonwch y CAP diwethaf at yr ysgol rithwir os cynhaliwyd un.",
  },
  'pep-child-views-missing': {
    owner: 'social-worker',
    en: "Ask the child what they think about school before the next PEP, and record their views in it.",
    cy: "Gofynnwch i'r plentyn beth mae'n ei feddwl am yr ysgol cyn y CAP nesaf, a chofnodwch ei farn ynddo.",
  },
  'pep-quality-low': {
    owner: 'virtual-school',
    en: 'Tell the social worker and {school} what the PEP needs to be rated higher, and check it at the next review.',
    cy: "Dywedwch wrth y gweithiwr cymdeithasol ac {school} beth sydd ei angen i'r CAP gael sgôr uwch, a gwiriwch yn yr adolygiad nesaf.",
  },
  'pep-quality-unknown': {
    owner: 'virtual-school',
    en: "Correct the PEP's quality rating in the ePEP system to one on the council's scale.",
    cy: "Cywirwch sgôr ansawdd y CAP yn y system ePEP i un ar raddfa'r cyngor.",
  },
  'social-worker-actions-overdue': {
    owner: 'social-worker',
    en: 'Complete your overdue PEP actions, or tell the virtual school why they cannot be done.',
    cy: "Cwblhewch eich camau gweithredu CAP hwyr, neu dywedwch wrth yr ysgol rithwir pam na ellir eu gwneud.",
  },
  'social-worker-actions-outstanding': {
    owner: 'social-worker',
    en: 'Plan time for your open PEP actions before they fall due.',
    cy: "Cynlluniwch amser ar gyfer eich camau gweithredu CAP agored cyn iddynt ddod yn ddyledus.",
  },
  // Exclusions
  'permanent-exclusion': {
    owner: 'virtual-school',
    en: 'Find a new school place with the admissions team now; the child must have full-time education from the sixth school day.',
    cy: "Dewch o hyd i le ysgol newydd gyda'r tîm derbyn nawr; rhaid i'r plentyn gael addysg amser llawn o'r chweched diwrnod ysgol.",
  },
  'suspensions': {
    owner: 'school',
    en: 'Ask {school} what support is in place to prevent another suspension, and discuss it at the next PEP.',
    cy: "Gofynnwch i {school} pa gymorth sydd ar waith i atal ataliad arall, a'i drafod yn y CAP nesaf.",
  },
  // Attainment
  'below-expected': {
    owner: 'school',
    en: 'Agree in the PEP what extra help {school} will give in {subjects}, and how Pupil Premium Plus pays for it.',
    cy: "Cytunwch yn y CAP pa help ychwanegol y bydd {school} yn ei roi mewn {subjects}, a sut mae'r Premiwm Disgyblion Plws yn talu amdano.",
  },
  'below-target': {
    owner: 'school',
    en: 'Ask {school} why the child is below target in {subjects} and what will change before the next PEP.',
    cy: "Gofynnwch i {school} pam mae'r plentyn islaw'r targed mewn {subjects} a beth fydd yn newid cyn y CAP nesaf.",
  },
  'assessment-year': {
    owner: 'virtual-school',
    en: 'Check that the PEP plans for the tests or exams this year, including any access arrangements.',
    cy: "Gwiriwch fod y CAP yn cynllunio ar gyfer y profion neu'r arholiadau eleni, gan gynnwys unrhyw drefniadau mynediad.",
  },
  // SEN
  'ehc-plan': {
    owner: 'school',
    en: 'Make sure the EHC plan review and the PEP review are held together or one after the other.',
    cy: "Sicrhewch fod adolygiad y cynllun EHC ac adolygiad y CAP yn cael eu cynnal gyda'i gilydd neu un ar ôl y llall.",
  },
  'sen-support': {
    owner: 'school',
    en: 'Check that the PEP says what SEN support the child gets and whether it is working.',
    cy: "Gwiriwch fod y CAP yn dweud pa gymorth AAA y mae'r plentyn yn ei gael ac a yw'n gweithio.",
  },
  // Care
  'placement-changes': {
    owner: 'social-worker',
    en: 'Before any further move, talk to the virtual school about keeping the child at {school}.',
    cy: "Cyn unrhyw symud pellach, siaradwch â'r ysgol rithwir am gadw'r plentyn yn {school}.",
  },
  'new-to-care': {
    owner: 'social-worker',
    en: 'Tell the virtual school and {school} that the child is in care, and set up the first PEP.',
    cy: "Dywedwch wrth yr ysgol rithwir ac {school} fod y plentyn mewn gofal, a threfnwch y CAP cyntaf.",
  },
  'out-of-area': {
    owner: 'virtual-school',
    en: "Check that the school knows which virtual school to contact, and tell the local council's virtual school.",
    cy: "Gwiriwch fod yr ysgol yn gwybod pa ysgol rithwir i gysylltu â hi, a rhowch wybod i ysgol rithwir y cyngor lleol.",
  },
  // School, identity, data
  'no-current-school': {
    owner: 'virtual-school',
    en: 'Find a school place now with the admissions team: a child in care has the highest priority for admission.',
    cy: "Dewch o hyd i le ysgol nawr gyda'r tîm derbyn: mae gan blentyn mewn gofal y flaenoriaeth uchaf ar gyfer derbyn.",
  },
  'upn-invalid': {
    owner: 'school',
    en: "Ask {school} for the child's unique pupil number, and have the record corrected.",
    cy: "Gofynnwch i {school} am rif disgybl unigryw'r plentyn, a chywirwch y cofnod.",
  },
  'upn-missing': {
    owner: 'school',
    en: "Ask {school} for the child's unique pupil number, so their school data can be matched.",
    cy: "Gofynnwch i {school} am rif disgybl unigryw'r plentyn, fel y gellir paru ei ddata ysgol.",
  },
  'stale-data': {
    owner: 'virtual-school',
    en: 'Ask the data team when this information was last updated before you rely on it.',
    cy: "Gofynnwch i'r tîm data pryd y diweddarwyd yr wybodaeth hon ddiwethaf cyn dibynnu arni.",
  },
};

/** When a flag has no next step (a flag added without one), the step says whom to ask rather than nothing. */
export const FALLBACK_NEXT_STEP: NextStep = {
  owner: 'virtual-school',
  en: 'Ask the virtual school what needs to happen about this.',
  cy: "Gofynnwch i'r ysgol rithwir beth sydd angen ei wneud am hyn.",
};
