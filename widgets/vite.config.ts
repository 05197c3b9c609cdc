import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import { BUNDLE_FILE, CHART_FILE, COMPONENTS, RECORD_FILE, WELSH_FILE } from './components.ts';

/**
 * `npm run build:widgets` runs this in six modes:
 *  - default: per-component ES modules for browsers and bundlers in dist/widgets/esm/ — `<tag>.js`
 *    registers the element, `classes/<tag>.js` only exports its class; shared code (Lit, core) sits in
 *    chunks, so a page or bundler that imports one component loads only what it needs, and chart.js is a
 *    chunk loaded the first time a chart is drawn;
 *  - `--mode node`: the same modules for Node and server-side rendering (the package's `node` export
 *    condition) in dist/widgets/node/, with `lit` left as an import so that Node resolves Lit's server
 *    build: importing a widget where there is no DOM defines nothing that throws;
 *  - `--mode bundle`: dist/widgets/edubridge-widgets.js, everything in one file for one script tag —
 *    except three parts it loads from files beside it when first needed: the status rules for the `record`
 *    property (`--mode record`, edubridge-widgets-record.js; most pages use the API or `status`), chart.js
 *    (`--mode chart`, edubridge-widgets-chart.js; only pages that show a chart) and the Welsh (`--mode cy`,
 *    edubridge-widgets-cy.js; only pages in Welsh).
 * In the per-component modules the Welsh is a chunk (`chunks/welsh-*.js`), loaded the same way.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/widgets', import.meta.url));

/** Full minification (names too) of each chunk: Vite's library mode only strips whitespace. */
function minifyChunks(): Plugin {
  return {
    name: 'edubridge-widgets-minify',
    async generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const result = await transform(file.code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' });
        file.code = result.code;
      }
    },
  };
}

/**
 * In the single bundle, `import('./record.ts')`, `import('./bar-chart.ts')` and `import('../strings/welsh.ts')`
 * become the separately built files beside it.
 */
function lazyPartsAsSiblings(): Plugin {
  return {
    name: 'edubridge-widgets-lazy-siblings',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './record.ts' && importer?.endsWith('/widgets/shared/child-element.ts')) return { id: `./${RECORD_FILE}`, external: 'absolute' };
      if (source === './bar-chart.ts' && importer?.endsWith('/widgets/shared/chart.ts')) return { id: `./${CHART_FILE}`, external: 'absolute' };
      if (source === '../strings/welsh.ts' && importer?.endsWith('/widgets/shared/i18n.ts')) return { id: `./${WELSH_FILE}`, external: 'absolute' };
      return null;
    },
  };
}

const componentEntries = (classes: boolean): Record<string, string> => ({
  index: `${root}/widgets/index.ts`,
  ...Object.fromEntries(
    COMPONENTS.flatMap(({ tag, dir }) => [
      [tag, `${root}/widgets/${dir}/define.ts`],
      ...(classes ? [[`classes/${tag}`, `${root}/widgets/${dir}/${dir}.ts`]] : []),
    ]),
  ),
});

export default defineConfig(({ mode }) => {
  const singles: Record<string, { entry: string; file: string }> = {
    bundle: { entry: 'widgets/index.ts', file: BUNDLE_FILE },
    record: { entry: 'widgets/shared/record.ts', file: RECORD_FILE },
    chart: { entry: 'widgets/shared/bar-chart.ts', file: CHART_FILE },
    cy: { entry: 'widgets/strings/welsh.ts', file: WELSH_FILE },
  };
  const single = singles[mode];
  const node = mode === 'node';
  return {
    root,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: single ? outDir : `${outDir}/${node ? 'node' : 'esm'}`,
      emptyOutDir: !single,
      target: 'es2022',
      // Vite keeps names in library builds; the pages ship what minifyChunks() makes of it.
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      lib: single
        ? { entry: { [mode]: `${root}/${single.entry}` }, formats: ['es'] as const, fileName: () => single.file }
        : { entry: componentEntries(!node), formats: ['es'], fileName: (_format, name) => `${name}.js` },
      rolldownOptions: {
        ...(node ? { external: [/^lit(\/|$)/, /^@lit\//] } : {}),
        output: single ? { codeSplitting: false } : { chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
    plugins: mode === 'bundle' ? [lazyPartsAsSiblings(), minifyChunks()] : [minifyChunks()],
  };
});
