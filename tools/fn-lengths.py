#!/usr/bin/env python3
"""Lists Rust functions longer than a limit: lines from a `fn` line to the closing brace at the
same indentation. Usage: tools/fn-lengths.py [LIMIT] [DIR...] (default 80, src)."""

import os
import re
import sys

FN = re.compile(r"^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?(?:extern\s+\"[^\"]*\"\s+)?fn\s+(\w+)")


def lengths(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        m = FN.match(line)
        if not m:
            continue
        indent = m.group(1)
        # A declaration without a body (trait method) ends with `;` before any `{`.
        for j in range(i, len(lines)):
            if lines[j] == indent + "}" or (j == i and line.rstrip().endswith("}")):
                yield m.group(2), i + 1, j - i + 1
                break
            if lines[j].rstrip().endswith(";") and "{" not in "".join(lines[i:j + 1]):
                break


def main():
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    dirs = sys.argv[2:] or ["src"]
    found = []
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in files:
                if f.endswith(".rs"):
                    p = os.path.join(root, f)
                    found += [(n, p, line, name) for name, line, n in lengths(p)]
    for n, p, line, name in sorted(found, reverse=True):
        if n > limit:
            print(f"{n:5} {p}:{line} {name}")


main()
