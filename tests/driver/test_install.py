#!/usr/bin/env python3
# ctest-labels: diff
"""`make install` works: `cmake --install BUILD --prefix TMP` puts the
command in TMP/bin and the extension module in
TMP/lib/python3.11/site-packages; the installed command runs from another
directory with a clean environment (its rpath finds the host's libpython),
and `import xpython` with PYTHONPATH at that site-packages loads the
installed module, which runs code in the VM.
"""
import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xpython", required=True)
    ap.add_argument("--source-dir")
    ap.add_argument("--corpus-dir")
    ap.add_argument("--build-dir", required=True)
    args = ap.parse_args()
    cmake = shutil.which("cmake")
    if cmake is None:
        print("FAIL: cmake not on PATH")
        return 1
    problems = []
    with tempfile.TemporaryDirectory(prefix="xp_install_") as prefix:
        r = subprocess.run([cmake, "--install", args.build_dir, "--prefix", prefix],
                           capture_output=True, text=True)
        if r.returncode != 0:
            print("FAIL: cmake --install exit %d\n%s%s" % (r.returncode, r.stdout, r.stderr))
            return 1
        site = os.path.join(prefix, "lib", "python%d.%d" % sys.version_info[:2], "site-packages")
        exe = os.path.join(prefix, "bin", "xpython")
        if not os.access(exe, os.X_OK):
            problems.append("no executable %s" % exe)
        mods = [f for f in os.listdir(site) if f.startswith("xpython") and
                f.endswith(sysconfig.get_config_var("EXT_SUFFIX"))] if os.path.isdir(site) else []
        if not mods:
            problems.append("no xpython%s in %s" % (sysconfig.get_config_var("EXT_SUFFIX"), site))
        # A minimal environment: nothing points at the build tree.
        env = {"PATH": "/usr/bin:/bin", "HOME": prefix, "LANG": "C.UTF-8"}
        prog = "import sys\nprint(sum(x * x for x in range(10)), sys.argv[1:])\n"
        with open(os.path.join(prefix, "prog.py"), "w") as f:
            f.write(prog)
        want = subprocess.run([sys.executable, "prog.py", "a"], cwd=prefix, env=env,
                              capture_output=True, text=True)
        if not problems:
            got = subprocess.run([exe, "prog.py", "a"], cwd=prefix, env=env, capture_output=True, text=True)
            if (got.returncode, got.stdout, got.stderr) != (want.returncode, want.stdout, want.stderr):
                problems.append("installed xpython prog.py: exit %d, out %r, err %r; python3: exit %d, out %r"
                                % (got.returncode, got.stdout, got.stderr[-800:], want.returncode, want.stdout))
            check = ("import xpython, sys\n"
                     "assert xpython.__file__.startswith(sys.argv[1]), xpython.__file__\n"
                     "g = {}\n"
                     "xpython.exec('def f(x):\\n    return x * 2\\n', g)\n"
                     "print(g['f'](21), xpython.eval('sum(range(10))'))\n")
            menv = dict(env, PYTHONPATH=site)
            got = subprocess.run([sys.executable, "-c", check, site], cwd=prefix, env=menv,
                                 capture_output=True, text=True)
            if got.returncode != 0 or got.stdout != "42 45\n":
                problems.append("import xpython from %s: exit %d, out %r, err %r"
                                % (site, got.returncode, got.stdout, got.stderr[-800:]))
    for p in problems:
        print("FAIL:", p)
    if problems:
        return 1
    print("install: command and module installed into a temporary prefix and working")
    return 0


if __name__ == "__main__":
    sys.exit(main())
