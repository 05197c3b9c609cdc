import { css, unsafeCSS } from 'lit';
import { RATING_VOCABULARY } from '../../core/messages/ratings.ts';

/** A rating's colour or symbol from the core vocabulary, as CSS. */
const look = (rating: keyof typeof RATING_VOCABULARY, part: 'text' | 'background' | 'accent') => unsafeCSS(RATING_VOCABULARY[rating][part]);
const symbol = (rating: keyof typeof RATING_VOCABULARY) => unsafeCSS(JSON.stringify(RATING_VOCABULARY[rating].symbol));

/**
 * Design tokens shared by every component. Each `--edu-*` property falls back to the GOV.UK Frontend
 * `--govuk-*-colour` property a council page may already set, then to the GOV.UK palette. Fonts default
 * to Arial: GDS Transport and the crown are for gov.uk only.
 */
export const tokens = css`
  :host {
    --_font: var(--edu-font-family, Arial, Helvetica, sans-serif);
    --_text: var(--edu-text-colour, var(--govuk-text-colour, #0b0c0c));
    --_secondary: var(--edu-secondary-text-colour, var(--govuk-secondary-text-colour, #484949));
    --_bg: var(--edu-background-colour, var(--govuk-body-background-colour, #ffffff));
    --_panel: var(--edu-panel-colour, var(--govuk-light-grey-colour, #f3f2f1));
    --_border: var(--edu-border-colour, var(--govuk-border-colour, #b1b4b6));
    --_link: var(--edu-link-colour, var(--govuk-link-colour, #1d70b8));
    --_focus: var(--edu-focus-colour, var(--govuk-focus-colour, #ffdd00));
    --_focus-text: var(--edu-focus-text-colour, var(--govuk-focus-text-colour, #0b0c0c));
    --_brand: var(--edu-brand-colour, var(--govuk-brand-colour, #1d70b8));
    --_button: var(--edu-button-colour, var(--govuk-button-colour, #00703c));
    --_button-text: var(--edu-button-text-colour, var(--govuk-button-text-colour, #ffffff));
    --_error: var(--edu-error-colour, var(--govuk-error-colour, #d4351c));
    --_red: var(--edu-red-colour, var(--govuk-error-colour, ${look('red', 'accent')}));
    --_red-bg: var(--edu-red-background-colour, ${look('red', 'background')});
    --_red-text: var(--edu-red-text-colour, ${look('red', 'text')});
    --_amber: var(--edu-amber-colour, ${look('amber', 'accent')});
    --_amber-bg: var(--edu-amber-background-colour, ${look('amber', 'background')});
    --_amber-text: var(--edu-amber-text-colour, ${look('amber', 'text')});
    --_green: var(--edu-green-colour, var(--govuk-success-colour, ${look('green', 'accent')}));
    --_green-bg: var(--edu-green-background-colour, ${look('green', 'background')});
    --_green-text: var(--edu-green-text-colour, ${look('green', 'text')});
    --_none-bg: var(--edu-none-background-colour, ${look('none', 'background')});
    --_none-text: var(--edu-none-text-colour, ${look('none', 'text')});
    --_radius: var(--edu-radius, 0);
    --_space: var(--edu-space, 15px);
    display: block;
    font-family: var(--_font);
    font-size: var(--edu-font-size, 1rem);
    line-height: 1.4;
    color: var(--_text);
    background: var(--_bg);
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2,
  h3,
  h4 {
    margin: 0 0 calc(var(--_space) / 1.5);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.5em;
  }
  h3 {
    font-size: 1.2em;
  }
  h4 {
    font-size: 1em;
  }
  p {
    margin: 0 0 calc(var(--_space) / 1.5);
  }
  .secondary {
    color: var(--_secondary);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_text);
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  button.link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_link);
    text-decoration: underline;
    cursor: pointer;
    text-align: start;
  }
  button.link:focus-visible {
    background: var(--_focus);
    color: var(--_focus-text);
    outline: none;
    box-shadow: 0 -2px var(--_focus), 0 4px var(--_text);
    text-decoration: none;
  }
  .button {
    display: inline-block;
    padding: 8px 10px 7px;
    border: 2px solid transparent;
    border-radius: var(--_radius);
    background: var(--_button);
    color: var(--_button-text);
    box-shadow: 0 2px 0 #002d18;
    cursor: pointer;
  }
  .button.secondary-button {
    background: var(--_panel);
    color: var(--_text);
    box-shadow: 0 2px 0 #858686;
  }
  .button:focus-visible {
    border-color: var(--_focus);
    outline: 3px solid transparent;
    background: var(--_focus);
    color: var(--_focus-text);
    box-shadow: inset 0 0 0 1px var(--_focus), 0 2px 0 var(--_text);
  }
  .button[disabled] {
    opacity: 0.5;
    cursor: not-allowed;
  }
  dl.figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11em), 1fr));
    gap: calc(var(--_space) / 1.5);
    margin: 0 0 var(--_space);
  }
  dl.figures > div {
    padding: calc(var(--_space) / 1.5);
    background: var(--_panel);
    border-radius: var(--_radius);
  }
  dl.figures dt {
    font-size: 0.9em;
  }
  dl.figures dd {
    margin: 0;
    font-size: 1.5em;
    font-weight: bold;
  }
  dl.figures dd small {
    display: block;
    font-size: 0.6em;
    font-weight: normal;
  }
  dl.facts {
    display: grid;
    grid-template-columns: minmax(8em, max-content) 1fr;
    gap: 4px var(--_space);
    margin: 0 0 var(--_space);
  }
  dl.facts dt {
    font-weight: bold;
  }
  dl.facts dd {
    margin: 0;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    margin: 0 0 var(--_space);
  }
  caption {
    text-align: start;
    font-weight: bold;
    padding-bottom: 5px;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 8px 10px 8px 0;
    border-bottom: 1px solid var(--_border);
  }
  td.num,
  th.num {
    text-align: end;
  }
  ul.plain {
    margin: 0 0 var(--_space);
    padding-inline-start: 1.2em;
  }
  .state {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-left-width: 5px;
    border-radius: var(--_radius);
  }
  .state.error {
    border-color: var(--_error);
  }
  .state h2 {
    font-size: 1.2em;
  }
  .spinner {
    display: inline-block;
    width: 1em;
    height: 1em;
    margin-inline-end: 0.5em;
    vertical-align: -0.15em;
    border: 3px solid var(--_border);
    border-top-color: var(--_brand);
    border-radius: 50%;
    animation: edu-spin 1s linear infinite;
  }
  @keyframes edu-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-top-color: var(--_border);
    }
    * {
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
  @media (forced-colors: active) {
    .state,
    dl.figures > div,
    .rag {
      border: 1px solid CanvasText;
    }
    :focus-visible {
      outline: 3px solid Highlight;
    }
  }
`;

/** The RAG badge: the rating always in words (never colour alone) with a shape as well as a colour. */
export const ragStyles = css`
  .rag {
    display: inline-block;
    padding: 2px 8px;
    border-radius: var(--_radius);
    font-weight: bold;
    white-space: nowrap;
    border-inline-start: 6px solid transparent;
  }
  .rag::before {
    display: inline-block;
    margin-inline-end: 0.35em;
    font-weight: bold;
  }
  .rag-red {
    background: var(--_red-bg);
    color: var(--_red-text);
    border-inline-start-color: var(--_red);
  }
  .rag-red::before {
    content: ${symbol('red')} / '';
  }
  .rag-amber {
    background: var(--_amber-bg);
    color: var(--_amber-text);
    border-inline-start-color: var(--_amber);
  }
  .rag-amber::before {
    content: ${symbol('amber')} / '';
  }
  .rag-green {
    background: var(--_green-bg);
    color: var(--_green-text);
    border-inline-start-color: var(--_green);
  }
  .rag-green::before {
    content: ${symbol('green')} / '';
  }
  .rag-none {
    background: var(--_none-bg);
    color: var(--_none-text);
    border-inline-start-color: var(--_border);
  }
  .rag-none::before {
    content: ${symbol('none')} / '';
  }
`;

/** Headings are `role="heading"` with the level the page asks for; these give them their look. */
export const headingStyles = css`
  .heading {
    margin: 0 0 calc(var(--_space) / 1.5);
    font-weight: bold;
    line-height: 1.25;
    font-size: 1.5em;
  }
  .heading.h3,
  .heading.h4,
  .heading.h5,
  .heading.h6 {
    font-size: 1.25em;
  }
  .subheading {
    margin: var(--_space) 0 calc(var(--_space) / 2);
    font-weight: bold;
    font-size: 1.1em;
  }
`;

/** A `<details>` disclosure (the table behind a chart): its summary looks and focuses like a link. */
export const disclosureStyles = css`
  summary {
    color: var(--_link);
    text-decoration: underline;
    cursor: pointer;
  }
  summary:focus-visible {
    background: var(--_focus);
    color: var(--_focus-text);
  }
`;
