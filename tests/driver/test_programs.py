#!/usr/bin/env python3
# ctest-labels: diff;asan
"""Differential test: every tests/programs/NNN_*.py runs natively and under
xpython, and stdout, stderr and the exit status must be identical.

For each program (cwd tests/programs, fixed environment, stdin from
NAME.stdin if present, else empty; extra arguments from a "# args: ..."
header line in the first 10 lines, split like a shell would):
  native   python3 NAME.py ARGS                              (the oracle)
  source   xpython NAME.py ARGS
  pyc      xpython TMP/NAME.pyc ARGS, the .pyc compiled by the host with
           co_filename = the absolute source path (what the native run has),
           PYTHONPATH=tests/programs so sibling helpers import.
Only files named [0-9][0-9][0-9]_*.py are programs; helpers (mod_*.py,
helpers_*/ packages) are imported by them.  sys.argv[0] differs for the pyc
run, so programs never print it.
"""
import os
import py_compile
import re
import shlex
import shutil
import sys
import tempfile
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402

PROGRAM_RE = re.compile(r"^[0-9]{3}_[A-Za-z0-9_]+\.py$")
# Default reprs carry addresses, which differ from run to run.
ADDRESS_RE = re.compile(rb" at 0x[0-9a-fA-F]{4,}>")


def program_args(path):
    """Arguments declared by a '# args: a b c' line near the top."""
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 10:
                break
            if line.startswith("# args:"):
                return shlex.split(line[len("# args:"):])
    return []


def compile_warnings(path):
    """Warnings the compiler emits for a program.  A .pyc run cannot
    reproduce compile-time warnings (they were printed when the .pyc was
    made), so a program that has any is itself broken."""
    with open(path, "rb") as f:
        source = f.read()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            compile(source, path, "exec", dont_inherit=True)
        except SyntaxError as e:
            return ["SyntaxError: %s" % e]
    return ["%s: %s" % (w.category.__name__, w.message) for w in caught]


def main():
    p = difftest.base_arg_parser(__doc__.splitlines()[0])
    p.add_argument("--only-source", action="store_true", help="skip the .pyc runs")
    p.add_argument("--programs-dir", default=None, help="default: SOURCE_DIR/tests/programs")
    p.add_argument("--xpython-arg", action="append", default=[],
                   help="an extra option for every xpython run (repeatable), e.g. --interpret-imports=all")
    p.add_argument("--gc-threshold", type=int, default=None, metavar="N",
                   help="both the native and the xpython runs call gc.set_threshold(N) at start-up "
                        "(a sitecustomize module on PYTHONPATH), so the collector runs at almost "
                        "every allocation and walks every frame it can reach")
    p.add_argument("--check-native", action="store_true",
                   help="also run each program natively twice and require identical output "
                        "(catches nondeterministic programs)")
    args = p.parse_args()

    prog_dir = os.path.realpath(args.programs_dir or os.path.join(args.source_dir, "tests", "programs"))
    xpython = os.path.abspath(args.xpython)
    if not os.path.isfile(xpython):
        print("error: xpython not found: %s" % xpython)
        return 1
    names = sorted(n for n in os.listdir(prog_dir) if PROGRAM_RE.match(n))
    if args.filter:
        names = [n for n in names if args.filter in n]
    if not names:
        print("error: no programs in %s%s" % (prog_dir, " matching %r" % args.filter if args.filter else ""))
        return 1

    timeout = args.timeout * difftest.timeout_scale(args)
    tmp = tempfile.mkdtemp(prefix="xp-programs-")
    path = []
    if args.gc_threshold is not None:
        # site imports sitecustomize before the program runs, natively and in
        # xpython's embedded host alike, so both sides collect equally often
        # (the VM's own start-up included).
        site_dir = os.path.join(tmp, "site")
        os.makedirs(site_dir)
        with open(os.path.join(site_dir, "sitecustomize.py"), "w", encoding="utf-8") as f:
            f.write("import gc\ngc.set_threshold(%d)\n" % args.gc_threshold)
        path.append(site_dir)
    env = difftest.fixed_env({"PYTHONPATH": os.pathsep.join(path)} if path else None)
    pyc_env = difftest.fixed_env({"PYTHONPATH": os.pathsep.join(path + [prog_dir])})

    # In the main thread: catch_warnings is not thread-safe.
    bad_programs = {n: compile_warnings(os.path.join(prog_dir, n)) for n in names}

    def check_one(name):
        src = os.path.join(prog_dir, name)
        stem = name[:-3]
        extra = program_args(src)
        stdin = os.path.join(prog_dir, stem + ".stdin")
        stdin = stdin if os.path.exists(stdin) else None

        def go(cmd, e=env):
            return difftest.run(cmd, prog_dir, e, timeout, stdin)

        native = go([sys.executable, name] + extra)
        xp = [xpython] + args.xpython_arg
        runs = [("source", go(xp + [name] + extra))]
        if not args.only_source:
            pyc = os.path.join(tmp, stem + ".pyc")
            # dfile: the native run's co_filename is the absolute script path.
            py_compile.compile(src, cfile=pyc, dfile=src, doraise=True)
            runs.append(("pyc", go(xp + [pyc] + extra, pyc_env)))
        problems = ["program has compile-time output (a .pyc run cannot reproduce it): %s\n" % w
                    for w in bad_programs[name]]
        for stream in ("stdout", "stderr"):
            m = ADDRESS_RE.search(getattr(native, stream))
            if m:
                problems.append("native %s prints an object address (%r): not deterministic\n"
                                % (stream, m.group().decode()))
        if native.timed_out or native.error:
            problems.append("native run: %s\n" % native.status_text())
        if args.check_native:
            again = go([sys.executable, name] + extra)
            problems += difftest.compare(native, again, "native", "native again")
        for label, r in runs:
            problems += difftest.compare(native, r, "native", "xpython " + label)
        if args.keep:
            difftest.save(os.path.join(tmp, "out"), stem + ".native", native)
            for label, r in runs:
                difftest.save(os.path.join(tmp, "out"), stem + "." + label, r)
        return problems

    if args.gc_threshold is not None:
        # The mode must not pass vacuously: both sides really collect that often.
        probe = ["-c", "import gc; print(gc.get_threshold()[0])"]
        for label, cmd in (("native", [sys.executable]), ("xpython", [xpython] + args.xpython_arg)):
            r = difftest.run(cmd + probe, prog_dir, env, timeout)
            if r.stdout.strip() != str(args.gc_threshold).encode():
                print("error: the %s run does not start with gc threshold %d: %s %r %r"
                      % (label, args.gc_threshold, r.status_text(), r.stdout, r.stderr))
                shutil.rmtree(tmp, ignore_errors=True)
                return 1

    print("%d programs from %s, xpython %s, timeout %.0fs%s"
          % (len(names), prog_dir, xpython, timeout,
             "" if args.gc_threshold is None else ", gc threshold %d" % args.gc_threshold))
    try:
        status = difftest.run_all(names, check_one, args.jobs)
    finally:
        if args.keep:
            print("kept: %s (pycs; outputs in out/)" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
