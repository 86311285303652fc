#!/usr/bin/python3
"""bitquark as seeder: a libtorrent leecher (the shared harness's lib/lt_peer.py leecher, pointed at
one seeder by bench/lt_leech.py) downloads one torrent from a libtorrent seeder (lib/lt_peer.py seed)
and from bitquark's server, one seeder at a time, in the same run. Called by bench/seed.sh, which
sets the environment below.

Per run and seeder: fresh tracker peer list (when this script owns the tracker), seeder started,
checked and announced (untimed); leecher started (untimed), dialling only that seeder (bytes from
any other peer fail the run), and told GO; t0 = its ADDED, t_end = its DONE. Seeder and leecher CPU = utime+stime from /proc/<pid>/stat over [GO, DONE]. The download is
then checked against the manifest. Python stdlib only; every wait is bounded; 127.0.0.1 only.

Env: SEED_TORRENT, SEED_RUNS, SEED_KINDS (libtorrent,bitquark), BITQUARK_JAR, BITQUARK_JAVA,
BITQUARK_JAVA_OPTS, SEED_WORK, SEED_TIMEOUT, SEED_JFR (a JFR file: bitquark records a profile),
plus the harness's BENCH_HOME / BENCH_DIR / BENCH_PY.
"""
import base64
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid

HARNESS = os.environ['BENCH_HOME']
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HARNESS, 'lib'))
import torrentmeta  # noqa: E402

HOST = '127.0.0.1'
PY = os.environ.get('BENCH_PY', '/usr/bin/python3')
BENCH_DIR = os.environ.get('BENCH_DIR', '/tmp/bench')
PAYLOAD = os.path.join(BENCH_DIR, 'payload')
WORK = os.environ.get('SEED_WORK', os.path.join(BENCH_DIR, 'seedbench'))
TIMEOUT = float(os.environ.get('SEED_TIMEOUT', '300'))
CLK = os.sysconf('SC_CLK_TCK')
# Ports of their own (below 32768), so a shared seeder left on SEED_PORT_BASE is never in the way.
LT_SEED_PORT, BQ_SEED_PORT, BQ_HTTP_PORT, LEECH_BASE = 21401, 21402, 27480, 22401


def log(*a):
    print('[seed]', *a, file=sys.stderr, flush=True)


def cpu_s(pid):
    """utime+stime of one process (all its threads), seconds."""
    with open('/proc/%d/stat' % pid) as f:
        rest = f.read().rsplit(')', 1)[1].split()
    return (int(rest[11]) + int(rest[12])) / CLK


def stop(p, grace=15.0):
    """SIGTERM a process this script started (by pid), SIGKILL after grace."""
    if p is None or p.poll() is not None:
        return
    p.terminate()
    try:
        p.wait(grace)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait(5)


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def tracker(cmd):
    subprocess.run([os.path.join(HARNESS, 'tracker.sh'), cmd], stdout=subprocess.DEVNULL, timeout=60,
                   check=(cmd == 'start'))


def tracker_running():
    return subprocess.run([os.path.join(HARNESS, 'tracker.sh'), 'status'], stdout=subprocess.DEVNULL,
                          timeout=30).returncode == 0


# ---------------------------------------------------------------- seeders

class LtSeeder:
    name = 'libtorrent'

    def start(self, torrent):
        work = fresh(os.path.join(WORK, 'lt-seed'))
        self.logf = open(os.path.join(work, 'seeder.log'), 'w')
        self.proc = subprocess.Popen([PY, os.path.join(HARNESS, 'lib', 'lt_peer.py'), 'seed', '--port',
                                      str(LT_SEED_PORT), '--save', PAYLOAD, '--max-seconds', '1800', torrent],
                                     stdout=subprocess.PIPE, stderr=self.logf, stdin=subprocess.DEVNULL,
                                     text=True, start_new_session=True)
        line = self.proc.stdout.readline()   # bounded by lt_peer.py's own 120 s readiness limit
        while line and not line.startswith(('READY', 'NOT_READY')):
            self.logf.write(line)
            line = self.proc.stdout.readline()
        if not line.startswith('READY'):
            stop(self.proc)
            raise RuntimeError('libtorrent seeder not ready: %r (see %s)' % (line, work))
        # drain its stdout so it never blocks on a full pipe
        self.cat = subprocess.Popen(['cat'], stdin=self.proc.stdout, stdout=self.logf)
        return self.proc.pid

    def stop(self):
        stop(self.proc)
        stop(self.cat, 5)


class BqSeeder:
    name = 'bitquark'
    password = 'seed-' + uuid.uuid4().hex[:12]

    def api(self, path, data=None, ctype=None, timeout=10):
        h = {'Authorization': 'Basic ' + base64.b64encode(('admin:' + self.password).encode()).decode()}
        if ctype:
            h['Content-Type'] = ctype
        req = urllib.request.Request('http://%s:%d/api/v1/%s' % (HOST, BQ_HTTP_PORT, path), data, h)
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.loads(r.read() or b'null')

    def start(self, torrent):
        work = fresh(os.path.join(WORK, 'bq-seed'))
        java = os.environ.get('BITQUARK_JAVA', 'java')
        opts = os.environ.get('BITQUARK_JAVA_OPTS', '').split()
        if os.environ.get('SEED_JFR'):
            opts.append('-XX:StartFlightRecording=filename=%s,settings=profile' % os.environ['SEED_JFR'])
        # The payload folder is the download folder: the torrent's file is found where it is.
        argv = [java] + opts + ['-jar', os.environ['BITQUARK_JAR'], 'server', '--http-port', str(BQ_HTTP_PORT),
                                '--http-host', HOST, '--peer-port', str(BQ_SEED_PORT), '--bind', HOST,
                                '--no-dht', '--no-lsd', '--no-pex', '--data-dir', os.path.join(work, 'data'),
                                '--download-dir', PAYLOAD]
        log('spawn:', ' '.join(argv))
        self.logf = open(os.path.join(work, 'server.log'), 'w')
        self.proc = subprocess.Popen(argv, stdout=self.logf, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env=dict(os.environ, BITQUARK_AUTH_PASSWORD=self.password),
                                     start_new_session=True)
        end = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen('http://%s:%d/q/health/ready' % (HOST, BQ_HTTP_PORT), timeout=2) as r:
                    if b'"UP"' in r.read():
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.time() > end:
                stop(self.proc)
                raise RuntimeError('bitquark server not ready (see %s)' % work)
            time.sleep(0.1)
        ih = torrentmeta.Torrent(torrent).infohash.lower()
        self.api('torrents', open(torrent, 'rb').read(), 'application/x-bittorrent')
        end = time.time() + 120   # check of the payload, then the first announce
        while True:
            t = self.api('torrents/' + ih)
            trs = self.api('torrents/%s/trackers' % ih)
            if (t.get('state') == 'live' and t.get('finished') and t.get('verifiedBytes') == t.get('wantedBytes')
                    and any(x.get('status') == 'ok' for x in trs)):
                break
            if t.get('state') == 'error' or time.time() > end:
                stop(self.proc)
                raise RuntimeError('bitquark did not reach seeding: %s %s' % (t, trs))
            time.sleep(0.2)
        return self.proc.pid

    def stop(self):
        stop(self.proc)


# ---------------------------------------------------------------- one timed download

def leech(torrent, seeder_pid, seed_port):
    out = fresh(os.path.join(WORK, 'leech'))
    port = LEECH_BASE + random.randrange(500)
    logf = open(os.path.join(WORK, 'leech.log'), 'a')
    p = subprocess.Popen([PY, os.path.join(HERE, 'lt_leech.py'), '--port', str(port), '--seed-port', str(seed_port),
                          '--out', out, '--timeout', str(TIMEOUT), torrent],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=logf, text=True,
                         start_new_session=True)
    try:
        line = p.stdout.readline()   # lt_peer.py prints READY once its session is up
        if not line.startswith('READY'):
            raise RuntimeError('leecher: %r' % line)
        s0, l0 = cpu_s(seeder_pid), cpu_s(p.pid)
        p.stdin.write('GO\n')
        p.stdin.flush()
        added = done = first = None
        end = time.time() + TIMEOUT + 30
        while time.time() < end:   # the leecher itself gives up after TIMEOUT (prints TIMEOUT)
            line = p.stdout.readline()
            if line.startswith('ADDED'):
                added = float(line.split()[1])
            elif line.startswith('FIRST'):
                first = float(line.split()[1])
            elif line.startswith('DONE'):
                done = float(line.split()[1])
                break
            elif not line or line.startswith('TIMEOUT'):
                break
        s1, l1 = cpu_s(seeder_pid), cpu_s(p.pid)
        if added is None or done is None:
            raise RuntimeError('leecher did not finish: %r' % line)
        peers = p.stdout.readline().split()[1:]
        others = [x for x in peers if not x.startswith('127.0.0.1:%d=' % seed_port) and not x.endswith('=0')]
        if others:
            raise RuntimeError('bytes from peers other than the seeder: %s' % others)
        p.stdin.write('QUIT\n')
        p.stdin.flush()
        p.wait(30)
    finally:
        stop(p)
    ok = torrentmeta.verify(torrent, out)
    shutil.rmtree(out, ignore_errors=True)
    return {'seconds': done - added, 'first_s': (first or done) - added, 'seeder_cpu_s': s1 - s0, 'leecher_cpu_s': l1 - l0, 'verified': ok}


def main():
    torrent = os.environ['SEED_TORRENT']
    runs = int(os.environ.get('SEED_RUNS', '3'))
    kinds = os.environ.get('SEED_KINDS', 'libtorrent,bitquark').split(',')
    size = torrentmeta.Torrent(torrent).total
    os.makedirs(WORK, exist_ok=True)
    own_tracker = not tracker_running()
    if own_tracker:
        tracker('start')
    else:
        log('warning: a tracker was already running; using it (peer lists are not reset between seeders)')
    seeders = {'libtorrent': LtSeeder, 'bitquark': BqSeeder}
    results = {k: [] for k in kinds}
    try:
        for i in range(runs):
            for kind in kinds:
                if own_tracker:   # fresh peer list: only the seeder under test is announced
                    tracker('stop')
                    tracker('start')
                s = seeders[kind]()
                pid = s.start(torrent)
                try:
                    subprocess.run(['sync'], timeout=120)
                    r = leech(torrent, pid, LT_SEED_PORT if kind == 'libtorrent' else BQ_SEED_PORT)
                finally:
                    s.stop()
                r.update(seeder=kind, run=i + 1, mib_s=size / 1048576 / r['seconds'])
                print(json.dumps(r), flush=True)
                if not r['verified']:
                    raise RuntimeError('%s run %d: download does not match the manifest' % (kind, i + 1))
                results[kind].append(r)
    finally:
        if own_tracker:
            tracker('stop')
    med = {k: {m: statistics.median(x[m] for x in v) for m in ('seconds', 'first_s', 'seeder_cpu_s', 'leecher_cpu_s')}
           for k, v in results.items() if v}
    base = med.get('libtorrent')
    print()
    print('| seeder | median s | MiB/s | first byte s | seeder CPU s | leecher CPU s | time / lt | seeder CPU / lt |')
    print('|---|---|---|---|---|---|---|---|')
    for k, m in med.items():
        rt = '%.2f' % (m['seconds'] / base['seconds']) if base else '-'
        rc = '%.2f' % (m['seeder_cpu_s'] / base['seeder_cpu_s']) if base and base['seeder_cpu_s'] else '-'
        print('| %s | %.2f | %.0f | %.2f | %.2f | %.2f | %s | %s |' % (
            k, m['seconds'], size / 1048576 / m['seconds'], m['first_s'], m['seeder_cpu_s'], m['leecher_cpu_s'], rt, rc))


if __name__ == '__main__':
    main()
