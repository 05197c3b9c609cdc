export default defineBackground(() => {
  // The background worker alone talks to the council's Education Status API.
});
