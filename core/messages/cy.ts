import type { MessageKey } from './en.ts';

/**
 * The Welsh message catalogue (Cymraeg): the same keys and placeholders as en.ts (a test checks).
 *
 * TO REVIEW: these translations were written by a non-native speaker and must be checked by a Welsh
 * speaker (ideally the council's Welsh-language officer) before councils in Wales rely on them. Terms
 * used: CAP = Cynllun Addysg Personol (PEP); AAA = anghenion addysgol arbennig (SEN); ataliad =
 * suspension; gwaharddiad parhaol = permanent exclusion; ysgol rithwir = virtual school. A noun after a
 * numeral stays singular in Welsh ("12 diwrnod"), so both forms of a `{n|one|other}` placeholder are the same.
 */
export const cy: Record<MessageKey, string> = {
  'rating.green': 'gwyrdd',
  'rating.amber': 'ambr',
  'rating.red': 'coch',
  'rating.none': 'heb ei sgorio',
  'area.attendance': 'presenoldeb',
  'area.pep': 'CAP',
  'area.exclusions': 'gwaharddiadau',
  'area.attainment': 'cyrhaeddiad',
  'part.identity': 'hunaniaeth',
  'part.care': 'gofal',
  'part.school': 'ysgol',
  'part.attendance': 'presenoldeb',
  'part.attainment': 'cyrhaeddiad',
  'part.exclusions': 'gwaharddiadau',
  'part.sen': 'AAA',
  'part.pep': 'CAP',
  'subject.reading': 'darllen',
  'subject.writing': 'ysgrifennu',
  'subject.maths': 'mathemateg',
  'subject.english': 'Saesneg',
  'list.and': 'a',
  'term.autumn': 'Tymor yr hydref {year}',
  'term.spring': 'Tymor y gwanwyn {year}',
  'term.summer': 'Tymor yr haf {year}',
  'attendance.summary-part': '{from:date} i {to:date} ({possible|sesiwn|sesiwn})',
  'attainment.gcse-expected': "Gradd {grade} neu uwch (safon ddisgwyliedig y cyngor)",
  'term.none': 'Dim tymor',

  'flag.persistent-absence.title': 'Absenoldeb parhaus',
  'flag.persistent-absence.meaning':
    "Presenoldeb y flwyddyn ysgol hon yw {percent}%. Mae colli un diwrnod o bob deg neu fwy yn cyfrif fel absenoldeb parhaus, ac mae plant sy'n colli cymaint â hyn o ysgol fel arfer yn llithro ar ei hôl hi.",
  'flag.severe-absence.title': 'Absenoldeb difrifol',
  'flag.severe-absence.meaning':
    "Presenoldeb y flwyddyn ysgol hon yw {percent}%: mae'r plentyn yn colli tua {missed} o bob 10 sesiwn. Mae colli hanner yr holl sesiynau neu fwy yn cyfrif fel absenoldeb difrifol.",
  'flag.attendance-small-denominator.title': 'Rhy gynnar i farnu presenoldeb',
  'flag.attendance-small-denominator.meaning':
    "Dim ond {possible|sesiwn|sesiwn} y gellid bod wedi'u mynychu hyd yma y flwyddyn ysgol hon, felly mae un neu ddau absenoldeb yn newid y ganran yn fawr. Byddwch yn ofalus gyda'r ffigur.",
  'flag.unknown-attendance-codes.title': 'Marciau presenoldeb heb eu hadnabod',
  'flag.unknown-attendance-codes.meaning':
    "Marciau presenoldeb a adawyd allan o'r ffigurau am nad yw eu cod yn god presenoldeb cenedlaethol: {count}. Gofynnwch i'r ysgol neu'r tîm data eu cywiro.",
  'flag.attendance-declining.title': 'Presenoldeb yn gostwng',
  'flag.attendance-declining.meaning':
    "Presenoldeb yn ystod y pedair wythnos ysgol ddiwethaf oedd {recent}%, i lawr o {previous}% yn y pedair wythnos ysgol cyn hynny. Gall gostyngiad sydyn fod yn arwydd cynnar bod rhywbeth o'i le.",
  'flag.no-attendance-data.title': 'Dim data presenoldeb',
  'flag.no-attendance-data.meaning':
    "Nid oes data presenoldeb ers {since:date}, felly ni ellir sgorio presenoldeb. Gofynnwch i'r ysgol neu'r ysgol rithwir amdano.",
  'flag.no-attendance-data-upn.title': 'Dim data presenoldeb',
  'flag.no-attendance-data-upn.meaning':
    "Nid oes data presenoldeb ers {since:date}, felly ni ellir sgorio presenoldeb. Caiff data ysgol ei baru yn ôl UPN ac nid oes gan y plentyn hwn UPN dilys: gwiriwch yr UPN, a gofynnwch i'r ysgol am y presenoldeb.",
  'flag.attendance-partial.title': 'Data presenoldeb yn anghyflawn',
  'flag.attendance-partial.meaning':
    "Dim ond {possible|sesiwn|sesiwn} sydd wedi'u cofnodi ers {since:date}, pan oedd gan galendr yr ysgol {calendar}. Gofynnwch i'r ysgol am y gweddill cyn dibynnu ar y ffigur.",
  'flag.attendance-codes-out-of-use.title': 'Codau presenoldeb ar y dyddiadau anghywir',
  'flag.attendance-codes-out-of-use.meaning':
    "Marciau presenoldeb a adawyd allan o'r ffigurau am nad oedd eu cod yn cael ei ddefnyddio ar y dyddiad hwnnw: {count}. Gofynnwch i'r ysgol eu cywiro i'r codau a oedd yn cael eu defnyddio bryd hynny.",

  'flag.pep-overdue.title': 'CAP yn hwyr',
  'flag.pep-overdue.meaning':
    "Roedd cyfarfod cynllun addysg personol (CAP) yn ddyledus erbyn {due:date} ac mae {days|diwrnod|diwrnod} yn hwyr. Dylai pob plentyn mewn gofal gael cyfarfod CAP bob tymor ysgol.",
  'flag.pep-initial-overdue.title': 'CAP cyntaf yn hwyr',
  'flag.pep-initial-overdue.meaning':
    "Dylai'r cynllun addysg personol (CAP) cyntaf fod yn barod o fewn {workingDays|diwrnod gwaith|diwrnod gwaith} i ddod i ofal, erbyn {due:date}. Mae {days|diwrnod|diwrnod} yn hwyr.",
  'flag.pep-due-soon.title': 'CAP yn ddyledus cyn bo hir',
  'flag.pep-due-soon.meaning':
    "Mae'r cyfarfod cynllun addysg personol (CAP) nesaf yn ddyledus erbyn {due:date}, {schoolDays|diwrnod ysgol|diwrnod ysgol} o nawr. Gwiriwch fod dyddiad wedi'i drefnu gyda'r ysgol.",
  'flag.pep-due-soon-holiday.title': 'CAP yn ddyledus yn ystod gwyliau ysgol',
  'flag.pep-due-soon-holiday.meaning':
    "Mae'r cyfarfod cynllun addysg personol (CAP) nesaf yn ddyledus erbyn {due:date}, ymhen {days|diwrnod|diwrnod}, heb ddiwrnod ysgol cyn hynny. Trefnwch ef nawr, tra bo modd cysylltu â'r staff.",
  'flag.pep-due-today.title': 'CAP yn ddyledus heddiw',
  'flag.pep-due-today.meaning': "Mae'r cyfarfod cynllun addysg personol (CAP) nesaf yn ddyledus heddiw, {due:date}. Gwiriwch ei fod yn digwydd.",
  'flag.short-breaks.title': 'Seibiannau byr',
  'flag.short-breaks.meaning':
    "Mae'r plentyn yn derbyn gofal o dan gyfres gytunedig o seibiannau byr, nid gofal llawn amser. Nid yw CAP yn rhan o gynllun gofal seibiannau byr, ac nid yw'r seibiannau hyn yn cael eu cyfrif yn ffigurau gofal 12 mis.",
  'flag.pep-none-recorded.title': "Dim CAP wedi'i gofnodi",
  'flag.pep-none-recorded.meaning':
    "Nid oes cyfarfod cynllun addysg personol (CAP) wedi'i gofnodi ar gyfer y plentyn hwn mewn gofal. Rhaid i bob plentyn mewn gofal gael CAP.",
  'flag.pep-child-views-missing.title': 'Barn y plentyn heb ei chofnodi',
  'flag.pep-child-views-missing.meaning':
    "Nid yw'r CAP diwethaf yn cofnodi barn y plentyn ei hun. Mae'r hyn y mae'r plentyn yn ei feddwl ac yn ei eisiau yn rhan ofynnol o bob CAP.",
  'flag.pep-quality-low.title': 'Sgôr y CAP: {rating}',
  'flag.pep-quality-low.meaning':
    "Rhoddodd yr ysgol rithwir sgôr {rating} i'r CAP diwethaf. Mae sgôr isel yn golygu efallai na fydd y cynllun yn rhoi'r cymorth sydd ei angen ar y plentyn: gofynnwch i'r ysgol rithwir beth i'w wella.",
  'flag.pep-quality-unknown.title': 'Sgôr CAP heb ei hadnabod',
  'flag.pep-quality-unknown.meaning':
    'Mae gan y CAP diwethaf y sgôr ansawdd "{rating}", nad yw ar raddfa sgorio\'r cyngor hwn, felly ni ellir ei barnu.',
  'flag.social-worker-actions-overdue.title': "Camau gweithredu'r gweithiwr cymdeithasol yn hwyr",
  'flag.social-worker-actions-overdue.meaning':
    "Camau gweithredu CAP i'r gweithiwr cymdeithasol sydd wedi mynd heibio'u dyddiad dyledus: {count}. Mae'r hynaf {days|diwrnod|diwrnod} yn hwyr.",
  'flag.social-worker-actions-outstanding.title': "Camau gweithredu'r gweithiwr cymdeithasol ar agor",
  'flag.social-worker-actions-outstanding.meaning':
    "Camau gweithredu CAP i'r gweithiwr cymdeithasol sy'n dal ar agor ond heb fod yn ddyledus eto: {count}.",

  'flag.permanent-exclusion.title': "Wedi'i wahardd yn barhaol",
  'flag.permanent-exclusion.meaning':
    "Cafodd y plentyn ei wahardd yn barhaol ar {date:date}: ni all fynd yn ôl i'r ysgol honno ac mae angen lle mewn ysgol newydd arno.",
  'flag.suspensions.title': "Wedi'i atal y flwyddyn ysgol hon",
  'flag.suspensions.meaning':
    "Ataliadau y flwyddyn ysgol hon: {count}, gan golli {sessions|sesiwn|sesiwn} (hanner diwrnod) o ysgol. Mae ataliad yn golygu bod yr ysgol wedi anfon y plentyn adref am gyfnod penodol.",

  'flag.below-expected.title': "Islaw'r disgwyl mewn {subjects}",
  'flag.below-expected.meaning':
    "Mae'r asesiadau diweddaraf yn dangos bod y plentyn yn gweithio islaw'r safon a ddisgwylir ar gyfer ei oedran mewn {subjects}.",
  'flag.below-target.title': "Islaw'r targed",
  'flag.below-target.meaning': "Mae barn neu raddau rhagweledig diweddaraf yr ysgol islaw'r targed a osodwyd mewn {subjects}.",
  'flag.assessment-year.title': 'Profion neu arholiadau cenedlaethol eleni',
  'flag.assessment-year.meaning':
    "Grŵp blwyddyn y plentyn yw {yearGroup}, blwyddyn gyda phrofion neu arholiadau cenedlaethol. Mae ysgolion rhithwir yn gwylio'r blynyddoedd hyn agosaf.",

  'flag.ehc-plan.title': 'Cynllun EHC',
  'flag.ehc-plan.meaning':
    "Mae gan y plentyn gynllun addysg, iechyd a gofal (EHC): dogfen gyfreithiol sy'n nodi'r cymorth y mae'n rhaid iddo ei gael. Dylid ei adolygu o leiaf unwaith y flwyddyn.",
  'flag.sen-support.title': 'Cymorth AAA',
  'flag.sen-support.meaning':
    "Mae'r ysgol yn rhoi help ychwanegol i'r plentyn ar gyfer anghenion addysgol arbennig (cymorth AAA), heb gynllun EHC.",

  'flag.placement-changes.title': 'Newidiadau lleoliad',
  'flag.placement-changes.meaning':
    'Newidiadau lleoliad yn ystod y 12 mis diwethaf: {count}. Mae symud yn aml yn golygu newid ysgol a cholli dysgu.',
  'flag.new-to-care.title': 'Newydd i ofal',
  'flag.new-to-care.meaning':
    'Daeth y plentyn i ofal ar {date:date}, {days|diwrnod|diwrnod} yn ôl. Yr wythnosau cyntaf yw pan fo CAP ac addysg sefydlog yn bwysicaf.',
  'flag.out-of-area.title': "Wedi'i leoli y tu allan i'r ardal",
  'flag.out-of-area.meaning':
    "Mae lleoliad y plentyn y tu allan i ardal y cyngor, felly gall ei ysgol fod yn ardal cyngor arall hefyd.",

  'flag.no-current-school.title': 'Dim lle ysgol',
  'flag.no-current-school.meaning':
    "Nid oes ysgol bresennol wedi'i chofnodi ar gyfer plentyn o oedran ysgol gorfodol. Mae plentyn heb le ysgol yn colli addysg ac mae angen gweithredu ar frys.",
  'flag.upn-invalid.title': "Mae'r UPN yn edrych yn anghywir",
  'flag.upn-invalid.meaning':
    "Nid yw'r rhif disgybl unigryw (UPN) a gofnodwyd yn ddilys. {problem} Efallai na fydd data ysgol yn cyfateb i'r plentyn hwn nes ei gywiro.",
  'flag.upn-missing.title': 'Dim UPN',
  'flag.upn-missing.meaning':
    "Nid oes rhif disgybl unigryw (UPN) wedi'i gofnodi, felly ni ellir paru data ysgol â'r plentyn hwn yn awtomatig.",
  'flag.stale-data.title': "Gall y data fod yn hen",
  'flag.stale-data.meaning':
    "Mae peth o'r wybodaeth hon yn fwy na {days|diwrnod|diwrnod} oed ({parts}). Gwiriwch gyda'i ffynhonnell cyn gweithredu arni.",

  'rag.attendance.green': "Presenoldeb y flwyddyn ysgol hon yw {percent}%, ar {green}% neu'n uwch.",
  'rag.attendance.amber': "Presenoldeb y flwyddyn ysgol hon yw {percent}%, islaw {green}% ond ar {amber}% neu'n uwch.",
  'rag.attendance.red': 'Presenoldeb y flwyddyn ysgol hon yw {percent}%, islaw {amber}%.',
  'rag.attendance.red-persistent': 'Presenoldeb y flwyddyn ysgol hon yw {percent}%: wedi colli un diwrnod o bob deg neu fwy.',
  'rag.attendance.persistent': "Mae hynny'n absenoldeb parhaus, sydd bob amser yn cael sgôr goch.",
  'rag.attendance.severe': "Mae hynny'n absenoldeb difrifol: mae'r plentyn yn colli tua {missed} o bob 10 sesiwn.",
  'rag.attendance.too-early':
    "Dim ond {possible|sesiwn|sesiwn} y gellid bod wedi'u mynychu hyd yma: rhy gynnar i farnu (caiff presenoldeb ei sgorio o {minimum} sesiwn).",
  'rag.attendance.not-started': "Nid yw'r flwyddyn ysgol wedi dechrau eto: rhy gynnar i farnu presenoldeb.",
  'rag.attendance.missing': "Dim data presenoldeb ers {since:date}: gofynnwch i'r ysgol amdano.",
  'rag.attendance.missing-upn':
    "Dim data presenoldeb ers {since:date}: nid oes gan y plentyn UPN dilys, felly ni ellir paru data ysgol. Gwiriwch yr UPN a gofynnwch i'r ysgol am y presenoldeb.",
  'rag.attendance.partial':
    "Dim ond {possible|sesiwn|sesiwn} sydd wedi'u cofnodi ers {since:date}, pan oedd gan galendr yr ysgol {calendar}: gofynnwch i'r ysgol am y gweddill.",
  'rag.attendance.mixed-basis': "Wedi'i gyfrifo o farciau presenoldeb dyddiol ac, ar gyfer {parts}, ffigurau cryno: pob sesiwn wedi'i chyfrif unwaith.",
  'rag.attendance.summary-basis': "Wedi'i gyfrifo o ffigurau cryno, nid o farciau presenoldeb dyddiol.",
  'rag.attendance.none': 'Nid oes data presenoldeb ar gyfer y flwyddyn ysgol hon.',
  'rag.pep.in-date': "Mae'r CAP yn gyfredol. Mae'r cyfarfod nesaf yn ddyledus erbyn {due:date}.",
  'rag.pep.due-soon': "Mae'r cyfarfod CAP nesaf yn ddyledus erbyn {due:date}, ymhen {schoolDays|diwrnod ysgol|diwrnod ysgol}.",
  'rag.pep.due-soon-holiday': "Mae'r cyfarfod CAP nesaf yn ddyledus erbyn {due:date}, ymhen {days|diwrnod|diwrnod}, heb ddiwrnod ysgol cyn hynny.",
  'rag.pep.due-today': "Mae'r cyfarfod CAP nesaf yn ddyledus heddiw, {due:date}.",
  'rag.pep.short-breaks': "Mae'r plentyn yn derbyn gofal ar gyfres o seibiannau byr, felly nid oes angen CAP.",
  'rag.pep.too-young': "Mae angen CAP o {age} oed o dan bolisi'r cyngor hwn, ac mae'r plentyn yn iau.",
  'rag.pep.overdue': "Mae'r cyfarfod CAP a oedd yn ddyledus erbyn {due:date} {days|diwrnod|diwrnod} yn hwyr.",
  'rag.pep.none-recorded': "Nid oes cyfarfod CAP wedi'i gofnodi ar gyfer y plentyn hwn mewn gofal.",
  'rag.pep.not-required': "Nid yw'r plentyn yn derbyn gofal ar y dyddiad hwn, felly nid oes angen CAP.",
  'rag.exclusions.green': 'Dim ataliadau na gwaharddiadau parhaol y flwyddyn ysgol hon.',
  'rag.exclusions.permanent': "Wedi'i wahardd yn barhaol ar {date:date}.",
  'rag.exclusions.suspensions': 'Ataliadau y flwyddyn ysgol hon: {count} (coch ar {red} neu fwy).',
  'rag.exclusions.none': "Nid yw'r plentyn o oedran ysgol, felly nid yw gwaharddiadau'n cael eu sgorio.",
  'rag.attainment.green': "Ar y safon ddisgwyliedig neu'n uwch mewn {subjects}.",
  'rag.attainment.below': "Islaw'r safon ddisgwyliedig mewn {subjects} (coch pan fo {red|pwnc|pwnc} neu fwy islaw).",
  'rag.attainment.below-tracked': "Islaw'r safon ddisgwyliedig mewn {subjects}: ambr, i'r CAP gynllunio help ychwanegol ac olrhain cynnydd.",
  'rag.attainment.missing': 'Dim asesiad yn ystod y flwyddyn ddiwethaf mewn {subjects}.',
  'rag.attainment.prior': "Wedi'i farnu ar ganlyniadau cyfnod allweddol 2 (cyrhaeddiad blaenorol) mewn {subjects}: nid oes asesiad mwy diweddar.",
  'rag.attainment.none':
    "Nid oes asesiad yn ystod y flwyddyn ddiwethaf yn dangos sut mae'r plentyn yn dod ymlaen mewn {subjects}.",
  'rag.attainment.not-school-age': "Nid yw'r plentyn o oedran ysgol, felly nid yw cyrhaeddiad yn cael ei sgorio.",
  'rag.overall.worst': "Y sgôr gyffredinol yw'r waethaf o'r meysydd a sgoriwyd: {areas} â sgôr {rating}.",
  'rag.overall.none': 'Nid oedd modd sgorio dim eto.',
  'rag.overall.incomplete': "Mae'r darlun yn anghyflawn: nid oes data i sgorio {areas}, felly ni all y sgôr gyffredinol fod yn wyrdd.",
  'rag.overall.rated-green': 'Sgôr werdd: {areas}.',
  'rag.overall.also-incomplete': 'Nid oes data chwaith i sgorio {areas}.',
  'rag.overall.unrated': 'Heb eu sgorio: {areas}.',
  'rag.raised-by-flag': 'Sgôr {rating} oherwydd "{flag}".',
  'needs-action.pep-overdue': 'CAP yn hwyr ers {due:date}',
  'needs-action.pep-initial-overdue': 'CAP cyntaf yn hwyr ers {due:date}',
  'needs-action.pep-due': 'CAP yn ddyledus erbyn {due:date}',
  'needs-action.pep-due-today': 'CAP yn ddyledus heddiw',
  'needs-action.rated-red': 'Sgôr goch',
  'needs-action.rated-amber': 'Sgôr ambr',
};
