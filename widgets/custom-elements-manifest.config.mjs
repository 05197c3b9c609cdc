// custom-elements.json for dist/widgets/, from the components' JSDoc (@summary @attr @fires @csspart @cssprop).
// The shared base classes are analysed too, so inherited properties (status, record, token, children…) appear.

/** Lit internal state (`state: true`) is not public API: keep it out of the manifest. */
const INTERNAL_STATE = new Set(['state', 'filters', 'drill', 'sortKey', 'sortDirection', 'search', 'ratingFilter', 'page']);

function dropInternalState() {
  return {
    name: 'edubridge-drop-internal-state',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (declaration.attributes) declaration.attributes = declaration.attributes.filter((a) => !INTERNAL_STATE.has(a.name));
          if (declaration.members) {
            declaration.members = declaration.members.filter(
              (m) => !INTERNAL_STATE.has(m.name) && m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'),
            );
          }
        }
      }
    },
  };
}

export default {
  globs: ['widgets/*/*.ts', 'widgets/shared/base.ts', 'widgets/shared/data-element.ts', 'widgets/shared/child-element.ts', 'widgets/shared/cohort-element.ts'],
  exclude: ['widgets/*/define.ts', 'widgets/strings/**', 'widgets/vite.config.ts', 'widgets/components.ts', 'widgets/index.ts', 'widgets/*/cohort-view.ts'],
  outdir: 'dist/widgets',
  litelement: true,
  dependencies: false,
  plugins: [dropInternalState()],
};
