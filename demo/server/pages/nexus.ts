import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv, DemoContext } from '../../../core/node/server/app.ts';
import { caseload, cmsCase, formatDate, teamCaseload, type CmsCase } from '../cms-data.ts';
import { page, type Markup } from '../../../core/node/server/pages/layout.ts';

/**
 * "Nexus": an imitation of the older, frame-based family of case-management systems. An outer page
 * holds a menu and an iframe "workspace"; the person ID travels in the query string
 * (/cms/nexus/workspace?view=person&personId=400013&tab=chronology) and the identity sits in a details
 * table inside nested layout tables.
 */

export const NEXUS_BASE = '/cms/nexus';
const TABS = [
  ['details', 'Person details'],
  ['chronology', 'Case chronology'],
  ['contacts', 'Relationships'],
  ['plans', 'Plans & reviews'],
] as const;
type Tab = (typeof TABS)[number][0];

const workspaceUrl = (params: Record<string, string>) => `${NEXUS_BASE}/workspace?${new URLSearchParams(params).toString()}`;

function outer(workspaceSrc: string): Markup {
  return page(
    { title: 'Nexus Social Care', styles: ['nexus.css'], bodyClass: 'nexus-outer' },
    html`<table class="nx-shell" role="presentation"><tbody>
<tr><td colspan="2" class="nx-banner"><span class="nx-logo">Nexus</span> Social Care Record · <span class="nx-user">Logged in: Team 2</span> · <a href="/">Demo index</a></td></tr>
<tr>
  <td class="nx-menu">
    <ul>
      <li><a href="${workspaceUrl({ view: 'caseload' })}" target="workspace">My work</a></li>
      <li><a href="${workspaceUrl({ view: 'team' })}" target="workspace">Team caseload</a></li>
      <li><span class="nx-disabled">Reports</span></li>
      <li><span class="nx-disabled">Admin</span></li>
    </ul>
  </td>
  <td class="nx-workspace-cell"><iframe name="workspace" id="workspace" title="Workspace" src="${workspaceSrc}"></iframe></td>
</tr>
</tbody></table>`,
  );
}

function workspace(title: string, body: Markup): Markup {
  return page({ title: `${title} — Nexus`, styles: ['nexus.css'], bodyClass: 'nexus-workspace' }, body);
}

function details(view: CmsCase): Markup {
  const p = view.person;
  return html`<table class="nx-details" id="person-details"><caption>Person details</caption><tbody>
<tr><th>Person ID</th><td>${p.personId}</td><th>Gender</th><td>${p.gender}</td></tr>
<tr><th>Forename</th><td>${p.firstName}</td><th>Ethnicity</th><td>${p.ethnicity}</td></tr>
<tr><th>Surname</th><td>${p.lastName}</td><th>Legal status</th><td>${p.legalStatus}</td></tr>
<tr><th>Date of Birth</th><td>${formatDate.short(p.dateOfBirth)}</td><th>Worker</th><td>${p.allocatedWorker}</td></tr>
</tbody></table>`;
}

function tabContent(view: CmsCase, tab: Tab): Markup {
  switch (tab) {
    case 'details':
      return html`<table class="nx-grid"><tbody>
<tr><th>Team</th><td>${view.person.team}</td></tr>
<tr><th>Placement</th><td>${view.person.placement}</td></tr>
<tr><th>Placement postcode</th><td>${view.person.placementPostcode}</td></tr>
<tr><th>Warnings</th><td>${view.alerts.length > 0 ? view.alerts.join('; ') : 'None'}</td></tr>
</tbody></table>`;
    case 'chronology':
      return html`<table class="nx-grid"><thead><tr><th>Event date</th><th>Event</th><th>Details</th><th>Recorded by</th></tr></thead><tbody>
${view.chronology.map((e) => html`<tr><td>${formatDate.short(e.date)}</td><td>${e.type}</td><td>${e.summary}</td><td>${e.author}</td></tr>`)}
</tbody></table>`;
    case 'contacts':
      return html`<table class="nx-grid"><thead><tr><th>Relationship</th><th>Name</th><th>Telephone</th><th>Notes</th></tr></thead><tbody>
${view.contacts.map((c) => html`<tr><td>${c.relationship}</td><td>${c.name}</td><td>${c.phone}</td><td>${c.notes}</td></tr>`)}
</tbody></table>`;
    case 'plans':
      return html`<table class="nx-grid"><thead><tr><th>Plan</th><th>Status</th><th>Start</th><th>Review due</th></tr></thead><tbody>
${view.plans.map((pl) => html`<tr><td>${pl.name}</td><td>${pl.status}</td><td>${formatDate.short(pl.started)}</td><td>${formatDate.short(pl.nextReview)}</td></tr>`)}
</tbody></table>`;
  }
}

export function registerNexus(app: Hono<AppEnv>, context: DemoContext): void {
  app.get(NEXUS_BASE, (c) => c.redirect(`${NEXUS_BASE}/`, 301));
  app.get(`${NEXUS_BASE}/`, (c) => {
    const personId = c.req.query('personId');
    return c.html(outer(personId ? workspaceUrl({ view: 'person', personId, tab: 'details' }) : workspaceUrl({ view: 'caseload' })));
  });
  app.get(`${NEXUS_BASE}/workspace`, (c) => {
    const view = c.req.query('view') ?? 'caseload';
    if (view === 'person') {
      const id = c.req.query('personId') ?? '';
      const tab = (c.req.query('tab') ?? 'details') as Tab;
      const record = context.store.find(id);
      if (!record || record.identity.personId !== id || !TABS.some(([t]) => t === tab)) {
        return c.html(workspace('Not found', html`<p class="nx-error">Record not found or you do not have access.</p>`), 404);
      }
      const person = cmsCase(context, record);
      return c.html(
        workspace(
          `${person.person.firstName} ${person.person.lastName}`,
          html`<table class="nx-layout" role="presentation"><tbody>
<tr><td>${details(person)}</td></tr>
<tr><td><div class="nx-tabs" role="navigation" aria-label="Record sections">${TABS.map(
            ([t, label]) =>
              html`<a href="${workspaceUrl({ view: 'person', personId: person.person.personId, tab: t })}" ${t === tab ? html`class="nx-tab-on" aria-current="page"` : html`class="nx-tab"`}>${label}</a>`,
          )}</div></td></tr>
<tr><td class="nx-tab-body">${tabContent(person, tab)}</td></tr>
</tbody></table>`,
        ),
      );
    }
    const team = view === 'team';
    const people = (team ? teamCaseload(context) : caseload(context)).map((record) => cmsCase(context, record).person);
    return c.html(
      workspace(
        team ? 'Team caseload' : 'My work',
        html`<h1 class="nx-h">${team ? 'Team caseload — colleagues’ cases' : 'My work — allocated cases'}</h1>
<table class="nx-grid caseload"><thead><tr><th>Person ID</th><th>Surname</th><th>Forename</th><th>Date of Birth</th><th>Legal status</th></tr></thead><tbody>
${people.map(
  (p) =>
    html`<tr><td><a href="${workspaceUrl({ view: 'person', personId: p.personId, tab: 'details' })}">${p.personId}</a></td><td>${p.lastName}</td><td>${p.firstName}</td><td>${formatDate.short(p.dateOfBirth)}</td><td>${p.legalStatus}</td></tr>`,
)}
</tbody></table>`,
      ),
    );
  });
}
