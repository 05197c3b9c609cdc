// First: zod is configured before any module builds a schema (see lib/zod-config.ts).
import '../../lib/zod-config.ts';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ask } from '../../lib/ask.ts';
import type { ConnectionReport } from '../../lib/connection.ts';
import type { AccountView, SettingsView } from '../../lib/messages.ts';
import type { SettingField } from '../../lib/settings.ts';
import { CHROMIUM_PATTERNS, FIREFOX_PATTERNS, patternWidensSite, sitePattern } from '../../lib/adapters/url.ts';
import '../../ui/pages.css';

type Settings = SettingsView['settings'];

/** What this browser's match patterns can say (Firefox's cannot name a port). */
const PATTERN_RULES = import.meta.env.FIREFOX ? FIREFOX_PATTERNS : CHROMIUM_PATTERNS;

function Locked({ settings, field }: { settings: Settings; field: SettingField }) {
  return settings.locked.includes(field) ? <span class="locked"> Set by your organisation.</span> : null;
}

function Connection({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { settings } = view;
  const [apiBaseUrl, setApi] = useState(settings.apiBaseUrl);
  const [authMode, setAuth] = useState(settings.authMode);
  const [token, setToken] = useState('');
  const [oidcIssuer, setIssuer] = useState(settings.oidcIssuer);
  const [oidcClientId, setClientId] = useState(settings.oidcClientId);
  const [oidcScope, setScope] = useState(settings.oidcScope);
  const [oidcResource, setResource] = useState(settings.oidcResource);
  const [cacheHours, setHours] = useState(String(settings.cacheHours));
  const [account, setAccount] = useState('');
  const [signingIn, setSigningIn] = useState(false);
  const [message, setMessage] = useState('');
  const [tested, setTested] = useState('');
  const [testing, setTesting] = useState(false);
  const locked = (field: SettingField) => settings.locked.includes(field);
  async function test() {
    setTesting(true);
    setTested('Testing the connection…');
    try {
      // What the form holds, saved or not; an empty token field means the token already set.
      const report = await ask<ConnectionReport>({ type: 'connection:test', apiBaseUrl, authMode, token });
      setTested(report.message);
    } catch (error) {
      setTested((error as Error).message);
    } finally {
      setTesting(false);
    }
  }
  function changes(): Record<string, unknown> {
    const patch: Record<string, unknown> = {};
    if (!locked('apiBaseUrl') && apiBaseUrl !== settings.apiBaseUrl) patch.apiBaseUrl = apiBaseUrl;
    if (!locked('authMode') && authMode !== settings.authMode) patch.authMode = authMode;
    if (!locked('token') && token) patch.token = token;
    const oidc = { oidcIssuer, oidcClientId, oidcScope, oidcResource };
    for (const field of ['oidcIssuer', 'oidcClientId', 'oidcScope', 'oidcResource'] as const) if (!locked(field) && oidc[field] !== settings[field]) patch[field] = oidc[field].trim();
    if (!locked('cacheHours') && Number(cacheHours) !== settings.cacheHours) patch.cacheHours = Number(cacheHours);
    return patch;
  }
  async function save(event: Event) {
    event.preventDefault();
    try {
      onSaved(await ask<SettingsView>({ type: 'settings:set', patch: changes() }));
      setToken('');
      setMessage('Saved.');
    } catch (error) {
      setMessage((error as Error).message);
    }
  }
  /**
   * Signs in with the council account: access to the education service and the identity provider first
   * (asked for in answer to this click, as browsers require), then the form is saved, then the background
   * opens the provider's sign-in window.
   */
  async function signIn() {
    let origins: string[];
    try {
      origins = [...new Set([apiBaseUrl, oidcIssuer].map((site) => sitePattern(site.trim(), PATTERN_RULES)))];
    } catch {
      setAccount('Type the education service’s address and the identity provider’s address first.');
      return;
    }
    const granted = await browser.permissions.request({ origins }).catch(() => false);
    if (!granted) {
      setAccount(`EduBridge needs access to ${[apiBaseUrl, oidcIssuer].map((site) => new URL(site.trim()).host).join(' and ')} to sign you in.`);
      return;
    }
    setSigningIn(true);
    setAccount('Signing in: finish in the window your council’s sign-in page opened in…');
    try {
      const patch = changes();
      if (Object.keys(patch).length) onSaved(await ask<SettingsView>({ type: 'settings:set', patch }));
      const signedIn = await ask<AccountView>({ type: 'signin' });
      onSaved(await ask<SettingsView>({ type: 'settings:get' }));
      setAccount(signedIn.signedIn ? `Signed in as ${signedIn.name ?? 'you'}.` : 'You are not signed in.');
    } catch (error) {
      setAccount((error as Error).message);
    } finally {
      setSigningIn(false);
    }
  }
  async function signOut() {
    await ask({ type: 'signout' });
    onSaved(await ask<SettingsView>({ type: 'settings:get' }));
    setAccount('Signed out. The education data EduBridge had saved on this computer was deleted.');
  }
  const accountLine = view.account.signedIn ? `Signed in as ${view.account.name ?? 'you'}.` : (view.account.notice ?? 'Not signed in.');
  return (
    <form onSubmit={save} aria-labelledby="connection" noValidate>
      <h2 id="connection">Education service</h2>
      <label for="api">API address</label>
      <input id="api" type="url" value={apiBaseUrl} disabled={locked('apiBaseUrl')} onInput={(e) => setApi(e.currentTarget.value)} />
      <Locked settings={settings} field="apiBaseUrl" />
      <label for="auth">How to sign in</label>
      <select id="auth" value={authMode} disabled={locked('authMode')} onChange={(e) => setAuth(e.currentTarget.value as Settings['authMode'])}>
        <option value="cookie">My browser's sign-in to the service</option>
        <option value="token">An access token</option>
        <option value="oidc">My council account</option>
      </select>
      <Locked settings={settings} field="authMode" />
      {authMode === 'oidc' && (
        <fieldset>
          <legend>Council account</legend>
          <label for="oidc-issuer">Identity provider (issuer)</label>
          <input id="oidc-issuer" type="url" value={oidcIssuer} disabled={locked('oidcIssuer')} onInput={(e) => setIssuer(e.currentTarget.value)} />
          <Locked settings={settings} field="oidcIssuer" />
          <label for="oidc-client">EduBridge’s client ID at the provider</label>
          <input id="oidc-client" type="text" value={oidcClientId} disabled={locked('oidcClientId')} onInput={(e) => setClientId(e.currentTarget.value)} />
          <Locked settings={settings} field="oidcClientId" />
          <label for="oidc-scope">Scopes</label>
          <input id="oidc-scope" type="text" value={oidcScope} disabled={locked('oidcScope')} onInput={(e) => setScope(e.currentTarget.value)} />
          <Locked settings={settings} field="oidcScope" />
          <label for="oidc-resource">API resource (only if your provider needs one)</label>
          <input id="oidc-resource" type="text" value={oidcResource} disabled={locked('oidcResource')} onInput={(e) => setResource(e.currentTarget.value)} />
          <Locked settings={settings} field="oidcResource" />
          <p class="muted">
            Register this redirect address with the identity provider: <code>{browser.identity.getRedirectURL()}</code>
          </p>
          <p id="account-state">{accountLine}</p>
          <p>
            <button type="button" disabled={signingIn} onClick={() => void signIn()}>
              Sign in with your council account
            </button>{' '}
            {view.account.signedIn && (
              <button type="button" onClick={() => void signOut()}>
                Sign out
              </button>
            )}
          </p>
          <p role="status" id="account-message">
            {account}
          </p>
        </fieldset>
      )}
      <label for="token">Access token {settings.tokenSet ? '(one is set; type to replace it)' : ''}</label>
      <input id="token" type="password" autocomplete="off" value={token} disabled={locked('token')} onInput={(e) => setToken(e.currentTarget.value)} />
      <Locked settings={settings} field="token" />
      <label for="hours">Keep fetched data for (hours, at most {settings.maxCacheHours})</label>
      <input id="hours" type="number" min={1} max={settings.maxCacheHours} value={cacheHours} disabled={locked('cacheHours')} onInput={(e) => setHours(e.currentTarget.value)} />
      <Locked settings={settings} field="cacheHours" />
      <p>
        <button type="submit">Save</button>{' '}
        <button type="button" disabled={testing} onClick={() => void test()}>
          Test the connection
        </button>
      </p>
      <p role="status">{message}</p>
      <p role="status" id="connection-test">
        {tested}
      </p>
    </form>
  );
}

function Permissions({ view, onChanged }: { view: SettingsView; onChanged: (view: SettingsView) => void }) {
  const [site, setSite] = useState('');
  const [message, setMessage] = useState('');
  async function grant(event: Event) {
    event.preventDefault();
    let pattern: string;
    let origin: string;
    try {
      pattern = sitePattern(site, PATTERN_RULES);
      origin = new URL(site).origin;
    } catch {
      setMessage('Type a web address, e.g. https://cms.council.example');
      return;
    }
    // Called straight from the click: browsers grant a permission only in answer to the person's gesture.
    const granted = await browser.permissions.request({ origins: [pattern] });
    const where = patternWidensSite(site, PATTERN_RULES) ? `${pattern.slice(0, -2)} (on any port: this browser cannot limit a site to one port)` : origin;
    setMessage(granted ? `EduBridge may now run on ${where}.` : `Access to ${origin} was not granted.`);
    onChanged(await ask<SettingsView>({ type: 'permissions:changed' }));
  }
  return (
    <form onSubmit={grant} aria-labelledby="permissions">
      <h2 id="permissions">Sites EduBridge may use</h2>
      <p>EduBridge runs only on the sites listed here, and talks only to the education service above (and, to sign you in with your council account, to its identity provider).</p>
      <ul>
        {view.grantedOrigins.map((origin) => (
          <li key={origin}>{origin}</li>
        ))}
      </ul>
      <label for="site">Add a case-management or education service address</label>
      <input id="site" type="url" value={site} onInput={(e) => setSite(e.currentTarget.value)} />
      <p>
        <button type="submit">Allow this site</button>
      </p>
      <p role="status">{message}</p>
    </form>
  );
}

function Adapters({ view, onSaved }: { view: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { settings } = view;
  const [json, setJson] = useState(settings.customAdapters.length ? JSON.stringify(settings.customAdapters, null, 2) : '');
  const [report, setReport] = useState<string[]>([]);
  const all = [
    ...settings.policyAdapters.map((a) => ({ adapter: a, from: 'your organisation' })),
    ...settings.customAdapters.map((a) => ({ adapter: a, from: 'you' })),
    ...view.builtInAdapters.map((a) => ({ adapter: a, from: 'built in' })),
  ];
  async function toggle(id: string, enabled: boolean) {
    const disabled = new Set(settings.disabledAdapters);
    if (enabled) disabled.delete(id);
    else disabled.add(id);
    onSaved(await ask<SettingsView>({ type: 'settings:set', patch: { disabledAdapters: [...disabled] } }));
  }
  function parse(): unknown[] | null {
    try {
      const value = JSON.parse(json || '[]') as unknown;
      return Array.isArray(value) ? value : [value];
    } catch (error) {
      setReport([`Not valid JSON: ${(error as Error).message}`]);
      return null;
    }
  }
  async function save() {
    const adapters = parse();
    if (!adapters) return;
    try {
      onSaved(await ask<SettingsView>({ type: 'settings:set', patch: { customAdapters: adapters } }));
      setReport(['Saved.']);
    } catch (error) {
      setReport((error as Error).message.split('\n'));
    }
  }
  async function test() {
    const adapters = parse();
    if (!adapters) return;
    const lines: string[] = [];
    for (const adapter of adapters) {
      const result = await ask<{ problems: string[]; examples: string[]; page?: Record<string, unknown> }>({ type: 'adapter:test', adapter });
      lines.push(...result.problems, ...result.examples.map((e) => `Example: ${e}`));
      if (result.page) lines.push(`On ${String(result.page.url)}: ${JSON.stringify(result.page)}`);
      if (!result.problems.length && !result.examples.length) lines.push('The adapter is valid and its examples pass.');
    }
    setReport(lines);
  }
  const lockedCustom = settings.locked.includes('customAdapters');
  return (
    <section aria-labelledby="adapters">
      <h2 id="adapters">Case-management systems (adapters)</h2>
      <p>
        <a href="/teach.html" target="_blank" rel="noopener">
          Teach EduBridge a new system…
        </a>{' '}
        by clicking on one of its pages: no JSON needed.
      </p>
      <fieldset>
        <legend>Recognise children on</legend>
        {all.map(({ adapter, from }) => (
          <div key={`${from}-${adapter.id}`}>
            <input
              type="checkbox"
              id={`adapter-${from}-${adapter.id}`}
              checked={!settings.disabledAdapters.includes(adapter.id)}
              disabled={settings.locked.includes('disabledAdapters')}
              onChange={(e) => void toggle(adapter.id, e.currentTarget.checked)}
            />{' '}
            <label style="display:inline" for={`adapter-${from}-${adapter.id}`}>
              {adapter.name} ({from})
            </label>
          </div>
        ))}
        <Locked settings={settings} field="disabledAdapters" />
      </fieldset>
      <label for="custom">Your own adapters (JSON, see the adapters guide)</label>
      <textarea id="custom" rows={8} value={json} disabled={lockedCustom} onInput={(e) => setJson(e.currentTarget.value)} />
      <Locked settings={settings} field="customAdapters" />
      <p>
        <button type="button" onClick={() => void test()}>
          Test against the current page
        </button>{' '}
        <button type="button" disabled={lockedCustom} onClick={() => void save()}>
          Save adapters
        </button>
      </p>
      {/* A list may not take the status role itself: the live region wraps it. */}
      <div role="status">
        <ul>
          {report.map((line, index) => (
            <li key={index}>{line}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}

function Data() {
  const [message, setMessage] = useState('');
  async function exportAudit() {
    const { csv } = await ask<{ csv: string }>({ type: 'audit:csv' });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `edubridge-audit-${new Date().toISOString().slice(0, 10)}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage('The audit log was exported.');
  }
  return (
    <section aria-labelledby="data">
      <h2 id="data">Data on this computer</h2>
      <p>
        <button type="button" onClick={() => void ask({ type: 'cache:purge' }).then(() => setMessage('Saved education data was cleared.'))}>
          Clear saved education data
        </button>{' '}
        <button type="button" onClick={() => void exportAudit()}>
          Export the audit log (CSV)
        </button>
      </p>
      <p role="status">{message}</p>
    </section>
  );
}

function Options() {
  const [view, setView] = useState<SettingsView | null>(null);
  useEffect(() => {
    void ask<SettingsView>({ type: 'settings:get' }).then(setView);
  }, []);
  if (!view) return <p>Loading…</p>;
  return (
    <main>
      <h1>EduBridge options</h1>
      {view.settings.policyProblems.length > 0 && (
        <div role="alert" class="error">
          Your organisation's settings have problems: {view.settings.policyProblems.join('; ')}
        </div>
      )}
      {/* Not keyed by the settings: a new key would rebuild the form on every save and lose "Saved.". */}
      <Connection view={view} onSaved={setView} />
      <Permissions view={view} onChanged={setView} />
      <Adapters view={view} onSaved={setView} />
      <Data />
    </main>
  );
}

render(<Options />, document.getElementById('root')!);
