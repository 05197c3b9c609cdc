import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import { BUNDLE_FILE, COMPONENTS, RECORD_FILE } from './components.ts';

/**
 * `npm run build:widgets` runs this twice:
 *  - default mode: per-component ES modules in dist/widgets/esm/ — `<tag>.js` registers the element,
 *    `classes/<tag>.js` only exports its class; shared code (Lit, chart.js, core) sits in chunks, so a
 *    page or bundler that imports one component loads only what it needs;
 *  - `--mode bundle`: dist/widgets/edubridge-widgets.js, everything in one file for one script tag —
 *    except the status rules for the `record` property, which it loads from edubridge-widgets-record.js
 *    beside it the first time a page passes a record (most pages use the API or `status`).
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/widgets', import.meta.url));

function packageJson(): Plugin {
  return {
    name: 'edubridge-widgets-package-json',
    async closeBundle() {
      const { version } = JSON.parse(await readFile(`${root}/package.json`, 'utf8')) as { version: string };
      const manifest = {
        name: '@edubridge/widgets',
        version,
        type: 'module',
        module: `./${BUNDLE_FILE}`,
        types: './types/widgets/index.d.ts',
        customElements: './custom-elements.json',
        exports: {
          '.': { types: './types/widgets/index.d.ts', default: `./${BUNDLE_FILE}` },
          ...Object.fromEntries(
            COMPONENTS.flatMap(({ tag, dir }) => [
              [`./${tag}.js`, { types: `./types/widgets/${dir}/define.d.ts`, default: `./esm/${tag}.js` }],
              [`./classes/${tag}.js`, { types: `./types/widgets/${dir}/${dir}.d.ts`, default: `./esm/classes/${tag}.js` }],
            ]),
          ),
        },
        // Registration files define elements; class files and chunks are free of side effects.
        sideEffects: [`./${BUNDLE_FILE}`, './esm/edu-*.js', './esm/index.js', './esm/chunks/setup-*.js'],
      };
      await writeFile(`${outDir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
    },
  };
}

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

/** In the single bundle, `import('./record.ts')` becomes the separately built file beside it. */
function recordAsSibling(): Plugin {
  return {
    name: 'edubridge-widgets-record-sibling',
    enforce: 'pre',
    resolveId(source, importer) {
      return source === './record.ts' && importer?.endsWith('/widgets/shared/child-element.ts')
        ? { id: `./${RECORD_FILE}`, external: 'absolute' }
        : null;
    },
  };
}

export default defineConfig(({ mode }) => {
  const bundle = mode === 'bundle';
  const record = mode === 'record';
  return {
    root,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: !bundle && !record,
      target: 'es2022',
      // Vite keeps names in library builds; the pages ship what minifyChunks() makes of it.
      minify: false,
      sourcemap: false,
      reportCompressedSize: false,
      lib: bundle
        ? { entry: { 'edubridge-widgets': `${root}/widgets/index.ts` }, formats: ['es'], fileName: () => BUNDLE_FILE }
        : record
          ? { entry: { record: `${root}/widgets/shared/record.ts` }, formats: ['es'], fileName: () => RECORD_FILE }
          : {
            entry: <Record<string, string>>{
              'esm/index': `${root}/widgets/index.ts`,
              ...Object.fromEntries(
                COMPONENTS.flatMap(({ tag, dir }) => [
                  [`esm/${tag}`, `${root}/widgets/${dir}/define.ts`],
                  [`esm/classes/${tag}`, `${root}/widgets/${dir}/${dir}.ts`],
                ]),
              ),
            },
            formats: ['es'],
            fileName: (_format, name) => `${name}.js`,
          },
      rolldownOptions: {
        output: bundle || record ? { codeSplitting: false } : { chunkFileNames: 'esm/chunks/[name]-[hash].js' },
      },
    },
    plugins: bundle ? [recordAsSibling(), minifyChunks()] : record ? [minifyChunks()] : [minifyChunks(), packageJson()],
  };
});
