/**
 * The English message catalogue: every plain-English sentence EduBridge shows about a child's status.
 *
 * Placeholders are written `{name}`; `{name:date}` formats an ISO date for the reader ("3 March 2026").
 * Every flag has a `.title` and a `.meaning`: one or two sentences a social worker understands without
 * training. The Welsh catalogue (cy.ts) must have exactly the same keys and placeholders (a test checks).
 */
export const en = {
  // Words used inside other sentences
  'rating.green': 'green',
  'rating.amber': 'amber',
  'rating.red': 'red',
  'rating.none': 'not rated',
  'area.attendance': 'attendance',
  'area.pep': 'PEP',
  'area.exclusions': 'exclusions',
  'area.attainment': 'attainment',
  'part.identity': 'identity',
  'part.care': 'care',
  'part.school': 'school',
  'part.attendance': 'attendance',
  'part.attainment': 'attainment',
  'part.exclusions': 'exclusions',
  'part.sen': 'SEN',
  'part.pep': 'PEP',
  'subject.reading': 'reading',
  'subject.writing': 'writing',
  'subject.maths': 'maths',
  'subject.english': 'English',
  'list.and': 'and',
  'term.autumn': 'Autumn term {year}',
  'term.spring': 'Spring term {year}',
  'term.summer': 'Summer term {year}',
  'term.none': 'No term',
  'attendance.summary-part': '{from:date} to {to:date} ({possible|session|sessions})',
  'attainment.gcse-expected': 'Grade {grade} or above (the council\'s expected standard)',

  // Flags: attendance
  'flag.persistent-absence.title': 'Persistent absence',
  'flag.persistent-absence.meaning':
    'Attendance this school year is {percent}%. Missing one day in ten or more counts as persistent absence, and children who miss this much school usually fall behind.',
  'flag.severe-absence.title': 'Severe absence',
  'flag.severe-absence.meaning':
    'Attendance this school year is {percent}%: the child misses about {missed} sessions in 10. Missing half of all sessions or more counts as severe absence.',
  'flag.attendance-small-denominator.title': 'Too early to judge attendance',
  'flag.attendance-small-denominator.meaning':
    'Only {possible|session|sessions} could have been attended so far this school year, so one or two absences move the percentage a lot. Treat the figure with caution.',
  'flag.unknown-attendance-codes.title': 'Attendance marks not recognised',
  'flag.unknown-attendance-codes.meaning':
    'Attendance marks left out of the figures because their code is not a national attendance code: {count}. Ask the school or the data team to correct them.',
  'flag.attendance-declining.title': 'Attendance falling',
  'flag.attendance-declining.meaning':
    'Attendance in the last four school weeks was {recent}%, down from {previous}% in the four school weeks before. A sudden drop can be an early sign that something is wrong.',
  'flag.no-attendance-data.title': 'No attendance data',
  'flag.no-attendance-data.meaning':
    'There is no attendance data since {since:date}, so attendance cannot be rated. Ask the school or the virtual school for it.',
  'flag.no-attendance-data-upn.title': 'No attendance data',
  'flag.no-attendance-data-upn.meaning':
    'There is no attendance data since {since:date}, so attendance cannot be rated. School data is matched by UPN and this child has no valid UPN: check the UPN, and ask the school for the attendance.',
  'flag.attendance-partial.title': 'Attendance data incomplete',
  'flag.attendance-partial.meaning':
    'Attendance is recorded for only {possible|session|sessions} since {since:date}, when the school calendar had {calendar}. Ask the school for the rest before relying on the figure.',
  'flag.attendance-codes-out-of-use.title': 'Attendance codes used on the wrong dates',
  'flag.attendance-codes-out-of-use.meaning':
    'Attendance marks left out of the figures because their code was not in use on the date it was given: {count}. Ask the school to correct them to the codes in use then.',

  // Flags: PEP
  'flag.pep-overdue.title': 'PEP overdue',
  'flag.pep-overdue.meaning':
    'A personal education plan (PEP) meeting was due by {due:date} and is {days|day|days} overdue. Every child in care should have a PEP meeting each school term.',
  'flag.pep-initial-overdue.title': 'First PEP overdue',
  'flag.pep-initial-overdue.meaning':
    'The first personal education plan (PEP) should be ready within {workingDays|working day|working days} of coming into care, by {due:date}. It is {days|day|days} overdue.',
  'flag.pep-due-soon.title': 'PEP due soon',
  'flag.pep-due-soon.meaning':
    'The next personal education plan (PEP) meeting is due by {due:date}, {schoolDays|school day|school days} from now. Check that a date is booked with the school.',
  'flag.pep-due-soon-holiday.title': 'PEP due in the school holiday',
  'flag.pep-due-soon-holiday.meaning':
    'The next personal education plan (PEP) meeting is due by {due:date}, in {days|day|days}, with no school days before then. Book it now, while staff can still be reached.',
  'flag.pep-due-today.title': 'PEP due today',
  'flag.pep-due-today.meaning': 'The next personal education plan (PEP) meeting is due today, {due:date}. Check that it is taking place.',
  'flag.pep-none-recorded.title': 'No PEP recorded',
  'flag.pep-none-recorded.meaning':
    'No personal education plan (PEP) meeting is recorded for this child in care. Every child in care must have a PEP.',
  'flag.pep-child-views-missing.title': "Child's views not recorded",
  'flag.pep-child-views-missing.meaning':
    "The last PEP does not record the child's own views. What the child thinks and wants is a required part of every PEP.",
  'flag.pep-quality-low.title': 'PEP rated {rating}',
  'flag.pep-quality-low.meaning':
    'The virtual school rated the last PEP as {rating}. A low rating means the plan may not get the child the support they need: ask the virtual school what to improve.',
  'flag.pep-quality-unknown.title': 'PEP rating not recognised',
  'flag.pep-quality-unknown.meaning':
    'The last PEP has the quality rating "{rating}", which is not on this council\'s rating scale, so it cannot be judged.',
  'flag.social-worker-actions-overdue.title': 'Social worker actions overdue',
  'flag.social-worker-actions-overdue.meaning':
    'PEP actions for the social worker that are past their due date: {count}. The oldest is {days|day|days} overdue.',
  'flag.social-worker-actions-outstanding.title': 'Social worker actions open',
  'flag.social-worker-actions-outstanding.meaning':
    'PEP actions for the social worker that are still open but not yet due: {count}.',

  // Flags: exclusions
  'flag.permanent-exclusion.title': 'Permanently excluded',
  'flag.permanent-exclusion.meaning':
    'The child was permanently excluded on {date:date}: they cannot go back to that school and need a new school place.',
  'flag.suspensions.title': 'Suspended this school year',
  'flag.suspensions.meaning':
    'Suspensions this school year: {count}, losing {sessions|session|sessions} (half days) of school. A suspension means the school sent the child home for a fixed time.',

  // Flags: attainment
  'flag.below-expected.title': 'Below expected in {subjects}',
  'flag.below-expected.meaning':
    'The latest assessments show the child working below the standard expected for their age in {subjects}.',
  'flag.below-target.title': 'Below target',
  'flag.below-target.meaning': "The school's latest judgements or predicted grades are below the target set in {subjects}.",
  'flag.assessment-year.title': 'National tests or exams this year',
  'flag.assessment-year.meaning':
    'The child is in {yearGroup}, a year with national tests or exams. Virtual schools watch these years most closely.',

  // Flags: care
  'flag.short-breaks.title': 'Short breaks',
  'flag.short-breaks.meaning':
    'The child is looked after under an agreed series of short breaks, not in full-time care. A PEP is not part of a short-break care plan, and these breaks are left out of the 12-month care figures.',

  // Flags: SEN
  'flag.ehc-plan.title': 'EHC plan',
  'flag.ehc-plan.meaning':
    'The child has an education, health and care (EHC) plan: a legal document setting out the support they must get. It should be reviewed at least once a year.',
  'flag.sen-support.title': 'SEN support',
  'flag.sen-support.meaning':
    'The school gives the child extra help for special educational needs (SEN support), without an EHC plan.',

  // Flags: care
  'flag.placement-changes.title': 'Placement changes',
  'flag.placement-changes.meaning':
    'Changes of placement in the last 12 months: {count}. Moves often bring a change of school and lost learning.',
  'flag.new-to-care.title': 'New to care',
  'flag.new-to-care.meaning':
    'The child came into care on {date:date}, {days|day|days} ago. The first weeks are when a PEP and stable schooling matter most.',
  'flag.out-of-area.title': 'Placed out of area',
  'flag.out-of-area.meaning':
    "The child's placement is outside the council's area, so their school may be in another council's area too.",

  // Flags: school, identity, data
  'flag.no-current-school.title': 'No school place',
  'flag.no-current-school.meaning':
    'No current school is recorded for a child of compulsory school age. A child without a school place is missing education and needs urgent action.',
  'flag.upn-invalid.title': 'UPN looks wrong',
  'flag.upn-invalid.meaning':
    'The unique pupil number (UPN) recorded is not valid. {problem} School data may not match this child until it is corrected.',
  'flag.upn-missing.title': 'No UPN',
  'flag.upn-missing.meaning':
    'No unique pupil number (UPN) is recorded, so school data cannot be matched to this child automatically.',
  'flag.stale-data.title': 'Data may be out of date',
  'flag.stale-data.meaning':
    'Some of this information is more than {days|day|days} old ({parts}). Check with its source before acting on it.',

  // RAG reasons
  'rag.attendance.green': 'Attendance this school year is {percent}%, at or above {green}%.',
  'rag.attendance.amber': 'Attendance this school year is {percent}%, below {green}% but at or above {amber}%.',
  'rag.attendance.red': 'Attendance this school year is {percent}%, below {amber}%.',
  'rag.attendance.red-persistent': 'Attendance this school year is {percent}%: one day in ten or more missed.',
  'rag.attendance.persistent': 'That is persistent absence, which is always rated red.',
  'rag.attendance.severe': 'That is severe absence: the child misses about {missed} sessions in 10.',
  'rag.attendance.too-early':
    'Only {possible|session|sessions} could have been attended so far: too early to judge (attendance is rated from {minimum} sessions).',
  'rag.attendance.not-started': 'The school year has not started yet: too early to judge attendance.',
  'rag.attendance.missing': 'No attendance data since {since:date}: ask the school for it.',
  'rag.attendance.missing-upn':
    'No attendance data since {since:date}: the child has no valid UPN, so school data cannot be matched. Check the UPN and ask the school for the attendance.',
  'rag.attendance.partial':
    'Attendance is recorded for only {possible|session|sessions} since {since:date}, when the school calendar had {calendar}: ask the school for the rest.',
  'rag.attendance.summary-basis': 'Worked out from summary figures, not daily attendance marks.',
  'rag.attendance.mixed-basis': 'Worked out from daily attendance marks and, for {parts}, summary figures: each session counted once.',
  'rag.attendance.none': 'There is no attendance data for this school year.',
  'rag.pep.in-date': 'The PEP is up to date. The next meeting is due by {due:date}.',
  'rag.pep.due-soon': 'The next PEP meeting is due by {due:date}, in {schoolDays|school day|school days}.',
  'rag.pep.due-soon-holiday': 'The next PEP meeting is due by {due:date}, in {days|day|days}, with no school days before then.',
  'rag.pep.due-today': 'The next PEP meeting is due today, {due:date}.',
  'rag.pep.short-breaks': 'The child is looked after on a series of short breaks, so no PEP is needed.',
  'rag.pep.too-young': 'A PEP is needed from age {age} under this council\'s policy, and the child is younger.',
  'rag.pep.overdue': 'The PEP meeting due by {due:date} is {days|day|days} overdue.',
  'rag.pep.none-recorded': 'No PEP meeting is recorded for this child in care.',
  'rag.pep.not-required': 'The child is not looked after on this date, so no PEP is needed.',
  'rag.exclusions.green': 'No suspensions or permanent exclusions this school year.',
  'rag.exclusions.permanent': 'Permanently excluded on {date:date}.',
  'rag.exclusions.suspensions': 'Suspensions this school year: {count} (red at {red} or more).',
  'rag.exclusions.none': 'The child is not of school age, so exclusions are not rated.',
  'rag.attainment.green': 'At or above the expected standard in {subjects}.',
  'rag.attainment.below': 'Below the expected standard in {subjects} (red when {red|subject|subjects} or more are below).',
  'rag.attainment.below-tracked': 'Below the expected standard in {subjects}: amber, for the PEP to plan extra help and track progress.',
  'rag.attainment.missing': 'No assessment in the last year in {subjects}.',
  'rag.attainment.prior': 'Judged on the key stage 2 results (prior attainment) in {subjects}: there is no more recent assessment.',
  'rag.attainment.none': 'No assessment in the last year shows how the child is doing in {subjects}.',
  'rag.attainment.not-school-age': 'The child is not of school age, so attainment is not rated.',
  'rag.overall.worst': 'The overall rating is the worst of the areas rated: {areas} rated {rating}.',
  'rag.overall.none': 'Nothing could be rated yet.',
  'rag.overall.incomplete': 'The picture is incomplete: there is no data to rate {areas}, so the overall rating cannot be green.',
  'rag.overall.rated-green': 'Rated green: {areas}.',
  'rag.overall.also-incomplete': 'There is also no data to rate {areas}.',
  'rag.overall.unrated': 'Not rated: {areas}.',
  'rag.raised-by-flag': 'Rated {rating} because of "{flag}".',
  'needs-action.pep-overdue': 'PEP overdue since {due:date}',
  'needs-action.pep-initial-overdue': 'First PEP overdue since {due:date}',
  'needs-action.pep-due': 'PEP due by {due:date}',
  'needs-action.pep-due-today': 'PEP due today',
  'needs-action.rated-red': 'Rated red',
  'needs-action.rated-amber': 'Rated amber',
} as const;

export type MessageKey = keyof typeof en;
