// "Atlas": the single-page imitation case-management system. Routes change with the History API (no
// reloads); each view renders only after its data arrives. Text goes in with textContent, never as HTML.

const BASE = '/cms/atlas';
const app = document.getElementById('app');
const TABS = [
  ['overview', 'Overview'],
  ['chronology', 'Chronology'],
  ['contacts', 'Contacts'],
  ['plans', 'Plans'],
];
let renderToken = 0;

/** Creates an element with attributes and children (strings become text nodes). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function link(href, text, attributes = {}) {
  return el('a', { href, 'data-route': '', ...attributes }, text);
}

/** 2014-03-12 as Atlas shows dates: ISO, as its API sends them. */
const showDate = (iso) => iso || '—';

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(response.status === 404 ? 'Not found' : `Error ${response.status}`);
  return response.json();
}

function parseRoute(pathname) {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const person = /^\/people\/([A-Za-z0-9_-]+)(?:\/([a-z]+))?\/?$/.exec(rest);
  if (person) return { view: 'person', id: person[1], tab: person[2] ?? 'overview' };
  return { view: 'caseload' };
}

function table(headings, rows) {
  return el(
    'table',
    { class: 'at-table' },
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((cell) => el('td', {}, cell))))),
  );
}

function renderCaseload(data) {
  return [
    el('h1', {}, 'Caseload'),
    el('p', { class: 'at-sub' }, data.worker ? `Allocated to ${data.worker}` : 'Team caseload'),
    el(
      'ul',
      { class: 'at-cards caseload', 'data-testid': 'caseload' },
      data.people.map((p) =>
        el(
          'li',
          { class: 'at-card', 'data-person-id': p.personId },
          link(`${BASE}/people/${encodeURIComponent(p.personId)}`, `${p.firstName} ${p.lastName}`, { class: 'at-card-name' }),
          el('span', { class: 'at-card-meta' }, `ID ${p.personId} · born ${showDate(p.dateOfBirth)} · ${p.legalStatus}`),
        ),
      ),
    ),
  ];
}

function renderPerson(data, tab) {
  const p = data.person;
  const tabs = el(
    'nav',
    { class: 'at-tabs', 'aria-label': 'Record sections' },
    TABS.map(([key, label]) => link(`${BASE}/people/${encodeURIComponent(p.personId)}${key === 'overview' ? '' : `/${key}`}`, label, { 'aria-current': key === tab ? 'page' : undefined })),
  );
  let body;
  if (tab === 'chronology') body = table(['Date', 'Type', 'Summary', 'By'], data.chronology.map((e) => [showDate(e.date), e.type, e.summary, e.author]));
  else if (tab === 'contacts') body = table(['Relationship', 'Name', 'Phone', 'Notes'], data.contacts.map((c) => [c.relationship, c.name, c.phone, c.notes]));
  else if (tab === 'plans') body = table(['Plan', 'Status', 'Started', 'Next review'], data.plans.map((pl) => [pl.name, pl.status, showDate(pl.started), showDate(pl.nextReview)]));
  else
    body = el(
      'div',
      {},
      el('h2', {}, 'Overview'),
      el('p', {}, `Team: ${p.team}. Placement: ${p.placement} (${p.placementPostcode}).`),
      data.alerts.length > 0 ? el('ul', { class: 'at-alerts' }, data.alerts.map((a) => el('li', {}, a))) : el('p', {}, 'No alerts.'),
    );
  return [
    el(
      'section',
      { class: 'at-person-card', 'aria-label': 'Person', 'data-person-id': p.personId },
      el('h1', { class: 'at-person-name' }, `${p.firstName} ${p.lastName}`),
      el(
        'dl',
        { class: 'at-person-facts' },
        el('dt', {}, 'ID'),
        el('dd', { class: 'at-person-id' }, p.personId),
        el('dt', {}, 'Date of birth'),
        el('dd', { class: 'at-dob' }, showDate(p.dateOfBirth)),
        el('dt', {}, 'Legal status'),
        el('dd', {}, p.legalStatus),
        el('dt', {}, 'Worker'),
        el('dd', {}, p.allocatedWorker),
      ),
    ),
    tabs,
    el('section', { class: 'at-tab-body', 'data-tab': tab }, body),
  ];
}

async function render() {
  const token = ++renderToken;
  const route = parseRoute(location.pathname);
  app.replaceChildren(el('p', { class: 'at-loading' }, 'Loading…'));
  app.setAttribute('aria-busy', 'true');
  try {
    const nodes =
      route.view === 'person'
        ? renderPerson(await getJson(`${BASE}/data/people/${encodeURIComponent(route.id)}`), route.tab)
        : renderCaseload(await getJson(`${BASE}/data/caseload`));
    if (token !== renderToken) return; // a newer route won
    app.replaceChildren(...nodes);
    document.title = route.view === 'person' ? `${nodes[0].querySelector('h1').textContent} — Atlas` : 'Caseload — Atlas';
  } catch (error) {
    if (token !== renderToken) return;
    app.replaceChildren(el('p', { class: 'at-error', role: 'alert' }, `Could not load: ${error.message}`));
  } finally {
    if (token === renderToken) app.removeAttribute('aria-busy');
  }
}

document.addEventListener('click', (event) => {
  const anchor = event.target instanceof Element ? event.target.closest('a[data-route]') : null;
  if (!anchor || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  if (anchor.getAttribute('href') !== location.pathname) history.pushState({}, '', anchor.getAttribute('href'));
  render();
});
window.addEventListener('popstate', render);
render();
