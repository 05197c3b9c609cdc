import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * How to start a worker thread on a module of core/node: the compiled JavaScript (`name.js` beside the
 * caller); or, running from the TypeScript source (tests, `tsx`), an entry that registers tsx in the
 * worker first and then imports the source. Undefined when neither can be started.
 */
export function workerEntry(base: string, name: string): { entry: URL | string; eval: boolean } | undefined {
  const compiled = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(compiled))) return { entry: compiled, eval: false };
  const source = new URL(`./${name}.ts`, base);
  if (!existsSync(fileURLToPath(source))) return undefined;
  try {
    const tsx = import.meta.resolve('tsx/esm/api');
    return { entry: `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); })`, eval: true };
  } catch {
    return undefined;
  }
}
