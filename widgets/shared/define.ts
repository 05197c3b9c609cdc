/**
 * Registers a custom element unless its tag is already taken. A host page may load two copies of the
 * widgets (say the single bundle and a per-component module): the first definition wins and the second
 * is a no-op instead of the DOMException `customElements.define` throws.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  const registry = globalThis.customElements;
  if (!registry || registry.get(tag)) return;
  try {
    registry.define(tag, element);
  } catch (error) {
    // Another copy may have won a race, or the same class is registered under another tag: both harmless.
    if (!registry.get(tag)) throw error;
  }
}
