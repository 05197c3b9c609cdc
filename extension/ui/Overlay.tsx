import { useEffect, useRef } from 'preact/hooks';
import type { OverlayState } from '../lib/messages.ts';
import { PEP_STATE_WORD, RATING_ICON, RATING_WORD, ageText, badgeSummary, dateText, percent } from '../lib/format.ts';
import { StatusDetails } from './StatusPanel.tsx';

/**
 * The in-page overlay: a compact badge that opens a panel. It runs in an extension-origin frame, so the
 * host page can neither read what it shows nor receive its keyboard events.
 */

export interface OverlayActions {
  setOpen(open: boolean): void;
  dismiss(): void;
  retry(): void;
}

function BadgeFace({ state }: { state: OverlayState }) {
  const { status } = state;
  if (state.phase === 'mismatch')
    return (
      <>
        <span class="rating rating-red">
          <span aria-hidden="true">?</span> Record may not match
        </span>
      </>
    );
  if (!status) {
    const word = state.phase === 'loading' ? 'Looking up education record…' : state.phase === 'no-record' ? 'No education record' : 'Education data unavailable';
    return <span class="muted">{word}</span>;
  }
  return (
    <>
      <span class={`rating rating-${status.rag.overall}`}>
        <span aria-hidden="true">{RATING_ICON[status.rag.overall]}</span> {RATING_WORD[status.rag.overall]}
      </span>
      <span class="sep" aria-hidden="true">
        ·
      </span>
      <span>Attendance {percent(status.attendance.academicYear.attendancePercent)}</span>
      <span class="sep" aria-hidden="true">
        ·
      </span>
      <span>{PEP_STATE_WORD[status.pep.state]}</span>
      {state.phase === 'unavailable' && (
        <span class="stale" title="Not the latest data">
          {' '}
          (saved)
        </span>
      )}
    </>
  );
}

function badgeLabel(state: OverlayState): string {
  if (state.phase === 'mismatch') return 'EduBridge: this education record may not match the child on this page';
  if (!state.status) return `EduBridge: ${state.problem?.message ?? 'looking up the education record'}`;
  return `EduBridge education status for ${state.status.child.displayName}: ${badgeSummary(state.status)}`;
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
  if (state.phase === 'mismatch')
    return (
      <div class="mismatch" role="alert">
        <p>
          <strong>This record may not match the child on this page.</strong> No figures are shown.
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

export function Overlay({ state, actions }: { state: OverlayState | null; actions: OverlayActions }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const badgeRef = useRef<HTMLButtonElement>(null);
  const open = state?.open ?? false;
  const wasOpen = useRef(open);

  useEffect(() => {
    if (open && !wasOpen.current) headingRef.current?.focus();
    if (!open && wasOpen.current) badgeRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  if (!state) return null;
  const name = state.status?.child.displayName;
  return (
    <div
      class={`overlay ${open ? 'is-open' : ''} ${state.docked ? 'is-docked' : ''}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          actions.setOpen(false);
        }
      }}
    >
      <h1 class="visually-hidden">EduBridge education status</h1>
      <button
        ref={badgeRef}
        type="button"
        class="badge"
        aria-expanded={open}
        aria-controls="eb-panel"
        aria-label={badgeLabel(state)}
        onClick={() => actions.setOpen(!open)}
      >
        <span class="brand" aria-hidden="true">
          EduBridge
        </span>
        <BadgeFace state={state} />
      </button>
      <div role="status" class="visually-hidden">
        {state.phase === 'ready' && name ? `Education status for ${name} loaded.` : ''}
        {state.phase === 'mismatch' ? 'This education record may not match the child on this page.' : ''}
        {state.problem ? state.problem.message : ''}
      </div>
      {open && (
        <section id="eb-panel" class="panel" aria-labelledby="eb-panel-title">
          <header>
            <h2 id="eb-panel-title" tabIndex={-1} ref={headingRef}>
              {state.phase === 'mismatch' ? 'Education status: check the record' : `Education status${name ? `: ${name}` : ''}`}
            </h2>
            <div class="actions">
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
      )}
    </div>
  );
}
