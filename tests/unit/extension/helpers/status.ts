import { EducationStatus, type EducationStatus as Status } from '../../../../core/model/index.ts';

/** A valid education status for tests, with the fields a test cares about overridden. */
export function makeStatus(overrides: { personId?: string; firstName?: string; lastName?: string; dateOfBirth?: string; overall?: Status['rag']['overall'] } = {}): Status {
  const personId = overrides.personId ?? 'P100001';
  const firstName = overrides.firstName ?? 'Jane';
  const lastName = overrides.lastName ?? 'Smith';
  const summary = {
    from: '2025-09-03',
    to: '2026-03-13',
    possibleSessions: 240,
    attendedSessions: 218,
    authorisedAbsenceSessions: 12,
    unauthorisedAbsenceSessions: 10,
    attendancePercent: 90.8,
    persistentAbsence: false,
    severeAbsence: false,
    smallDenominator: false,
    absenceReasons: [{ code: 'I', label: 'Illness', category: 'authorised' as const, sessions: 12 }],
    weekly: [
      { weekStart: '2026-02-23', possibleSessions: 10, attendedSessions: 9, attendancePercent: 90 },
      { weekStart: '2026-03-02', possibleSessions: 10, attendedSessions: 10, attendancePercent: 100 },
    ],
    unknownCodes: [],
    basis: 'marks' as const,
  };
  const explained = (text: string) => ({ key: 'test', params: {}, text });
  return EducationStatus.parse({
    schemaVersion: 1,
    asOf: '2026-03-13',
    language: 'en',
    child: {
      personId,
      upn: 'B801200005001',
      upnValid: true,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      dateOfBirth: overrides.dateOfBirth ?? '2015-03-03',
      age: 11,
      gender: 'female',
      yearGroup: 6,
      yearGroupLabel: 'Year 6',
      keyStage: 'KS2',
      assessmentYear: true,
    },
    lookedAfter: {
      lookedAfter: true,
      inCare12MonthsOrMore: true,
      placementChangesLast12Months: 1,
      placementArea: 'out-of-area',
    },
    school: { urn: '100001', name: 'Hillside Primary School', inArea: false, designatedTeacher: { name: 'Ms Patel', email: 'dt@example.org' } },
    attendance: { academicYear: summary, term: { ...summary, termName: 'spring' }, lastFourWeeks: summary, trend: 'steady' },
    attainment: { statutory: [], inYear: [], coreSubjectsBelowExpected: [] },
    pep: {
      state: 'due-soon',
      lastMeeting: { date: '2025-11-20', status: 'approved', qualityRating: 'green' },
      nextDue: '2026-03-27',
      daysOverdue: 0,
      socialWorkerActions: [
        { description: 'Update the care section', owner: 'social-worker', meetingDate: '2025-11-20', due: '2026-03-01', overdue: true, daysOverdue: 12 },
      ],
      outstandingActions: [],
      ppPlus: { requested: 600, approved: 600 },
    },
    exclusions: { suspensionsThisYear: 0, sessionsLostThisYear: 0, permanentExclusion: false, latest: null },
    sen: { provision: 'K', provisionLabel: 'SEN support' },
    rag: {
      overall: overrides.overall ?? 'amber',
      attendance: 'amber',
      pep: 'amber',
      exclusions: 'green',
      attainment: 'none',
      reasons: {
        overall: [explained('Attendance is below 95%.')],
        attendance: [explained('Attendance this year is 90.8%.')],
        pep: [explained('The next PEP is due within 15 school days.')],
        exclusions: [],
        attainment: [],
      },
    },
    flags: [
      { key: 'pep-due-soon', area: 'pep', severity: 'amber', title: explained('PEP due soon'), meaning: explained('The next PEP meeting must happen soon.') },
      { key: 'sw-action-overdue', area: 'pep', severity: 'red', title: explained('Action overdue'), meaning: explained('You have a PEP action past its due date.') },
      { key: 'out-of-area', area: 'care', severity: 'info', title: explained('Placed out of area'), meaning: explained('The child lives outside the council area.') },
    ],
    freshness: { parts: {}, oldest: '2026-03-10', stale: false },
  });
}
