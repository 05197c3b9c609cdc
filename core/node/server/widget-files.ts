import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env, Hono } from 'hono';
import { requestHeader } from './request-headers.ts';
import { chooseEncoding, compressBody, isCompressible, MIN_COMPRESS_BYTES, type Encoding } from './compression.ts';

/**
 * The widget bundle and its chunks (`dist/widgets`), served by `edubridge serve` at `/widgets/dist/` so
 * a council portal on any site can embed the widgets with one script tag:
 *
 * - CORS: `Access-Control-Allow-Origin: *`. Module scripts are fetched in CORS mode, so without it no
 *   other site could run them. The files are the same public code as the npm package and carry no data;
 *   serving them to every site lets a widget on a site the API refuses say so ("this site is not allowed
 *   to use the Education Status service") instead of failing silently. The data stays behind the API's
 *   own origin check.
 * - Caching: a file whose name carries a content hash (`chunks/setup-Ab12Cd34.js`) never changes, so it is
 *   `immutable` for a year; every other file (`edubridge-widgets.js`, `esm/edu-*.js`) is revalidated each
 *   time with its ETag, and answered `304 Not Modified` when unchanged.
 * - Compression: brotli or gzip, at the best levels, worked out once per file and kept.
 */

export const WIDGET_FILES_PATH = '/widgets/dist';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/** A chunk name with the bundler's content hash (`name-HASH.js`, HASH 8 or more URL-safe characters). */
const HASHED = /(^|\/)chunks\/[^/]+-[A-Za-z0-9_-]{8,}\.m?js$/;

export const isHashedFile = (relativePath: string): boolean => HASHED.test(relativePath);

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'public, no-cache';

interface CachedFile {
  mtimeMs: number;
  size: number;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  encoded: Map<Encoding, Promise<Uint8Array<ArrayBuffer>>>;
}

/** The `dist/widgets` folder of the installed package, found from this file (source or dist/node). */
export function defaultWidgetsDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 7; i++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'edubridge') return join(dir, 'dist', 'widgets');
      } catch {
        // Not a package manifest we can read: keep looking upwards.
      }
    }
    dir = dirname(dir);
  }
  return undefined;
}

/** Whether an If-None-Match header names one of the ETags of a file. */
function matches(ifNoneMatch: string | undefined, etags: readonly string[]): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const wanted = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return etags.some((etag) => wanted.includes(etag));
}

/** Serves the files under `dir` at `/widgets/dist/*`; a folder that does not exist (not built) answers 404. */
export function registerWidgetFiles<E extends Env>(app: Hono<E>, dir: string | undefined): void {
  const root = dir === undefined ? undefined : resolve(dir);
  const cache = new Map<string, CachedFile>();

  const load = async (file: string): Promise<CachedFile | undefined> => {
    let info;
    try {
      info = await stat(file);
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const known = cache.get(file);
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return known;
    const body = new Uint8Array(await readFile(file));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const entry: CachedFile = { mtimeMs: info.mtimeMs, size: info.size, body, etag, encoded: new Map() };
    cache.set(file, entry);
    return entry;
  };

  app.get(`${WIDGET_FILES_PATH}/*`, async (c) => {
    // Hono has already decoded the path once; decoding again would let `%252F` become a slash.
    const relative = c.req.path.slice(WIDGET_FILES_PATH.length + 1);
    const type = CONTENT_TYPES[extname(relative)];
    const file = root === undefined ? undefined : resolve(root, relative);
    const cors = { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin', 'x-content-type-options': 'nosniff' };
    // Only files inside the folder, of the types a page loads; no folders, no dot-files.
    if (root === undefined || file === undefined || type === undefined || !file.startsWith(root + sep) || /(^|\/)\./.test(relative) || relative.includes('\0')) {
      return c.text('Not found', 404, cors);
    }
    const found = await load(file);
    if (!found) return c.text('Not found', 404, cors);

    const compress = isCompressible(type) && found.body.byteLength >= MIN_COMPRESS_BYTES;
    const encoding = compress ? chooseEncoding(requestHeader(c, 'accept-encoding')) : undefined;
    const etag = encoding === undefined ? found.etag : `${found.etag.slice(0, -1)}-${encoding}"`;
    const headers: Record<string, string> = {
      ...cors,
      'content-type': type,
      'cache-control': isHashedFile(relative) ? IMMUTABLE : REVALIDATE,
      etag,
      ...(compress ? { vary: 'Accept-Encoding' } : {}),
    };
    const all = [found.etag, `${found.etag.slice(0, -1)}-br"`, `${found.etag.slice(0, -1)}-gzip"`];
    if (matches(requestHeader(c, 'if-none-match'), encoding === undefined ? [found.etag] : all)) return c.body(null, 304, headers);

    if (encoding === undefined) return c.body(found.body, 200, { ...headers, 'content-length': String(found.body.byteLength) });
    let encoded = found.encoded.get(encoding);
    if (!encoded) {
      encoded = compressBody(found.body, encoding, 'static');
      found.encoded.set(encoding, encoded);
    }
    const body = await encoded;
    return c.body(body, 200, { ...headers, 'content-encoding': encoding, 'content-length': String(body.byteLength) });
  });
}
