#!/usr/bin/env python3
"""Turns a quick-mode run (jmh.json + standalone.txt) into the markdown tables of README.md."""
import json
import os
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "benchmarks/target/quick"


def fmt(x):
    return "-" if x is None else ("%.3g" % x if x < 100 else "%.0f" % x)


rows = []
path = os.path.join(out, "jmh.json")
if os.path.exists(path):
    with open(path) as f:
        for r in json.load(f):
            cls, method = r["benchmark"].split(".")[-2:]
            params = ",".join("%s=%s" % kv for kv in sorted((r.get("params") or {}).items()))
            alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
            pm = r["primaryMetric"]
            rows.append((cls, params, method, pm["score"], pm["scoreError"], alloc))

score = {(c, p, m): s for c, p, m, s, _, _ in rows}
print("| benchmark | params | ns/op | ± | B/op | vs machina | vs sync |")
print("|---|---|---|---|---|---|---|")
for cls, params, method, s, err, alloc in rows:
    machina = [v for (c, p, m), v in score.items() if c == cls and p == params and m.startswith("machina")]
    vs_m = "%.2fx" % (s / machina[0]) if machina else "-"
    sync = score.get((cls, params, "syncFib"))
    vs_s = "%.1fx" % (s / sync) if sync else "-"
    print("| %s.%s | %s | %s | %s | %s | %s | %s |" % (cls, method, params or "-", fmt(s), fmt(err), fmt(alloc), vs_m, vs_s))

deep = {(c, m): s for (c, p, m), s in score.items() if p == "depth=1000"}
shallow = {(c, m): s for (c, p, m), s in score.items() if p == "depth=1"}
if deep:
    print()
    print("| B5 wake depth | ns/wake at D=1 | at D=1000 | ratio |")
    print("|---|---|---|---|")
    for key in sorted(deep):
        if key in shallow:
            print("| %s | %s | %s | %.2f |" % (key[1], fmt(shallow[key]), fmt(deep[key]), deep[key] / shallow[key]))

import re

path = os.path.join(out, "standalone.txt")
inter = []
if os.path.exists(path):
    with open(path) as f:
        for line in f:
            m = re.match(r"Interleaved (B\w+) (\S+)( depth=\d+)? +best= *([\d.]+) ns/op +median= *([\d.]+)", line)
            if m:
                inter.append((m.group(1) + (m.group(3) or ""), m.group(2), float(m.group(4)), float(m.group(5))))
if inter:
    print()
    print("| interleaved | peer | best ns/op | median ns/op | best / Machina's best |")
    print("|---|---|---|---|---|")
    for group, peer, best, median in inter:
        mine = [b for g, p, b, _ in inter if g == group and p.startswith("machina")]
        print("| %s | %s | %s | %s | %s |" % (group, peer, fmt(best), fmt(median), "%.2fx" % (best / mine[0]) if mine else "-"))


if os.path.exists(path):
    print()
    print("```")
    with open(path) as f:
        print(f.read().rstrip())
    print("```")
