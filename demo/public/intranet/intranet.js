// Open the pupil chosen in the list.
document.addEventListener('edu-select-child', (event) => {
  document.getElementById('pupil').setAttribute('child-id', event.detail.personId);
  document.getElementById('pupil-hint').hidden = true;
  document.getElementById('pupil-heading').focus();
});

// The list keeps its room (intranet.css) until it has its pupils or has said why not.
const pupils = document.getElementById('pupils');
for (const type of ['edu-load', 'edu-error']) {
  pupils.addEventListener(type, () => pupils.classList.remove('reserve'));
}
