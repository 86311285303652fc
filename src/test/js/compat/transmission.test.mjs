// @ctrl/transmission (legacy RPC with camel and kebab fields) against bitquark's /transmission/rpc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Transmission } from '@ctrl/transmission';
import { env, until } from './env.mjs';

test('Transmission client: session, add file and magnet, list, stop and start, labels, remove with data', async () => {
  const wrong = new Transmission({ baseUrl: `${env.url}/`, username: 'admin', password: 'not-the-password' });
  await assert.rejects(wrong.getSession(), 'a wrong password is refused');

  const c = new Transmission({ baseUrl: `${env.url}/`, username: 'admin', password: env.password });
  const session = await c.getSession();
  assert.equal(session.arguments['rpc-version'], 17);
  assert.match(session.arguments.version, /^4\.0\.6/);
  assert.equal(session.arguments['download-dir'], env.downloads);

  const dir = join(env.downloads, 'tv');
  const added = await c.addTorrent(readFileSync(env.torrent), { 'download-dir': dir });
  assert.equal(added.arguments['torrent-added'].hashString, env.hash);
  const again = await c.addTorrent(readFileSync(env.torrent), { 'download-dir': dir });
  assert.equal(again.arguments['torrent-duplicate'].hashString, env.hash, 'a duplicate is reported, not an error');

  const done = await until('the download from the libtorrent seeder', async () => {
    const t = await c.getTorrent(env.hash);
    return t.isCompleted ? t : null;
  });
  assert.equal(done.name, env.name);
  assert.equal(done.savePath, dir);
  assert.ok(existsSync(join(dir, env.name)));

  await c.pauseTorrent(env.hash);
  await until('stopped', async () => (await c.getTorrent(env.hash)).state === 'paused');
  await c.resumeTorrent(env.hash);
  await until('seeding again', async () => (await c.getTorrent(env.hash)).state === 'seeding');

  await c.setTorrent(env.hash, { labels: ['tv-sonarr', 'keep'] });
  const labelled = await c.listTorrents(env.hash, ['labels']);
  assert.deepEqual(labelled.arguments.torrents[0].labels, ['tv-sonarr', 'keep']);

  await c.addMagnet(env.magnet, { 'download-dir': dir });
  await until('the magnet link\'s metadata and data', async () => {
    const t = await c.getTorrent(env.magnetHash);
    return t.name === env.magnetName && t.isCompleted;
  });
  const all = await c.getAllData();
  assert.equal(all.torrents.length, 2);
  await c.queueTop(env.magnetHash);

  const rename = await c.renamePath(env.hash, { path: env.name, name: 'renamed.mkv' });
  assert.equal(rename.arguments.name, 'renamed.mkv');
  assert.ok(existsSync(join(dir, 'renamed.mkv')) && !existsSync(join(dir, env.name)), 'the data moved with the name');
  assert.equal((await c.getTorrent(env.hash)).name, 'renamed.mkv', 'a single-file torrent is named after its file');

  // The top folder of a multi-file torrent: its data moves and the torrent takes the folder's name, as in
  // Transmission; its files are listed under the new folder.
  await c.renamePath(env.magnetHash, { path: env.magnetName, name: 'Season 1' });
  assert.ok(existsSync(join(dir, 'Season 1')) && !existsSync(join(dir, env.magnetName)), 'the folder moved');
  const pack = await c.listTorrents(env.magnetHash, ['name', 'files']);
  assert.equal(pack.arguments.torrents[0].name, 'Season 1');
  assert.ok(pack.arguments.torrents[0].files.every((f) => f.name.startsWith('Season 1/')));

  await c.removeTorrent(env.hash, true);
  await until('the data deleted', async () => !existsSync(join(dir, 'renamed.mkv')));
  await c.removeTorrent(env.magnetHash, true);
  await until('nothing left', async () => (await c.listTorrents()).arguments.torrents.length === 0);
  await until('the renamed folder deleted', async () => !existsSync(join(dir, 'Season 1')));
});
