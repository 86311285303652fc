/**
 * The piece map as pure functions: decode the BEP 3 bitfield the server sends as base64 (piece 0
 * in the high bit of byte 0), and fold it into one "have" fraction per pixel column.
 */

export function decodeBitfield(base64: string): Uint8Array {
  try {
    const raw = atob(base64);
    const out = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  } catch {
    return new Uint8Array(0); // malformed: shown as nothing verified rather than breaking the pane
  }
}

export const hasPiece = (bits: Uint8Array, piece: number): boolean =>
  ((bits[piece >> 3] ?? 0) & (0x80 >> (piece & 7))) !== 0;

export function countPieces(bits: Uint8Array, pieceCount: number): number {
  let n = 0;
  for (let p = 0; p < pieceCount; p++) if (hasPiece(bits, p)) n++;
  return n;
}

/**
 * Fraction of verified pieces under each of `columns` pixel columns. With more columns than pieces
 * a piece spans several columns; with fewer, each column averages its pieces, so a column is never
 * shown "have" while some of its pieces are missing (it is shown part-way).
 */
export function downsample(bits: Uint8Array, pieceCount: number, columns: number): Float32Array {
  const out = new Float32Array(Math.max(0, columns));
  if (pieceCount <= 0 || columns <= 0) return out;
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * pieceCount) / columns);
    const to = Math.max(from + 1, Math.floor(((c + 1) * pieceCount) / columns));
    let have = 0;
    for (let p = from; p < to; p++) if (hasPiece(bits, p)) have++;
    out[c] = have / (to - from);
  }
  return out;
}

export type Rgb = readonly [number, number, number];

/** `#rgb` or `#rrggbb` from a CSS variable, else `fallback`. */
export function parseColor(css: string, fallback: Rgb): Rgb {
  const hex = css.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return fallback;
  return [parseInt(full.slice(0, 2), 16), parseInt(full.slice(2, 4), 16), parseInt(full.slice(4, 6), 16)];
}

/** Paints the columns into an ImageData (device pixels): `have` colour blended over `missing` by fraction. */
export function paint(image: ImageData, fractions: Float32Array, have: Rgb, missing: Rgb): void {
  const { width, height, data } = image;
  for (let x = 0; x < width; x++) {
    const f = fractions[Math.floor((x * fractions.length) / width)] ?? 0;
    const r = missing[0] + (have[0] - missing[0]) * f;
    const g = missing[1] + (have[1] - missing[1]) * f;
    const b = missing[2] + (have[2] - missing[2]) * f;
    for (let y = 0; y < height; y++) {
      const i = (y * width + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
}
