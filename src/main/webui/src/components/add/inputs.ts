/** What one line of the "Magnet links or URLs" box asks for. */
export type SourceLine =
  | { readonly kind: 'magnet'; readonly source: string }
  | { readonly kind: 'url'; readonly source: string }
  | { readonly kind: 'invalid'; readonly source: string };

const HEX_HASH = /^[0-9a-f]{40}$/i;
const BASE32_HASH = /^[a-z2-7]{32}$/i;

/**
 * Splits pasted text into sources, one a line, without duplicates. A bare info-hash (40 hex or
 * 32 base32 characters, as sites show them) becomes a magnet link, so the server treats it like one.
 */
export function parseSources(text: string): SourceLine[] {
  const seen = new Set<string>();
  const out: SourceLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    let entry: SourceLine;
    if (HEX_HASH.test(line) || BASE32_HASH.test(line)) {
      // Hex is case-free; base32 is written upper-case, as BEP 9 shows it.
      const hash = line.length === 40 ? line.toLowerCase() : line.toUpperCase();
      entry = { kind: 'magnet', source: `magnet:?xt=urn:btih:${hash}` };
    } else if (/^magnet:\?/i.test(line)) {
      entry = { kind: 'magnet', source: line };
    } else if (/^https?:\/\/\S+$/i.test(line)) {
      entry = { kind: 'url', source: line };
    } else {
      entry = { kind: 'invalid', source: line };
    }
    if (seen.has(entry.source)) continue;
    seen.add(entry.source);
    out.push(entry);
  }
  return out;
}

/** The `dn` of a magnet link, for a tab label before the server answers. */
export function magnetName(source: string): string | null {
  const query = source.indexOf('?');
  if (query < 0) return null;
  try {
    return new URLSearchParams(source.slice(query + 1)).get('dn');
  } catch {
    return null;
  }
}
