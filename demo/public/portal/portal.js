// The portal's own glue: open a child chosen in the dashboard's table, and switch language.
const summary = document.getElementById('child');
const hint = document.getElementById('child-hint');

function openChild(personId) {
  summary.setAttribute('child-id', personId);
  hint.hidden = true;
  document.getElementById('child-heading').focus();
}

document.addEventListener('edu-select-child', (event) => openChild(event.detail.personId));

// The dashboard keeps its room (portal.css) until it has its data or has said why not.
const dashboard = document.getElementById('dashboard');
for (const type of ['edu-load', 'edu-error']) {
  dashboard.addEventListener(type, (event) => {
    if (event.target === dashboard) dashboard.classList.remove('reserve');
  });
}

const wanted = new URL(location.href).searchParams.get('child');
if (wanted) openChild(wanted);

for (const button of document.querySelectorAll('button.switch')) {
  button.addEventListener('click', () => {
    document.documentElement.lang = button.dataset.lang;
  });
}
