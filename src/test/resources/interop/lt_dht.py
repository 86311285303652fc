"""A local DHT network of libtorrent sessions (Debian python3-libtorrent) for bitquark's tests, in one process.

  lt_dht.py --ports P0,P1,... [--save DIR --seed TORRENT] [--max-seconds S]
      One session per port on 127.0.0.1 (UDP for the DHT, TCP for peers), DHT on, no public routers: every
      session is told of every other one (add_dht_node). With --seed, the last session seeds TORRENT from DIR
      and announces it on the DHT. Prints 'READY' once every session has the others in its routing table
      (and, with --seed, once another session stored the seed's announce). For every announce a session
      receives (BEP 5 announce_peer) it prints, once, 'ANNOUNCE <info-hash hex> <ip:port> <receiving session port>'.
      Runs until SIGTERM or --max-seconds.
"""
import argparse
import signal
import time
import warnings

import libtorrent as lt


def settings(port):
    return {
        'listen_interfaces': '127.0.0.1:%d' % port,
        'enable_dht': True, 'dht_bootstrap_nodes': '',
        'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
        'enable_outgoing_utp': False, 'enable_incoming_utp': False,
        'allow_multiple_connections_per_ip': True,
        # Loopback: several nodes share 127.0.0.1, and their ids are not derived from it (BEP 42).
        'dht_restrict_routing_ips': False, 'dht_restrict_search_ips': False,
        'dht_enforce_node_id': False, 'dht_ignore_dark_internet': False,
        'dht_prefer_verified_node_ids': False, 'dht_announce_interval': 5,
        'alert_mask': lt.alert.category_t.all_categories,
        'user_agent': 'interop-libtorrent-dht/' + lt.__version__,
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--ports', required=True)
    p.add_argument('--save')
    p.add_argument('--seed')
    p.add_argument('--max-seconds', type=float, default=900)
    a = p.parse_args()
    warnings.simplefilter('ignore', DeprecationWarning)  # session.status(): still the simplest node count
    seen = set()
    ports = [int(x) for x in a.ports.split(',')]
    sessions = [lt.session(settings(port)) for port in ports]
    for i, s in enumerate(sessions):
        for j, port in enumerate(ports):
            if i != j:
                s.add_dht_node(('127.0.0.1', port))
    handle = None
    if a.seed:
        atp = lt.add_torrent_params()
        atp.ti = lt.torrent_info(a.seed)
        atp.save_path = a.save
        atp.flags &= ~lt.torrent_flags.auto_managed
        atp.flags &= ~lt.torrent_flags.paused
        handle = sessions[-1].add_torrent(atp)
    stop = {'v': False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(v=True))
    signal.signal(signal.SIGINT, lambda *_: stop.update(v=True))
    t0, ready, announced, last_kick = time.time(), False, False, 0
    while not stop['v'] and time.time() - t0 < a.max_seconds:
        time.sleep(0.05)
        for port, s in zip(ports, sessions):
            for al in s.pop_alerts():
                name = type(al).__name__
                if name == 'dht_announce_alert':
                    key = (str(al.info_hash), al.ip, al.port, port)
                    if key in seen:
                        continue
                    seen.add(key)
                    print('ANNOUNCE %s %s:%d %d' % (str(al.info_hash), al.ip, al.port, port), flush=True)
                    if handle is not None and s is not sessions[-1] and str(al.info_hash) == str(handle.info_hash()):
                        announced = True
                elif name in ('listen_failed_alert', 'dht_error_alert', 'torrent_error_alert', 'file_error_alert'):
                    print('ALERT', name, al.message(), flush=True)
        now = time.time()
        if handle is not None and not announced and now - last_kick > 2:
            last_kick = now
            if handle.status().is_seeding:
                handle.force_dht_announce()
        if not ready:
            nodes = [s.status().dht_nodes for s in sessions]
            if all(n >= len(ports) - 1 for n in nodes) and (handle is None or announced):
                ready = True
                print('READY', flush=True)
    for s in sessions:
        s.pause()


if __name__ == '__main__':
    main()
