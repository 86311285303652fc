"""The one peer of bench/many.sh: a libtorrent (python3-libtorrent) seeder of the active torrents with
a low upload limit (RATE bytes/s shared evenly by the torrents), so that they stay downloading for minutes, as active torrents of a real session
do. It dials the server itself (no tracker): every few seconds, each torrent without a connection
dials 127.0.0.1:DIAL_PORT, so the server's restart is followed by new connections.

  many_peer.py --port P --save DIR --dial DIAL_PORT --rate BYTES_PER_S [--max-seconds S] TORRENT...

Prints 'READY' once every torrent is seeding; exits on SIGTERM or after --max-seconds (default 1800).
"""
import argparse
import signal
import sys
import time

import libtorrent as lt


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--port', type=int, required=True)
    p.add_argument('--save', required=True)
    p.add_argument('--dial', type=int, required=True)
    p.add_argument('--rate', type=int, required=True)
    p.add_argument('--max-seconds', type=float, default=1800)
    p.add_argument('torrents', nargs='+')
    a = p.parse_args()
    ses = lt.session({
        'listen_interfaces': '127.0.0.1:%d' % a.port, 'outgoing_interfaces': '',
        'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
        'enable_outgoing_utp': False, 'enable_incoming_utp': False,
        'allow_multiple_connections_per_ip': True, 'upload_rate_limit': a.rate,
        'active_downloads': -1, 'active_seeds': -1, 'active_limit': -1, 'unchoke_slots_limit': -1,
        'seeding_outgoing_connections': True, 'user_agent': 'bench-many/' + lt.__version__,
    })
    hs = []
    for t in a.torrents:
        atp = lt.add_torrent_params()
        atp.ti = lt.torrent_info(t)
        atp.save_path = a.save
        atp.flags &= ~lt.torrent_flags.auto_managed
        atp.flags &= ~lt.torrent_flags.paused
        hs.append(ses.add_torrent(atp))
    # Per torrent: the session-wide limit does not apply to peers on the local network (libtorrent's
    # local peer class); a torrent's own limit does.
    for h in hs:
        h.set_upload_limit(max(1, a.rate // len(hs)))
    stop = {'v': False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(v=True))
    t0 = time.time()
    ready = False
    last_dial = 0
    while not stop['v'] and time.time() - t0 < a.max_seconds:
        time.sleep(0.2)
        ses.pop_alerts()
        sts = [h.status() for h in hs]
        if not ready:
            if all(st.is_seeding for st in sts):
                ready = True
                print('READY %.1f s' % (time.time() - t0), flush=True)
            elif time.time() - t0 > 120:
                print('NOT_READY', flush=True)
                sys.exit(1)
            continue
        if time.time() - last_dial >= 3:
            last_dial = time.time()
            for h, st in zip(hs, sts):
                if st.num_peers == 0:
                    h.connect_peer(('127.0.0.1', a.dial), 0)
    ses.pause()


if __name__ == '__main__':
    main()
