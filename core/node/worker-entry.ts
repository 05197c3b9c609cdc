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

/**
 * How to start a child process (`child_process.fork`) on a module of core/node: the compiled JavaScript
 * beside the caller; or, from the TypeScript source, the source with tsx loaded first. Undefined when
 * neither can be started.
 */
export function processEntry(base: string, name: string): { path: string; execArgv: string[] } | undefined {
  const compiled = fileURLToPath(new URL(`./${name}.js`, base));
  if (existsSync(compiled)) return { path: compiled, execArgv: [] };
  const source = fileURLToPath(new URL(`./${name}.ts`, base));
  if (!existsSync(source)) return undefined;
  try {
    return { path: source, execArgv: ['--import', import.meta.resolve('tsx')] };
  } catch {
    return undefined;
  }
}
