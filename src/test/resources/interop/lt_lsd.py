"""A libtorrent session with local service discovery on, for bitquark's LSD interoperability test.

  lt_lsd.py --port P [--seconds S] INFOHASH_HEX...
      Listens on 127.0.0.1:P with LSD on (libtorrent then joins 239.192.152.143:6771 on 127.0.0.1 and
      announces there), adds each info-hash as a magnet link, and prints:
        READY                          once listening and every torrent is added
        LSD_SENT <ih> <port>           for each announce libtorrent sends (from its LSD log)
        LSD_HEARD <ih> <ip>:<port>     for each announce libtorrent accepts (from its LSD log; it then adds
                                       the peer to that torrent and dials it)
      Runs until SIGTERM or --seconds (default 120). Every line is flushed.
"""
import argparse
import re
import signal
import sys
import time

import libtorrent as lt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--port', type=int, required=True)
    ap.add_argument('--seconds', type=float, default=120)
    ap.add_argument('hashes', nargs='+')
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    ses = lt.session({
        'listen_interfaces': '127.0.0.1:%d' % args.port,
        'enable_lsd': True, 'enable_dht': False, 'enable_upnp': False, 'enable_natpmp': False,
        'alert_mask': lt.alert.category_t.all_categories,
    })
    handles = {}
    for ih in args.hashes:
        atp = lt.parse_magnet_uri('magnet:?xt=urn:btih:' + ih)
        atp.save_path = '.'
        handles[ih.lower()] = ses.add_torrent(atp)
    listening = False
    ready = False
    sent = re.compile(r'==> LSD: ih: ([0-9a-f]{40}) port: (\d+)')
    heard = re.compile(r'<== LSD: ([0-9.]+):(\d+) ih: ([0-9a-fA-F]{40})')
    end = time.time() + args.seconds
    while time.time() < end:
        ses.wait_for_alert(200)
        for a in ses.pop_alerts():
            if isinstance(a, lt.listen_succeeded_alert):
                listening = True
            elif isinstance(a, lt.log_alert):
                # The Python bindings have no lsd_peer_alert: the LSD log says what was sent and heard.
                m = sent.search(a.message())
                if m:
                    print('LSD_SENT %s %s' % (m.group(1), m.group(2)), flush=True)
                m = heard.search(a.message())
                if m:
                    print('LSD_HEARD %s %s:%s' % (m.group(3), m.group(1), m.group(2)), flush=True)
                elif '<== LSD' in a.message():
                    print('LSD_LOG %s' % a.message(), flush=True)
            elif a.category() & lt.alert.category_t.error_notification:
                print('ALERT %s: %s' % (type(a).__name__, a.message()), flush=True)
        if listening and not ready:
            ready = True
            print('READY', flush=True)


if __name__ == '__main__':
    main()
