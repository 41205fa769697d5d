#!/usr/bin/env python3
"""CPython's own regression tests with their code in the xpython VM.

    conformance.py --xpython build/xpython                 # both modes, every listed module
    conformance.py --xpython build/xpython --mode default test_list test_dict
    conformance.py --xpython build/xpython --mode default --expect expected-failures.tsv

Each module of the list (default: core-tests.txt beside this file) runs in
its own process, once natively (`python3 run_one.py`, the reference) and
once per mode under xpython (`xpython run_one.py`: the test module's code
in the VM, unittest and test.support native; mode `all` adds
`--interpret-imports=all`). A process that outlives its timeout is killed
and reported, so one hanging module does not stop the run. A module
*matches* when its process ended normally and its counts (tests run,
failed, errored, skipped, expected failures, unexpected successes) equal the
native ones with nothing failed or errored.

Prints one table per mode and the totals. With --expect, the exit status is
1 when a module that is not listed there as a known failure does not match
(a regression), or when the native reference itself does not pass; a listed
module that now matches is reported (and fails the run with --strict).
Without --expect the status is 1 when any module does not match.
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
RUN_ONE = os.path.join(HERE, "run_one.py")
COUNTS = ("run", "failures", "errors", "skipped", "expected_failures", "unexpected_successes")
MODES = {"default": [], "all": ["--interpret-imports=all"]}


def read_list(path):
    with open(path) as f:
        return [ln.split("#", 1)[0].strip() for ln in f if ln.split("#", 1)[0].strip()]


def read_native_times(path):
    times = {}
    if os.path.exists(path):
        with open(path) as f:
            next(f, None)  # header
            for ln in f:
                parts = ln.split()
                if len(parts) == 2:
                    times[parts[0]] = float(parts[1])
    return times


def read_expectations(path):
    """module -> {mode: reason}; the file's lines are `module<TAB>mode<TAB>reason`,
    mode `default`, `all` or `*` (both)."""
    expected = {}
    with open(path) as f:
        for lineno, ln in enumerate(f, 1):
            if not ln.strip() or ln.startswith("#"):
                continue
            parts = ln.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[1] not in ("default", "all", "*"):
                sys.exit(f"{path}:{lineno}: expected `module<TAB>default|all|*<TAB>reason`")
            modes = ("default", "all") if parts[1] == "*" else (parts[1],)
            for m in modes:
                expected.setdefault(parts[0], {})[m] = parts[2]
    return expected


def run_module(command, module, timeout, log_dir, executor):
    """Runs run_one.py for one module; returns its summary dict (with
    `status` timeout/crash when it produced none)."""
    work = tempfile.mkdtemp(prefix=f"xpconf-{module.removeprefix('test.')}-")
    result = os.path.join(work, "result.json")
    log = os.path.join(log_dir, module.removeprefix("test.") + ".log")
    # faulthandler dumps the stacks shortly before we would kill the process.
    argv = command + [RUN_ONE, "--result", result, "--dump-after", str(max(timeout - 5, 1)), module]
    start = time.perf_counter()
    status = None
    with open(log, "w") as logf:
        proc = subprocess.Popen(argv, cwd=work, stdin=subprocess.DEVNULL, stdout=logf,
                                stderr=subprocess.STDOUT, start_new_session=True)
        try:
            rc = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its own session: test helpers die with it
            proc.wait()
            rc, status = None, "timeout"
    elapsed = time.perf_counter() - start
    summary = None
    if os.path.exists(result):
        with open(result) as f:
            summary = json.load(f)
    shutil.rmtree(work, ignore_errors=True)
    if summary is None or rc != 0:
        if status is None:
            if summary is None and os.path.exists(log) and "Timeout (" in open(log, errors="replace").read():
                status = "timeout"  # faulthandler's dump_traceback_later fired
            elif rc is not None and rc < 0:
                status = f"crash (signal {-rc})"
            else:
                status = f"crash (exit {rc})"
        summary = dict(summary or {c: 0 for c in COUNTS}, module=module, status=status,
                       message="", details=(summary or {}).get("details", []))
    if summary.get("executor", executor) != executor:
        # e.g. xpython started without its import hook: the test code ran natively.
        summary["status"] = f"ran by {summary['executor']}, not {executor}"
    summary["wall"] = round(elapsed, 2)
    # The table's time: loading and running the tests (regrtest's measure),
    # or the process's whole life when it never reported.
    summary["shown_time"] = summary["time"] if "time" in summary and summary["status"] in ("ok", "skipped") else summary["wall"]
    summary["log"] = log
    return summary


def verdict(vm, native):
    """'ok' when vm matches native, else a short reason."""
    if native["status"] not in ("ok", "skipped"):
        return "NATIVE: " + native["status"].upper()
    if native["failures"] or native["errors"]:
        return "NATIVE FAILS"
    if vm["status"] not in ("ok", "skipped"):
        return vm["status"].upper()
    if vm["status"] != native["status"]:
        return "DIFF"
    if vm["failures"] or vm["errors"]:
        return "FAIL"
    if any(vm[c] != native[c] for c in COUNTS):
        return "DIFF"
    return "ok"


def print_table(mode, modules, vm, native, native_times, out):
    w = max([28] + [len(m) for m in modules])
    head = (f"{'module':{w}} {'run':>5} {'fail':>5} {'err':>5} {'skip':>5} {'time':>7}"
            f" {'n.run':>5} {'n.skip':>6} {'n.time':>7} {'n.ref':>6}  result")
    out.write(f"\n== mode: {mode} ({'xpython ' + ' '.join(MODES[mode]) if MODES[mode] else 'xpython'}) ==\n")
    out.write(head + "\n")
    tot = dict.fromkeys(("run", "failures", "errors", "skipped", "wall", "nrun", "nskip", "nwall", "nref"), 0)
    matching = 0
    for m in modules:
        v, n = vm[m], native[m]
        res = verdict(v, n)
        matching += res == "ok"
        ref = native_times.get(m)
        out.write(f"{m:{w}} {v['run']:5} {v['failures']:5} {v['errors']:5} {v['skipped']:5} {v['shown_time']:7.2f}"
                  f" {n['run']:5} {n['skipped']:6} {n['shown_time']:7.2f} {ref if ref is not None else '':>6}  {res}\n")
        for k, src in (("run", v["run"]), ("failures", v["failures"]), ("errors", v["errors"]),
                       ("skipped", v["skipped"]), ("wall", v["shown_time"]), ("nrun", n["run"]),
                       ("nskip", n["skipped"]), ("nwall", n["shown_time"]), ("nref", ref or 0)):
            tot[k] += src
    out.write(f"{'TOTAL':{w}} {tot['run']:5} {tot['failures']:5} {tot['errors']:5} {tot['skipped']:5}"
              f" {tot['wall']:7.1f} {tot['nrun']:5} {tot['nskip']:6} {tot['nwall']:7.1f} {tot['nref']:6.1f}"
              f"  {matching}/{len(modules)} match native\n")
    return matching


def print_details(mode, m, v, out, limit=3):
    out.write(f"\n-- {m} [{mode}]: {verdict_cache.get((mode, m), '')} (log: {v['log']})\n")
    if v.get("message"):
        out.write(f"   {v['message']}\n")
    for d in v.get("details", [])[:limit]:
        out.write(f"   {d['kind']}: {d['test']}\n")
        for ln in d["traceback"].splitlines()[-4:]:
            out.write(f"      {ln}\n")
    extra = len(v.get("details", [])) - limit
    if extra > 0:
        out.write(f"   ... and {extra} more\n")
    if v["status"] not in ("ok", "skipped") and os.path.exists(v["log"]):
        tail = open(v["log"], errors="replace").read().rstrip().splitlines()[-8:]
        for ln in tail:
            out.write(f"   | {ln}\n")


verdict_cache = {}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--xpython", required=True)
    ap.add_argument("--python", default=sys.executable, help="the native reference (the host python3)")
    ap.add_argument("--mode", action="append", choices=sorted(MODES),
                    help="default (the test code in the VM) and/or all (--interpret-imports=all); "
                         "repeatable; default: both")
    ap.add_argument("--list", default=os.path.join(HERE, "core-tests.txt"))
    ap.add_argument("--native-times", default=os.path.join(HERE, "native-times.tsv"),
                    help="recorded native wall times (the n.ref column; sets timeouts)")
    ap.add_argument("--expect", help="expected failures (module, mode, reason): see README.md")
    ap.add_argument("--strict", action="store_true", help="with --expect: a listed module that matches fails too")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=0,
                    help="seconds per module process (default: native 30 + 10 x its recorded native time, "
                         "or --native-timeout; xpython 30 + --vm-factor x its native time)")
    ap.add_argument("--native-timeout", type=float, default=300,
                    help="seconds for the native run of a module without a recorded time")
    ap.add_argument("--vm-factor", type=float, default=10,
                    help="xpython's timeout: 30 s + this x the module's native time "
                         "(the larger of the recorded one and this run's)")
    ap.add_argument("--native-from", action="append", metavar="JSON",
                    help="take the native reference from an earlier run's --json (repeatable) "
                         "instead of running it again; modules it lacks run natively")
    ap.add_argument("--progress", action="store_true", help="a line on stderr per finished module")
    ap.add_argument("--log-dir", help="keep each process's output here (default: a temporary directory)")
    ap.add_argument("--json", help="write every result here")
    ap.add_argument("--details", action="store_true", help="show why each non-matching module differs")
    ap.add_argument("--all-lib-test", action="store_true",
                    help="every module of the host's Lib/test, as regrtest finds them "
                         "(test.libregrtest.findtests), instead of the list")
    ap.add_argument("modules", nargs="*", help="module names (default: the list)")
    args = ap.parse_args()

    modes = args.mode or ["default", "all"]
    if args.all_lib_test:
        from test.libregrtest.findtests import findtests
        modules = findtests()
    else:
        modules = args.modules or read_list(args.list)
    native_times = read_native_times(args.native_times)
    expected = read_expectations(args.expect) if args.expect else None
    log_root = args.log_dir or tempfile.mkdtemp(prefix="xpconf-logs-")
    # The processes run in temporary directories: commands by absolute path.
    def command_path(p):
        return os.path.abspath(p) if os.sep in p else (shutil.which(p) or p)
    xpython, python = command_path(args.xpython), command_path(args.python)

    def native_timeout_of(m):
        if args.timeout:
            return args.timeout
        # A module without a recorded time (--all-lib-test) may legitimately
        # take minutes natively (multiprocessing, concurrent.futures).
        return 30 + 10 * native_times[m] if m in native_times else args.native_timeout

    def vm_timeout_of(m, native):
        if args.timeout:
            return args.timeout
        # The native run of this module has just finished on this machine, under
        # today's load: its wall time bounds the VM's better than a recorded one.
        base = max(native_times.get(m, 0.0), native["wall"])
        if native["status"] not in ("ok", "skipped"):
            # A native hang or crash says nothing about the VM's speed: the
            # VM gets what a module of unknown time would (the comparison
            # is void anyway, but its log shows where the VM stops).
            base = native_times.get(m, 5.0)
        return 30 + args.vm_factor * base

    reused = {}
    for path in args.native_from or []:
        with open(path) as f:
            reused.update(json.load(f)["native"])

    def run_chain(m):
        """Native first, then each mode, so the VM's timeout follows the native time."""
        if m in reused:
            out = {"native": reused[m]}
        else:
            out = {"native": run_module([python], m, native_timeout_of(m),
                                        os.path.join(log_root, "native"), "host")}
        for mode in modes:
            out[mode] = run_module([xpython] + MODES[mode], m, vm_timeout_of(m, out["native"]),
                                   os.path.join(log_root, mode), "xpython")
        return out

    # Longest first, so the slow modules do not end the run alone on one core
    # (a stable sort: modules without a recorded time keep the given order).
    order = sorted(modules, key=lambda m: -native_times.get(m, 5.0))
    for kind in ["native"] + modes:
        os.makedirs(os.path.join(log_root, kind), exist_ok=True)
    results = {k: {} for k in ["native"] + modes}

    def save():
        if args.json:
            tmp = args.json + ".tmp"
            with open(tmp, "w") as f:
                json.dump(results, f, indent=1)
            os.replace(tmp, args.json)

    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futs = {pool.submit(run_chain, m): m for m in order}
        for done, fut in enumerate(concurrent.futures.as_completed(futs), 1):
            m = futs[fut]
            for kind, res in fut.result().items():
                results[kind][m] = res
            # Written after every module, so an interrupted long run keeps what finished.
            save()
            if args.progress:
                verdicts = " ".join(f"{mode}={verdict(results[mode][m], results['native'][m])}" for mode in modes)
                sys.stderr.write(f"[{done}/{len(modules)} {time.perf_counter() - t0:6.0f}s] {m}: "
                                 f"native {results['native'][m]['wall']:.1f}s {verdicts}\n")
                sys.stderr.flush()
    total_wall = time.perf_counter() - t0

    out = sys.stdout
    status = 0
    matched = {}
    for mode in modes:
        for m in modules:
            verdict_cache[(mode, m)] = verdict(results[mode][m], results["native"][m])
        matched[mode] = print_table(mode, modules, results[mode], results["native"], native_times, out)

    native_bad = [m for m in modules
                  if results["native"][m]["status"] not in ("ok", "skipped")
                  or results["native"][m]["failures"] or results["native"][m]["errors"]]
    if native_bad:
        status = 1
        out.write(f"\nThe native reference does not pass in: {' '.join(native_bad)} (the environment or the harness, not the VM)\n")

    regressions, fixed, known = [], [], []
    for mode in modes:
        for m in modules:
            res = verdict_cache[(mode, m)]
            reason = (expected or {}).get(m, {}).get(mode)
            if res == "ok":
                if reason is not None:
                    fixed.append((mode, m))
            elif not res.startswith("NATIVE"):
                (known if reason is not None else regressions).append((mode, m, res, reason))

    if args.details:
        for mode, m, res, reason in regressions + known:
            print_details(mode, m, results[mode][m], out)

    out.write(f"\n{len(modules)} modules, {total_wall:.0f} s with {args.jobs} jobs (logs: {log_root})\n")
    for mode in modes:
        out.write(f"  {mode:8} {matched[mode]}/{len(modules)} match native\n")
    if expected is not None:
        for mode, m, res, reason in known:
            out.write(f"  known    [{mode}] {m}: {res} -- {reason}\n")
        for mode, m, res, _ in regressions:
            out.write(f"  REGRESSION [{mode}] {m}: {res}: not a known failure (not in {args.expect})\n")
        for mode, m in fixed:
            out.write(f"  FIXED    [{mode}] {m} matches native now: remove it from {args.expect}\n")
        if regressions or (args.strict and fixed):
            status = 1
    elif any(matched[mode] != len(modules) for mode in modes):
        status = 1

    save()
    if not args.log_dir and status == 0:
        shutil.rmtree(log_root, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
