import type { Hono } from 'hono';
import { html } from 'hono/html';
import type { AppEnv, DemoContext } from '../../../core/node/server/app.ts';
import { caseload, cmsCase } from '../cms-data.ts';
import { page } from '../../../core/node/server/pages/layout.ts';

/**
 * "Atlas": an imitation of the single-page family of case-management systems. One shell page for every
 * route under /cms/atlas/ (/cms/atlas/people/400013/chronology); the script (demo/public/cms/atlas.js)
 * changes routes with the History API, never reloading, and renders each view only after its data has
 * arrived from /cms/atlas/data/… (which answers after a short delay, as a real back end would).
 */

export const ATLAS_BASE = '/cms/atlas';
/** How long the imitation back end takes to answer. */
const DATA_DELAY_MS = 350;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function registerAtlas(app: Hono<AppEnv>, context: DemoContext): void {
  app.get(`${ATLAS_BASE}/data/caseload`, async (c) => {
    await delay(DATA_DELAY_MS);
    const people = caseload(context).map((record) => {
      const { person } = cmsCase(context, record);
      return { personId: person.personId, firstName: person.firstName, lastName: person.lastName, dateOfBirth: person.dateOfBirth, legalStatus: person.legalStatus };
    });
    return c.json({ worker: context.users.find((u) => u.role === 'social-worker')?.name ?? null, people });
  });
  app.get(`${ATLAS_BASE}/data/people/:id`, async (c) => {
    await delay(DATA_DELAY_MS);
    const record = context.store.find(c.req.param('id'));
    if (!record || record.identity.personId !== c.req.param('id')) return c.json({ error: 'not found' }, 404);
    const { person, alerts, chronology, contacts, plans } = cmsCase(context, record);
    const { inconsistent: _inconsistent, ...shown } = person;
    return c.json({ person: shown, alerts, chronology, contacts, plans });
  });
  app.get(`${ATLAS_BASE}/data/*`, (c) => c.json({ error: 'not found' }, 404));

  const shell = () =>
    page(
      { title: 'Atlas', styles: ['atlas.css'], scripts: ['atlas.js'], bodyClass: 'atlas' },
      html`<header class="at-top"><a class="at-brand" href="${ATLAS_BASE}/" data-route>Atlas</a><span class="at-tag">Children &amp; Families</span><nav aria-label="Atlas"><a href="${ATLAS_BASE}/" data-route>Caseload</a> <a href="/">Demo index</a></nav></header>
<main id="app" class="at-main" aria-live="polite"><p class="at-loading">Loading…</p></main>`,
    );
  app.get(ATLAS_BASE, (c) => c.redirect(`${ATLAS_BASE}/`, 301));
  app.get(`${ATLAS_BASE}/`, (c) => c.html(shell()));
  app.get(`${ATLAS_BASE}/*`, (c) => c.html(shell()));
}
