#!/usr/bin/python3
"""The shared harness's libtorrent leecher (lib/lt_peer.py: same session settings, same protocol on
stdin/stdout) pointed at one seeder: the torrent's trackers are dropped and the leecher dials
127.0.0.1:SEED_PORT itself, so a seeder that some other benchmark left announced on the shared
tracker cannot join in. At the end it prints 'PEERS host:port=bytes ...' (who sent what).

  lt_leech.py --port P --out DIR --seed-port S [--timeout T] TORRENT
  stdout: READY, (stdin GO), ADDED <epoch>, FIRST <epoch>, DONE <epoch> | TIMEOUT, PEERS ...;
  then waits (<= 120 s) for QUIT / EOF on stdin.
"""
import argparse
import os
import select
import sys
import time

sys.path.insert(0, os.path.join(os.environ['BENCH_HOME'], 'lib'))
import libtorrent as lt  # noqa: E402
import lt_peer  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--port', type=int, required=True)
    p.add_argument('--out', required=True)
    p.add_argument('--seed-port', type=int, required=True)
    p.add_argument('--timeout', type=float, default=600)
    p.add_argument('--poll', type=float, default=float(os.environ.get('BENCH_POLL', '0.1')))
    p.add_argument('torrent')
    a = p.parse_args()
    ses = lt.session(lt_peer.base_settings(a.port, os.environ.get('LT_PROFILE', 'default')))
    print('READY', flush=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = sys.stdin.readline()
        if not line or line.strip() == 'GO':
            break
    ti = time.time()
    # added paused so that it announces nowhere before its trackers are gone
    h = lt_peer.add(ses, a.torrent, a.out, lt.torrent_flags.paused)
    h.replace_trackers([])
    h.resume()
    h.connect_peer(('127.0.0.1', a.seed_port), 0)
    print('ADDED %.6f' % ti, flush=True)
    done = first = False
    redial = time.time() + 1
    while time.time() - ti < a.timeout:
        st = h.status()
        if not first and st.total_wanted_done > 0:
            first = True
            print('FIRST %.6f' % time.time(), flush=True)
        if st.is_seeding or st.state in (lt.torrent_status.finished, lt.torrent_status.seeding):
            print('DONE %.6f' % time.time(), flush=True)
            done = True
            break
        if st.num_peers == 0 and time.time() > redial:   # e.g. refused while the seeder was busy
            redial = time.time() + 1
            h.connect_peer(('127.0.0.1', a.seed_port), 0)
        for al in ses.pop_alerts():
            if type(al).__name__ in ('file_error_alert', 'torrent_error_alert'):
                print('ALERT', al.message(), flush=True)
        time.sleep(a.poll)
    if not done:
        print('TIMEOUT', flush=True)
    print('PEERS ' + ' '.join('%s:%d=%d' % (pi.ip[0], pi.ip[1], pi.total_download) for pi in h.get_peer_info()),
          flush=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        r, _, _ = select.select([sys.stdin], [], [], 1)
        if r:
            line = sys.stdin.readline()
            if not line or line.strip() == 'QUIT':
                break
    ses.pause()


if __name__ == '__main__':
    main()
