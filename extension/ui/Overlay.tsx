import { useEffect, useRef } from 'preact/hooks';
import type { OverlayState } from '../lib/messages.ts';
import { ageText, dateText } from '../lib/format.ts';
import { StatusDetails } from './StatusPanel.tsx';

/**
 * The panel that the badge opens. It runs in an extension-origin frame, so the host page can neither read
 * what it shows nor receive its keyboard events. (The badge itself is drawn by the content script: see
 * lib/content/badge.ts.)
 */

export interface OverlayActions {
  setOpen(open: boolean): void;
  dismiss(): void;
  retry(): void;
}

function Problem({ state, actions }: { state: OverlayState; actions: OverlayActions }) {
  if (!state.problem) return null;
  return (
    <div class="problem" role="alert">
      <p>{state.problem.message}</p>
      {state.status && state.fetchedAt !== undefined && (
        <p>
          Showing the last good data, saved {ageText(state.fetchedAt, state.now)} (as of {dateText(state.status.asOf)}).
        </p>
      )}
      <button type="button" onClick={() => actions.retry()}>
        Try again
      </button>
    </div>
  );
}

function PanelBody({ state, actions }: { state: OverlayState; actions: OverlayActions }) {
  if (state.phase === 'mismatch' || state.phase === 'uncertain')
    return (
      <div class="mismatch" role="alert">
        <p>
          <strong>{state.phase === 'mismatch' ? 'This record may not match the child on this page.' : 'EduBridge cannot be sure this record is the child on this page.'}</strong> No
          figures are shown.
        </p>
        <ul>
          {(state.mismatchReasons ?? []).map((reason, index) => (
            <li key={index}>{reason}</li>
          ))}
        </ul>
        <p>Check the person ID on this page, or ask your administrator to check the records.</p>
      </div>
    );
  if (state.phase === 'loading' && !state.status) return <p>Looking up the education record…</p>;
  return (
    <>
      <Problem state={state} actions={actions} />
      {state.status && (
        <>
          {state.fetchedAt !== undefined && !state.problem && (
            <p class="muted">
              Updated {ageText(state.fetchedAt, state.now)}
              {state.refreshing ? '; checking for newer data…' : '. '}
              {!state.refreshing && (
                <button type="button" onClick={() => actions.retry()}>
                  Check for newer data
                </button>
              )}
            </p>
          )}
          <StatusDetails status={state.status} />
        </>
      )}
    </>
  );
}

export function Overlay({
  state,
  actions,
  focusHeading,
  focusRequests = 0,
}: {
  state: OverlayState | null;
  actions: OverlayActions;
  /** Set when the user opened the panel (from the badge), so focus moves to its heading. */
  focusHeading: { current: boolean };
  /** Grows with each such request, so one that arrives while the panel is open already still moves focus. */
  focusRequests?: number;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const open = state?.open ?? false;

  useEffect(() => {
    // A request made before the panel could open (its state had not come yet) waits until it is open.
    if (!open || !focusHeading.current) return;
    focusHeading.current = false;
    // The frame may not hold the focus yet (the page moved it here a moment ago): take it, then the heading.
    window.focus();
    headingRef.current?.focus();
  }, [open, focusRequests]);

  if (!state || !open) return null;
  const name = state.status?.child.displayName;
  return (
    <div
      class="overlay is-open"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          actions.setOpen(false);
        }
      }}
    >
      <h1 class="visually-hidden">EduBridge education status</h1>
      <section id="eb-panel" class="panel" aria-labelledby="eb-panel-title">
        <header>
          <h2 id="eb-panel-title" tabIndex={-1} ref={headingRef}>
            {state.phase === 'mismatch' || state.phase === 'uncertain' ? 'Education status: check the record' : `Education status${name ? `: ${name}` : ''}`}
          </h2>
          <div class="actions">
            {state.status && state.phase !== 'mismatch' && state.phase !== 'uncertain' && (
              <button type="button" onClick={() => window.print()}>
                Print or save as PDF
              </button>
            )}
            <button type="button" onClick={() => actions.dismiss()}>
              Hide on this page
            </button>
            <button type="button" onClick={() => actions.setOpen(false)}>
              Close
            </button>
          </div>
        </header>
        <PanelBody state={state} actions={actions} />
        {state.diagnostics.length > 0 && (
          <details class="diagnostics">
            <summary>What EduBridge could not find on this page</summary>
            <ul>
              {state.diagnostics.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ul>
          </details>
        )}
      </section>
    </div>
  );
}
