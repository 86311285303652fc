#!/usr/bin/env python3
"""Median table of the shared harness's results since a time: one row per (torrent, client), with the
ratios of time and CPU to libtorrent's medians in the same set (same run, same seeder).

usage: summary.py RESULTS_JSONL SINCE_EPOCH"""
import json
import statistics
import sys


def main():
    path, since = sys.argv[1], float(sys.argv[2])
    rows = {}
    for line in open(path):
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if r.get('ts', 0) < since:
            continue
        rows.setdefault((r['torrent'], r.get('version') or r['client']), []).append(r)
    print('| torrent | client | ok/runs | median s | ratio to libtorrent | CPU s | CPU ratio | peak RSS MiB | first byte s |')
    print('|---|---|---|---|---|---|---|---|---|')
    for torrent in sorted({t for t, _ in rows}):
        ref = next((v for (t, c), v in rows.items() if t == torrent and c.startswith('libtorrent')), None)
        ref_s = med(ref, 'seconds') if ref else None
        ref_cpu = med(ref, 'cpu_s') if ref else None
        for (t, client), runs in sorted(rows.items(), key=lambda kv: (not kv[0][1].startswith('libtorrent'), kv[0][1])):
            if t != torrent:
                continue
            ok = [r for r in runs if r.get('ok') and r.get('verified')]
            s, cpu = med(ok, 'seconds'), med(ok, 'cpu_s')
            print('| %s | %s | %d/%d | %s | %s | %s | %s | %s | %s |' % (
                torrent, client, len(ok), len(runs), fmt(s), ratio(s, ref_s), fmt(cpu), ratio(cpu, ref_cpu),
                fmt(med(ok, 'peak_rss_mib'), 0), fmt(med(ok, 'first_s'))))


def med(runs, key):
    vals = [r[key] for r in runs or [] if r.get(key) is not None]
    return statistics.median(vals) if vals else None


def fmt(v, digits=2):
    return '–' if v is None else ('%.' + str(digits) + 'f') % v


def ratio(v, ref):
    return '–' if v is None or not ref else '%.2f×' % (v / ref)


if __name__ == '__main__':
    main()
