// Open the pupil chosen in the list.
document.addEventListener('edu-select-child', (event) => {
  document.getElementById('pupil').setAttribute('child-id', event.detail.personId);
  document.getElementById('pupil-hint').hidden = true;
  document.getElementById('pupil-heading').focus();
});
