import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { html } from 'hono/html';
import { API_BASE } from '../../core/api/paths.ts';
import type { AppEnv, DemoContext } from '../../core/node/server/app.ts';
import { caseload, cmsCase, inconsistentChildId, outOfScopeChildId } from './cms-data.ts';
import { registerAtlas, ATLAS_BASE } from './pages/atlas.ts';
import { registerCarePath, CAREPATH_BASE } from './pages/carepath.ts';
import { page } from '../../core/node/server/pages/layout.ts';
import { registerNexus, NEXUS_BASE } from './pages/nexus.ts';

/**
 * The demo: an index page, the three imitation case-management systems, and the static pages the
 * widgets fill (council portal, school intranet, widgets docs), all on the reference server.
 */

/** The project's root folder, found from this file whether it runs from source or from dist/node. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'edubridge') return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the edubridge folder (with its package.json) above the server');
}

/** Static files from a folder that may not exist yet (the widgets are built separately): checked per request. */
function staticFrom(root: string, rewriteRequestPath?: (path: string) => string): MiddlewareHandler {
  let handler: MiddlewareHandler | undefined;
  return async (c, next) => {
    if (!handler) {
      if (!existsSync(root)) return next();
      handler = serveStatic({ root, rewriteRequestPath });
    }
    return handler(c, next);
  };
}

function placeholder(title: string, text: string) {
  return page({ title }, html`<main class="narrow"><h1>${title}</h1><p>${text}</p><p><a href="/">Demo index</a></p></main>`);
}

export function registerDemo(app: Hono<AppEnv>, context: DemoContext): void {
  const root = projectRoot();
  const publicDir = join(root, 'demo', 'public');

  app.get('/', (c) => {
    const worker = context.users.find((u) => u.role === 'social-worker');
    const odd = inconsistentChildId(context);
    const outside = outOfScopeChildId(context);
    const first = caseload(context)[0];
    const firstId = first?.identity.personId ?? '';
    const oddView = odd ? cmsCase(context, context.store.find(odd)!) : undefined;
    return c.html(
      page(
        { title: 'EduBridge demo' },
        html`<main class="demo-index">
<h1>EduBridge demo</h1>
<p>Every child, name and school here is fictional: the data set was generated (see <code>edubridge generate</code>). Statuses are worked out as at <strong>${context.store.asOf}</strong>.</p>

<h2>Sign in</h2>
<p><a href="/signin">Sign in</a> with one of the demo users' access tokens (the extension and widgets can also send the token as <code>Authorization: Bearer …</code>). Each sees different children:</p>
<table class="demo-users"><thead><tr><th>Role</th><th>Name</th><th>Access token</th><th>Sees</th></tr></thead><tbody>
${context.users.map(
  (u) =>
    html`<tr><td>${u.role}</td><td>${u.name}</td><td><code>${u.token}</code></td><td>${u.role === 'virtual-school' ? 'every child' : u.role === 'social-worker' ? `${u.children.length} children on their caseload` : `children on the roll of school URN ${u.schools.join(', ')}`}</td></tr>`,
)}
</tbody></table>
<p>These tokens are public: they are for this demo only.</p>

<h2>Imitation case-management systems</h2>
<p>Three made-up systems behaving like the families of systems social workers use. Each shows the caseload of ${worker?.name ?? 'the demo social worker'} and a child record with tabs. Sign the extension in as the social worker to see a child's education status on these pages.</p>
<ul>
<li><a href="${CAREPATH_BASE}/">CarePath</a> — server-rendered pages; the person ID is in the URL path (<code>${CAREPATH_BASE}/people/${firstId}</code>), the name and date of birth (dd/mm/yyyy) in a header block.</li>
<li><a href="${NEXUS_BASE}/">Nexus</a> — a frame-based system; the workspace is an iframe, the person ID is in its query string (<code>${NEXUS_BASE}/workspace?view=person&amp;personId=${firstId}</code>), the identity in a details table (dates as 3 Mar 2014).</li>
<li><a href="${ATLAS_BASE}/">Atlas</a> — a single-page application; routes change without reloading (<code>${ATLAS_BASE}/people/${firstId}</code>) and content appears only after its data arrives (dates as YYYY-MM-DD).</li>
</ul>
${
  odd && oddView
    ? html`<p id="inconsistent-record" class="notice"><strong>A deliberately inconsistent record:</strong> person <code>${odd}</code> appears in all three systems as ${oddView.person.firstName} ${oddView.person.lastName}, born ${oddView.person.dateOfBirth} — but the education record for that person ID has a different surname and date of birth. The extension should say "This record may not match" there and show no figures.
<a href="${CAREPATH_BASE}/people/${odd}">CarePath</a> · <a href="${NEXUS_BASE}/?personId=${odd}">Nexus</a> · <a href="${ATLAS_BASE}/people/${odd}">Atlas</a></p>`
    : ''
}

${
  outside
    ? html`<p id="out-of-scope-record">Person <code>${outside}</code> is on the team caseload but not the demo social worker's: the education service answers as if there were no record, and the extension says the record is not shared with them.
<a href="${CAREPATH_BASE}/people/${outside}">CarePath</a> · <a href="${NEXUS_BASE}/?personId=${outside}">Nexus</a> · <a href="${ATLAS_BASE}/people/${outside}">Atlas</a></p>`
    : ''
}

<h2>Widgets</h2>
<ul>
<li><a href="/portal/">Council portal</a> — the virtual school's dashboard (sign in as the virtual school).</li>
<li><a href="/intranet/">School intranet</a> — a designated teacher's page (sign in as the designated teacher).</li>
<li><a href="/widgets/docs/">Widgets documentation</a> and <a href="/widgets/plain.html">a plain page using only the widgets bundle</a>.</li>
</ul>

<h2>The extension</h2>
<p>Build it with <code>npm run build:ext</code>, then in Chromium open <code>chrome://extensions</code>, turn on developer mode, "Load unpacked" and choose <code>.output/chrome-mv3</code>. In its options set the service address to this server's address, allow this site, and sign in (token or this server's sign-in page).</p>

<h2>The API</h2>
<p>The Education Status API is at <code>${API_BASE}</code>: <a href="${API_BASE}/openapi.json">OpenAPI document</a>. Every disclosure is written to the audit log.</p>
</main>`,
      ),
    );
  });

  registerCarePath(app, context);
  registerNexus(app, context);
  registerAtlas(app, context);

  // Static pages. Directories need their trailing slash so relative links inside them work.
  const mounts: { prefix: string; dir: string; title: string }[] = [
    { prefix: '/portal', dir: join(publicDir, 'portal'), title: 'Council portal' },
    { prefix: '/intranet', dir: join(publicDir, 'intranet'), title: 'School intranet' },
    { prefix: '/widgets/docs', dir: join(publicDir, 'widgets-docs'), title: 'Widgets documentation' },
  ];
  for (const mount of mounts) {
    app.get(mount.prefix, (c) => c.redirect(`${mount.prefix}/`, 301));
    app.get(`${mount.prefix}/*`, staticFrom(mount.dir, (path) => path.slice(mount.prefix.length)));
    app.get(`${mount.prefix}/`, (c) => c.html(placeholder(mount.title, 'This page has not been built yet: its widgets come with npm run build:widgets.'), 404));
  }
  app.get('/widgets/plain.html', serveStatic({ path: join(publicDir, 'widgets-plain.html') }));
  app.get('/cms/assets/*', staticFrom(join(publicDir, 'cms'), (path) => path.slice('/cms/assets'.length)));
}
