"""Real libtorrent peers for bitquark's interoperability tests (Debian python3-libtorrent).

  lt_peer.py mktorrent PATH OUT.torrent PIECE_BYTES [TRACKER_URL ...]   v1 torrent of a file or folder
  lt_peer.py seed  --port P --save DIR [--max-seconds S] [--connect HOST:PORT] TORRENT...
      Seeds from DIR on 127.0.0.1:P (TCP only; no DHT/LSD/UPnP). Prints 'READY' once every torrent is
      checked and seeding (and, if it has trackers, announced). Runs until SIGTERM or --max-seconds.
  lt_peer.py leech --port P --out DIR [--timeout S] [--connect HOST:PORT] TORRENT|MAGNET_URI
      Downloads TORRENT into DIR; prints 'DONE' when every piece is downloaded and hash-checked, then
      keeps running (seeding) until SIGTERM. 'TIMEOUT' if not done in time.
Options of seed and leech:
  --dht-node HOST:PORT   turn the DHT on (BEP 5), bootstrapped only from these nodes (repeatable)
  --no-plugins           a session without libtorrent's default plugins: no ut_pex, ut_metadata, smart ban
  --print-peers          print 'PEER ip:port SOURCE_FLAGS' for each new connection (libtorrent's peer_info
                         source bits: 1 tracker, 2 DHT, 4 PEX, 8 LSD, 16 resume data, 32 incoming)
Every line it prints is flushed; errors print 'ALERT ...'.
"""
import argparse
import os
import signal
import sys
import time

import libtorrent as lt


def settings(port):
    return {
        'listen_interfaces': '127.0.0.1:%d' % port,
        'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
        'enable_outgoing_utp': False, 'enable_incoming_utp': False,
        'allow_multiple_connections_per_ip': True,
        'alert_mask': lt.alert.category_t.all_categories,
        'unchoke_slots_limit': -1,
        'min_reconnect_time': 1,
        'seeding_outgoing_connections': True,
        'announce_to_all_trackers': True, 'announce_to_all_tiers': True,
        'user_agent': 'interop-libtorrent/' + lt.__version__,
    }


def dht_settings(st):
    """The DHT on loopback: no public routers, several nodes on one IP, node ids not tied to IPs (BEP 42)."""
    st.update({
        'enable_dht': True, 'dht_bootstrap_nodes': '',
        'dht_restrict_routing_ips': False, 'dht_restrict_search_ips': False,
        'dht_enforce_node_id': False, 'dht_ignore_dark_internet': False,
        'dht_prefer_verified_node_ids': False, 'dht_announce_interval': 5,
    })
    return st


def encryption_settings(st, mode):
    """MSE on every connection, with no plain-text retry and no plain incoming connection: 'forced' offers
    plain text or RC4 for the stream after the handshake (libtorrent's default offer), 'forced-rc4' RC4 alone."""
    st.update({
        'out_enc_policy': int(lt.enc_policy.pe_forced),
        'in_enc_policy': int(lt.enc_policy.pe_forced),
        'allowed_enc_level': int(lt.enc_level.pe_rc4 if mode == 'forced-rc4' else lt.enc_level.pe_both),
    })
    return st


def make_session(a, st):
    if getattr(a, 'dht_node', None):
        dht_settings(st)
    if getattr(a, 'encryption', None):
        encryption_settings(st, a.encryption)
    ses = lt.session(st, flags=0) if getattr(a, 'no_plugins', False) else lt.session(st)
    for n in getattr(a, 'dht_node', None) or []:
        host, port = n.rsplit(':', 1)
        ses.add_dht_node((host, int(port)))
    return ses


def print_new_peers(hs, printed):
    for h in hs:
        for p in h.get_peer_info():
            key = '%s:%d' % (p.ip[0], p.ip[1])
            if key not in printed:
                printed.add(key)
                print('PEER %s %d' % (key, int(p.source)), flush=True)


def add(ses, path, save):
    if path.startswith('magnet:'):
        atp = lt.parse_magnet_uri(path)  # no metadata: libtorrent fetches it with ut_metadata (BEP 9)
    else:
        atp = lt.add_torrent_params()
        atp.ti = lt.torrent_info(path)
    atp.save_path = save
    atp.flags &= ~lt.torrent_flags.auto_managed
    atp.flags &= ~lt.torrent_flags.paused
    return ses.add_torrent(atp)


def stopper(max_seconds):
    stop = {'v': False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(v=True))
    signal.signal(signal.SIGINT, lambda *_: stop.update(v=True))
    t0 = time.time()
    return lambda: stop['v'] or time.time() - t0 > max_seconds


def connect_all(hs, peers):
    for h in hs:
        for p in peers:
            host, port = p.rsplit(':', 1)
            h.connect_peer((host, int(port)), 0)


def log_alerts(ses, replied):
    for al in ses.pop_alerts():
        name = type(al).__name__
        if name == 'tracker_reply_alert':
            replied.add(str(al.handle.info_hash()))
        elif name in ('tracker_error_alert', 'file_error_alert', 'listen_failed_alert',
                      'torrent_error_alert', 'peer_ban_alert', 'hash_failed_alert'):
            print('ALERT', name, al.message(), flush=True)
        elif os.environ.get('LT_DEBUG') == '1':
            print('DEBUG', name, al.message(), flush=True)


def seed(a):
    st = settings(a.port)
    if a.upload_limit:
        st['upload_rate_limit'] = a.upload_limit
    ses = make_session(a, st)
    if a.upload_limit:
        # Peers on 127.0.0.1 are in the local peer class, which the global limit does not cover.
        local = ses.get_peer_class(lt.session.local_peer_class_id)
        local['upload_limit'] = a.upload_limit
        ses.set_peer_class(lt.session.local_peer_class_id, local)
    hs = [add(ses, t, a.save) for t in a.torrents]
    done = stopper(a.max_seconds)
    replied, ready, last_dial, last_retry, printed = set(), False, 0, time.time(), set()
    while not done():
        ses.wait_for_alert(50)
        log_alerts(ses, replied)
        if a.print_peers:
            print_new_peers(hs, printed)
        now = time.time()
        if a.connect and now - last_dial > 1:
            last_dial = now
            connect_all(hs, a.connect)
        if not ready:
            sts = [h.status() for h in hs]
            tracked = [h for h in hs if h.trackers()]
            if all(st.is_seeding for st in sts) and all(str(h.info_hash()) in replied for h in tracked):
                ready = True
                print('READY', flush=True)
            elif now - last_retry > 1:
                last_retry = now
                for h in tracked:
                    h.force_reannounce(0, -1, lt.reannounce_flags_t.ignore_min_interval)
    ses.pause()


def leech(a):
    ses = make_session(a, settings(a.port))
    h = add(ses, a.torrent, a.out)
    done = stopper(a.timeout + 600)
    t0, finished, last_dial, replied, printed = time.time(), False, 0, set(), set()
    while not done():
        ses.wait_for_alert(50)
        log_alerts(ses, replied)
        if a.print_peers:
            print_new_peers([h], printed)
        now = time.time()
        if a.connect and not finished and now - last_dial > 1:
            last_dial = now
            connect_all([h], a.connect)
        st = h.status()
        if not finished and (st.is_seeding or st.state in (lt.torrent_status.finished, lt.torrent_status.seeding)):
            finished = True
            print('DONE %d' % st.total_done, flush=True)
        if not finished and now - t0 > a.timeout:
            print('TIMEOUT progress=%.3f peers=%d' % (st.progress, st.num_peers), flush=True)
            break
    ses.pause()


def mktorrent(a):
    fs = lt.file_storage()
    lt.add_files(fs, a.path)
    ct = lt.create_torrent(fs, a.piece, flags=lt.create_torrent.v1_only)
    for i, url in enumerate(a.trackers):
        ct.add_tracker(url, i)
    ct.set_creator('interop lt_peer.py')
    lt.set_piece_hashes(ct, os.path.dirname(os.path.abspath(a.path)))
    with open(a.out, 'wb') as f:
        f.write(lt.bencode(ct.generate()))
    print(str(lt.torrent_info(a.out).info_hash()), flush=True)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest='cmd', required=True)
    s = sub.add_parser('seed')
    s.add_argument('--port', type=int, required=True)
    s.add_argument('--save', required=True)
    s.add_argument('--max-seconds', type=float, default=900)
    s.add_argument('--connect', action='append', default=[])
    s.add_argument('--upload-limit', type=int, default=0, help='bytes/s, 0 = unlimited')
    s.add_argument('torrents', nargs='+')
    l = sub.add_parser('leech')
    l.add_argument('--port', type=int, required=True)
    l.add_argument('--out', required=True)
    l.add_argument('--timeout', type=float, default=300)
    l.add_argument('--connect', action='append', default=[])
    l.add_argument('torrent')
    for sp in (s, l):
        sp.add_argument('--dht-node', action='append', default=[])
        sp.add_argument('--no-plugins', action='store_true')
        sp.add_argument('--encryption', choices=['forced', 'forced-rc4'])
        sp.add_argument('--print-peers', action='store_true')
    m = sub.add_parser('mktorrent')
    m.add_argument('path')
    m.add_argument('out')
    m.add_argument('piece', type=int)
    m.add_argument('trackers', nargs='*')
    a = p.parse_args()
    {'seed': seed, 'leech': leech, 'mktorrent': mktorrent}[a.cmd](a)


if __name__ == '__main__':
    main()
