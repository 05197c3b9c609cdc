import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { requestHeader } from './request-headers.ts';

/**
 * Response compression (brotli or gzip, from node:zlib) for what the server sends as text: API JSON,
 * problems, pages, scripts. A page of 2,000 compact statuses is about 4 MB as JSON and about 150 kB
 * compressed, so this is what keeps a cohort table quick on a council network.
 */

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip';

/** Smaller bodies gain nothing from compression (the headers alone are a few hundred bytes). */
export const MIN_COMPRESS_BYTES = 1024;

const COMPRESSIBLE = /^(application\/(json|problem\+json|javascript|manifest\+json)|text\/[a-z]+|image\/svg\+xml)\b/i;

export function isCompressible(contentType: string | null | undefined): boolean {
  return contentType !== null && contentType !== undefined && COMPRESSIBLE.test(contentType);
}

/**
 * The encoding to answer with, from an Accept-Encoding header: brotli when the client takes it, else gzip,
 * else none. A coding with `q=0` is refused.
 */
export function chooseEncoding(acceptEncoding: string | null | undefined): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
    accepted.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => accepted.get(name) ?? (accepted.has('*') ? (accepted.get('*') ?? 0) : 0);
  if (weight('br') > 0 && weight('br') >= weight('gzip')) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

/**
 * Compresses a body. `static` content is compressed once and kept (brotli's best, gzip's best); `dynamic`
 * content is compressed per response at levels that cost a few milliseconds per megabyte.
 */
export async function compressBody(body: Uint8Array, encoding: Encoding, effort: 'static' | 'dynamic'): Promise<Uint8Array<ArrayBuffer>> {
  if (encoding === 'br') {
    return new Uint8Array(await brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: effort === 'static' ? constants.BROTLI_MAX_QUALITY : 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
      },
    }));
  }
  return new Uint8Array(await gzipAsync(body, { level: effort === 'static' ? constants.Z_BEST_COMPRESSION : 6 }));
}

/** Adds `Accept-Encoding` to a response's `Vary` header. */
export function varyOnEncoding(headers: Headers): void {
  const vary = headers.get('vary');
  if (!vary) headers.set('vary', 'Accept-Encoding');
  else if (!/\baccept-encoding\b/i.test(vary)) headers.set('vary', `${vary}, Accept-Encoding`);
}

/**
 * Middleware: compresses every text response of 1 kB or more that is not compressed already. A response is
 * only read when it will be compressed: reading a body turns the server's light response into a stream,
 * which costs more than the answer itself for a client that takes no compression (or a small body whose
 * length is known).
 */
export function compression(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const response = c.res;
    if (c.req.method === 'HEAD' || response.status === 204 || response.status === 304) return;
    const headers = response.headers;
    if (headers.has('content-encoding') || !isCompressible(headers.get('content-type'))) return;
    if (/\bno-transform\b/i.test(headers.get('cache-control') ?? '')) return;
    const encoding = chooseEncoding(requestHeader(c, 'accept-encoding'));
    varyOnEncoding(headers);
    const length = Number(headers.get('content-length') ?? Number.NaN);
    if (encoding === undefined || length < MIN_COMPRESS_BYTES) return;
    if (response.body === null) return;
    const body = new Uint8Array(await response.arrayBuffer());
    const copied = new Headers(headers);
    // Clear the response first: Hono's setter would otherwise copy the old headers over the new ones.
    c.res = undefined;
    if (body.byteLength < MIN_COMPRESS_BYTES) {
      c.res = new Response(body, { status: response.status, statusText: response.statusText, headers: copied });
      return;
    }
    const compressed = await compressBody(body, encoding, 'dynamic');
    copied.set('content-encoding', encoding);
    copied.set('content-length', String(compressed.byteLength));
    // A strong validator names one representation: the compressed one is another.
    const etag = copied.get('etag');
    if (etag !== null && !etag.startsWith('W/')) copied.set('etag', `${etag.slice(0, -1)}-${encoding}"`);
    c.res = new Response(compressed, { status: response.status, statusText: response.statusText, headers: copied });
  };
}
