// First: zod is configured before any module builds a schema (see lib/zod-config.ts).
import '../../lib/zod-config.ts';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ask } from '../../lib/ask.ts';
import type { AccountView, NeedsActionItem, PopupView, SearchResult } from '../../lib/messages.ts';
import { PEP_STATE_WORD, RATING_ICON, RATING_WORD, ageText, alertCount, dateText, percent } from '../../lib/format.ts';
import '../../ui/pages.css';

function CurrentChild({ view, tabId }: { view: PopupView; tabId: number | undefined }) {
  const child = view.child;
  if (!child) return <p>No child recognised on this page.</p>;
  if (child.phase === 'mismatch') return <p role="alert">This page's child may not match the education record: no figures are shown.</p>;
  if (child.phase === 'uncertain') return <p role="alert">EduBridge cannot be sure this page's child is the education record's: no figures are shown.</p>;
  if (!child.status) return <p>{child.problem?.message ?? 'Looking up the education record…'}</p>;
  const { status } = child;
  const alerts = alertCount(status);
  return (
    <section aria-labelledby="current">
      <h2 id="current">{status.child.displayName}</h2>
      <p>
        <strong>
          <span aria-hidden="true">{RATING_ICON[status.rag.overall]}</span> {RATING_WORD[status.rag.overall]}
        </strong>{' '}
        overall · {alerts} alert{alerts === 1 ? '' : 's'}
      </p>
      <ul>
        <li>Attendance this year: {percent(status.attendance.academicYear.attendancePercent)}</li>
        <li>
          {PEP_STATE_WORD[status.pep.state]}
          {status.pep.nextDue ? `, next due ${dateText(status.pep.nextDue)}` : ''}
        </li>
        <li>Actions you owe: {status.pep.socialWorkerActions.length}</li>
      </ul>
      {tabId !== undefined && (
        <p>
          <button type="button" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(`/summary.html#${tabId}`) })}>
            Print or save as PDF
          </button>
        </p>
      )}
      {child.problem && <p role="alert">{child.problem.message}</p>}
      {child.fetchedAt !== undefined && <p class="muted">Saved {ageText(child.fetchedAt, Date.now())}.</p>}
    </section>
  );
}

const LEVEL_WORD: Record<NeedsActionItem['level'], string> = {
  overdue: 'Overdue',
  'due-this-week': 'Due this week',
  red: 'Red',
  amber: 'Amber',
};

/** Saved children with something to act on, overdue and due this week first, each with its reason. */
function NeedsAction({ items }: { items: NeedsActionItem[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="needs-action">
      <h2 id="needs-action">Needs action</h2>
      <ol class="needs-action">
        {items.map((item) => (
          <li key={item.personId}>
            <strong>{LEVEL_WORD[item.level]}:</strong> {item.displayName} (ID {item.personId}): {item.reason}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Search() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<SearchResult | null>(null);
  useEffect(() => {
    if (!query.trim()) return setResults(null);
    let live = true;
    void ask<SearchResult>({ type: 'search', query }).then((found) => live && setResults(found));
    return () => {
      live = false;
    };
  }, [query]);
  return (
    <section aria-labelledby="search">
      <h2 id="search">Find a child you have looked at</h2>
      <label for="q">Name, person ID or UPN</label>
      <input id="q" type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
      <div aria-live="polite">
        {results && results.length === 0 && <p>No saved child matches.</p>}
        {results && results.length > 0 && (
          <ul class="results">
            {results.map((child) => (
              <li key={child.personId}>
                {child.displayName} (born {dateText(child.dateOfBirth)}, ID {child.personId}): {RATING_WORD[child.overall]}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/** Signed in with the council account, or not: then why, and a way to sign in. */
function Account({ account, onChanged }: { account: AccountView; onChanged: () => void }) {
  const [message, setMessage] = useState('');
  if (account.mode !== 'oidc') return null;
  async function signIn() {
    setMessage('Finish signing in in the window your council’s sign-in page opened in.');
    try {
      await ask({ type: 'signin' });
      setMessage('');
      onChanged();
    } catch (error) {
      setMessage((error as Error).message);
    }
  }
  return (
    <section aria-labelledby="account">
      <h2 id="account">Your council account</h2>
      {account.signedIn ? (
        <p>Signed in as {account.name ?? 'you'}.</p>
      ) : (
        <>
          <p role="alert">{account.notice ?? 'You are signed out.'}</p>
          <p>
            <button type="button" onClick={() => void signIn()}>
              Sign in with your council account
            </button>
          </p>
        </>
      )}
      <p role="status">{message}</p>
    </section>
  );
}

function Popup() {
  const [view, setView] = useState<PopupView | null>(null);
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  useEffect(() => {
    void (async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      setTabId(tab?.id);
      setView(await ask<PopupView>({ type: 'popup', tabId: tab?.id }));
    })();
  }, []);
  if (!view) return <p>Loading…</p>;
  return (
    <main>
      <h1>EduBridge</h1>
      <Account account={view.account} onChanged={() => void ask<PopupView>({ type: 'popup', tabId }).then(setView)} />
      <CurrentChild view={view} tabId={tabId} />
      <NeedsAction items={view.needsAction} />
      <Search />
      <section aria-labelledby="connection">
        <h2 id="connection">Connection</h2>
        <p>
          {view.connection.apiOrigin || 'No education service set'}: {view.connection.message}
        </p>
        <p>{view.cachedChildren} children saved on this computer.</p>
      </section>
      <p>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Options
        </button>{' '}
        <button
          type="button"
          onClick={() => void ask({ type: 'signout' }).then(() => ask<PopupView>({ type: 'popup' }).then(setView))}
        >
          Sign out and clear saved data
        </button>
      </p>
    </main>
  );
}

render(<Popup />, document.getElementById('root')!);
