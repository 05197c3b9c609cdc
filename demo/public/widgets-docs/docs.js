// Builds the reference from custom-elements.json: one section per element, with a live example.
// Everything is created with DOM methods and textContent: nothing from the manifest is parsed as HTML.

const AS_OF = '2025-11-20';

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function table(caption, columns, rows) {
  if (rows.length === 0) return null;
  return el(
    'table',
    {},
    el('caption', { text: caption }),
    el('thead', {}, el('tr', {}, ...columns.map((column) => el('th', { scope: 'col', text: column.label })))),
    el(
      'tbody',
      {},
      ...rows.map((row) =>
        el('tr', {}, ...columns.map((column, index) => (index === 0 ? el('th', { scope: 'row' }, el('code', { text: column.value(row) })) : el('td', { text: column.value(row) })))),
      ),
    ),
  );
}

const typeOf = (item) => item.type?.text ?? '';

async function example(declaration, record) {
  const tag = declaration.tagName;
  const box = el('div', { class: 'example' });
  const element = document.createElement(tag);
  element.setAttribute('heading-level', '4');
  if (tag.startsWith('edu-cohort')) {
    element.setAttribute('src', '/');
    box.append(el('p', { class: 'code' }, el('code', { text: `<${tag} src="/"></${tag}>` })));
  } else {
    element.setAttribute('as-of', AS_OF);
    element.record = record;
    box.append(el('p', { class: 'code' }, el('code', { text: `<${tag} as-of="${AS_OF}"></${tag}>  (element.record = a child education record)` })));
  }
  box.append(element);
  return box;
}

async function main() {
  const container = document.getElementById('components');
  const [manifest, record] = await Promise.all([
    fetch('/widgets/dist/custom-elements.json').then((response) => response.json()),
    fetch('sample-record.json').then((response) => response.json()),
  ]);
  const declarations = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
  container.replaceChildren();
  const contents = document.getElementById('contents');
  for (const declaration of declarations) {
    const id = declaration.tagName;
    contents.append(el('li', {}, el('a', { href: `#${id}`, text: `<${id}>` })));
    const properties = (declaration.members ?? []).filter((member) => member.kind === 'field' && !member.static);
    const section = el(
      'section',
      { id, 'aria-labelledby': `${id}-heading` },
      el('h2', { id: `${id}-heading`, text: `<${id}>` }),
      el('p', { class: 'lead', text: declaration.summary ?? '' }),
      el('p', { text: declaration.description ?? '' }),
      el('h3', { text: 'Example' }),
      await example(declaration, record),
      el('h3', { text: 'Reference' }),
      table(`Attributes of <${id}>`, [
        { label: 'Attribute', value: (a) => a.name },
        { label: 'Type', value: typeOf },
        { label: 'Description', value: (a) => a.description ?? '' },
      ], declaration.attributes ?? []),
      table(`Properties of <${id}>`, [
        { label: 'Property', value: (p) => p.name },
        { label: 'Type', value: typeOf },
        { label: 'Description', value: (p) => p.description ?? '' },
      ], properties),
      table(`Events of <${id}>`, [
        { label: 'Event', value: (e) => e.name },
        { label: 'Type', value: typeOf },
        { label: 'Description', value: (e) => e.description ?? '' },
      ], declaration.events ?? []),
      table(`CSS parts of <${id}>`, [
        { label: 'Part', value: (p) => p.name },
        { label: 'Description', value: (p) => p.description ?? '' },
      ], declaration.cssParts ?? []),
      table(`CSS custom properties of <${id}>`, [
        { label: 'Property', value: (p) => p.name },
        { label: 'Description', value: (p) => p.description ?? '' },
      ], declaration.cssProperties ?? []),
    );
    container.append(section);
  }
}

main().catch((error) => {
  document.getElementById('components').replaceChildren(el('p', { role: 'alert', text: `The component reference could not be loaded: ${error.message}` }));
});
