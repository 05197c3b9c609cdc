import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The module `name` of core/node beside the caller (`base`): its compiled JavaScript when there is one,
 * else its TypeScript source (tests, `tsx`); undefined when neither is there.
 */
function moduleBeside(base: string, name: string): { url: URL; compiled: boolean } | undefined {
  const compiled = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(compiled))) return { url: compiled, compiled: true };
  const source = new URL(`./${name}.ts`, base);
  return existsSync(fileURLToPath(source)) ? { url: source, compiled: false } : undefined;
}

/** Where tsx's `specifier` is, or undefined when tsx cannot be found (only the TypeScript source needs it). */
function tsx(specifier: string): string | undefined {
  try {
    return import.meta.resolve(specifier);
  } catch {
    return undefined;
  }
}

/**
 * How to start a worker thread on a module of core/node: the compiled JavaScript (`name.js` beside the
 * caller); or, running from the TypeScript source (tests, `tsx`), an entry that registers tsx in the
 * worker first and then imports the source. Undefined when neither can be started.
 */
export function workerEntry(base: string, name: string): { entry: URL | string; eval: boolean } | undefined {
  const found = moduleBeside(base, name);
  if (found?.compiled) return { entry: found.url, eval: false };
  const api = found && tsx('tsx/esm/api');
  if (!found || !api) return undefined;
  return { entry: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(found.url.href)}); })`, eval: true };
}

/**
 * How to start a child process (`child_process.fork`) on a module of core/node: the compiled JavaScript
 * beside the caller; or, from the TypeScript source, the source with tsx loaded first. Undefined when
 * neither can be started.
 */
export function processEntry(base: string, name: string): { path: string; execArgv: string[] } | undefined {
  const found = moduleBeside(base, name);
  if (found?.compiled) return { path: fileURLToPath(found.url), execArgv: [] };
  const loader = found && tsx('tsx');
  if (!found || !loader) return undefined;
  return { path: fileURLToPath(found.url), execArgv: ['--import', loader] };
}
