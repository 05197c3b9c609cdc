import type { Hono } from 'hono';
import { html } from 'hono/html';
import { ageOn } from '../../../core/rules/year-group.ts';
import type { AppEnv, DemoContext } from '../../../core/node/server/app.ts';
import { caseload, cmsCase, formatDate, teamCaseload, type CmsCase } from '../cms-data.ts';
import { page, type Markup } from '../../../core/node/server/pages/layout.ts';

/**
 * "CarePath": an imitation of the server-rendered family of case-management systems. The person ID is
 * in the URL path (/cms/carepath/people/400013/chronology), the name and date of birth in a header block
 * above tabs; every tab is a full page load.
 */

export const CAREPATH_BASE = '/cms/carepath';
const TABS = [
  ['summary', 'Summary'],
  ['chronology', 'Chronology'],
  ['contacts', 'Contacts'],
  ['plans', 'Plans'],
  ['documents', 'Documents'],
] as const;
type Tab = (typeof TABS)[number][0];

const personUrl = (id: string, tab?: Tab) => `${CAREPATH_BASE}/people/${encodeURIComponent(id)}${tab && tab !== 'summary' ? `/${tab}` : ''}`;

function frame(title: string, body: Markup): Markup {
  return page(
    { title: `${title} — CarePath`, styles: ['carepath.css'], bodyClass: 'carepath' },
    html`<header class="cp-topbar">
  <span class="cp-logo">CarePath</span><span class="cp-env">Children's Services · TRAINING</span>
  <nav aria-label="CarePath"><a href="${CAREPATH_BASE}/">My caseload</a> <a href="${CAREPATH_BASE}/team">Team caseload</a> <a href="${CAREPATH_BASE}/search">Search</a> <a href="/">Demo index</a></nav>
</header>
<div class="cp-layout">
  <aside class="cp-side" aria-label="Work tray">
    <h2>Work tray</h2>
    <ul><li>Visits due this week <span class="cp-count">4</span></li><li>Reviews to prepare <span class="cp-count">2</span></li><li>Authorisations <span class="cp-count">1</span></li></ul>
  </aside>
  <main class="cp-main">${body}</main>
</div>`,
  );
}

function header(view: CmsCase, asOf: string): Markup {
  const p = view.person;
  return html`<section class="cp-person-header" id="person-header" aria-label="Person">
  <h1 class="cp-person-name">${p.lastName.toUpperCase()}, ${p.firstName}</h1>
  <dl class="cp-person-facts">
    <div><dt>Person ID</dt><dd class="cp-person-id">${p.personId}</dd></div>
    <div><dt>Date of birth</dt><dd class="cp-dob">${formatDate.slashes(p.dateOfBirth)}</dd></div>
    <div><dt>Age</dt><dd>${ageOn(p.dateOfBirth, asOf)}</dd></div>
    <div><dt>Gender</dt><dd>${p.gender}</dd></div>
    <div><dt>Legal status</dt><dd>${p.legalStatus}</dd></div>
    <div><dt>Allocated worker</dt><dd>${p.allocatedWorker}</dd></div>
  </dl>
  ${view.alerts.length > 0 ? html`<ul class="cp-alerts" aria-label="Alerts">${view.alerts.map((a) => html`<li>${a}</li>`)}</ul>` : ''}
</section>`;
}

function tabContent(view: CmsCase, tab: Tab): Markup {
  const p = view.person;
  switch (tab) {
    case 'summary':
      return html`<h2>Summary</h2>
<table class="cp-table"><tbody>
<tr><th scope="row">Team</th><td>${p.team}</td></tr>
<tr><th scope="row">Ethnicity</th><td>${p.ethnicity}</td></tr>
<tr><th scope="row">Placement</th><td>${p.placement}</td></tr>
<tr><th scope="row">Placement postcode</th><td>${p.placementPostcode}</td></tr>
</tbody></table>
<h3>Latest activity</h3>
<ul>${view.chronology.slice(0, 3).map((e) => html`<li>${formatDate.slashes(e.date)} — ${e.type}</li>`)}</ul>`;
    case 'chronology':
      return html`<h2>Chronology</h2>
<table class="cp-table"><thead><tr><th>Date</th><th>Type</th><th>Summary</th><th>Author</th></tr></thead><tbody>
${view.chronology.map((e) => html`<tr><td>${formatDate.slashes(e.date)}</td><td>${e.type}</td><td>${e.summary}</td><td>${e.author}</td></tr>`)}
</tbody></table>`;
    case 'contacts':
      return html`<h2>Contacts and relationships</h2>
<table class="cp-table"><thead><tr><th>Relationship</th><th>Name</th><th>Phone</th><th>Notes</th></tr></thead><tbody>
${view.contacts.map((c) => html`<tr><td>${c.relationship}</td><td>${c.name}</td><td>${c.phone}</td><td>${c.notes}</td></tr>`)}
</tbody></table>`;
    case 'plans':
      return html`<h2>Plans</h2>
<table class="cp-table"><thead><tr><th>Plan</th><th>Status</th><th>Started</th><th>Next review</th></tr></thead><tbody>
${view.plans.map((pl) => html`<tr><td>${pl.name}</td><td>${pl.status}</td><td>${formatDate.slashes(pl.started)}</td><td>${formatDate.slashes(pl.nextReview)}</td></tr>`)}
</tbody></table>`;
    case 'documents':
      return html`<h2>Documents</h2><p>No documents are held in this training system.</p>`;
  }
}

export function registerCarePath(app: Hono<AppEnv>, context: DemoContext): void {
  app.get(CAREPATH_BASE, (c) => c.redirect(`${CAREPATH_BASE}/`, 301));
  app.get(`${CAREPATH_BASE}/`, (c) => {
    const rows = caseload(context).map((record) => cmsCase(context, record).person);
    return c.html(
      frame(
        'My caseload',
        html`<h1>My caseload</h1>
<table class="cp-table caseload"><thead><tr><th>Name</th><th>Person ID</th><th>Date of birth</th><th>Legal status</th><th>Next visit</th></tr></thead><tbody>
${rows.map(
  (p, i) =>
    html`<tr><td><a href="${personUrl(p.personId)}">${p.lastName.toUpperCase()}, ${p.firstName}</a></td><td>${p.personId}</td><td>${formatDate.slashes(p.dateOfBirth)}</td><td>${p.legalStatus}</td><td>${i % 3 === 0 ? 'Overdue' : `In ${(i * 3) % 20} days`}</td></tr>`,
)}
</tbody></table>`,
      ),
    );
  });
  app.get(`${CAREPATH_BASE}/team`, (c) => {
    const rows = teamCaseload(context).map((record) => cmsCase(context, record).person);
    return c.html(
      frame(
        'Team caseload',
        html`<h1>Team caseload</h1>
<p>Children allocated to colleagues in your team.</p>
<table class="cp-table caseload team"><thead><tr><th>Name</th><th>Person ID</th><th>Date of birth</th><th>Allocated worker</th></tr></thead><tbody>
${rows.map((p) => html`<tr><td><a href="${personUrl(p.personId)}">${p.lastName.toUpperCase()}, ${p.firstName}</a></td><td>${p.personId}</td><td>${formatDate.slashes(p.dateOfBirth)}</td><td>${p.allocatedWorker}</td></tr>`)}
</tbody></table>`,
      ),
    );
  });
  app.get(`${CAREPATH_BASE}/search`, (c) => c.html(frame('Search', html`<h1>Search</h1><p>Search is switched off in this training system.</p>`)));
  app.get(`${CAREPATH_BASE}/people/:id/:tab?`, (c) => {
    const record = context.store.find(c.req.param('id'));
    const tab = (c.req.param('tab') ?? 'summary') as Tab;
    if (!record || record.identity.personId !== c.req.param('id') || !TABS.some(([t]) => t === tab)) {
      return c.html(frame('Not found', html`<h1>Person not found</h1><p>No person with that ID.</p>`), 404);
    }
    const view = cmsCase(context, record);
    // The print view (?print=1): the record's header and one tab, without the system's navigation.
    if (c.req.query('print') === '1') {
      return c.html(
        page(
          { title: `${view.person.firstName} ${view.person.lastName} (print) — CarePath`, styles: ['carepath.css'], bodyClass: 'carepath cp-print' },
          html`<main class="cp-main"><p class="cp-print-note">CarePath · printed record · OFFICIAL-SENSITIVE</p>${header(view, context.store.asOf)}<section class="cp-tab">${tabContent(view, tab)}</section></main>`,
        ),
      );
    }
    return c.html(
      frame(
        `${view.person.firstName} ${view.person.lastName}`,
        html`${header(view, context.store.asOf)}
<nav class="cp-tabs" aria-label="Record">${TABS.map(([t, label]) => html`<a href="${personUrl(view.person.personId, t)}" ${t === tab ? html`aria-current="page" class="current"` : ''}>${label}</a>`)}</nav>
<section class="cp-tab">${tabContent(view, tab)}</section>`,
      ),
    );
  });
}
