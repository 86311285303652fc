#!/usr/bin/python3
"""Driver of bench/recheck.sh: times checks of complete data from the page cache.

Rows per torrent (medians of --runs; the rows of one run are interleaved so that drift hits all alike):
  sha1sum 1 proc       one sha1sum over the payload files
  sha1sum 2 procs      two sha1sum over the payload at once (two cores' worth of sha1sum)
  libtorrent ...       recheck in a fresh session (python3-libtorrent), default and hashing_threads=2
  bitquark add         a running server: POST the .torrent (save folder = the payload) until checked, all pieces
  bitquark recheck     POST .../recheck of the loaded torrent until checked again (no add, no parsing)
  bitquark download    `download --exit-on-finish` on the complete data, JVM start included
Stdlib only, except the libtorrent rows (run as a child: `recheck.py lt-check ...`). 127.0.0.1 only.
"""
import argparse
import base64
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BENCH_DIR = os.environ.get('BENCH_DIR', '/tmp/bench')
sys.path.insert(0, os.path.join(os.environ.get('BENCH_HARNESS', '/work/shared/bench'), 'lib'))
import torrentmeta  # noqa: E402  (the shared harness's stdlib .torrent reader)

POLL = 0.05
TIMEOUT = 300
TICK = os.sysconf('SC_CLK_TCK')
PASSWORD = 'recheck-bench'


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def proc_cpu(pid):
    """User + system CPU seconds of a process (all its threads)."""
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def warm(files):
    buf = bytearray(8 << 20)
    for path in files:
        with open(path, 'rb', buffering=0) as f:
            while f.readinto(buf):
                pass


# ---------------------------------------------------------------- sha1sum

def sha1sum(files, procs):
    t0 = time.monotonic()
    ps = [subprocess.Popen(['sha1sum', *files], stdout=subprocess.DEVNULL) for _ in range(procs)]
    cpu = 0.0
    for p in ps:
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            raise RuntimeError('sha1sum failed')
        cpu += ru.ru_utime + ru.ru_stime
    return time.monotonic() - t0, cpu


# ---------------------------------------------------------------- libtorrent

def lt_check_child(a):
    """Child process: one libtorrent recheck; prints {"s":..., "cpu":..., "pieces":...}."""
    import libtorrent as lt
    s = lt.default_settings()
    s.update({'listen_interfaces': '127.0.0.1:%d' % a.port, 'enable_dht': False, 'enable_lsd': False,
              'enable_upnp': False, 'enable_natpmp': False, 'alert_mask': 0})
    if a.hashing_threads > 0:
        s['hashing_threads'] = a.hashing_threads
    ses = lt.session(s)
    ti = lt.torrent_info(a.torrent)
    atp = lt.add_torrent_params()
    atp.ti = ti
    atp.save_path = a.save
    r0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.monotonic()
    h = ses.add_torrent(atp)
    deadline = t0 + TIMEOUT
    while True:
        st = h.status()
        if st.state in (lt.torrent_status.seeding, lt.torrent_status.finished) and st.num_pieces == ti.num_pieces():
            break
        if st.errc.value() != 0 or time.monotonic() > deadline:
            raise SystemExit('libtorrent check failed: %s, state %s, %d pieces' % (st.errc.message(), st.state, st.num_pieces))
        time.sleep(0.005)
    t = time.monotonic() - t0
    r1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    print(json.dumps({'s': t, 'cpu': cpu, 'pieces': st.num_pieces,
                      'hashing_threads': ses.get_settings()['hashing_threads']}))


def lt_check(torrent, hashing_threads):
    out = subprocess.run([sys.executable, os.path.abspath(__file__), 'lt-check', '--torrent', torrent,
                          '--save', os.path.join(BENCH_DIR, 'payload'), '--port', str(free_port()),
                          '--hashing-threads', str(hashing_threads)],
                         capture_output=True, text=True, timeout=TIMEOUT + 30, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return r['s'], r['cpu'], r['hashing_threads']


# ---------------------------------------------------------------- bitquark server

class Server:
    def __init__(self, java, opts, jar):
        self.work = tempfile.mkdtemp(prefix='bq-recheck-')
        self.http = free_port()
        env = dict(os.environ, BITQUARK_AUTH_PASSWORD=PASSWORD, BITQUARK_DHT_BOOTSTRAP='none',
                   BITQUARK_LSD_ENABLED='false')
        cmd = [java, *opts.split(), '-jar', jar, 'server', '--http-port', str(self.http), '--http-host', '127.0.0.1',
               '--peer-port', str(free_port()), '--bind', '127.0.0.1', '--no-dht', '--no-pex', '--no-lsd',
               '--download-dir', os.path.join(BENCH_DIR, 'payload'), '--data-dir', os.path.join(self.work, 'data')]
        self.log = open(os.path.join(self.work, 'server.log'), 'wb')
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.auth = 'Basic ' + base64.b64encode(('admin:' + PASSWORD).encode()).decode()
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError('server did not start; see ' + self.log.name)
            try:
                if self.call('GET', '/q/health/ready')[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)

    def call(self, method, path, body=None, ctype=None):
        req = urllib.request.Request('http://127.0.0.1:%d%s' % (self.http, path), data=body, method=method,
                                     headers={'Authorization': self.auth, **({'Content-Type': ctype} if ctype else {})})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                data = r.read()
                return r.status, (json.loads(data) if data and r.headers.get_content_type() == 'application/json' else None)
        except urllib.error.HTTPError as e:
            return e.code, None

    def torrent(self, tid):
        code, t = self.call('GET', '/api/v1/torrents/' + tid)
        if code != 200:
            raise RuntimeError('GET torrent: %d' % code)
        if t['state'] == 'error':
            raise RuntimeError('torrent in error: %s' % t.get('error'))
        return t

    def wait_checked(self, tid, t0, need_checking):
        """Polls every 50 ms until the check is over with every piece verified; returns seconds since t0."""
        seen = not need_checking
        deadline = t0 + TIMEOUT
        while time.monotonic() < deadline:
            t = self.torrent(tid)
            if t['state'] == 'checking' or t['checkedFraction'] < 1:
                seen = True
            elif seen and t['havePieces'] == t['pieceCount']:
                return time.monotonic() - t0
            time.sleep(POLL)
        raise RuntimeError('check not done after %d s' % TIMEOUT)

    def add(self, torrent):
        raw = open(torrent, 'rb').read()
        c0 = proc_cpu(self.proc.pid)
        t0 = time.monotonic()
        code, t = self.call('POST', '/api/v1/torrents', raw, 'application/x-bittorrent')
        if code != 201:
            raise RuntimeError('add: %d' % code)
        s = self.wait_checked(t['id'], t0, False)
        return t['id'], s, proc_cpu(self.proc.pid) - c0

    def recheck(self, tid):
        c0 = proc_cpu(self.proc.pid)
        t0 = time.monotonic()
        code, _ = self.call('POST', '/api/v1/torrents/%s/recheck' % tid)
        if code not in (200, 202, 204):
            raise RuntimeError('recheck: %d' % code)
        s = self.wait_checked(tid, t0, True)
        return s, proc_cpu(self.proc.pid) - c0

    def remove(self, tid):
        code, _ = self.call('DELETE', '/api/v1/torrents/%s?deleteFiles=false' % tid)
        if code not in (200, 204):
            raise RuntimeError('remove: %d' % code)
        deadline = time.monotonic() + 30
        while self.call('GET', '/api/v1/torrents/' + tid)[0] != 404:
            if time.monotonic() > deadline:
                raise RuntimeError('torrent not removed')
            time.sleep(POLL)

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        shutil.rmtree(self.work, ignore_errors=True)


def bq_download(java, opts, jar, torrent):
    cmd = [java, *opts.split(), '-jar', jar, 'download', torrent, '--output', os.path.join(BENCH_DIR, 'payload'),
           '--listen-port', str(free_port()), '--bind', '127.0.0.1', '--no-dht', '--no-pex', '--no-lsd',
           '--exit-on-finish']
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = t0 + TIMEOUT
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            p.kill()
            p.wait()
            raise RuntimeError('download did not exit')
        time.sleep(0.01)
    s = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError('download exited with %d' % p.returncode)
    return s, ru.ru_utime + ru.ru_stime


# ---------------------------------------------------------------- main

def bench(a, name):
    torrent = os.path.join(BENCH_DIR, 'torrents', name)
    meta = torrentmeta.Torrent(torrent)
    files = [os.path.join(BENCH_DIR, 'payload', f) for f, _ in meta.files]
    mib = meta.total / (1 << 20)
    warm(files)
    rows = {}

    def add(who, s, cpu, factor=1):
        rows.setdefault(who, []).append((s, cpu, factor))

    server = Server(a.java, a.java_opts, a.jar)
    lt_threads = {}
    try:
        for r in range(a.runs):
            s, cpu = sha1sum(files, 1)
            add('sha1sum, 1 process', s, cpu)
            s, cpu = sha1sum(files, 2)
            add('sha1sum, 2 processes at once', s, cpu, 2)
            for label, ht in (('default', 0), ('tuned', 2)):
                s, cpu, used = lt_check(torrent, ht)
                lt_threads[label] = used
                add('libtorrent 2.0 recheck, %s' % label, s, cpu)
            tid, s, cpu = server.add(torrent)
            add('bitquark add + check (server)', s, cpu)
            s, cpu = server.recheck(tid)
            add('bitquark recheck (server)', s, cpu)
            server.remove(tid)
            s, cpu = bq_download(a.java, a.java_opts, a.jar, torrent)
            add('bitquark download CLI (JVM start incl.)', s, cpu)
            print('run %d/%d done' % (r + 1, a.runs), file=sys.stderr, flush=True)
    finally:
        server.close()

    def med(who):
        v = rows[who]
        s = statistics.median(x[0] for x in v)
        return s, mib * v[0][2] / s, statistics.median(x[1] for x in v), [x[0] for x in v]

    one = med('sha1sum, 1 process')[1]
    lt_best = max(med(w)[1] for w in rows if w.startswith('libtorrent'))
    print('\n### %s (%.0f MiB, %d pieces of %d KiB), medians of %d runs\n'
          % (name, mib, meta.pieces, meta.piece_length // 1024, a.runs))
    print('libtorrent hashing_threads: default %s, tuned %s. Target: >= 0.9 x 2 x sha1sum (1 process) = %.0f MiB/s'
          % (lt_threads.get('default'), lt_threads.get('tuned'), 1.8 * one))
    print('\n| who | s | MiB/s | CPU s | × 2×sha1sum | × libtorrent (best) | runs s |')
    print('|---|---|---|---|---|---|---|')
    for who in rows:
        s, rate, cpu, all_s = med(who)
        print('| %s | %.3f | %.0f | %.2f | %.2f | %.2f | %s |' % (who, s, rate, cpu, rate / (2 * one), rate / lt_best,
                                                               ' '.join('%.3f' % x for x in all_s)))
    sys.stdout.flush()


def main():
    if len(sys.argv) > 1 and sys.argv[1] == 'lt-check':
        p = argparse.ArgumentParser()
        p.add_argument('--torrent', required=True)
        p.add_argument('--save', required=True)
        p.add_argument('--port', type=int, required=True)
        p.add_argument('--hashing-threads', type=int, default=0)
        lt_check_child(p.parse_args(sys.argv[2:]))
        return
    p = argparse.ArgumentParser()
    p.add_argument('--runs', type=int, default=3)
    p.add_argument('--jar', required=True)
    p.add_argument('--java', required=True)
    p.add_argument('--java-opts', default='')
    p.add_argument('torrents', nargs='+')
    a = p.parse_args()
    for name in a.torrents:
        bench(a, name)


if __name__ == '__main__':
    main()
