#!/usr/bin/env python3
"""Prints JMH JSON results (bench/jmh.sh ... -rf json -rff FILE) as markdown table rows.

usage: bench/jmh-table.py FILE [BEFORE_FILE]
With BEFORE_FILE, adds a column with the score of the same benchmark and parameters there.
"""
import json
import sys


def rows(path):
    out = {}
    with open(path) as f:
        for r in json.load(f):
            name = r["benchmark"].rsplit(".", 2)
            params = ", ".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()))
            m = r["primaryMetric"]
            out[(f"{name[-2]}.{name[-1]}", params)] = (m["score"], m["scoreError"], m["scoreUnit"])
    return out


def fmt(x):
    if x != x:  # NaN: a single iteration has no error
        return "n/a"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def main():
    now = rows(sys.argv[1])
    before = rows(sys.argv[2]) if len(sys.argv) > 2 else None
    if before is None:
        print("| benchmark | params | score | ± error (99.9 %) | unit |")
        print("|---|---|---|---|---|")
    else:
        print("| benchmark | params | before | after | ± error (after) | unit |")
        print("|---|---|---|---|---|---|")
    for key in sorted(now):
        score, err, unit = now[key]
        if before is None:
            print(f"| {key[0]} | {key[1]} | {fmt(score)} | {fmt(err)} | {unit} |")
        else:
            b = before.get(key)
            print(f"| {key[0]} | {key[1]} | {fmt(b[0]) if b else '-'} | {fmt(score)} | {fmt(err)} | {unit} |")


if __name__ == "__main__":
    main()
