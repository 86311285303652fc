// What NpmClientsIT passes: the packaged server, its password, a .torrent and a magnet link of torrents a real
// libtorrent seeder seeds (found through a local opentracker), and the server's download folder.
import assert from 'node:assert/strict';

export const env = {
  url: process.env.BQ_URL,
  password: process.env.BQ_PASSWORD,
  torrent: process.env.BQ_TORRENT,
  hash: process.env.BQ_HASH,
  name: process.env.BQ_NAME,
  magnet: process.env.BQ_MAGNET,
  magnetHash: process.env.BQ_MAGNET_HASH,
  magnetName: process.env.BQ_MAGNET_NAME,
  downloads: process.env.BQ_DOWNLOADS,
};
for (const [k, v] of Object.entries(env)) {
  assert.ok(v, `${k} is not set: run through NpmClientsIT`);
}

/** Polls `probe` every 200 ms until it returns something truthy, for at most `ms`. */
export async function until(what, probe, ms = 60_000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.stack : JSON.stringify(last)}`);
}
