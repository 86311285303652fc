/** Recognises text that names torrents: magnet links, http(s) URLs of .torrent files, info-hashes. */
const ADDABLE = [/^magnet:\?\S+$/i, /^https?:\/\/\S+$/i, /^[0-9a-f]{40}$/i, /^[a-z2-7]{32}$/i];

/** Whether every non-empty line of `text` is something the Add dialog can take (several lines allowed). */
export function looksAddable(text: string): boolean {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines.length > 0 && lines.length <= 1000 && lines.every((l) => ADDABLE.some((re) => re.test(l)));
}

export const isTorrentFile = (file: File): boolean =>
  file.name.toLowerCase().endsWith('.torrent') || file.type === 'application/x-bittorrent';
