"""Helpers of bench/many.sh (python3 stdlib only). Every network call goes to 127.0.0.1 and has a
timeout; every wait is bounded.

  many.py gen DIR IDLE ACTIVE          torrents + payloads in DIR (cached: skipped when DIR/.done matches)
  many.py add PORT PASS DIR FOLDER     POST every torrent of DIR/torrents/*/ with outputFolder=FOLDER
  many.py wait PORT PASS COUNT SECS    until /q/health/ready is 200 and COUNT torrents are listed, none
                                       checking; prints seconds since the process start (env T0, epoch s)
  many.py lat PORT PASS N              N sequential GET /api/v1/torrents on one connection: p50/p95/max ms
  many.py cpu PID SECS                 % of one core used by PID over SECS (utime+stime, /proc)
  many.py mem PID                      VmRSS and VmHWM in MiB
  many.py ws PORT PASS SECS SUBSCRIBE  holds one /api/v1/events client for SECS, reads every frame,
                                       subscribes to torrent SUBSCRIBE (or none: '-'); prints what it got
  many.py peers PORT PASS FILE SEEDPORT  has the server dial the seeder for each torrent in FILE
  many.py stats PORT PASS FILE         the active torrents (ids in FILE): connections and rates, one line
"""
import base64
import hashlib
import http.client
import json
import math
import os
import random
import socket
import struct
import sys
import time

GEN_VERSION = 'v1'
PIECE = 16384
ACTIVE_SIZE = 2 << 20       # each active torrent: 2 MiB, so a rate-limited seeder keeps it busy
ACTIVE_PIECE = 32768


def bencode(v):
    if isinstance(v, int):
        return b'i%de' % v
    if isinstance(v, bytes):
        return b'%d:%s' % (len(v), v)
    if isinstance(v, str):
        return bencode(v.encode())
    if isinstance(v, list):
        return b'l' + b''.join(bencode(x) for x in v) + b'e'
    if isinstance(v, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, x) for k, x in v.items())
        return b'd' + b''.join(bencode(k) + bencode(x) for k, x in items) + b'e'
    raise TypeError(type(v))


def write_torrent(path, name, data, piece):
    pieces = b''.join(hashlib.sha1(data[i:i + piece]).digest() for i in range(0, len(data), piece))
    info = {'name': name, 'length': len(data), 'piece length': piece, 'pieces': pieces}
    with open(path, 'wb') as f:
        f.write(bencode({'info': info, 'created by': 'bitquark bench/many', 'creation date': 1767225600}))
    return hashlib.sha1(bencode(info)).hexdigest()


def gen(out, idle, active):
    stamp = '%s %d %d' % (GEN_VERSION, idle, active)
    done = os.path.join(out, '.done')
    if os.path.exists(done) and open(done).read() == stamp:
        print('cached: %s' % out)
        return
    for d in ('payload', 'seed', 'torrents/idle', 'torrents/active'):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    rng = random.Random(5000)
    # Idle torrents: one file of 16-64 KiB each, distinct random content, payload present (they check
    # and seed). Active ones: 2 MiB, payload only in the seeder's folder (they download).
    for i in range(idle):
        data = rng.randbytes(rng.randrange(16 << 10, (64 << 10) + 1))
        name = 'idle-%05d.bin' % i
        with open(os.path.join(out, 'payload', name), 'wb') as f:
            f.write(data)
        write_torrent(os.path.join(out, 'torrents/idle', '%05d.torrent' % i), name, data, PIECE)
    hashes = []
    for i in range(active):
        data = rng.randbytes(ACTIVE_SIZE)
        name = 'active-%03d.bin' % i
        with open(os.path.join(out, 'seed', name), 'wb') as f:
            f.write(data)
        hashes.append(write_torrent(os.path.join(out, 'torrents/active', '%03d.torrent' % i), name, data,
                                    ACTIVE_PIECE))
    with open(os.path.join(out, 'active.txt'), 'w') as f:
        f.write('\n'.join(hashes) + '\n')
    with open(done, 'w') as f:
        f.write(stamp)
    print('generated %d idle + %d active torrents in %s' % (idle, active, out))


def auth(password):
    return {'Authorization': 'Basic ' + base64.b64encode((':' + password).encode()).decode()}


def conn(port, timeout=30):
    return http.client.HTTPConnection('127.0.0.1', int(port), timeout=timeout)


def add(port, password, d, folder):
    c = conn(port)
    h = dict(auth(password), **{'Content-Type': 'application/x-bittorrent'})
    files = []
    for sub in ('idle', 'active'):
        base = os.path.join(d, 'torrents', sub)
        files += [os.path.join(base, n) for n in sorted(os.listdir(base))]
    t0 = time.time()
    bad = 0
    for p in files:
        c.request('POST', '/api/v1/torrents?outputFolder=' + folder, body=open(p, 'rb').read(), headers=h)
        r = c.getresponse()
        body = r.read()
        if r.status not in (201, 409):
            bad += 1
            if bad <= 3:
                print('add %s: %d %s' % (p, r.status, body[:200]), file=sys.stderr)
    print('added %d torrents in %.1f s (%d refused)' % (len(files), time.time() - t0, bad))
    return 1 if bad else 0


def list_torrents(c, password):
    c.request('GET', '/api/v1/torrents', headers=auth(password))
    r = c.getresponse()
    body = r.read()
    if r.status != 200:
        raise OSError('list: %d' % r.status)
    return json.loads(body), len(body)


def wait(port, password, count, secs):
    t0 = float(os.environ.get('T0', time.time()))
    deadline = time.time() + float(secs)
    ready_at = None
    last = ''
    while time.time() < deadline:
        try:
            c = conn(port, 5)
            if ready_at is None:
                c.request('GET', '/q/health/ready')
                r = c.getresponse()
                r.read()
                if r.status == 200:
                    ready_at = time.time()
            if ready_at is not None:
                items, _ = list_torrents(c, password)
                checking = sum(1 for t in items if t['state'] in ('checking', 'metadata'))
                last = '%d listed, %d checking' % (len(items), checking)
                if len(items) >= int(count) and checking == 0:
                    print('%.2f %.2f' % (ready_at - t0, time.time() - t0))
                    return 0
            c.close()
        except (OSError, http.client.HTTPException):
            pass
        time.sleep(0.1)
    print('timeout after %s s (%s)' % (secs, last or 'not ready'), file=sys.stderr)
    return 1


def lat(port, password, n):
    """Times each request until its whole body is in (the client's JSON parsing is left out)."""
    c = conn(port)
    ms = []
    body = b''
    for _ in range(int(n)):
        t = time.perf_counter()
        c.request('GET', '/api/v1/torrents', headers=auth(password))
        r = c.getresponse()
        body = r.read()
        ms.append((time.perf_counter() - t) * 1000)
        if r.status != 200:
            raise OSError('list: %d' % r.status)
    ms.sort()
    # Nearest rank: the value at rank ceil(q*n) (p95 of 200 is the 190th).
    p = lambda q: ms[max(1, math.ceil(q * len(ms) - 1e-9)) - 1]
    print('%.1f %.1f %.1f %d %d' % (p(0.5), p(0.95), ms[-1], len(json.loads(body)), len(body)))


def compat(port, password, n):
    """The compatibility APIs over the whole session, as the *arr apps and the remotes poll them: qBittorrent's
    torrents/info and sync/maindata (a full answer, then diffs by rid, as VueTorrent polls), Transmission's torrent-get
    with the fields Sonarr asks for. Prints per call: p50 p95 max (ms), items, bytes of the last answer."""
    n = int(n)
    c = conn(port)
    hdr = auth(password)

    def timed(method, path, body=None, headers=None):
        t = time.perf_counter()
        c.request(method, path, body=body, headers=dict(hdr, **(headers or {})))
        r = c.getresponse()
        b = r.read()
        return (time.perf_counter() - t) * 1000, r, b

    def report(name, ms, items, body):
        ms.sort()
        p = lambda q: ms[max(1, math.ceil(q * len(ms) - 1e-9)) - 1]
        print('%s %.1f %.1f %.1f %d %d' % (name, p(0.5), p(0.95), ms[-1], items, len(body)))

    ms, body = [], b''
    for _ in range(n):
        d, r, body = timed('GET', '/api/v2/torrents/info')
        if r.status != 200:
            raise OSError('torrents/info: %d' % r.status)
        ms.append(d)
    report('qb-info', ms, len(json.loads(body)), body)

    ms, body, rid, full = [], b'', 0, b''
    for i in range(n):
        d, r, body = timed('GET', '/api/v2/sync/maindata?rid=%d' % rid)
        if r.status != 200:
            raise OSError('sync/maindata: %d' % r.status)
        data = json.loads(body)
        rid = data['rid']
        if i == 0:
            full = body
        else:
            ms.append(d)
    print('qb-maindata-full-bytes %d' % len(full))
    report('qb-maindata-diff', ms, len(json.loads(body).get('torrents', {})), body)

    _, r, _ = timed('GET', '/transmission/rpc')
    sid = r.getheader('X-Transmission-Session-Id')
    fields = ['id', 'hashString', 'name', 'downloadDir', 'totalSize', 'leftUntilDone', 'isFinished', 'eta', 'status',
              'secondsDownloading', 'secondsSeeding', 'errorString', 'uploadedEver', 'downloadedEver',
              'seedRatioLimit', 'seedRatioMode', 'seedIdleLimit', 'seedIdleMode', 'fileCount', 'labels']
    req = json.dumps({'method': 'torrent-get', 'arguments': {'fields': fields}}).encode()
    ms = []
    for _ in range(n):
        d, r, body = timed('POST', '/transmission/rpc', req, {'X-Transmission-Session-Id': sid})
        if r.status != 200:
            raise OSError('torrent-get: %d' % r.status)
        ms.append(d)
    report('tr-get', ms, len(json.loads(body)['arguments']['torrents']), body)


def cpu_ticks(pid):
    with open('/proc/%s/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return int(fields[11]) + int(fields[12])     # utime + stime (fields 14, 15)


def thread_ticks(pid):
    out = {}
    for tid in os.listdir('/proc/%s/task' % pid):
        try:
            with open('/proc/%s/task/%s/stat' % (pid, tid)) as f:
                raw = f.read()
        except OSError:
            continue
        name = raw[raw.index('(') + 1:raw.rindex(')')]
        fields = raw.rsplit(')', 1)[1].split()
        out[tid] = (name, int(fields[11]) + int(fields[12]))
    return out


def cpu(pid, secs):
    """Prints the process's % of one core; the busiest threads (by name) go to stderr."""
    hz = os.sysconf('SC_CLK_TCK')
    a, ta, t = cpu_ticks(pid), thread_ticks(pid), time.time()
    time.sleep(float(secs))
    b, tb, u = cpu_ticks(pid), thread_ticks(pid), time.time()
    by_name = {}
    for tid, (name, ticks) in tb.items():
        key = name.rstrip('0123456789-# ')
        by_name[key] = by_name.get(key, 0) + ticks - ta.get(tid, (name, 0))[1]
    top = sorted(by_name.items(), key=lambda kv: -kv[1])[:8]
    print('  threads: ' + ', '.join('%s %.2f%%' % (n, 100.0 * v / hz / (u - t)) for n, v in top if v > 0),
          file=sys.stderr)
    print('%.2f' % (100.0 * (b - a) / hz / (u - t)))


def mem(pid):
    v = {}
    with open('/proc/%s/status' % pid) as f:
        for line in f:
            k, _, rest = line.partition(':')
            if k in ('VmRSS', 'VmHWM'):
                v[k] = int(rest.split()[0]) / 1024
    print('%.0f %.0f' % (v['VmRSS'], v['VmHWM']))


def ws(port, password, secs, subscribe):
    """A minimal RFC 6455 client: upgrade, then read frames (unmasked from the server, our frames masked)."""
    s = socket.create_connection(('127.0.0.1', int(port)), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    hdr = ('GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
           'Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\nAuthorization: %s\r\n\r\n'
           % (port, key, auth(password)['Authorization']))
    s.sendall(hdr.encode())
    buf = b''
    while b'\r\n\r\n' not in buf:
        chunk = s.recv(4096)
        if not chunk:
            raise OSError('closed during upgrade')
        buf += chunk
    head, buf = buf.split(b'\r\n\r\n', 1)
    if b' 101 ' not in head.split(b'\r\n')[0]:
        raise OSError('upgrade refused: %r' % head[:200])

    def send(op, payload):
        mask = os.urandom(4)
        n = len(payload)
        h = bytes([0x80 | op])
        h += bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack('>H', n)
        s.sendall(h + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    if subscribe != '-':
        send(1, json.dumps({'type': 'subscribe', 'torrent': subscribe,
                            'topics': ['peers', 'files', 'trackers', 'pieces']}).encode())
    counts, nbytes, first = {}, 0, None
    deadline = time.time() + float(secs)
    s.settimeout(0.5)
    msg = b''
    while time.time() < deadline:
        while len(buf) < 2 or len(buf) < frame_len(buf):
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                if time.time() >= deadline:
                    break
                continue
            if not chunk:
                raise OSError('server closed the socket')
            buf += chunk
        if len(buf) < 2 or len(buf) < frame_len(buf):
            break
        n = frame_len(buf)
        fin, op, payload = buf[0] & 0x80, buf[0] & 0x0f, buf[header_len(buf):n]
        buf = buf[n:]
        if op == 9:
            send(10, payload)
            continue
        if op == 8:
            raise OSError('server closed: %r' % payload[:60])
        msg += payload
        if not fin:
            continue
        nbytes += len(msg)
        kind = json.loads(msg).get('type', '?')
        msg = b''
        if first is None:
            first = time.time()
        counts[kind] = counts.get(kind, 0) + 1
    s.close()
    print('%d bytes %s' % (nbytes, ' '.join('%s=%d' % kv for kv in sorted(counts.items()))))


def header_len(b):
    n = b[1] & 0x7f
    return 2 + (2 if n == 126 else 8 if n == 127 else 0)


def frame_len(b):
    if len(b) < 2:
        return 2
    n = b[1] & 0x7f
    if n == 126:
        return 4 if len(b) < 4 else 4 + struct.unpack('>H', b[2:4])[0]
    if n == 127:
        return 10 if len(b) < 10 else 10 + struct.unpack('>Q', b[2:10])[0]
    return 2 + n


def peers(port, password, active_file, seed_port):
    c = conn(port)
    h = dict(auth(password), **{'Content-Type': 'application/json'})
    body = json.dumps({'peers': ['127.0.0.1:%s' % seed_port]})
    for ih in open(active_file).read().split():
        c.request('POST', '/api/v1/torrents/%s/peers' % ih, body=body, headers=h)
        r = c.getresponse()
        r.read()
        if r.status != 204:
            print('peers %s: %d' % (ih, r.status), file=sys.stderr)
            return 1


def stats(port, password, active_file):
    want = set(open(active_file).read().split())
    items, _ = list_torrents(conn(port), password)
    act = [t for t in items if t['id'] in want]
    g = lambda t, k: t.get(k) or 0
    print('active: %d listed, %d connected, %d finished, %.0f%% done, down %.0f KiB/s; idle ones connected: %d' % (
        len(act), sum(1 for t in act if g(t, 'peersConnected')), sum(1 for t in act if t.get('finished')),
        100 * sum(g(t, 'progress') for t in act) / max(1, len(act)), sum(g(t, 'downloadRate') for t in act) / 1024,
        sum(1 for t in items if t['id'] not in want and g(t, 'peersConnected'))))


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    fn = {'gen': lambda: gen(args[0], int(args[1]), int(args[2])), 'add': lambda: add(*args),
          'wait': lambda: wait(*args), 'lat': lambda: lat(*args), 'cpu': lambda: cpu(*args),
          'mem': lambda: mem(*args), 'compat': lambda: compat(*args), 'peers': lambda: peers(*args), 'ws': lambda: ws(*args), 'stats': lambda: stats(*args)}[cmd]
    sys.exit(fn() or 0)
