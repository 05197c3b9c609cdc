import type { AdapterInput } from '../adapters/schema.ts';
import { caseloadIds, confirmWith, proposeCaseload, proposeChildAdapter, readWithAdapter } from './adapter.ts';
import { FromPicker, ToPicker, type PickStep } from './protocol.ts';

/**
 * The picker: injected into a case-management tab by the builder page, on the administrator's request
 * only. It outlines the element under the pointer, takes the next click as the answer to the builder's
 * current question (the click does not reach the page), and runs the proposal code on this page's DOM.
 * Esc, or the builder page closing, removes it. It shows nothing but the builder's instruction.
 */

export interface PickerPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

const HOST_TAG = 'edubridge-picker';

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** Parts of the address that could be a person ID: path segments and query values with a digit in them. */
function idCandidates(href: string): string[] {
  const url = new URL(href);
  const values = [...url.pathname.split('/'), ...[...url.searchParams.values()]].map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  return [...new Set(values.filter((value) => /^(?=.*\d)[A-Za-z0-9_-]{1,64}$/.test(value)))].slice(0, 20);
}

export function startPicker(doc: Document, port: PickerPort): () => void {
  const host = doc.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = `
    .outline { position: fixed; pointer-events: none; z-index: 2147483646; border: 3px solid #1d70b8; background: rgba(29,112,184,0.12); display: none; }
    .banner { position: fixed; left: 12px; right: 12px; bottom: 12px; z-index: 2147483647; font: 16px/1.4 Arial, sans-serif;
      background: #0b0c0c; color: #fff; padding: 10px 14px; border: 3px solid #ffdd00; }
    .banner strong { color: #ffdd00; }
  `;
  const outline = doc.createElement('div');
  outline.className = 'outline';
  const banner = doc.createElement('div');
  banner.className = 'banner';
  banner.setAttribute('role', 'status');
  banner.textContent = 'EduBridge is ready to learn this page. Follow the steps in the EduBridge builder. Esc stops.';
  root.append(style, outline, banner);
  doc.documentElement.append(host);

  const picked = new Map<PickStep, Element[]>();
  let step: PickStep | undefined;
  let adding = false;
  let stopped = false;

  const send = (message: FromPicker) => port.postMessage(FromPicker.parse(message));

  const onMove = (event: MouseEvent) => {
    if (!step) return;
    const target = event.target instanceof Element ? event.target : null;
    if (!target || target === host) return;
    const box = target.getBoundingClientRect();
    Object.assign(outline.style, { display: 'block', left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
  };

  const onClick = (event: MouseEvent) => {
    if (!step) return;
    const target = event.target instanceof Element ? event.target : null;
    if (!target || target === host) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const list = adding ? [...(picked.get(step) ?? []), target] : [target];
    picked.set(step, list);
    send({ type: 'picked', step, text: clean(target.textContent), count: list.length });
    banner.textContent = 'Got it. Carry on in the EduBridge builder. Esc stops.';
    outline.style.display = 'none';
    step = undefined;
  };

  const stop = () => {
    if (stopped) return;
    stopped = true;
    doc.removeEventListener('mousemove', onMove, true);
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('keydown', onKey, true);
    host.remove();
    try {
      send({ type: 'stopped' });
      port.disconnect();
    } catch {
      // The builder page has gone already.
    }
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') stop();
  };

  doc.addEventListener('mousemove', onMove, true);
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('keydown', onKey, true);
  port.onDisconnect.addListener(() => {
    stopped = true;
    host.remove();
    doc.removeEventListener('mousemove', onMove, true);
    doc.removeEventListener('click', onClick, true);
    doc.removeEventListener('keydown', onKey, true);
  });

  const href = () => doc.location.href;

  port.onMessage.addListener((raw) => {
    const parsed = ToPicker.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    try {
      switch (message.type) {
        case 'pick': {
          step = message.step;
          adding = message.add;
          banner.replaceChildren(Object.assign(doc.createElement('strong'), { textContent: 'EduBridge: ' }), doc.createTextNode(`${message.instruction} (Esc stops.)`));
          return send({ type: 'waiting', step: message.step });
        }
        case 'propose': {
          // Every frame of the tab hears the builder; the frame where the name was picked answers.
          const name = picked.get('name');
          if (!name?.length) return;
          const [idElement] = picked.get('id') ?? [];
          const [dateOfBirth] = picked.get('dateOfBirth') ?? [];
          const [anchor] = picked.get('anchor') ?? [];
          const proposal = proposeChildAdapter(message.name, doc, {
            url: href(),
            personId: idElement ? clean(idElement.textContent) : message.personId,
            ...(idElement ? { idElement } : {}),
            name: name.length === 1 ? name[0]! : name,
            ...(dateOfBirth ? { dateOfBirth } : {}),
            ...(anchor ? { anchor } : {}),
          });
          const reading = readWithAdapter(proposal.adapter, href(), doc);
          return send({ type: 'proposal', adapter: proposal.adapter as Record<string, unknown>, parts: proposal.parts, fragile: proposal.fragile, reading: stripUndefined(reading) });
        }
        case 'confirm': {
          const { adapter, reading } = confirmWith(message.adapter as unknown as AdapterInput, href(), doc);
          // Only the frame the page pattern recognises answers (the builder reports silence as "no match").
          if (!reading.matched) return;
          return send({ type: 'confirmed', adapter: adapter as Record<string, unknown>, reading: stripUndefined(reading) });
        }
        case 'proposeCaseload': {
          const [idElement] = picked.get('caseloadId') ?? [];
          if (!idElement) return;
          const base = message.adapter as unknown as AdapterInput | undefined;
          const caseload = proposeCaseload(doc, { url: href(), idElement }, base?.child);
          if (!caseload) return send({ type: 'problem', message: 'That is not inside a row of a list, or no ID could be read from it. Pick the ID (or the link to the record) in one row of the list.' });
          const adapter: AdapterInput = base ? { ...base, caseload } : { id: 'caseload', name: 'Caseload', hosts: [new URL(href()).host], caseload };
          return send({ type: 'caseload', adapter: adapter as Record<string, unknown>, ids: caseloadIds(adapter, doc) });
        }
        case 'stop':
          return stop();
      }
    } catch (error) {
      send({ type: 'problem', message: `EduBridge could not work this page out: ${(error as Error).message}`.slice(0, 500) });
    }
  });

  send({ type: 'hello', url: href(), title: clean(doc.title), idCandidates: idCandidates(href()) });
  return stop;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
