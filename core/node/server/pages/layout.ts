import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { SERVICE_STYLESHEET } from './styles.ts';

/** Page markup. Every value from data goes through `html`, which escapes it: nothing is concatenated into HTML. */
export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageOptions {
  title: string;
  /** Style sheets under /cms/assets/ (the demo's), after the service's own. */
  styles?: string[];
  /** Scripts under /cms/assets/ (modules). */
  scripts?: string[];
  bodyClass?: string;
  lang?: string;
}

export function page(options: PageOptions, body: Markup): Markup {
  return html`<!doctype html>
<html lang="${options.lang ?? 'en-GB'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${SERVICE_STYLESHEET}">
${(options.styles ?? []).map((sheet) => html`<link rel="stylesheet" href="/cms/assets/${sheet}">`)}
${(options.scripts ?? []).map((script) => html`<script type="module" src="/cms/assets/${script}"></script>`)}
</head>
<body class="${options.bodyClass ?? ''}">
${body}
</body>
</html>`;
}
