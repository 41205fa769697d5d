#!/usr/bin/env python3
"""Benchmark runner: native CPython vs xpython on the same programs.

    python3 bench/run.py --xpython build/xpython [--runs N] [--filter RE]
                         [--markdown] [--json FILE] [--callgrind PROG]

For every bench/programs/*.py it runs `python3 PROG` and `xpython PROG`
N times each, interleaved (native, xpython, native, ...) so that drift of a
shared machine hits both sides alike, and reports the median wall time of
each side and their ratio. xpython's stdout and exit status must equal
native's, or the row is FAILED and left out of the geometric mean. It also
reports startup overhead (`-c pass`) and the .pyc load throughput
(bench/load_bench.cpp over the host's standard library, next to the host's
own marshal.loads on the same bytes).

`--callgrind PROG` instead runs one program under valgrind's callgrind for
both sides and prints instruction counts, which do not depend on machine
noise (use them for performance work).
"""

import argparse
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAMS_DIR = HERE / "programs"


# ---------------------------------------------------------------- running --

class RunResult:
    def __init__(self, wall, cpu, rc, out, err, timed_out=False):
        self.wall = wall          # seconds, perf_counter around the child
        self.cpu = cpu            # user+sys seconds of the child (getrusage)
        self.rc = rc
        self.out = out
        self.err = err
        self.timed_out = timed_out


def children_cpu():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_once(cmd, timeout, env, cwd):
    """Runs cmd once; wall time and the child's CPU time."""
    cpu0 = children_cpu()
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout, env=env, cwd=cwd)
    except subprocess.TimeoutExpired as e:
        wall = time.perf_counter() - t0
        return RunResult(wall, children_cpu() - cpu0, None, e.stdout or b"", e.stderr or b"", True)
    wall = time.perf_counter() - t0
    return RunResult(wall, children_cpu() - cpu0, p.returncode, p.stdout, p.stderr)


def bench_env():
    env = dict(os.environ)
    # Same hash seed on both sides, so that nothing a program prints can
    # depend on set/dict-of-str iteration order differing between runs.
    env["PYTHONHASHSEED"] = "0"
    env.pop("PYTHONSTARTUP", None)
    return env


def first_difference(a, b):
    al = a.decode("utf-8", "replace").splitlines()
    bl = b.decode("utf-8", "replace").splitlines()
    for i, (x, y) in enumerate(zip(al, bl)):
        if x != y:
            return "line %d: native %r, xpython %r" % (i + 1, x[:80], y[:80])
    if len(al) != len(bl):
        return "native printed %d lines, xpython %d" % (len(al), len(bl))
    return "outputs differ"


def tail(data, n=3):
    lines = data.decode("utf-8", "replace").strip().splitlines()
    return " | ".join(lines[-n:])


def compare_program(name, native_cmd, xp_cmd, runs, timeout, env, cwd, log):
    """Interleaved runs of one program. Returns a result dict for the table.

    One untimed run of each side comes first: it warms the file cache, gives
    the reference output (native), and stops early when xpython gets the
    program wrong (no need to time a wrong answer N times). Every timed
    run's output is checked too: native against its untimed run (a
    benchmark must be deterministic), xpython against native."""
    row = {"program": name, "status": "ok", "reason": "",
           "native": [], "xpython": [], "native_cpu": [], "xpython_cpu": []}
    reference = None

    def native_ok(n):
        if n.timed_out or n.rc != 0:
            row["status"] = "ERROR"
            row["reason"] = "native run failed (rc=%s): %s" % (n.rc, tail(n.err) or "(no stderr)")
        elif n.out != reference:
            row["status"] = "ERROR"
            row["reason"] = "native output not deterministic: " + first_difference(reference, n.out)
        return row["status"] == "ok"

    def xpython_ok(x):
        if x.timed_out:
            row["status"] = "FAILED"
            row["reason"] = "xpython timed out after %ss" % timeout
        elif x.rc != 0:
            row["status"] = "FAILED"
            row["reason"] = "xpython exit status %s: %s" % (x.rc, tail(x.err) or "(no stderr)")
        elif x.out != reference:
            row["status"] = "FAILED"
            row["reason"] = "output mismatch: " + first_difference(reference, x.out)
        return row["status"] == "ok"

    first = run_once(native_cmd, timeout, env, cwd)
    reference = first.out
    if not native_ok(first):
        return row
    for i in range(runs):
        n = run_once(native_cmd, timeout, env, cwd)
        if not native_ok(n):
            return row
        if i == 0 and not xpython_ok(run_once(xp_cmd, timeout, env, cwd)):
            return row
        x = run_once(xp_cmd, timeout, env, cwd)
        if not xpython_ok(x):
            return row
        row["native"].append(n.wall)
        row["native_cpu"].append(n.cpu)
        row["xpython"].append(x.wall)
        row["xpython_cpu"].append(x.cpu)
        log(".")
    checksum = [l for l in reference.decode("utf-8", "replace").splitlines() if l.startswith("checksum")]
    row["checksum"] = checksum[-1] if checksum else ""
    return row


def summarize(row):
    for k in ("native", "xpython", "native_cpu", "xpython_cpu"):
        row[k + "_median"] = statistics.median(row[k]) if row[k] else None
    if row["status"] == "ok":
        row["ratio"] = row["xpython_median"] / row["native_median"]
    else:
        row["ratio"] = None
    return row


def cpu_geometric_mean(rows):
    return geometric_mean([r["xpython_cpu_median"] / r["native_cpu_median"] for r in rows
                           if r["status"] == "ok" and r["native_cpu_median"]])


def geometric_mean(values):
    values = [v for v in values if v is not None and v > 0]
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def find_programs(directory, pattern):
    progs = sorted(Path(directory).glob("*.py"))
    if pattern:
        rx = re.compile(pattern)
        progs = [p for p in progs if rx.search(p.stem)]
    return progs


def startup(python, xpython, runs, env, cwd):
    """Median wall time of `-c pass`: what every run pays before the program."""
    nat, xp = [], []
    n = max(runs, 10)
    for _ in range(n):
        a = run_once([python, "-c", "pass"], 60, env, cwd)
        b = run_once([xpython, "-c", "pass"], 60, env, cwd)
        if a.rc != 0:
            return {"status": "ERROR", "reason": "python3 -c pass failed"}
        if b.rc != 0 or b.out or b.timed_out:
            return {"status": "FAILED",
                    "reason": "xpython -c pass: exit status %s%s" % (
                        b.rc, ", printed output" if b.out else "")}
        nat.append(a.wall)
        xp.append(b.wall)
    return {"status": "ok", "runs": n, "native_median": statistics.median(nat),
            "xpython_median": statistics.median(xp),
            "overhead": statistics.median(xp) - statistics.median(nat)}


# ------------------------------------------------------- load throughput --

def stdlib_pyc_files(tmp):
    """Every non-optimised .pyc of the host's standard library (not
    site-packages). Uses the stdlib's own __pycache__ when nearly every
    source has its .pyc there, else compiles the stdlib into a private cache
    tree under `tmp` (PYTHONPYCACHEPREFIX), leaving the stdlib untouched."""
    import importlib.util
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    site = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
    sources = []
    for dirpath, dirnames, filenames in os.walk(stdlib):
        d = Path(dirpath)
        dirnames[:] = sorted(x for x in dirnames if x not in ("__pycache__", "site-packages")
                             and (d / x).resolve() not in site)
        sources += [d / f for f in sorted(filenames) if f.endswith(".py")]
    cached = [Path(importlib.util.cache_from_source(str(s), optimization="")) for s in sources]
    present = [c for c in cached if c.is_file()]
    # A few sources never compile (deliberately broken test data), so "all"
    # means 95% here.
    if sources and len(present) >= 0.95 * len(sources):
        return present, "the stdlib's own __pycache__ (%s)" % stdlib
    prefix = Path(tmp) / "pycache"
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(prefix))
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-o", "0", "-x", "site-packages", str(stdlib)],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tag = sys.implementation.cache_tag
    files = sorted(p for p in prefix.rglob("*.%s.pyc" % tag))
    return files, "compiled by compileall into a temporary cache (%s)" % stdlib


def marshal_throughput(blobs, passes):
    """The host's marshal.loads over the same in-memory bytes (header skipped)."""
    import marshal
    payloads = [b[16:] for b in blobs]
    failures = 0
    for p in payloads:       # one untimed pass: count failures, warm caches
        try:
            marshal.loads(p)
        except Exception:
            failures += 1
    times = []
    loads = marshal.loads
    for _ in range(passes):
        t0 = time.perf_counter()
        for p in payloads:
            try:
                loads(p)
            except Exception:
                pass
        times.append(time.perf_counter() - t0)
    return statistics.median(times), failures


RESULT_RE = re.compile(r"^RESULT (.*)$")
FAIL_RE = re.compile(r"^FAIL (.*)$")


def parse_load_bench(text):
    results, fails = {}, []
    for line in text.splitlines():
        m = RESULT_RE.match(line)
        if m:
            fields = dict(kv.split("=", 1) for kv in m.group(1).split())
            results[fields["mode"]] = fields
            continue
        m = FAIL_RE.match(line)
        if m:
            fails.append(m.group(1))
    return results, fails


def load_throughput(args, log):
    exe = Path(args.load_bench) if args.load_bench else Path(args.xpython).resolve().parent / "bench" / "xp_load_bench"
    with tempfile.TemporaryDirectory(prefix="xp-bench-") as tmp:
        if args.pyc_dir:
            files = sorted(Path(args.pyc_dir).rglob("*.pyc"))
            origin = str(args.pyc_dir)
        else:
            files, origin = stdlib_pyc_files(tmp)
        if not files:
            return {"status": "ERROR", "reason": "no .pyc files found (%s)" % origin}
        blobs = [f.read_bytes() for f in files]
        total_bytes = sum(len(b) for b in blobs)
        log("load: %d files, %.1f MB, from %s\n" % (len(files), total_bytes / 1e6, origin))
        res = {"status": "ok", "files": len(files), "bytes": total_bytes, "origin": origin,
               "passes": args.passes}
        m_sec, m_fail = marshal_throughput(blobs, args.passes)
        res["marshal"] = {"seconds": m_sec, "failed": m_fail,
                          "files_per_s": len(files) / m_sec, "mb_per_s": total_bytes / 1e6 / m_sec}
        if not exe.exists():
            res["status"] = "SKIPPED"
            res["reason"] = "load bench not built: %s" % exe
            return res
        listing = Path(tmp) / "files.txt"
        listing.write_text("".join(str(f) + "\n" for f in files))
        p = subprocess.run([str(exe), "--passes", str(args.passes), "--list", str(listing)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        results, fails = parse_load_bench(p.stdout)
        if p.returncode != 0 or "full" not in results:
            res["status"] = "ERROR"
            res["reason"] = "load bench exit status %d: %s" % (
                p.returncode, (p.stderr.strip().splitlines() or ["(no message)"])[-1])
            return res
        for mode, r in results.items():
            sec = float(r["seconds"])
            ok = int(r["files"])
            nbytes = int(r["bytes"])
            res[mode] = {"seconds": sec, "files": ok, "bytes": nbytes,
                         "files_per_s": ok / sec if sec else None,
                         "mb_per_s": nbytes / 1e6 / sec if sec else None,
                         "code_objects": int(r.get("code_objects", 0)),
                         "instructions": int(r.get("instructions", 0))}
        res["failed"] = fails
        return res


# ------------------------------------------------------------- callgrind --

def callgrind_count(cmd, env, cwd, tmp, tag):
    """Instructions executed by cmd under callgrind, summed over every
    process image it becomes or starts (so a wrapper script that execs the
    real command is measured correctly)."""
    out_pattern = str(Path(tmp) / ("callgrind.%s.%%p.out" % tag))
    p = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                        "--callgrind-out-file=" + out_pattern] + cmd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd)
    counts = [int(m) for m in re.findall(rb"Collected : (\d+)", p.stderr)]
    if not counts:
        raise SystemExit("callgrind (%s) gave no count; exit status %d: %s" % (tag, p.returncode, tail(p.stderr)))
    return sum(counts), p.returncode, p.stdout


def callgrind_mode(args):
    if not shutil.which("valgrind"):
        raise SystemExit("run.py: --callgrind needs valgrind on PATH")
    prog = Path(args.callgrind)
    if not prog.exists():
        cands = find_programs(args.programs, "^(bm_)?%s$" % re.escape(args.callgrind))
        if len(cands) != 1:
            raise SystemExit("run.py: no benchmark program named %r" % args.callgrind)
        prog = cands[0]
    env = bench_env()
    with tempfile.TemporaryDirectory(prefix="xp-callgrind-") as tmp:
        print("callgrind: %s (this takes ~50x the native time per side)" % prog.name, flush=True)
        n, nrc, nout = callgrind_count([args.python, str(prog)], env, tmp, tmp, "native")
        print("  native  : %15s instructions" % format(n, ","), flush=True)
        x, xrc, xout = callgrind_count([args.xpython, str(prog)], env, tmp, tmp, "xpython")
        print("  xpython : %15s instructions" % format(x, ","))
        same = nrc == xrc == 0 and nout == xout
        print("  ratio   : %.2fx%s" % (x / n, "" if same else
                                      "   (FAILED: xpython's output or exit status differs)"))
        return 0 if same else 1


# ---------------------------------------------------------------- output --

def fmt(v, spec="%.3f"):
    return "-" if v is None else spec % v


def machine_info():
    cpu = platform.processor() or ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "system": platform.platform()}


def text_report(rows, gmean, start, load, runs, info):
    print()
    print("load average: %s at the start, %s at the end" % (info["loadavg_start"], info["loadavg_end"]))
    if rows:
        program_table(rows, gmean, runs)
    if start:
        startup_line(start)
    if load:
        print_load(load)


def program_table(rows, gmean, runs):
    print("%-20s %10s %10s %8s %10s %10s  %s" % ("program", "native s", "xpython s", "ratio",
                                                "native cpu", "xp cpu", "status"))
    for r in rows:
        print("%-20s %10s %10s %8s %10s %10s  %s" % (
            r["program"], fmt(r["native_median"]), fmt(r["xpython_median"]),
            fmt(r["ratio"], "%.2fx"), fmt(r["native_cpu_median"]), fmt(r["xpython_cpu_median"]),
            r["status"] + (": " + r["reason"] if r["reason"] else "")))
    ok = sum(1 for r in rows if r["status"] == "ok")
    print("geometric mean of ratios: %s (%d of %d programs ok; medians of %d interleaved runs)"
          % (fmt(gmean, "%.2fx"), ok, len(rows), runs))
    print("geometric mean of CPU-time ratios: %s" % fmt(cpu_geometric_mean(rows), "%.2fx"))


def startup_line(start):
    if start["status"] == "ok":
        print("startup (-c pass): native %.1f ms, xpython %.1f ms, overhead %+.1f ms (median of %d)"
              % (start["native_median"] * 1e3, start["xpython_median"] * 1e3,
                 start["overhead"] * 1e3, start["runs"]))
    else:
        print("startup (-c pass): %s: %s" % (start["status"], start["reason"]))


def print_load(load):
    if load["status"] == "ERROR" and "marshal" not in load:
        print("load throughput: ERROR: %s" % load["reason"])
        return
    print("load throughput over %d .pyc files (%.1f MB; %s), median of %d passes:"
          % (load["files"], load["bytes"] / 1e6, load["origin"], load["passes"]))
    m = load["marshal"]
    print("  %-28s %9.0f files/s %8.1f MB/s  (%d failed)"
          % ("host marshal.loads", m["files_per_s"], m["mb_per_s"], m["failed"]))
    for mode, label in (("load", "xpython load"), ("full", "xpython load+decode+verify")):
        if mode in load:
            r = load[mode]
            extra = "%d code objects" % r["code_objects"]
            if r["instructions"]:
                extra += ", %d instructions" % r["instructions"]
            print("  %-28s %9.0f files/s %8.1f MB/s  (%s)" % (label, r["files_per_s"], r["mb_per_s"], extra))
    if load["status"] != "ok":
        print("  xpython: %s: %s" % (load["status"], load["reason"]))
    elif load.get("failed"):
        print("  %d files failed to load:" % len(load["failed"]))
        for f in load["failed"][:20]:
            print("    " + f)
        if len(load["failed"]) > 20:
            print("    ... and %d more" % (len(load["failed"]) - 20))
    else:
        print("  0 files failed to load")


def markdown_report(rows, gmean, start, load, runs, info):
    out = []
    out.append("Machine: %s, %s cores; host Python %s; %s; medians of %d interleaved runs; "
               "load average %s at the start, %s at the end."
               % (info["cpu"], info["cores"], info["python"], time.strftime("%Y-%m-%d"), runs,
                  info.get("loadavg_start", "?"), info.get("loadavg_end", "?")))
    out.append("")
    out.append("| program | native (s) | xpython (s) | xpython / native | native cpu (s) | xpython cpu (s) |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = fmt(r["ratio"], "%.2fx") if r["status"] == "ok" else "**%s**" % r["status"]
        out.append("| %s | %s | %s | %s | %s | %s |" % (
            r["program"], fmt(r["native_median"]), fmt(r["xpython_median"]), ratio,
            fmt(r["native_cpu_median"]), fmt(r["xpython_cpu_median"])))
    out.append("| **geometric mean** | | | **%s** | | |" % fmt(gmean, "%.2fx"))
    out.append("")
    out.append("Geometric mean of the CPU-time ratios (xpython cpu / native cpu): %s."
               % fmt(cpu_geometric_mean(rows), "%.2fx"))
    failed = [r for r in rows if r["status"] != "ok"]
    if failed:
        out.append("")
        for r in failed:
            out.append("- %s %s: %s" % (r["program"], r["status"], r["reason"]))
    if start and start["status"] == "ok":
        out.append("")
        out.append("Startup (`-c pass`): native %.1f ms, xpython %.1f ms (overhead %+.1f ms)."
                   % (start["native_median"] * 1e3, start["xpython_median"] * 1e3, start["overhead"] * 1e3))
    if load and "marshal" in load:
        out.append("")
        out.append("Load throughput, %d stdlib .pyc files (%.1f MB), median of %d passes:"
                   % (load["files"], load["bytes"] / 1e6, load["passes"]))
        out.append("")
        out.append("| reader | files/s | MB/s |")
        out.append("|---|---:|---:|")
        m = load["marshal"]
        out.append("| host `marshal.loads` | %.0f | %.1f |" % (m["files_per_s"], m["mb_per_s"]))
        for mode, label in (("load", "xpython load"), ("full", "xpython load + decode + verify")):
            if mode in load:
                out.append("| %s | %.0f | %.1f |" % (label, load[mode]["files_per_s"], load[mode]["mb_per_s"]))
        if load["status"] == "ok":
            out.append("")
            out.append("%d files failed to load." % len(load.get("failed", [])))
    print("\n".join(out))


# ------------------------------------------------------------------ main --

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--xpython", default="build/xpython", help="the xpython command (default build/xpython)")
    ap.add_argument("--python", default=sys.executable, help="native interpreter (default: this python3)")
    ap.add_argument("--runs", type=int, default=5, help="runs per side and program (default 5)")
    ap.add_argument("--filter", help="only programs whose name matches this regex")
    ap.add_argument("--programs", default=str(PROGRAMS_DIR), help=argparse.SUPPRESS)
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run before it counts as FAILED")
    ap.add_argument("--markdown", action="store_true", help="print a markdown table (for bench/README.md)")
    ap.add_argument("--json", metavar="FILE", help="write all measurements as JSON")
    ap.add_argument("--callgrind", metavar="PROG", help="count instructions of one program under callgrind")
    ap.add_argument("--no-startup", action="store_true", help="skip the -c pass measurement")
    ap.add_argument("--no-load", action="store_true", help="skip the .pyc load throughput")
    ap.add_argument("--no-programs", action="store_true", help="skip the program table")
    ap.add_argument("--load-bench", help="the load benchmark binary (default: <xpython dir>/bench/xp_load_bench)")
    ap.add_argument("--pyc-dir", help="measure load throughput on the .pyc files under DIR instead of the stdlib")
    ap.add_argument("--passes", type=int, default=5, help="load throughput passes (default 5)")
    args = ap.parse_args(argv)

    if not (Path(args.xpython).is_file() and os.access(args.xpython, os.X_OK)):
        ap.error("xpython not found or not executable: %s (run `make build`)" % args.xpython)
    args.xpython = str(Path(args.xpython).resolve())
    if args.runs < 1 or args.passes < 1:
        ap.error("--runs and --passes must be at least 1")
    if args.callgrind:
        return callgrind_mode(args)

    def log(s):
        if not args.markdown:
            sys.stderr.write(s)
            sys.stderr.flush()

    env = bench_env()
    info = machine_info()
    # How busy the machine was: the numbers mean little on a loaded machine.
    info["loadavg_start"] = "%.2f" % os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="xp-bench-run-") as cwd:
        if not args.no_programs:
            progs = find_programs(args.programs, args.filter)
            if not progs:
                ap.error("no benchmark programs match %r in %s" % (args.filter, args.programs))
            for prog in progs:
                log("%-20s " % prog.stem)
                row = compare_program(prog.stem, [args.python, str(prog)], [args.xpython, str(prog)],
                                      args.runs, args.timeout, env, cwd, log)
                rows.append(summarize(row))
                log(" %s\n" % row["status"])
        start = None
        if not args.no_startup:
            log("startup ")
            start = startup(args.python, args.xpython, args.runs, env, cwd)
            log("%s\n" % start["status"])
    load = None if args.no_load else load_throughput(args, log)

    gmean = geometric_mean([r["ratio"] for r in rows if r["status"] == "ok"])
    info["loadavg_end"] = "%.2f" % os.getloadavg()[0]
    if args.markdown:
        markdown_report(rows, gmean, start, load, args.runs, info)
    else:
        text_report(rows, gmean, start, load, args.runs, info)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": info, "runs": args.runs, "xpython": args.xpython,
                       "python": args.python, "programs": rows, "geometric_mean": gmean,
                       "startup": start, "load": load}, f, indent=1)
    # A benchmark run is a measurement, not a test: it succeeds when it could
    # measure, even if some rows FAILED (they are reported above). Native
    # failures mean the benchmark itself is broken.
    return 1 if any(r["status"] == "ERROR" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
