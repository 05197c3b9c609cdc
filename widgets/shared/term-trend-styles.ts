import { css } from 'lit';

/** The styles of the trend's chart and tables (widgets/shared/term-trend.ts), kept apart so a component can
 * load the trend itself later. */
export const termTrendStyles = css`
  .term-chart {
    position: relative;
    height: var(--edu-chart-height, 12rem);
    margin: 0 0 4px;
  }
  .trend table {
    margin: 0 0 var(--_space);
  }
  .trend caption {
    text-align: start;
    font-weight: bold;
  }
  .verdict-below,
  .trend .minor {
    font-weight: bold;
  }
  .trend .minor {
    margin: 8px 0 4px;
  }
`;
