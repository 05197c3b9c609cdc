import type { TrendsView } from '../../core/presentation/trends.ts';

const BAR = 24;
const GAP = 8;
const TOP = 6;
const HEIGHT = 70;
const AXIS = 40;

/**
 * The trend over three school years, as core describes it (core/presentation/trends.ts): attendance by
 * term as a small SVG bar chart with the persistent-absence line, and the same figures as a table; then
 * attainment against expected over time, as tables. No chart library: the panel stays light.
 *
 * Colour is never the only signal: under each bar is its percentage, marked "!" for persistent absence
 * and "?" for too few sessions to judge; a term with no data is an empty dashed outline marked "–" (never
 * a bar), and the table says all of it in words.
 */
export function TermTrend({ view, idPrefix }: { view: TrendsView; idPrefix: string }) {
  const { attendance, attainment } = view;
  const terms = attendance.terms;
  const width = Math.max(1, terms.length) * (BAR + GAP);
  const y = (percent: number) => TOP + HEIGHT - (percent / 100) * HEIGHT;
  const lineY = y(attendance.line.percent);
  const years: { year: string; from: number; count: number }[] = [];
  terms.forEach((term, index) => {
    const last = years.at(-1);
    if (last && last.year === term.academicYear) last.count += 1;
    else years.push({ year: term.academicYear, from: index, count: 1 });
  });
  return (
    <div class="trend">
      <h4 id={`${idPrefix}-attendance`}>{attendance.title}</h4>
      {terms.length > 0 && (
        <figure class="term-chart" aria-labelledby={`${idPrefix}-attendance`}>
          <svg width={width + 30} height={TOP + HEIGHT + AXIS} viewBox={`0 0 ${width + 30} ${TOP + HEIGHT + AXIS}`} role="img" aria-label={attendance.chartLabel}>
            <line class="axis" x1={0} x2={width} y1={TOP + HEIGHT + 0.5} y2={TOP + HEIGHT + 0.5} />
            {terms.map((term, index) => {
              const x = index * (BAR + GAP) + GAP / 2;
              if (term.percent === null) {
                return (
                  <g key={term.label} class="term-none">
                    <rect x={x + 0.5} y={TOP + HEIGHT - 12.5} width={BAR - 1} height={12} />
                  </g>
                );
              }
              const top = y(term.percent);
              return (
                <g key={term.label} class={term.persistent ? 'term-bar term-persistent' : term.tooFew ? 'term-bar term-few' : 'term-bar'}>
                  <rect x={x} y={top} width={BAR} height={Math.max(1, TOP + HEIGHT - top)} />
                </g>
              );
            })}
            <line class="pa-line" x1={0} x2={width} y1={lineY} y2={lineY} />
            <text class="pa-label" x={width + 2} y={lineY + 3}>
              {attendance.line.percent}%
            </text>
            {terms.map((term, index) => (
              <text key={`${term.label}-value`} class="term-value" x={index * (BAR + GAP) + GAP / 2 + BAR / 2} y={TOP + HEIGHT + 11}>
                {term.percent === null ? '–' : `${Math.round(term.percent)}${term.persistent ? '!' : term.tooFew ? '?' : ''}`}
              </text>
            ))}
            {terms.map((term, index) => (
              <text key={`${term.label}-axis`} class="term-axis" x={index * (BAR + GAP) + GAP / 2 + BAR / 2} y={TOP + HEIGHT + 23}>
                {term.short}
              </text>
            ))}
            {years.map((year) => (
              <text key={year.year} class="year-axis" x={(year.from + year.count / 2) * (BAR + GAP)} y={TOP + HEIGHT + 35}>
                {year.year}
              </text>
            ))}
          </svg>
          <figcaption class="muted">{attendance.line.label}</figcaption>
        </figure>
      )}
      <details class="trend-table">
        <summary>{attendance.showTable}</summary>
        <table class="figures">
          <caption>{attendance.title}</caption>
          <thead>
            <tr>
              <th scope="col">{attendance.columns.term}</th>
              <th scope="col">{attendance.columns.attendance}</th>
              <th scope="col">{attendance.columns.sessions}</th>
              <th scope="col">{attendance.columns.note}</th>
            </tr>
          </thead>
          <tbody>
            {terms.map((term) => (
              <tr key={term.label}>
                <th scope="row">{term.label}</th>
                <td>{term.value}</td>
                <td>{term.sessions}</td>
                <td>{term.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <h4>{attainment.title}</h4>
      {attainment.subjects.length === 0 ? (
        <p>{attainment.none}</p>
      ) : (
        attainment.subjects.map((subject) => (
          <table key={subject.subject} class="figures trend-attainment">
            <caption>{subject.subject}</caption>
            <thead>
              <tr>
                <th scope="col">{attainment.columns.date}</th>
                <th scope="col">{attainment.columns.result}</th>
                <th scope="col">{attainment.columns.verdict}</th>
              </tr>
            </thead>
            <tbody>
              {subject.points.map((point, index) => (
                <tr key={index}>
                  <th scope="row">{point.date}</th>
                  <td>{point.result}</td>
                  <td class={point.meets === false ? 'verdict-below' : undefined}>{point.verdict}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))
      )}
    </div>
  );
}
