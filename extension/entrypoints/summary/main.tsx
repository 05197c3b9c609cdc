// First: zod is configured before any module builds a schema (see lib/zod-config.ts).
import '../../lib/zod-config.ts';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ask } from '../../lib/ask.ts';
import type { PrintView } from '../../lib/messages.ts';
import { StatusDetails } from '../../ui/StatusPanel.tsx';
import '../../ui/overlay.css';

// The printable summary the popup opens in a tab of its own ("summary.html#<tab id>"): the child the
// case-management tab shows, laid out as the panel is, printed as soon as it is drawn. The background
// answers only for a child whose page showed a matching name and date of birth.
const tabId = Number(location.hash.slice(1));

function Summary() {
  const [view, setView] = useState<PrintView | null>(null);
  useEffect(() => {
    void ask<PrintView>({ type: 'print', tabId: Number.isInteger(tabId) ? tabId : -1 }).then(setView);
  }, []);
  useEffect(() => {
    if (view?.status) {
      document.title = `Education summary: ${view.status.child.displayName}`;
      window.print();
    }
  }, [view]);
  if (!view) return <p>Loading…</p>;
  if (!view.status) return <p role="alert">{view.message}</p>;
  return (
    <main class="overlay is-open">
      <h1 class="visually-hidden">EduBridge education summary</h1>
      <section class="panel print-page" aria-labelledby="eb-panel-title">
        <header>
          {/* The panel's own heading levels: the details below start at h3. */}
          <h2 id="eb-panel-title">Education summary: {view.status.child.displayName}</h2>
          <div class="actions">
            <button type="button" onClick={() => window.print()}>
              Print or save as PDF
            </button>
          </div>
        </header>
        <StatusDetails status={view.status} />
      </section>
    </main>
  );
}

render(<Summary />, document.getElementById('root')!);
