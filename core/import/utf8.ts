/**
 * Locating the first byte that is not valid UTF-8, in one pass (the WHATWG decoder's rules: no overlong
 * forms, no surrogates, nothing above U+10FFFF), so a bad byte late in a large file costs one read.
 */

/** The offset of the first byte that starts an invalid or truncated UTF-8 sequence, or -1 when all of
 * `bytes` is valid. With `partial`, a sequence cut off by the end of `bytes` is not an error. */
export function firstInvalidUtf8(bytes: Uint8Array, partial = false): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return partial ? -1 : i;
      const c = bytes[i + k] as number;
      if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** The 1-based line `offset` is on: one more than the line feeds before it. */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}
