#!/usr/bin/env python3
# ctest-labels: diff;asan
"""Corpus test: xpython runs every program of tests/corpus/X.Y/ and must
reproduce the recorded output (X.Y/NAME.out) and exit status (X.Y/NAME.rc).

The run reproduces "How a program is run" of tests/corpus/README.md:
  cwd tests/corpus/src, command `xpython ../X.Y/NAME.pyc`, PYTHONPATH=src
  (sibling mod_* modules import, as sys.path[0] = src did when recording),
  empty stdin, PYTHONHASHSEED=0, PYTHONIOENCODING=utf-8,
  PYTHONDONTWRITEBYTECODE=1, PYTHONUNBUFFERED=1, and stdout and stderr
  merged into one pipe so they interleave in program order, as recorded.
mod_* files are helper modules, not programs.

sys.argv[0]: when recording it was "NAME.py"; here it is "../X.Y/NAME.pyc".
The corpus never prints it raw: 180_exit_code prints
argv[0].split("/")[-1].split(".")[0] and 185_argv_main prints
os.path.splitext(os.path.basename(argv[0]))[0], which are "NAME" either way.
So no difference is tolerated; if a program ever prints argv[0] itself this
test fails and that program must get an explicit, narrow exception here.
Likewise __file__ ("NAME.py" when recording) is never printed.

A version whose .pyc files xpython refuses as unsupported (exit 3 on a
program expected to exit 0) is reported as SKIP and not counted, except the
host's own version (3.11), which must always run.
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402

HOST_VERSION = "%d.%d" % sys.version_info[:2]


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    p = difftest.base_arg_parser(__doc__.splitlines()[0])
    p.add_argument("--versions", default=HOST_VERSION,
                   help="comma/space separated corpus folders to run (default %s)" % HOST_VERSION)
    args = p.parse_args()

    corpus = os.path.realpath(args.corpus_dir)
    src = os.path.join(corpus, "src")
    xpython = os.path.abspath(args.xpython)
    if not os.path.isdir(src):
        print("error: corpus not found: %s" % src)
        return 1
    if not os.path.isfile(xpython):
        print("error: xpython not found: %s" % xpython)
        return 1
    timeout = args.timeout * difftest.timeout_scale(args)
    env = difftest.fixed_env({"PYTHONPATH": src, "PYTHONUNBUFFERED": "1"})

    def run_case(version, name):
        return difftest.run([xpython, "../%s/%s.pyc" % (version, name)], src, env, timeout,
                            merge_stderr=True)

    def expected(version, name):
        folder = os.path.join(corpus, version)
        rc = int(read_bytes(os.path.join(folder, name + ".rc")).strip())
        return difftest.Result(None, read_bytes(os.path.join(folder, name + ".out")), b"", rc)

    cases = []
    skipped = []
    for version in args.versions.replace(",", " ").split():
        folder = os.path.join(corpus, version)
        if not os.path.isdir(folder):
            print("error: no corpus folder %s" % folder)
            return 1
        names = sorted(n[:-4] for n in os.listdir(folder)
                       if n.endswith(".pyc") and not n.startswith("mod_"))
        if args.filter:
            names = [n for n in names if args.filter in n]
        for n in names:
            for ext in (".out", ".rc"):
                if not os.path.exists(os.path.join(folder, n + ext)):
                    print("error: %s has no %s%s" % (n, n, ext))
                    return 1
        # Probe: exit 3 means "valid but unsupported version" for the whole folder.
        probe = next((n for n in names if expected(version, n).rc == 0), None)
        if probe and version != HOST_VERSION:
            r = run_case(version, probe)
            if r.rc == 3:
                first = r.stdout.decode("utf-8", "replace").strip().splitlines()[:1]
                print("SKIP: xpython cannot execute %s yet (%s exits 3: %s)"
                      % (version, probe, first[0] if first else "no message"))
                skipped.append(version)
                continue
        cases += ["%s/%s" % (version, n) for n in names]

    if not cases:
        if skipped:
            return 0
        print("error: no corpus programs selected")
        return 1

    keep_dir = tempfile.mkdtemp(prefix="xp-corpus-") if args.keep else None

    def check_one(case):
        version, name = case.split("/")
        r = run_case(version, name)
        if keep_dir:
            difftest.save(os.path.join(keep_dir, version), name, r)
        return difftest.compare(expected(version, name), r, "recorded " + version, "xpython",
                                streams=("stdout",))

    print("%d corpus programs (%s), xpython %s, timeout %.0fs"
          % (len(cases), args.versions, xpython, timeout))
    status = difftest.run_all(cases, check_one, args.jobs)
    if keep_dir:
        print("kept: %s (xpython outputs per version)" % keep_dir)
    return status


if __name__ == "__main__":
    sys.exit(main())
