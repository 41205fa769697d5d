#!/usr/bin/env python3
# ctest-labels: diff
"""Every opcode a 3.11 .pyc can contain is executed by the differential suite.

Runs every program of tests/programs (from source) and every 3.11 corpus
program under xpython with XPYTHON_OPCODE_STATS, merges the counts, and
fails listing each opcode of facts/opcodes-3.11.tsv (pyc_ok=1) that never
ran. CACHE and EXTENDED_ARG are not instructions of their own in xpython
(the decoder skips caches and folds EXTENDED_ARG), so they are excluded; the
count for them must be zero, which is checked too.

Together with the differential tests this means every opcode has run under
a comparison with native CPython's output.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

NOT_INSTRUCTIONS = {"CACHE", "EXTENDED_ARG"}


def pyc_opcodes(facts):
    names = []
    for line in open(os.path.join(facts, "opcodes-3.11.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if cols[5] == "1":
            names.append(cols[1])
    return names


def run(xpython, cwd, argv, stats, env_extra):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1",
               XPYTHON_OPCODE_STATS=stats, **env_extra)
    try:
        subprocess.run([xpython] + argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300)
    except subprocess.TimeoutExpired:
        print("timeout:", argv)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xpython", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--corpus-dir", required=True)
    ap.add_argument("--build-dir")
    args = ap.parse_args()
    args.xpython = os.path.abspath(args.xpython)
    args.source_dir = os.path.abspath(args.source_dir)
    args.corpus_dir = os.path.abspath(args.corpus_dir)

    programs = os.path.join(args.source_dir, "tests", "programs")
    corpus_src = os.path.join(args.corpus_dir, "src")
    corpus_311 = os.path.join(args.corpus_dir, "3.11")
    if not os.path.isdir(corpus_311):
        print("FAIL: corpus folder missing:", corpus_311)
        return 1

    jobs = []
    with tempfile.TemporaryDirectory() as tmp:
        # One stats file per job: runs in parallel must not merge into one file.
        for name in sorted(os.listdir(programs)):
            if name[:3].isdigit() and name.endswith(".py"):
                jobs.append((programs, [name], {}))
        for name in sorted(os.listdir(corpus_311)):
            if name[:3].isdigit() and name.endswith(".pyc"):
                jobs.append((corpus_src, [os.path.join("..", "3.11", name)], {"PYTHONPATH": corpus_src}))
        stats_files = [os.path.join(tmp, "stats%d.txt" % i) for i in range(len(jobs))]
        with ThreadPoolExecutor(max_workers=2) as pool:
            for (cwd, argv, extra), stats in zip(jobs, stats_files):
                pool.submit(run, args.xpython, cwd, argv, stats, extra)
        counts = {}
        for stats in stats_files:
            if not os.path.exists(stats):
                continue
            for line in open(stats):
                version, name, n = line.split()
                if version == "3.11":
                    counts[name] = counts.get(name, 0) + int(n)

    expected = pyc_opcodes(os.path.join(args.source_dir, "facts"))
    missing = [n for n in expected if n not in NOT_INSTRUCTIONS and counts.get(n, 0) == 0]
    leaked = [n for n in NOT_INSTRUCTIONS if counts.get(n, 0)]
    print("%d programs run; %d of %d 3.11 opcodes executed" %
          (len(jobs), len([n for n in expected if counts.get(n, 0)]), len(expected) - len(NOT_INSTRUCTIONS)))
    if leaked:
        print("FAIL: executed as instructions but must never be:", ", ".join(leaked))
    if missing:
        print("FAIL: never executed:", ", ".join(missing))
    if missing or leaked:
        return 1
    print("every 3.11 opcode ran at least once")
    return 0


if __name__ == "__main__":
    sys.exit(main())
