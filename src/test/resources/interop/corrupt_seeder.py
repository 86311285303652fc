"""A hostile seeder for bitquark's swarm tests: speaks BEP 3 correctly but flips bits in every
block it sends. Uses libtorrent only to read the torrent's geometry (python3-libtorrent).

  corrupt_seeder.py --port P --save DIR [--tracker URL] [--max-seconds S] TORRENT
Listens on 127.0.0.1:P, announces itself to --tracker (HTTP) if given, prints 'READY', serves every
incoming connection in a thread, and prints 'SENT n' totals now and then.
"""
import argparse
import os
import socket
import struct
import threading
import time
import urllib.parse
import urllib.request

import libtorrent as lt

PSTR = b'\x13BitTorrent protocol'


def recv_exact(s, n):
    buf = b''
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise EOFError()
        buf += chunk
    return buf


def read_block(ti, save, piece, begin, length):
    out = b''
    for sl in ti.map_block(piece, begin, length):
        path = os.path.join(save, ti.files().file_path(sl.file_index))
        with open(path, 'rb') as f:
            f.seek(sl.offset)
            out += f.read(sl.size)
    return out


def serve(conn, ti, save, info_hash, peer_id, stats):
    try:
        hs = recv_exact(conn, 68)
        if hs[:20] != PSTR or hs[28:48] != info_hash:
            return
        conn.sendall(PSTR + b'\x00' * 8 + info_hash + peer_id)
        n = ti.num_pieces()
        bits = bytearray((n + 7) // 8)
        for i in range(n):
            bits[i // 8] |= 0x80 >> (i % 8)
        conn.sendall(struct.pack('>IB', 1 + len(bits), 5) + bytes(bits))
        conn.sendall(struct.pack('>IB', 1, 1))  # unchoke
        while True:
            length = struct.unpack('>I', recv_exact(conn, 4))[0]
            if length == 0:
                continue
            if length > 1 << 20:
                return
            body = recv_exact(conn, length)
            if body[0] == 6 and length == 13:
                piece, begin, size = struct.unpack('>III', body[1:])
                data = bytearray(read_block(ti, save, piece, begin, size))
                for k in range(0, len(data), 997):
                    data[k] ^= 0x5A  # corrupt
                conn.sendall(struct.pack('>IBII', 9 + len(data), 7, piece, begin) + bytes(data))
                stats['sent'] += 1
    except (EOFError, OSError):
        pass
    finally:
        conn.close()


def announce(tracker, info_hash, peer_id, port, left):
    q = urllib.parse.urlencode({'info_hash': info_hash, 'peer_id': peer_id, 'port': port, 'uploaded': 0,
                                'downloaded': 0, 'left': left, 'compact': 1, 'event': 'started'})
    sep = '&' if '?' in tracker else '?'
    return urllib.request.urlopen(tracker + sep + q, timeout=5).read()


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--port', type=int, required=True)
    p.add_argument('--save', required=True)
    p.add_argument('--tracker')
    p.add_argument('--max-seconds', type=float, default=900)
    p.add_argument('torrent')
    a = p.parse_args()
    ti = lt.torrent_info(a.torrent)
    info_hash = bytes.fromhex(str(ti.info_hash()))
    peer_id = b'-XX0001-' + os.urandom(6).hex().encode()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(('127.0.0.1', a.port))
    srv.listen(16)
    srv.settimeout(1)
    if a.tracker:
        for _ in range(50):
            try:
                if b'failure' not in announce(a.tracker, info_hash, peer_id, a.port, 0):
                    break
            except OSError:
                pass
            time.sleep(0.1)
    print('READY', flush=True)
    stats = {'sent': 0}
    t0 = time.time()
    last = 0
    while time.time() - t0 < a.max_seconds:
        try:
            conn, _ = srv.accept()
        except socket.timeout:
            if stats['sent'] != last:
                last = stats['sent']
                print('SENT', last, flush=True)
            continue
        threading.Thread(target=serve, args=(conn, ti, a.save, info_hash, peer_id, stats), daemon=True).start()


if __name__ == '__main__':
    main()
