import { useEffect } from 'preact/hooks';
import type { EducationStatus } from '../../core/model/index.ts';
import { registerLanguage } from '../../core/presentation/languages.ts';
import { describeSections, type DetailGroup, type PanelSections, type Viewer } from '../../core/presentation/sections.ts';
import { WELSH } from '../../core/presentation/welsh.ts';
import { RATING_ICON, RATING_WORD } from '../lib/format.ts';
import { describeTrends } from '../../core/presentation/trends.ts';
import { TermTrend } from './TermTrend.tsx';
import { WeeklyChart } from './WeeklyChart.tsx';

// The panel is drawn in the status's language, and the extension carries both: Welsh is there from the start.
registerLanguage('cy', WELSH);

/**
 * The whole picture for one child, drawn from core's description of the panel's sections
 * (core/presentation/sections.ts), the same description `<edu-child-summary>` draws. The first screen
 * answers how the child is doing, what needs doing and by whom, and whom to contact; everything else is
 * one click away, grouped. The extension re-derives nothing.
 */

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

function HowDoing({ sections }: { sections: PanelSections }) {
  return (
    <section aria-labelledby="eb-how" class="how">
      <h3 id="eb-how">{sections.headings.howDoing}</h3>
      <p class="overall">
        {sections.overall.title}: <RatingWord rating={sections.overall.rating} /> {sections.overall.sentence}
      </p>
      <ul class="tiles">
        {sections.tiles.map((tile) => (
          <li key={tile.area} class={`tile tile-${tile.rating}`}>
            <h4>
              {tile.title} <RatingWord rating={tile.rating} />
            </h4>
            <p class="figure">{tile.figure}</p>
            {tile.sentence && <p class="sentence">{tile.sentence}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Todo({ sections }: { sections: PanelSections }) {
  return (
    <section aria-labelledby="eb-todo" class="todo">
      <h3 id="eb-todo">{sections.headings.todo}</h3>
      {sections.todo.length === 0 ? (
        <p>{sections.headings.noTodo}</p>
      ) : (
        <ol class="todo-list">
          {sections.todo.map((item, index) => (
            <li key={index} class={`todo-item todo-${item.overdue ? 'overdue' : item.severity}`}>
              <span class="owner">
                {item.ownerLabel}
                {item.yours ? ` (${sections.headings.yours.toLowerCase()})` : ''}:
              </span>{' '}
              {item.text}
              {item.when && <span class={item.overdue ? 'when overdue' : 'when'}> {item.when}.</span>}
              {item.why && <span class="why"> ({item.why})</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Contacts({ sections }: { sections: PanelSections }) {
  return (
    <section aria-labelledby="eb-contacts" class="contacts">
      <h3 id="eb-contacts">{sections.headings.contacts}</h3>
      {sections.pepDocument && (
        <p>
          <a href={sections.pepDocument.url} target="_blank" rel="noopener noreferrer">
            {sections.pepDocument.label}
          </a>
        </p>
      )}
      <dl>
        {sections.contacts.map((contact) => (
          <div key={contact.role} class="contact">
            <dt>{contact.roleLabel}</dt>
            <dd>
              {contact.missing ?? contact.name}
              {contact.phone && (
                <>
                  {', '}
                  <a href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>{contact.phone}</a>
                </>
              )}
              {contact.email && (
                <>
                  {', '}
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Group({ group, status, sections }: { group: DetailGroup; status: EducationStatus; sections: PanelSections }) {
  const trends = group.id === 'trends' ? describeTrends(status, sections.language) : undefined;
  if (trends) {
    return (
      <details class="group group-trends">
        <summary>{group.title}</summary>
        <TermTrend view={trends} idPrefix="eb-trend" />
      </details>
    );
  }
  return (
    <details class={`group group-${group.id}`}>
      <summary>{group.title}</summary>
      {group.rows.length > 0 && (
        <table class="figures">
          <tbody>
            {group.rows.map((row, index) => (
              <tr key={index}>
                <th scope="row">{row.label}</th>
                <td>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {group.id === 'attendance' && <WeeklyChart weeks={status.attendance.academicYear.weekly.slice(-12)} />}
      {group.lines.length > 0 && (
        <ul class="lines">
          {group.lines.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      )}
    </details>
  );
}

export function StatusDetails({ status, viewer = 'social-worker', epepOrigin }: { status: EducationStatus; viewer?: Viewer; epepOrigin?: string }) {
  const sections = describeSections(status, { viewer, ...(epepOrigin ? { epepOrigin } : {}), today: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()) });
  // Printed, every group is open; afterwards each is as the reader left it.
  useEffect(() => {
    let closed: HTMLDetailsElement[] = [];
    const before = () => {
      closed = [...document.querySelectorAll<HTMLDetailsElement>('details.group:not([open])')];
      for (const details of closed) details.open = true;
    };
    const after = () => {
      for (const details of closed) details.open = false;
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return (
    <div class="details">
      <div class="print-only">
        <p class="marking">{sections.print.marking}</p>
        <p>
          {sections.print.child}. {sections.print.printed}
        </p>
      </div>
      <HowDoing sections={sections} />
      <Todo sections={sections} />
      <Contacts sections={sections} />
      <section aria-labelledby="eb-more" class="more">
        <h3 id="eb-more">{sections.headings.more}</h3>
        {sections.groups.map((group) => (
          <Group key={group.id} group={group} status={status} sections={sections} />
        ))}
      </section>
      <p class={sections.stale ? 'freshness stale' : 'freshness muted'}>{sections.freshness}</p>
    </div>
  );
}
