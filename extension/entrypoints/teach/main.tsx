import { z } from 'zod';
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ask } from '../../lib/ask.ts';
import { readPageDate } from '../../../core/identity/index.ts';
import { checkAdapter } from '../../lib/builder/adapter.ts';
import { BUILDER_PORT, FromPicker, type PickStep, type Reading, type ToPicker } from '../../lib/builder/protocol.ts';
import type { SettingsView } from '../../lib/messages.ts';
import '../../ui/pages.css';

z.config({ jitless: true });

/**
 * "Teach EduBridge a case-management system": the administrator names the system, picks on one child's
 * record page where the name, date of birth, person ID and badge are, checks the proposal on other
 * children's pages, optionally teaches the caseload list, then saves the adapter or exports it for the
 * managed policy. The clicking happens on the case-management page itself, through the picker this page
 * injects there (lib/builder/picker.ts); the adapter is checked exactly as a hand-written one is.
 */

type AdapterJson = Record<string, unknown>;
interface TabChoice {
  id: number;
  title: string;
  url: string;
}

interface Connection {
  tabId: number;
  send(message: ToPicker): void;
  close(): void;
}

const STEP_TEXT: Record<PickStep, string> = {
  name: "Click the child's name on the page.",
  dateOfBirth: "Click the child's date of birth on the page.",
  id: "Click the child's person ID on the page.",
  anchor: 'Click the element the EduBridge badge should go beside (usually the name).',
  caseloadId: "Click one child's person ID in the list, or the link to their record.",
};

const PART_WORDS: Record<string, string> = {
  id: 'its id',
  'data-attribute': 'a data attribute',
  label: 'the label beside it',
  'aria-label': 'its accessible label',
  class: 'its class',
  position: 'its position on the page (fragile)',
  address: 'the page address',
};

async function caseTabs(): Promise<TabChoice[]> {
  const tabs = await browser.tabs.query({});
  return tabs
    .filter((tab) => tab.id !== undefined && tab.url !== undefined && /^https?:/.test(tab.url))
    .map((tab) => ({ id: tab.id!, title: tab.title ?? tab.url!, url: tab.url! }));
}

/** Injects the picker into every frame of the tab and opens the port to it. */
async function attach(tabId: number, onMessage: (message: FromPicker) => void): Promise<Connection> {
  await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['/picker.js'] });
  const port = browser.tabs.connect(tabId, { name: BUILDER_PORT });
  port.onMessage.addListener((raw: unknown) => {
    const parsed = FromPicker.safeParse(raw);
    if (parsed.success) onMessage(parsed.data);
  });
  return {
    tabId,
    send: (message) => port.postMessage(message),
    close: () => {
      try {
        port.postMessage({ type: 'stop' } satisfies ToPicker);
        port.disconnect();
      } catch {
        // The tab has gone.
      }
    },
  };
}

function TabPicker({ id, label, onChosen, disabled }: { id: string; label: string; onChosen: (tabId: number) => void; disabled?: boolean }) {
  const [tabs, setTabs] = useState<TabChoice[]>([]);
  const [chosen, setChosen] = useState<number | undefined>();
  const refresh = () =>
    void caseTabs().then((list) => {
      setTabs(list);
      setChosen((current) => (current !== undefined && list.some((tab) => tab.id === current) ? current : list[list.length - 1]?.id));
    });
  useEffect(refresh, []);
  return (
    <div>
      <label for={id}>Tab</label>
      <select id={id} value={chosen === undefined ? '' : String(chosen)} onChange={(e) => setChosen(Number(e.currentTarget.value))} onFocus={refresh}>
        {tabs.length === 0 ? <option value="">No case-management tab is open</option> : null}
        {tabs.map((tab) => (
          <option key={tab.id} value={String(tab.id)}>
            {tab.title} — {tab.url}
          </option>
        ))}
      </select>{' '}
      <button type="button" onClick={refresh}>
        Refresh the list
      </button>{' '}
      <button type="button" disabled={disabled || chosen === undefined} onClick={() => chosen !== undefined && onChosen(chosen)}>
        {label}
      </button>
    </div>
  );
}

function ReadingTable({ reading, caption }: { reading: Reading; caption: string }) {
  const rows: [string, string][] = [
    ['Page', reading.url],
    ['Recognised as a child’s page', reading.matched ? 'Yes' : 'No'],
    ['Person ID', reading.personId ?? 'not found'],
    ['Name', reading.name ?? 'not found'],
    ['Date of birth', reading.dateOfBirth ?? 'not found'],
    ['Place for the badge', reading.anchorFound ? 'found' : 'not found'],
  ];
  return (
    <table class="reading">
      <caption>{caption}</caption>
      <tbody>
        {rows.map(([what, value]) => (
          <tr key={what}>
            <th scope="row">{what}</th>
            <td>{value}</td>
          </tr>
        ))}
        {reading.missing.length > 0 ? (
          <tr>
            <th scope="row">Not found</th>
            <td>{reading.missing.join('; ')}</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

function Teach() {
  const [systemName, setSystemName] = useState('');
  const [connection, setConnection] = useState<Connection | undefined>();
  const [idCandidates, setIdCandidates] = useState<string[]>([]);
  const [idFrom, setIdFrom] = useState<'address' | 'page'>('address');
  const [addressId, setAddressId] = useState('');
  const [picked, setPicked] = useState<Partial<Record<PickStep, string[]>>>({});
  const [waiting, setWaiting] = useState<PickStep | undefined>();
  const [adapter, setAdapter] = useState<AdapterJson | undefined>();
  const [proposalNotes, setProposalNotes] = useState<{ parts: Record<string, string | undefined>; fragile: string[]; reading: Reading } | undefined>();
  const [checks, setChecks] = useState<Reading[]>([]);
  const [pending, setPending] = useState<{ adapter: AdapterJson; reading: Reading } | undefined>();
  const [caseload, setCaseload] = useState<{ adapter: AdapterJson; ids: string[] } | undefined>();
  const [status, setStatus] = useState('');
  const [saved, setSaved] = useState('');
  const listener = useRef<(message: FromPicker) => void>(() => undefined);

  listener.current = (message) => {
    switch (message.type) {
      case 'hello':
        setIdCandidates((current) => [...new Set([...current, ...message.idCandidates])]);
        setAddressId((current) => current || message.idCandidates[message.idCandidates.length - 1] || '');
        return;
      case 'waiting':
        setStatus(`Switch to the case-management tab: ${STEP_TEXT[message.step]}`);
        return;
      case 'picked':
        setWaiting(undefined);
        setPicked((current) => ({ ...current, [message.step]: message.count > 1 ? [...(current[message.step] ?? []), message.text] : [message.text] }));
        if (message.step === 'dateOfBirth' && readPageDate(message.text).kind !== 'date')
          setStatus(`EduBridge cannot read “${message.text}” as a date of birth. Pick the date itself (the element that shows only the date, if there is one).`);
        else setStatus(`Picked: “${message.text}”.`);
        return;
      case 'proposal':
        setAdapter(message.adapter);
        setProposalNotes({ parts: message.parts, fragile: message.fragile, reading: message.reading });
        setStatus('EduBridge has proposed how to read this system. Check what it read below.');
        return;
      case 'confirmed':
        setPending({ adapter: message.adapter, reading: message.reading });
        setStatus('Check what EduBridge read on that page.');
        return;
      case 'caseload':
        setCaseload({ adapter: message.adapter, ids: message.ids });
        setStatus(`EduBridge found ${message.ids.length} ${message.ids.length === 1 ? 'child' : 'children'} in the list.`);
        return;
      case 'problem':
        setStatus(message.message);
        return;
      case 'stopped':
        setWaiting(undefined);
        return;
    }
  };

  useEffect(() => () => connection?.close(), [connection]);

  async function start(tabId: number) {
    connection?.close();
    setIdCandidates([]);
    setAddressId('');
    setPicked({});
    try {
      setConnection(await attach(tabId, (message) => listener.current(message)));
      setStatus('Connected to the page. Now show EduBridge where things are.');
    } catch (error) {
      setStatus(`EduBridge cannot work on that tab (${(error as Error).message}). Is the site allowed in EduBridge's options?`);
    }
  }

  function pick(step: PickStep, add = false) {
    if (!connection) return;
    setWaiting(step);
    connection.send({ type: 'pick', step, instruction: STEP_TEXT[step], add });
  }

  function propose() {
    if (!connection) return;
    const personId = idFrom === 'address' ? addressId : (picked.id?.[0] ?? '');
    if (!systemName.trim()) return setStatus('Give the system a name first (step 1).');
    if (!picked.name?.length) return setStatus("Pick the child's name first.");
    if (!personId) return setStatus('Say where the person ID is: in the address, or pick it on the page.');
    if (picked.dateOfBirth?.[0] !== undefined && readPageDate(picked.dateOfBirth[0]).kind !== 'date')
      return setStatus(`“${picked.dateOfBirth[0]}” is not a date of birth EduBridge can read. Pick the date of birth again.`);
    connection.send({ type: 'propose', name: systemName.trim(), personId });
  }

  const timeouts = useRef<number | undefined>(undefined);
  async function check(tabId: number) {
    if (!adapter) return;
    setPending(undefined);
    const probe = await attach(tabId, (message) => {
      if (message.type === 'confirmed') {
        window.clearTimeout(timeouts.current);
        listener.current(message);
        probe.close();
      }
    });
    probe.send({ type: 'confirm', adapter });
    timeouts.current = window.setTimeout(() => {
      probe.close();
      setStatus("That page does not look like a child's record to the proposed pattern. Is it another child's record page of the same system?");
    }, 4000);
  }

  function accept() {
    if (!pending) return;
    setAdapter(pending.adapter);
    setChecks((current) => [...current, pending.reading]);
    setPending(undefined);
    setStatus('Added. Check one or two more children, then save.');
  }

  async function startCaseload(tabId: number) {
    connection?.close();
    try {
      const list = await attach(tabId, (message) => listener.current(message));
      setConnection(list);
      setWaiting('caseloadId');
      list.send({ type: 'pick', step: 'caseloadId', instruction: STEP_TEXT.caseloadId, add: false });
    } catch (error) {
      setStatus(`EduBridge cannot work on that tab (${(error as Error).message}).`);
    }
  }

  useEffect(() => {
    if (picked.caseloadId && connection) connection.send({ type: 'proposeCaseload', ...(adapter ? { adapter } : {}) });
  }, [picked.caseloadId]);

  const finished = adapter ? checkAdapter(adapter) : undefined;
  const json = adapter ? JSON.stringify(adapter, null, 2) : '';

  async function save() {
    if (!finished?.ok || !adapter) return;
    const view = await ask<SettingsView>({ type: 'settings:get' });
    const others = view.settings.customAdapters.filter((existing) => existing.id !== adapter.id);
    try {
      await ask<SettingsView>({ type: 'settings:set', patch: { customAdapters: [...others, adapter] } });
      setSaved(`Saved as one of your adapters (“${String(adapter.name)}”). Reload a case record page to see the badge.`);
    } catch (error) {
      setSaved((error as Error).message);
    }
  }

  function download() {
    if (!adapter) return;
    const policy = JSON.stringify({ adapters: [adapter] }, null, 2);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([policy], { type: 'application/json' }));
    link.download = `edubridge-adapter-${String(adapter.id)}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  return (
    <main>
      <h1>Teach EduBridge a case-management system</h1>
      <p>
        EduBridge learns a system from its pages: you show it where one child's name, date of birth and person ID are, then it checks the same
        places on other children's pages. Nothing is sent anywhere while you do this.
      </p>
      <p role="status" aria-live="polite" class="status">
        {status}
      </p>

      <h2 id="step-name">1. Name the system</h2>
      <label for="system-name">What your organisation calls it</label>
      <input id="system-name" type="text" value={systemName} onInput={(e) => setSystemName(e.currentTarget.value)} placeholder="e.g. Mosaic" />

      <h2 id="step-open">2. Open one child's record</h2>
      <p>Open a child's record in the case-management system in another tab, then choose that tab here.</p>
      <TabPicker id="record-tab" label="Start on this tab" onChosen={(tabId) => void start(tabId)} />

      <h2 id="step-show">3. Show EduBridge the child</h2>
      <fieldset disabled={!connection}>
        <legend>Where things are on the record page</legend>
        <p>
          <button type="button" onClick={() => pick('name')} aria-describedby="picked-name">
            Pick the child's name
          </button>{' '}
          <button type="button" disabled={!picked.name?.length} onClick={() => pick('name', true)}>
            Add another part of the name
          </button>{' '}
          <span id="picked-name">{picked.name ? `Picked: ${picked.name.join(' + ')}` : waiting === 'name' ? 'Waiting for your click…' : ''}</span>
        </p>
        <p>
          <button type="button" onClick={() => pick('dateOfBirth')} aria-describedby="picked-dob">
            Pick the date of birth
          </button>{' '}
          <span id="picked-dob">{picked.dateOfBirth ? `Picked: ${picked.dateOfBirth.join('')}` : waiting === 'dateOfBirth' ? 'Waiting for your click…' : ''}</span>
        </p>
        <fieldset>
          <legend>Where is the person ID?</legend>
          <label style="display:inline; font-weight: normal">
            <input type="radio" name="id-from" checked={idFrom === 'address'} onChange={() => setIdFrom('address')} /> In the page address
          </label>{' '}
          <select aria-label="The person ID in the address" value={addressId} disabled={idFrom !== 'address'} onChange={(e) => setAddressId(e.currentTarget.value)}>
            {idCandidates.length === 0 ? <option value="">nothing in the address looks like an ID</option> : null}
            {idCandidates.map((candidate) => (
              <option key={candidate} value={candidate}>
                {candidate}
              </option>
            ))}
          </select>
          <br />
          <label style="display:inline; font-weight: normal">
            <input type="radio" name="id-from" checked={idFrom === 'page'} onChange={() => setIdFrom('page')} /> Shown on the page
          </label>{' '}
          <button type="button" disabled={idFrom !== 'page'} onClick={() => pick('id')}>
            Pick the person ID
          </button>{' '}
          <span>{picked.id ? `Picked: ${picked.id.join('')}` : ''}</span>
        </fieldset>
        <p>
          <button type="button" onClick={() => pick('anchor')}>
            Pick where the badge goes (optional)
          </button>{' '}
          <span>{picked.anchor ? `Picked: ${picked.anchor.join('')}` : 'Default: beside the name.'}</span>
        </p>
        <p>
          <button type="button" onClick={propose}>
            Propose how to read this system
          </button>
        </p>
      </fieldset>
      {proposalNotes ? (
        <section aria-labelledby="proposal-heading">
          <h3 id="proposal-heading">What EduBridge will look for</h3>
          <ul>
            {Object.entries(proposalNotes.parts)
              .filter(([, basis]) => basis)
              .map(([part, basis]) => (
                <li key={part}>
                  {({ id: 'Person ID', name: 'Name', dateOfBirth: 'Date of birth', anchor: 'Badge place' } as Record<string, string>)[part] ?? part}: by{' '}
                  {PART_WORDS[basis!] ?? basis}
                </li>
              ))}
          </ul>
          {proposalNotes.fragile.length > 0 ? (
            <p class="error">
              Fragile: EduBridge found nothing stable to recognise the {proposalNotes.fragile.join(', ')} by, so a change to the system's layout may break
              it. Ask the system's supplier for an id or data attribute there, or pick a nearby element.
            </p>
          ) : null}
          <ReadingTable reading={proposalNotes.reading} caption="What EduBridge read on this page" />
        </section>
      ) : null}

      <h2 id="step-check">4. Check it on other children's pages</h2>
      <p>Open another child's record (any tab of the record will do), choose its tab, and check. Two or three children are enough.</p>
      <TabPicker id="check-tab" label="Check this tab" disabled={!adapter} onChosen={(tabId) => void check(tabId)} />
      {pending ? (
        <section aria-labelledby="pending-heading">
          <h3 id="pending-heading">Is this right?</h3>
          <ReadingTable reading={pending.reading} caption="What EduBridge read on that page" />
          <button type="button" onClick={accept} disabled={!pending.reading.personId}>
            Yes, this is the child on that page
          </button>{' '}
          <button type="button" onClick={() => (setPending(undefined), setStatus('Not added. Go back to step 3 and pick the parts again on the first page.'))}>
            No, something is wrong
          </button>
        </section>
      ) : null}
      {checks.length > 0 ? <p>Checked on {checks.length} more {checks.length === 1 ? 'page' : 'pages'}.</p> : null}

      <h2 id="step-caseload">5. The caseload list (optional)</h2>
      <p>Open the list of children (such as "My caseload") in a tab, choose it, and click one child's ID or name in the list.</p>
      <TabPicker id="caseload-tab" label="Teach the list on this tab" onChosen={(tabId) => void startCaseload(tabId)} />
      {caseload ? (
        <section aria-labelledby="caseload-heading">
          <h3 id="caseload-heading">The list</h3>
          <p>
            EduBridge found {caseload.ids.length} {caseload.ids.length === 1 ? 'child' : 'children'}: {caseload.ids.slice(0, 12).join(', ')}
            {caseload.ids.length > 12 ? ', …' : ''}
          </p>
          <button type="button" onClick={() => (setAdapter(caseload.adapter), setCaseload(undefined), setStatus('The list is part of the adapter.'))}>
            Use this list
          </button>
        </section>
      ) : null}

      <h2 id="step-save">6. Save</h2>
      {!adapter ? <p>Nothing to save yet.</p> : finished?.ok ? <p>The adapter is valid and its example addresses pass.</p> : null}
      {finished && !finished.ok ? (
        <ul class="error">
          {finished.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <button type="button" disabled={!finished?.ok} onClick={() => void save()}>
          Save to my adapters
        </button>{' '}
        <button type="button" disabled={!finished?.ok} onClick={download}>
          Download for the managed policy
        </button>
      </p>
      <p role="status">{saved}</p>
      {adapter ? (
        <details>
          <summary>The adapter (JSON, as docs/adapters.md describes)</summary>
          <label for="adapter-json">Adapter JSON</label>
          <textarea id="adapter-json" readOnly rows={16} value={json} />
        </details>
      ) : null}
    </main>
  );
}

render(<Teach />, document.getElementById('root')!);
