import type { NextStepKey } from './next-steps.ts';

/**
 * The next steps in Welsh (Cymraeg): the same keys as NEXT_STEPS in next-steps.ts (the type checker holds
 * it) and the same placeholders (a test checks). Loaded only where Welsh is shown: the widgets fetch it
 * when an element's language is Welsh; the extension and the command line register it at start.
 */
export const NEXT_STEPS_CY: Readonly<Record<NextStepKey, string>> = {
  // Care
  'short-breaks': "Nid oes angen CAP ar gyfer seibiannau byr; rhannwch unrhyw bryderon am yr ysgol gydag {school} a'r teulu.",
  // Attendance
  'persistent-absence': "Gofynnwch i {school} beth sy'n cadw'r plentyn i ffwrdd a chytuno ar gynllun presenoldeb yn y CAP nesaf.",
  'severe-absence': "Siaradwch ag {school} a'r ysgol rithwir yr wythnos hon: mae'r plentyn yn colli hanner ei addysg.",
  'attendance-small-denominator': "Dim i'w wneud eto: edrychwch eto ymhen ychydig wythnosau, pan fydd mwy o sesiynau i farnu.",
  'unknown-attendance-codes': "Gofynnwch i {school} gywiro'r marciau presenoldeb a anfonodd gyda chodau nad ydynt yn godau cenedlaethol.",
  'attendance-declining': "Gofynnwch i'r plentyn a'i ofalwr beth sydd wedi newid, a dywedwch wrth {school} am unrhyw beth gartref neu yn y lleoliad.",
  'no-attendance-data': "Gofynnwch i {school} am bresenoldeb eleni, a gwiriwch fod UPN y plentyn wedi'i gofnodi'n gywir.",
  'no-attendance-data-upn': "Gwiriwch UPN y plentyn gydag {school} ac anfonwch yr un cywir at yr ysgol rithwir, er mwyn paru presenoldeb yr ysgol.",
  'attendance-partial': "Gofynnwch i {school} am y marciau presenoldeb sydd ar goll ers {since:date}.",
  'attendance-codes-out-of-use': "Gofynnwch i {school} gywiro'r marciau sy'n defnyddio codau nad oeddent yn cael eu defnyddio ar eu dyddiadau.",
  // PEP
  'pep-due-soon-holiday': "Trefnwch adolygiad y CAP gydag {school} nawr, cyn y gwyliau: mae'n ddyledus erbyn {due:date}.",
  'pep-due-today': "Gwiriwch gydag {school} fod y cyfarfod CAP sy'n ddyledus heddiw, {due:date}, yn cael ei gynnal.",
  'pep-overdue': "Trefnwch adolygiad y CAP gydag {school} nawr: roedd yn ddyledus erbyn {due:date}.",
  'pep-initial-overdue': "Cynhaliwch y cyfarfod CAP cyntaf gydag {school} a'r ysgol rithwir nawr: roedd yn ddyledus erbyn {due:date}.",
  'pep-due-soon': 'Trefnwch adolygiad y CAP gydag {school} cyn {due:date}.',
  'pep-none-recorded': "Trefnwch gyfarfod CAP gydag {school} a'r ysgol rithwir, neu anfonwch y CAP diwethaf at yr ysgol rithwir os cynhaliwyd un.",
  'pep-child-views-missing': "Gofynnwch i'r plentyn beth mae'n ei feddwl am yr ysgol cyn y CAP nesaf, a chofnodwch ei farn ynddo.",
  'pep-quality-low': "Dywedwch wrth y gweithiwr cymdeithasol ac {school} beth sydd ei angen i'r CAP gael sgôr uwch, a gwiriwch yn yr adolygiad nesaf.",
  'pep-quality-unknown': "Cywirwch sgôr ansawdd y CAP yn y system ePEP i un ar raddfa'r cyngor.",
  'social-worker-actions-overdue': "Cwblhewch eich camau gweithredu CAP hwyr, neu dywedwch wrth yr ysgol rithwir pam na ellir eu gwneud.",
  'social-worker-actions-outstanding': "Cynlluniwch amser ar gyfer eich camau gweithredu CAP agored cyn iddynt ddod yn ddyledus.",
  // Exclusions
  'permanent-exclusion': "Dewch o hyd i le ysgol newydd gyda'r tîm derbyn nawr; rhaid i'r plentyn gael addysg amser llawn o'r chweched diwrnod ysgol.",
  'suspensions': "Gofynnwch i {school} pa gymorth sydd ar waith i atal ataliad arall, a'i drafod yn y CAP nesaf.",
  // Attainment
  'below-expected': "Cytunwch yn y CAP pa help ychwanegol y bydd {school} yn ei roi mewn {subjects}, a sut mae'r Premiwm Disgyblion Plws yn talu amdano.",
  'below-target': "Gofynnwch i {school} pam mae'r plentyn islaw'r targed mewn {subjects} a beth fydd yn newid cyn y CAP nesaf.",
  'assessment-year': "Gwiriwch fod y CAP yn cynllunio ar gyfer y profion neu'r arholiadau eleni, gan gynnwys unrhyw drefniadau mynediad.",
  // SEN
  'ehc-plan': "Sicrhewch fod adolygiad y cynllun EHC ac adolygiad y CAP yn cael eu cynnal gyda'i gilydd neu un ar ôl y llall.",
  'sen-support': "Gwiriwch fod y CAP yn dweud pa gymorth AAA y mae'r plentyn yn ei gael ac a yw'n gweithio.",
  // Care
  'placement-changes': "Cyn unrhyw symud pellach, siaradwch â'r ysgol rithwir am gadw'r plentyn yn {school}.",
  'new-to-care': "Dywedwch wrth yr ysgol rithwir ac {school} fod y plentyn mewn gofal, a threfnwch y CAP cyntaf.",
  'out-of-area': "Gwiriwch fod yr ysgol yn gwybod pa ysgol rithwir i gysylltu â hi, a rhowch wybod i ysgol rithwir y cyngor lleol.",
  // School, identity, data
  'no-current-school': "Dewch o hyd i le ysgol nawr gyda'r tîm derbyn: mae gan blentyn mewn gofal y flaenoriaeth uchaf ar gyfer derbyn.",
  'upn-invalid': "Gofynnwch i {school} am rif disgybl unigryw'r plentyn, a chywirwch y cofnod.",
  'upn-missing': "Gofynnwch i {school} am rif disgybl unigryw'r plentyn, fel y gellir paru ei ddata ysgol.",
  'stale-data': "Gofynnwch i'r tîm data pryd y diweddarwyd yr wybodaeth hon ddiwethaf cyn dibynnu arni.",
};

/** The Welsh of FALLBACK_NEXT_STEP: whom to ask when a flag has no next step. */
export const FALLBACK_NEXT_STEP_CY = "Gofynnwch i'r ysgol rithwir beth sydd angen ei wneud am hyn.";
