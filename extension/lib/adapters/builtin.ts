import type { AdapterInput } from './schema.ts';

/**
 * The adapters for the demo's imitation case-management systems, one for each family of systems it
 * imitates. Each is plain data in the format of docs/adapters.md; tests/unit/extension/adapters.test.ts
 * runs each against pages saved from the demo (tests/fixtures/extension/). They match localhost and
 * 127.0.0.1 on any port, so they ship in the demo build only: a production build has none (see
 * BUILT_IN_ADAPTERS), or any local web server could act as a case-management system.
 */
export const DEMO_ADAPTERS: AdapterInput[] = [
  {
    // Server-rendered pages: person ID in the URL path, name and date of birth in a header block.
    id: 'demo-carepath',
    name: 'CarePath (demo: server-rendered records)',
    hosts: ['localhost', '127.0.0.1'],
    child: {
      url: {
        path: '^/cms/carepath/people/(?<id>[A-Za-z0-9_-]+)(?:/(?:summary|chronology|contacts|plans|documents))?/?(?:[?#].*)?$',
        examples: {
          match: [
            'http://127.0.0.1:8080/cms/carepath/people/400013',
            'http://127.0.0.1:8080/cms/carepath/people/400013/chronology',
            'http://localhost/cms/carepath/people/400013/plans?print=1',
          ],
          noMatch: [
            'http://127.0.0.1:8080/cms/carepath/',
            'http://127.0.0.1:8080/cms/carepath/search',
            'http://127.0.0.1:8080/cms/carepath/people/',
            'http://127.0.0.1:8080/cms/carepath/people/400013/documents/12',
            'http://127.0.0.1:8080/cms/atlas/people/400013',
          ],
        },
      },
      id: { from: 'path' },
      name: { selector: '#person-header .cp-person-name' },
      dateOfBirth: { selector: '#person-header .cp-dob' },
      dateFormat: 'dd/mm/yyyy',
      anchor: { selector: '#person-header .cp-person-name', position: 'after' },
    },
    caseload: {
      url: {
        path: '^/cms/carepath/?(?:[?#].*)?$',
        examples: { match: ['http://127.0.0.1:8080/cms/carepath/'], noMatch: ['http://127.0.0.1:8080/cms/carepath/people/400013'] },
      },
      row: 'table.caseload tbody tr',
      id: { selector: 'td:nth-child(2)' },
      anchor: 'td:first-child',
    },
  },
  {
    // Frame-based pages: person ID in the query string, identity in a details table in the workspace frame.
    id: 'demo-nexus',
    name: 'Nexus (demo: framed workspace)',
    hosts: ['localhost', '127.0.0.1'],
    child: {
      url: {
        path: '^/cms/nexus/workspace\\?(?=(?:.*&)?view=person(?:&|#|$))',
        examples: {
          match: [
            'http://127.0.0.1:8080/cms/nexus/workspace?view=person&personId=400013&tab=details',
            'http://127.0.0.1:8080/cms/nexus/workspace?tab=chronology&personId=400013&view=person',
          ],
          noMatch: [
            'http://127.0.0.1:8080/cms/nexus/workspace?view=caseload',
            'http://127.0.0.1:8080/cms/nexus/?personId=400013',
            'http://127.0.0.1:8080/cms/nexus/workspace?view=personal&personId=400013',
          ],
        },
      },
      id: { from: 'query', param: 'personId' },
      name: [
        { label: 'Forename', within: '#person-details' },
        { label: 'Surname', within: '#person-details' },
      ],
      dateOfBirth: { label: 'Date of Birth', within: '#person-details' },
      dateFormat: 'd mmm yyyy',
      anchor: { selector: '#person-details', position: 'before' },
    },
    caseload: {
      url: {
        path: '^/cms/nexus/workspace(?:\\?(?!(?:.*&)?view=person(?:&|#|$)).*)?$',
        examples: {
          match: ['http://127.0.0.1:8080/cms/nexus/workspace?view=caseload', 'http://127.0.0.1:8080/cms/nexus/workspace'],
          noMatch: ['http://127.0.0.1:8080/cms/nexus/workspace?view=person&personId=400013'],
        },
      },
      row: 'table.caseload tbody tr',
      id: { selector: 'td:first-child a' },
      anchor: 'td:nth-child(2)',
    },
  },
  {
    // A single-page application: routes change without reloads, content renders after its data arrives.
    id: 'demo-atlas',
    name: 'Atlas (demo: single-page application)',
    hosts: ['localhost', '127.0.0.1'],
    child: {
      url: {
        path: '^/cms/atlas/people/(?<id>[A-Za-z0-9_-]+)(?:/(?:overview|chronology|contacts|plans))?/?(?:[?#].*)?$',
        examples: {
          match: ['http://127.0.0.1:8080/cms/atlas/people/400013', 'http://127.0.0.1:8080/cms/atlas/people/400013/contacts'],
          noMatch: ['http://127.0.0.1:8080/cms/atlas/', 'http://127.0.0.1:8080/cms/atlas/data/people/400013', 'http://127.0.0.1:8080/cms/carepath/people/400013'],
        },
      },
      id: { from: 'path' },
      name: { selector: '.at-person-card .at-person-name' },
      dateOfBirth: { selector: '.at-person-card .at-dob' },
      dateFormat: 'yyyy-mm-dd',
      anchor: { selector: '.at-person-card .at-person-name', position: 'after' },
    },
    caseload: {
      url: {
        path: '^/cms/atlas/?(?:[?#].*)?$',
        examples: { match: ['http://127.0.0.1:8080/cms/atlas/'], noMatch: ['http://127.0.0.1:8080/cms/atlas/people/400013'] },
      },
      row: 'ul.caseload li.at-card',
      id: { selector: 'a.at-card-name', attribute: 'href', pattern: '/people/(?<value>[^/?#]+)' },
      anchor: '.at-card-meta',
    },
  },
];

/** Whether this is the demo build (wxt.config.ts sets WXT_EDUBRIDGE_BUILD; outside a build, e.g. in the unit
 * tests, it is the demo). */
export const DEMO_BUILD = import.meta.env.WXT_EDUBRIDGE_BUILD !== 'production';

/** The adapters built into this build: the demo's in the demo build, none in a production build. */
export const BUILT_IN_ADAPTERS: AdapterInput[] = DEMO_BUILD ? DEMO_ADAPTERS : [];
