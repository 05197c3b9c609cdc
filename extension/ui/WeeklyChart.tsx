import type { EducationStatus } from '../../core/model/index.ts';
import { dateText, percent } from '../lib/format.ts';

type Week = EducationStatus['attendance']['academicYear']['weekly'][number];

/** A small bar chart of weekly attendance, drawn as SVG, with the same figures as a table for screen
 * readers and anyone who prefers numbers. */
export function WeeklyChart({ weeks }: { weeks: Week[] }) {
  if (weeks.length === 0) return null;
  const barWidth = 14;
  const gap = 4;
  const height = 48;
  return (
    <figure class="weekly">
      <svg
        width={weeks.length * (barWidth + gap)}
        height={height + 2}
        viewBox={`0 0 ${weeks.length * (barWidth + gap)} ${height + 2}`}
        aria-hidden="true"
        focusable="false"
      >
        {weeks.map((week, index) => {
          const value = week.attendancePercent ?? 0;
          const barHeight = Math.max(1, (value / 100) * height);
          return (
            <rect
              key={week.weekStart}
              x={index * (barWidth + gap)}
              y={height - barHeight + 1}
              width={barWidth}
              height={barHeight}
              class={value >= 95 ? 'bar-green' : value >= 90 ? 'bar-amber' : 'bar-red'}
            />
          );
        })}
      </svg>
      <figcaption>
        <details>
          <summary>Weekly attendance, last {weeks.length} weeks</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                <th scope="col">Attendance</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((week) => (
                <tr key={week.weekStart}>
                  <td>{dateText(week.weekStart)}</td>
                  <td>{percent(week.attendancePercent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
