#!/usr/bin/env python3
"""Reports import cycles between the crate's top-level modules: reads every `use crate::X` (and
`crate::X::` paths) in each module's file or folder and looks for cycles in that graph.
Usage: tools/import-cycles.py [SRC] (default src). Exits 1 if there is a cycle."""

import os
import re
import sys

src = sys.argv[1] if len(sys.argv) > 1 else "src"
USE = re.compile(r"\bcrate::(\w+)")
graph = {}
for entry in sorted(os.listdir(src)):
    path = os.path.join(src, entry)
    if entry in ("lib.rs", "bin"):
        continue
    module = entry[:-3] if entry.endswith(".rs") else entry
    files = []
    if os.path.isdir(path):
        for root, _, names in os.walk(path):
            files += [os.path.join(root, n) for n in names if n.endswith(".rs")]
    elif entry.endswith(".rs"):
        files = [path]
    deps = graph.setdefault(module, set())
    for f in files:
        for line in open(f, encoding="utf-8"):
            code = line.split("//", 1)[0]
            deps.update(d for d in USE.findall(code) if d != module)

for m in sorted(graph):
    print(f"{m:12} -> {', '.join(sorted(graph[m])) or '-'}")

cycles = set()


def walk(node, stack):
    for d in graph.get(node, ()):
        if d in stack:
            cyc = stack[stack.index(d):]
            k = cyc.index(min(cyc))
            cycles.add(tuple(cyc[k:] + cyc[:k]))
        elif d in graph:
            walk(d, stack + [d])


for m in graph:
    walk(m, [m])
for c in sorted(cycles):
    print("cycle: " + " -> ".join(c + (c[0],)))
print(f"{len(cycles)} cycle(s)")
sys.exit(1 if cycles else 0)
