import type { EducationStatus, Flag } from '../../core/model/index.ts';
import { PEP_STATE_WORD, RATING_ICON, RATING_WORD, dateText, money, percent } from '../lib/format.ts';
import { WeeklyChart } from './WeeklyChart.tsx';

/**
 * The whole picture for one child, as text. Every sentence of explanation comes from the status itself
 * (its reasons and flags, from core's message catalogue): the extension re-derives nothing.
 */

const SEVERITY_WORD: Record<Flag['severity'], string> = { red: 'Red', amber: 'Amber', info: 'Note' };
const SEVERITY_ICON: Record<Flag['severity'], string> = { red: '✕', amber: '▲', info: 'ℹ' };

function YesNo({ value }: { value: boolean }) {
  return <>{value ? 'Yes' : 'No'}</>;
}

export function RatingWord({ rating }: { rating: EducationStatus['rag']['overall'] }) {
  return (
    <span class={`rating rating-${rating}`}>
      <span class="rating-icon" aria-hidden="true">
        {RATING_ICON[rating]}
      </span>{' '}
      {RATING_WORD[rating]}
    </span>
  );
}

function Attendance({ status }: { status: EducationStatus }) {
  const { academicYear, term, lastFourWeeks, trend } = status.attendance;
  const reasons = academicYear.absenceReasons.slice(0, 3);
  return (
    <section aria-labelledby="eb-attendance">
      <h3 id="eb-attendance">
        Attendance <RatingWord rating={status.rag.attendance} />
      </h3>
      <table class="figures">
        <tbody>
          <tr>
            <th scope="row">This term{term.termName ? ` (${term.termName})` : ''}</th>
            <td>{percent(term.attendancePercent)}</td>
          </tr>
          <tr>
            <th scope="row">This year</th>
            <td>{percent(academicYear.attendancePercent)}</td>
          </tr>
          <tr>
            <th scope="row">Last four school weeks</th>
            <td>{percent(lastFourWeeks.attendancePercent)}</td>
          </tr>
          <tr>
            <th scope="row">Persistent absence</th>
            <td>
              <YesNo value={academicYear.persistentAbsence} />
            </td>
          </tr>
          <tr>
            <th scope="row">Severe absence</th>
            <td>
              <YesNo value={academicYear.severeAbsence} />
            </td>
          </tr>
          <tr>
            <th scope="row">Trend</th>
            <td>{trend}</td>
          </tr>
        </tbody>
      </table>
      {status.rag.attendance === 'none' && status.rag.reasons.attendance[0] && <p class="note">{status.rag.reasons.attendance[0].text}</p>}
      {reasons.length > 0 && (
        <>
          <h4>Main absence reasons this year</h4>
          <ul>
            {reasons.map((reason) => (
              <li key={reason.code}>
                {reason.label} ({reason.category}): {reason.sessions} session{reason.sessions === 1 ? '' : 's'}
              </li>
            ))}
          </ul>
        </>
      )}
      <WeeklyChart weeks={academicYear.weekly.slice(-12)} />
      <Reasons items={status.rag.reasons.attendance} />
    </section>
  );
}

function Reasons({ items }: { items: EducationStatus['rag']['reasons']['overall'] }) {
  if (items.length === 0) return null;
  return (
    <ul class="reasons">
      {items.map((item, index) => (
        <li key={index}>{item.text}</li>
      ))}
    </ul>
  );
}

function Attainment({ status }: { status: EducationStatus }) {
  const { statutory, inYear, coreSubjectsBelowExpected } = status.attainment;
  return (
    <section aria-labelledby="eb-attainment">
      <h3 id="eb-attainment">
        Attainment <RatingWord rating={status.rag.attainment} />
      </h3>
      {statutory.length === 0 && inYear.length === 0 && <p>No results recorded.</p>}
      {statutory.length > 0 && (
        <>
          <h4>Latest statutory results</h4>
          <ul>
            {statutory.map((result, index) => (
              <li key={index}>
                {result.measure} {result.subject} ({dateText(result.date)}): {result.resultLabel}
                {result.meetsExpected === null ? '' : result.meetsExpected ? ' — meets the expected standard' : ' — below the expected standard'}
              </li>
            ))}
          </ul>
        </>
      )}
      {inYear.length > 0 && (
        <>
          <h4>This year's teacher judgements</h4>
          <ul>
            {inYear.map((judgement, index) => (
              <li key={index}>
                {judgement.subject}: {judgement.judgement ?? judgement.predictedGrade ?? 'no judgement'}
                {judgement.target ? ` (target ${judgement.target}, ${judgement.versusTarget === 'unknown' ? 'not comparable' : `${judgement.versusTarget} target`})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      {coreSubjectsBelowExpected.length > 0 && <p>Below expected in: {coreSubjectsBelowExpected.join(', ')}.</p>}
      <Reasons items={status.rag.reasons.attainment} />
    </section>
  );
}

function Pep({ status }: { status: EducationStatus }) {
  const { pep } = status;
  return (
    <section aria-labelledby="eb-pep">
      <h3 id="eb-pep">
        Personal education plan <RatingWord rating={status.rag.pep} />
      </h3>
      <table class="figures">
        <tbody>
          <tr>
            <th scope="row">State</th>
            <td>{PEP_STATE_WORD[pep.state]}</td>
          </tr>
          <tr>
            <th scope="row">Last meeting</th>
            <td>{pep.lastMeeting ? `${dateText(pep.lastMeeting.date)} (${pep.lastMeeting.status})` : 'none recorded'}</td>
          </tr>
          <tr>
            <th scope="row">Next due</th>
            <td>{dateText(pep.nextDue)}</td>
          </tr>
          {pep.daysOverdue > 0 && (
            <tr>
              <th scope="row">Days overdue</th>
              <td>{pep.daysOverdue}</td>
            </tr>
          )}
          <tr>
            <th scope="row">Quality rating</th>
            <td>{pep.qualityRating ?? 'not rated'}</td>
          </tr>
          <tr>
            <th scope="row">Pupil Premium Plus</th>
            <td>
              requested {money(pep.ppPlus.requested)}, approved {money(pep.ppPlus.approved)}
            </td>
          </tr>
        </tbody>
      </table>
      <h4>Actions you owe</h4>
      {pep.socialWorkerActions.length === 0 ? (
        <p>None outstanding.</p>
      ) : (
        <ul>
          {pep.socialWorkerActions.map((action, index) => (
            <li key={index}>
              {action.description} — due {dateText(action.due)}
              {action.overdue ? ` (${action.daysOverdue} days overdue)` : ''}
            </li>
          ))}
        </ul>
      )}
      <Reasons items={status.rag.reasons.pep} />
    </section>
  );
}

function Exclusions({ status }: { status: EducationStatus }) {
  const { exclusions } = status;
  return (
    <section aria-labelledby="eb-exclusions">
      <h3 id="eb-exclusions">
        Exclusions <RatingWord rating={status.rag.exclusions} />
      </h3>
      <p>
        {exclusions.suspensionsThisYear} suspension{exclusions.suspensionsThisYear === 1 ? '' : 's'} this year, {exclusions.sessionsLostThisYear}{' '}
        session{exclusions.sessionsLostThisYear === 1 ? '' : 's'} lost.
        {exclusions.permanentExclusion ? ' Permanently excluded.' : ''}
      </p>
      {exclusions.latest && (
        <p>
          Latest: {exclusions.latest.type} from {dateText(exclusions.latest.start)}
          {exclusions.latest.reasonLabel ? ` (${exclusions.latest.reasonLabel})` : ''}.
        </p>
      )}
      <Reasons items={status.rag.reasons.exclusions} />
    </section>
  );
}

function SchoolAndSen({ status }: { status: EducationStatus }) {
  const { school, sen, lookedAfter } = status;
  const area = { 'in-area': 'In area', 'out-of-area': 'Out of area', 'from-another-council': 'Placed here by another council', unknown: 'Not known' };
  return (
    <section aria-labelledby="eb-school">
      <h3 id="eb-school">School and special educational needs</h3>
      <table class="figures">
        <tbody>
          <tr>
            <th scope="row">School</th>
            <td>{school ? `${school.name} (URN ${school.urn})` : 'No current school recorded'}</td>
          </tr>
          <tr>
            <th scope="row">Designated teacher</th>
            <td>
              {school?.designatedTeacher
                ? [school.designatedTeacher.name, school.designatedTeacher.email, school.designatedTeacher.phone].filter(Boolean).join(', ')
                : 'not recorded'}
            </td>
          </tr>
          <tr>
            <th scope="row">Placement</th>
            <td>{area[lookedAfter.placementArea]}</td>
          </tr>
          <tr>
            <th scope="row">SEN</th>
            <td>
              {sen.provisionLabel}
              {sen.primaryNeedLabel ? ` — ${sen.primaryNeedLabel}` : ''}
              {sen.ehcPlanIssued ? ` (EHC plan issued ${dateText(sen.ehcPlanIssued)})` : ''}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function Flags({ flags }: { flags: Flag[] }) {
  if (flags.length === 0) return <p>No alerts.</p>;
  return (
    <ul class="flags">
      {flags.map((flag) => (
        <li key={flag.key} class={`flag flag-${flag.severity}`}>
          <strong>
            <span aria-hidden="true">{SEVERITY_ICON[flag.severity]}</span> {SEVERITY_WORD[flag.severity]}: {flag.title.text}
          </strong>
          <br />
          {flag.meaning.text}
        </li>
      ))}
    </ul>
  );
}

export function StatusDetails({ status }: { status: EducationStatus }) {
  return (
    <div class="details">
      <section aria-labelledby="eb-overall">
        <h3 id="eb-overall">
          Overall <RatingWord rating={status.rag.overall} />
        </h3>
        <Reasons items={status.rag.reasons.overall} />
        <h4>Alerts</h4>
        <Flags flags={status.flags} />
      </section>
      <Attendance status={status} />
      <Pep status={status} />
      <Attainment status={status} />
      <Exclusions status={status} />
      <SchoolAndSen status={status} />
      <section aria-labelledby="eb-fresh">
        <h3 id="eb-fresh">How fresh this is</h3>
        <p>
          Worked out as of {dateText(status.asOf)}
          {status.freshness.oldest ? `; the oldest part of the data is as of ${dateText(status.freshness.oldest)}` : ''}.
          {status.freshness.stale ? ' Some of the data is older than your council expects.' : ''}
        </p>
      </section>
    </div>
  );
}
