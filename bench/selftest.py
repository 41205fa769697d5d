#!/usr/bin/env python3
"""Self-test of bench/run.py (registered with ctest by bench/CMakeLists.txt).

Runs the runner on tiny programs against a fake `xpython` that executes the
host python3 for some programs and misbehaves on purpose for others (wrong
output, crash, hang), and checks that every row gets the right status, that
only good rows enter the geometric mean, and that a non-deterministic
program is reported as a broken benchmark. With --load-bench it also runs
the load-throughput section on a few .pyc files, one of them corrupt, and
checks the counts and that the corrupt file is reported.

    python3 bench/selftest.py [--load-bench build/bench/xp_load_bench]
"""

import argparse
import json
import os
import py_compile
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "run.py"

PROGRAMS = {
    "good.py": "print('checksum', sum(i * i for i in range(1000)))\n",
    "mismatch.py": "print('checksum', 1)\n",
    "crash.py": "print('checksum', 2)\n",
    "hang.py": "print('checksum', 3)\n",
}

FAKE_XPYTHON = """#!{python}
# Runs the host python3, except for the programs it must get wrong.
import os, sys, time
host = {python!r}
name = os.path.basename(sys.argv[-1])
if name == "mismatch.py":
    print("checksum", 2)
elif name == "crash.py":
    sys.stderr.write("fake xpython: boom\\n")
    sys.exit(1)
elif name == "hang.py":
    time.sleep(60)
else:
    os.execv(host, [host] + sys.argv[1:])
"""

failures = []


def check(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what + ("" if cond or not detail else ": " + detail))
    if not cond:
        failures.append(what)


def run_runner(args):
    p = subprocess.run([sys.executable, str(RUNNER)] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    return p


def test_programs(tmp, fake):
    progs = tmp / "programs"
    progs.mkdir()
    for name, text in PROGRAMS.items():
        (progs / name).write_text(text)
    out = tmp / "r.json"
    p = run_runner(["--xpython", str(fake), "--programs", str(progs), "--runs", "3",
                    "--timeout", "3", "--no-load", "--json", str(out)])
    check(p.returncode == 0, "runner exits 0 when rows FAILED but natives are fine",
          "rc=%d: %s" % (p.returncode, p.stderr.strip()[-300:]))
    data = json.loads(out.read_text())
    rows = {r["program"]: r for r in data["programs"]}
    good = rows["good"]
    check(good["status"] == "ok" and len(good["native"]) == 3 and len(good["xpython"]) == 3,
          "good program: ok with 3 timed runs per side")
    check(good["checksum"].startswith("checksum "), "good program: checksum line captured")
    check(abs(good["ratio"] - good["xpython_median"] / good["native_median"]) < 1e-12,
          "ratio = xpython median / native median")
    check(rows["mismatch"]["status"] == "FAILED" and "mismatch" in rows["mismatch"]["reason"],
          "wrong output: FAILED (%s)" % rows["mismatch"]["reason"])
    check(rows["crash"]["status"] == "FAILED" and "boom" in rows["crash"]["reason"],
          "non-zero exit: FAILED with stderr shown (%s)" % rows["crash"]["reason"])
    check(rows["hang"]["status"] == "FAILED" and "timed out" in rows["hang"]["reason"],
          "hang: FAILED after the timeout (%s)" % rows["hang"]["reason"])
    check(data["geometric_mean"] is not None and abs(data["geometric_mean"] - good["ratio"]) < 1e-9,
          "geometric mean covers only the ok row")
    check(data["startup"]["status"] == "ok", "startup measured")
    check("FAILED" in p.stdout and "geometric mean" in p.stdout, "text table printed")

    md = run_runner(["--xpython", str(fake), "--programs", str(progs), "--filter", "good|mismatch",
                     "--runs", "1", "--no-load", "--no-startup", "--markdown"])
    check(md.returncode == 0 and "| good |" in md.stdout and "**FAILED**" in md.stdout,
          "markdown table with a FAILED row")

    (progs / "nondet.py").write_text("import time\nprint('checksum', time.perf_counter_ns())\n")
    nd = run_runner(["--xpython", str(fake), "--programs", str(progs), "--filter", "nondet",
                     "--runs", "2", "--no-load", "--no-startup"])
    check(nd.returncode == 1 and "not deterministic" in nd.stdout,
          "non-deterministic benchmark: ERROR and runner exit status 1")


def test_load(tmp, fake, load_bench):
    pycs = tmp / "pycs"
    pycs.mkdir()
    srcs = ["json/decoder.py", "textwrap.py", "dataclasses.py"]
    import sysconfig
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for s in srcs:
        py_compile.compile(str(stdlib / s), cfile=str(pycs / (Path(s).stem + ".pyc")), doraise=True)
    good = (pycs / "textwrap.pyc").read_bytes()
    (pycs / "zz_truncated.pyc").write_bytes(good[: len(good) // 2])
    out = tmp / "load.json"
    p = run_runner(["--xpython", str(fake), "--load-bench", str(load_bench), "--pyc-dir", str(pycs),
                    "--no-programs", "--no-startup", "--passes", "3", "--json", str(out)])
    check(p.returncode == 0, "load section runs", "rc=%d: %s" % (p.returncode, p.stderr.strip()[-300:]))
    load = json.loads(out.read_text())["load"]
    check(load["status"] == "ok", "load bench ran (%s)" % load.get("reason", ""))
    check(load["files"] == 4, "4 files offered")
    check(load["marshal"]["failed"] == 1, "marshal.loads fails on the truncated file")
    check(len(load.get("failed", [])) == 1 and "zz_truncated.pyc" in load["failed"][0],
          "xpython's loader reports the truncated file: %s" % load.get("failed"))
    full = load.get("full", {})
    check(full.get("files") == 3 and full.get("code_objects", 0) > 3 and full.get("instructions", 0) > 100,
          "3 files decoded, with their nested code objects (%s)" % full)
    check("files/s" in p.stdout and "1 files failed to load" in p.stdout, "throughput and failures printed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--load-bench", help="the built xp_load_bench; without it the load test is skipped")
    args, _ = ap.parse_known_args()   # ctest passes the common driver options too
    with tempfile.TemporaryDirectory(prefix="xp-bench-selftest-") as t:
        tmp = Path(t)
        fake = tmp / "xpython"
        fake.write_text(FAKE_XPYTHON.format(python=sys.executable))
        fake.chmod(0o755)
        test_programs(tmp, fake)
        if args.load_bench:
            test_load(tmp, fake, args.load_bench)
        else:
            print("SKIP: load throughput test (no --load-bench given)")
    if failures:
        print("%d check(s) failed" % len(failures))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
