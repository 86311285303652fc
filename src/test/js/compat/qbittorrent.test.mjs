// @ctrl/qbittorrent (what Sonarr-like Node tools and Flood-style backends use) against bitquark's /api/v2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QBittorrent } from '@ctrl/qbittorrent';
import { env, until } from './env.mjs';

test('qBittorrent client: login, version gating, add, list, stop and start, category and tags, remove with data', async () => {
  const wrong = new QBittorrent({ baseUrl: env.url, username: 'admin', password: 'not-the-password' });
  await assert.rejects(wrong.login(), 'a wrong password gets no cookie');

  const c = new QBittorrent({ baseUrl: env.url, username: 'admin', password: env.password });
  assert.equal(await c.login(), true);
  assert.equal(await c.getAppVersion(), 'v5.1.4');
  assert.equal(await c.getApiVersion(), '2.11.4');
  assert.equal(c.state.version.isVersion5OrHigher, true, 'version gating picks the 5.x calls');
  assert.equal(await c.getDefaultSavePath(), env.downloads);

  await c.createCategory('tv-sonarr');
  assert.deepEqual(Object.keys(await c.getCategories()), ['tv-sonarr']);

  const added = await c.normalizedAddTorrent(readFileSync(env.torrent), { label: 'tv-sonarr' });
  assert.equal(added.id, env.hash);
  assert.equal(added.label, 'tv-sonarr');
  assert.equal(added.savePath, join(env.downloads, 'tv-sonarr'), 'saved in the category folder');

  const done = await until('the download from the libtorrent seeder', async () => {
    const t = await c.getTorrent(env.hash);
    return t.isCompleted ? t : null;
  });
  assert.equal(done.progress, 1);
  assert.equal(done.name, env.name);
  const file = join(env.downloads, 'tv-sonarr', env.name);
  assert.ok(existsSync(file), `${file} is on disk`);

  // The peers tab (VueTorrent, qBittorrent's own WebUI): one object per ip:port, and the rid protocol.
  const peers = await c.torrentPeers(env.hash);
  assert.equal(peers.full_update, true);
  for (const [key, p] of Object.entries(peers.peers)) assert.equal(key, `${p.ip}:${p.port}`);
  const again = await c.torrentPeers(env.hash, peers.rid);
  assert.equal(again.full_update, undefined, 'its rid sent back: only what changed');
  await assert.rejects(c.torrentPeers('0000000000000000000000000000000000000000'), 'an unknown hash is a 404');

  // The client maps every finished state to "seeding": the raw states tell stopped from running.
  const raw = async () => (await c.listTorrents({ hashes: env.hash }))[0].state;
  await c.pauseTorrent(env.hash);
  await until('stopped (the 5.x state name)', async () => (await raw()) === 'stoppedUP');
  assert.equal((await c.listTorrents({ filter: 'stopped' })).length, 1);
  await c.resumeTorrent(env.hash);
  await until('seeding again', async () => ['stalledUP', 'uploading'].includes(await raw()));
  assert.equal((await c.listTorrents({ filter: 'seeding' })).length, 1);

  await c.addTorrentTags(env.hash, 'sonarr,4k');
  const tagged = await c.listTorrents({ hashes: env.hash });
  assert.equal(tagged[0].tags, 'sonarr, 4k');
  assert.deepEqual((await c.getTags()).sort(), ['4k', 'sonarr']);
  await c.removeTorrentTags(env.hash, '4k');
  assert.equal((await c.listTorrents({ hashes: env.hash }))[0].tags, 'sonarr');
  assert.equal((await c.listTorrents({ category: 'tv-sonarr' })).length, 1);
  assert.equal((await c.listTorrents({ category: '' })).length, 0);

  const magnet = await c.normalizedAddTorrent(env.magnet);
  assert.equal(magnet.id, env.magnetHash, 'a magnet link is listed as soon as it is added');
  await until('the magnet link\'s metadata and data', async () => {
    const t = await c.getTorrent(env.magnetHash);
    return t.name === env.magnetName && t.isCompleted;
  });

  const all = await c.getAllData();
  assert.equal(all.torrents.length, 2);
  const props = await c.torrentProperties(env.hash);
  assert.equal(props.save_path, join(env.downloads, 'tv-sonarr'));
  const files = await c.torrentFiles(env.hash);
  assert.equal(files.length, 1);
  assert.equal(files[0].name, env.name);
  await assert.rejects(c.torrentProperties('0000000000000000000000000000000000000000'), 'an unknown hash is a 404');

  // Renaming the file moves its data; the files list shows the new name.
  await c.renameFile(env.hash, env.name, 'Renamed.mkv');
  const renamed = join(env.downloads, 'tv-sonarr', 'Renamed.mkv');
  assert.ok(existsSync(renamed) && !existsSync(file), 'the data moved with the name');
  assert.equal((await c.torrentFiles(env.hash))[0].name, 'Renamed.mkv');

  // A torrent's name is only a label in qBittorrent: the file keeps its name, content_path still finds it.
  await c.setTorrentName(env.hash, 'My Show');
  const shown = (await c.listTorrents({ hashes: env.hash }))[0];
  assert.equal(shown.name, 'My Show');
  assert.equal(shown.content_path, renamed, 'content_path is where the data is');

  // The top folder of a multi-file torrent: the data moves, the files are listed under the new folder.
  await c.renameFolder(env.magnetHash, env.magnetName, 'Season 1');
  assert.ok(existsSync(join(env.downloads, 'Season 1')) && !existsSync(join(env.downloads, env.magnetName)),
    'the folder moved');
  assert.ok((await c.torrentFiles(env.magnetHash)).every((f) => f.name.startsWith('Season 1/')));
  assert.equal((await c.listTorrents({ hashes: env.magnetHash }))[0].content_path, join(env.downloads, 'Season 1'));

  await c.removeTorrent(env.hash, true);
  await until('the data deleted', async () => !existsSync(renamed));
  await c.removeTorrent(env.magnetHash, false);
  assert.equal((await c.listTorrents()).length, 0);
});
