import { config } from 'zod/mini';

/**
 * The first import of every extension entry point (background, content script, options, popup, panel).
 *
 * zod works out, when it builds its first object schema, whether it may compile parsers with `new Function`;
 * that probe is an eval, which the extension's Content-Security-Policy forbids and which Firefox reports as
 * a CSP error every time the background starts. ES modules run their imports before their own code, so a
 * `config()` call in an entry point's body comes after the imported modules have built their schemas: it
 * must be in a module imported before any of them. `jitless` makes zod parse without compiling, and skips
 * the probe.
 */
config({ jitless: true });
