#!/usr/bin/env python3
# ctest-labels: diff;asan
"""The command line: `python3 ARGS` against `xpython ARGS`.

Each case of CASES runs both commands in a scratch folder holding the
fixture files below (fixed environment, stdin from the case or empty, never
a terminal); stdout, stderr and the exit status must be identical after one
normalisation: where python prints its own name -- its argv[0] in usage
lines and "can't open file", sys.executable in runpy's messages,
sys.orig_argv[0], the "Try `python -h'" hint, the banner's "Python 3.11.x"
-- xpython prints its own (its argv[0], "xpython", "xpython X on Python
3.11.x"), so both names become PYTHON.  Nothing else is rewritten.

Then the checks python cannot be the oracle for, because there xpython
differs by design: -h (python's help line for line, -v's replaced, plus
xpython's options), -V/-VV (xpython's version and the host's), --help-all
(xpython's -h, then the host's texts), -v/-vv (VM instruction tracing, not
import verbosity; sys.flags.verbose stays 0), x-python's long aliases
(against python with the short option), -X importtime, --dis FILE.py
(against `python3 -m dis FILE.py`), the tools that run a program under a
hook -- `-m cProfile`, `-m trace`, `-m pdb` driven from stdin -- against
python's output (cProfile's without its timing columns and in a fixed
order, since its rows of equal time come out in either order) and with -v's
trace showing the program's code in the VM.
"""
import os
import re
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402

FLAGS = "import sys; print(sys.flags)"
ARGV = "import sys; print(sys.argv)"

FILES = {
    "hello.py": "import sys\nprint('hello', sys.argv, sys.path[0] == '' or sys.path[0] == __import__('os').getcwd())\n",
    "path0.py": "import sys, os\nprint(sys.path[0] == os.path.dirname(os.path.abspath(__file__)), sys.argv)\n",
    "boom.py": "x = 5\nraise ValueError('boom')\n",
    "exit3.py": "import sys\nsys.exit(3)\n",
    "docs.py": ('"""module doc"""\ndef f():\n    "f doc"\nassert False, "asserts run"\n'),
    "docs_ok.py": ('"""module doc"""\ndef f():\n    "f doc"\nprint(__doc__, f.__doc__, __debug__)\n'
                   'import sys; print(sys.flags.optimize)\n'),
    "skipfirst.py": "this line is not python\nimport sys\nprint('line', sys._getframe().f_lineno)\n",
    "modx.py": "import sys\nprint('modx', __name__, sys.argv, sys.path[0] == __import__('os').getcwd())\n",
    "pkg/__init__.py": "",
    "pkg/__main__.py": "import sys\nprint('pkg main', __name__, __package__, sys.argv[1:])\n",
    "nomain/__init__.py": "",
    "d/__main__.py": ("import sys, os\nprint('dir main', __name__, sys.argv, sys.path[0] == os.path.abspath('d'),"
                      " __file__ == os.path.abspath('d/__main__.py'))\n"),
    "d/helper.py": "VALUE = 'helper from d'\n",
    "d2/__main__.py": "import helper\nprint(helper.VALUE)\n",
    "d2/helper.py": "VALUE = 'helper from d2'\n",
    "e/.keep": "",
    "bd/__main__.py": "import sys\nprint(sys._getframe(1).f_code.co_name)\nx = 5\nraise ValueError('boom in dir')\n",
    "frames.py": "import sys\nprint(sys._getframe(1).f_code.co_name, __spec__.name)\nraise KeyError('m')\n",
    "badsyntax.py": "def f(:\n    pass\n",
    "warn.py": "import warnings\nwarnings.warn('careful')\nprint('after warning')\n",
    "startup.py": "S = 'from startup'\n",
    # For -m cProfile/trace/pdb. x's product is computed at run time (never
    # folded), so `BINARY_OP (1, 1234567) *` in -v's trace shows that the
    # program's own code ran in the VM under the tool.
    "tool.py": ("import sys\n\n\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n\n\n"
                "def main():\n    x = len(sys.argv) * 1234567\n    total = fib(8)\n    print('result', x, total)\n"
                "\n\nmain()\n"),
}
BINARY_FILES = {
    "latin.py": b"x = '\xe9'\nprint(x)\n",
    "latin_ok.py": b"# -*- coding: latin-1 -*-\nx = '\xe9'\nprint(x)\n",
    "nul.py": b"x = 1\x00\n",
}
ZIPS = {"z.zip": {"__main__.py": "import sys\nprint('zip main', sys.argv, __name__)\n"},
        "znomain.zip": {"other.py": "x = 1\n"}}

# (name, args, stdin, extra env). Only args python 3.11 accepts; stdin is
# bytes (never a terminal: the prompt on a terminal is test_cli_tty.py's).
CASES = [
    # combined short options and their arguments
    ("c", ["-c", "print(2 ** 10)"], None, None),
    ("c-args", ["-c", ARGV, "a", "-v", "--", "-c"], None, None),
    ("uc", ["-uc", FLAGS], None, None),
    ("Bc", ["-Bc", FLAGS], None, None),
    ("BEsc", ["-BEsc", FLAGS], None, None),
    ("c-attached", ["-cprint('attached')"], None, None),
    ("Wd", ["-Wd", "warn.py"], None, None),
    ("W-d", ["-W", "d", "warn.py"], None, None),
    ("W-error", ["-W", "error", "warn.py"], None, None),
    ("Werror-attached", ["-Werror", "warn.py"], None, None),
    ("W-ignore", ["-W", "ignore", "warn.py"], None, None),
    ("W-twice", ["-Wignore", "-Werror::UserWarning", "-c", "import sys; print(sys.warnoptions)"], None, None),
    ("X-dev", ["-X", "dev", "-c", FLAGS + "; print(sys._xoptions)"], None, None),
    ("Xdev", ["-Xdev", "-c", FLAGS], None, None),
    ("X-utf8", ["-X", "utf8", "-c", FLAGS + "; print(sys._xoptions)"], None, None),
    ("X-utf8-0", ["-X", "utf8=0", "-c", FLAGS], None, None),
    ("X-int-max", ["-X", "int_max_str_digits=700", "-c", FLAGS + "; int('1' * 800)"], None, None),
    ("X-int-max-bad", ["-X", "int_max_str_digits=5", "-c", "pass"], None, None),
    ("X-several", ["-X", "a=1", "-Xb", "-c", "import sys; print(sorted(sys._xoptions.items()))"], None, None),
    ("X-no-debug-ranges", ["-X", "no_debug_ranges", "boom.py"], None, None),
    ("X-tracemalloc", ["-X", "tracemalloc", "-c", "import tracemalloc; print(tracemalloc.is_tracing())"], None, None),
    ("X-faulthandler", ["-X", "faulthandler", "-c", "import faulthandler; print(faulthandler.is_enabled())"],
     None, None),
    ("X-pycache-prefix", ["-X", "pycache_prefix=/nonexistent/cache", "-c", "import sys; print(sys.pycache_prefix)"],
     None, None),
    ("X-warn-default-encoding", ["-X", "warn_default_encoding", "-c", "f = open('hello.py'); f.close()"], None, None),
    ("u-streams", ["-u", "-c", "import sys; print(type(sys.stdout.buffer).__name__, sys.stdout.write_through)"],
     None, None),
    ("no-u-streams", ["-c", "import sys; print(type(sys.stdout.buffer).__name__, sys.stdout.write_through)"],
     None, None),
    ("c-syntax-error", ["-c", "1 +"], None, None),
    ("c-undecodable", ["-c", "print('\udcff')"], None, None),
    ("c-keyboard-interrupt", ["-c", "raise KeyboardInterrupt"], None, None),
    ("i-flags", ["-i", "-c", FLAGS], b"", None),
    ("X-frozen-off", ["-X", "frozen_modules=off", "-c", "import os; print(os.__spec__.origin.endswith('os.py'))"],
     None, None),
    # optimisation
    ("O", ["-O", "-c", "assert False, 'runs'; print(__debug__)"], None, None),
    ("no-O", ["-c", "assert False, 'runs'; print(__debug__)"], None, None),
    ("O-file", ["-O", "docs_ok.py"], None, None),
    ("OO-file", ["-OO", "docs_ok.py"], None, None),
    ("OOc", ["-OOc", "import sys; print(sys.flags.optimize)"], None, None),
    ("assert-file", ["docs.py"], None, None),
    ("O-assert-file", ["-O", "docs.py"], None, None),
    # the rest of python's flags
    ("q", ["-q", "-c", FLAGS], None, None),
    ("S", ["-S", "-c", "import sys; print('site' in sys.modules, sys.flags.no_site)"], None, None),
    ("s", ["-s", "-c", FLAGS], None, None),
    ("E", ["-E", "-c", "import sys; print(sys.flags.optimize, sys.flags.ignore_environment)"], None,
     {"PYTHONOPTIMIZE": "2"}),
    ("env-optimize", ["-c", "import sys; print(sys.flags.optimize)"], None, {"PYTHONOPTIMIZE": "2"}),
    ("b", ["-b", "-c", "str(b''); print('ok')"], None, None),
    ("bb", ["-bb", "-c", "str(b''); print('not reached')"], None, None),
    ("d", ["-d", "-c", FLAGS], None, None),
    ("x", ["-x", "skipfirst.py"], None, None),
    ("no-x", ["skipfirst.py"], None, None),
    ("R", ["-R", "-c", "import sys; print(sys.flags.hash_randomization)"], None, None),
    ("P-file", ["-P", "path0.py"], None, None),
    ("P-c", ["-P", "-c", "import sys; print('' in sys.path, sys.flags.safe_path)"], None, None),
    ("I-c", ["-I", "-c", "import sys; print('' in sys.path, sys.flags.isolated, sys.flags.safe_path)"], None,
     None),
    ("I-file", ["-I", "path0.py"], None, None),
    ("I-m", ["-I", "-m", "json.tool", "--help"], None, None),
    ("P-m", ["-P", "-m", "modx"], None, None),
    ("env-safepath", ["-c", "import sys; print('' in sys.path)"], None, {"PYTHONSAFEPATH": "1"}),
    ("t-ignored", ["-t", "-c", "print('t')"], None, None),
    ("check-hash", ["--check-hash-based-pycs", "always", "-c", "import _imp; print(_imp.check_hash_based_pycs)"],
     None, None),
    ("check-hash-never", ["--check-hash-based-pycs", "never", "-c", "import _imp; print(_imp.check_hash_based_pycs)"],
     None, None),
    # sys.argv and sys.orig_argv in every mode
    ("orig-argv", ["-B", "-c", "import sys; print(sys.orig_argv, sys.argv)", "x", "-c"], None, None),
    ("file-args", ["hello.py", "-c", "x", "--", "-v"], None, None),
    ("dashdash-file", ["--", "hello.py", "-x"], None, None),
    ("dashdash-c", ["--", "-c", "pass"], None, None),
    ("stdin-dash", ["-", "a", "-b"], b"import sys; print(sys.argv, __name__, repr(sys.path[0]))\n", None),
    ("stdin-default", [], b"import sys; print(sys.argv, __file__)\nfor i in range(2):\n    print(i)\n", None),
    ("stdin-dashdash-dash", ["--", "-", "z"], b"import sys; print(sys.argv)\n", None),
    ("stdin-error", [], b"x = 1\n1/0\n", None),
    ("stdin-exit", [], b"import sys; sys.exit(7)\n", None),
    ("stdin-nonutf8", [], b"x = '\xe9'\n", None),
    ("m", ["-m", "modx", "-v", "a"], None, None),
    ("m-attached", ["-mmodx", "b"], None, None),
    ("m-pkg", ["-m", "pkg", "1", "2"], None, None),
    ("m-missing", ["-m", "nosuchmodule"], None, None),
    ("m-nomain", ["-m", "nomain"], None, None),
    ("m-E-s", ["-E", "-s", "-m", "modx"], None, None),
    ("m-error", ["-m", "boom"], None, None),
    ("m-frames", ["-m", "frames"], None, None),
    ("m-exit", ["-m", "exit3"], None, None),
    ("m-json-tool", ["-m", "json.tool"], b'{"b": [1, 2], "a": null}\n', None),
    # directories and zip files
    ("dir", ["d", "x"], None, None),
    ("dir-slash", ["./d/"], None, None),
    ("dir-import", ["d2"], None, None),
    ("dir-I", ["-I", "d"], None, None),
    ("dir-nomain", ["e"], None, None),
    ("dir-error", ["bd"], None, None),
    ("i-dir-error", ["-i", "bd"], b"print(x)\n", None),
    ("zip", ["z.zip", "y"], None, None),
    ("zip-nomain", ["znomain.zip"], None, None),
    # file errors
    ("missing-file", ["nosuchfile.py"], None, None),
    ("missing-file-args", ["nosuchfile.py", "a"], None, None),
    ("nonutf8", ["latin.py"], None, None),
    ("nonutf8-x", ["-x", "latin.py"], None, None),
    ("latin1-cookie", ["latin_ok.py"], None, None),
    ("nul-byte", ["nul.py"], None, None),
    ("syntax-error", ["badsyntax.py"], None, None),
    ("uncaught", ["boom.py"], None, None),
    ("exit-status", ["exit3.py"], None, None),
    # -i with stdin that is not a terminal: prompts on stderr, the program first
    ("i-c", ["-i", "-c", "x = 5"], b"print(x * 2)\n", None),
    ("i-file", ["-i", "boom.py"], b"print('after', x)\n", None),
    ("i-exit", ["-i", "exit3.py"], b"print('still here')\n", None),
    ("i-m", ["-i", "-m", "modx"], b"print(__name__)\n", None),
    ("i-no-program", ["-i"], b"1 + 1\nfor i in range(2):\n    i\n\nimport sys; sys.exit(4)\n", None),
    ("i-q", ["-i", "-q"], b"'quiet'\n", None),
    ("i-S", ["-i", "-S"], b"'no site'\n", None),
    ("i-ps1", ["-i", "-q", "-c", "import sys; sys.ps1 = 'P1 '; sys.ps2 = 'P2 '"], b"if 1:\n  2\n\n", None),
    ("i-error", ["-i", "-q"], b"1/0\nprint('next')\nundefined_name\n", None),
    ("i-syntax", ["-i", "-q"], b"1 +\nprint('next')\n", None),
    ("i-keyboard-interrupt", ["-i", "-c", "raise KeyboardInterrupt"], b"print('after')\n", None),
    ("i-keyboard-interrupt-eof", ["-i", "-c", "raise KeyboardInterrupt"], b"", None),
    ("stdin-keyboard-interrupt", [], b"raise KeyboardInterrupt\n", None),
    ("i-m-error", ["-i", "-m", "nosuchmodule"], b"print('prompt')\n", None),
    ("i-startup", ["-i", "-q"], b"print(S)\n", {"PYTHONSTARTUP": "startup.py"}),
    ("env-inspect-start", ["-c", "x = 'set'"], b"print(x)\n", {"PYTHONINSPECT": "1"}),
    ("env-inspect-E", ["-E", "-c", "x = 'set'"], b"print(x)\n", {"PYTHONINSPECT": "1"}),
    ("env-inspect", ["-c", "import os; os.environ['PYTHONINSPECT'] = '1'"], b"print('inspected')\n", None),
    ("i-version-banner", ["-i", "-c", "pass"], b"", None),
    # usage errors: python's messages, status 2
    ("unknown-short", ["-z"], None, None),
    ("unknown-in-cluster", ["-Bz", "-c", "pass"], None, None),
    ("unknown-long", ["--foo"], None, None),
    ("c-no-arg", ["-c"], None, None),
    ("m-no-arg", ["-m"], None, None),
    ("W-no-arg", ["-W"], None, None),
    ("X-no-arg", ["-X"], None, None),
    ("J", ["-J"], None, None),
    ("check-hash-no-arg", ["--check-hash-based-pycs"], None, None),
    ("check-hash-bad", ["--check-hash-based-pycs", "sometimes", "-c", "pass"], None, None),
    ("V-then-error", ["-V", "-z"], None, None),
    ("expected-long", ["-b-", "-c", "print('after')"], b"print('stdin')\n", None),
    ("colon", ["-:"], None, None),
    # python's own help texts, printed by the host
    ("help-env", ["--help-env"], None, None),
    ("help-xoptions", ["--help-xoptions"], None, None),
    ("help-env-first", ["--help-env", "-z"], None, None),
    ("error-before-help", ["-z", "--help-env"], None, None),
]

# x-python's long options: xpython's arguments against python's equivalents.
ALIASES = [
    ("alias-command-to-run", ["--command-to-run", "print('x' * 3)"], ["-c", "print('x' * 3)"]),
    ("alias-command-to-run-eq", ["--command-to-run=print(4)", "a"], ["-c", "print(4)", "a"]),
    ("alias-module", ["--module", "modx", "a"], ["-m", "modx", "a"]),
    ("alias-interpret-imports", ["--interpret-imports=all", "-c", "print(5)"], ["-c", "print(5)"]),
]


def python_name(python):
    """python's own name as it prints it: its argv[0] (the pyenv shim runs
    the real executable by its full path)."""
    out = subprocess.run([python, "-c", "import sys; print(sys.orig_argv[0]); print(sys.executable)"],
                         stdout=subprocess.PIPE, env=difftest.fixed_env(), check=True).stdout
    return [n for n in out.decode().splitlines() if n]


def normaliser(names):
    names = sorted(set(names), key=len, reverse=True)
    banner = re.compile(rb"^(?:xpython \S+ on )?Python (3\.\d+\.\d+)", re.M)

    def norm(data):
        for n in names:
            data = data.replace(n.encode(), b"PYTHON")
        data = data.replace(b"Try `xpython -h'", b"Try `python -h'")
        return banner.sub(rb"Python \1", data)
    return norm


def make_fixtures(root):
    for name, text in FILES.items():
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    for name, data in BINARY_FILES.items():
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)
    for name, members in ZIPS.items():
        with zipfile.ZipFile(os.path.join(root, name), "w") as z:
            for member, text in members.items():
                z.writestr(member, text)


class Runner:
    def __init__(self, args, root):
        self.xpython = os.path.abspath(args.xpython)
        self.python = "python3"
        self.root = root
        self.timeout = 60 * difftest.timeout_scale(args)
        self.norm = normaliser(python_name(self.python) + [self.xpython])

    def run(self, cmd, stdin=None, env=None):
        r = subprocess.run(cmd, cwd=self.root, env=difftest.fixed_env(env), input=stdin or b"",
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=self.timeout)
        return difftest.Result(cmd, self.norm(r.stdout), self.norm(r.stderr), r.returncode)

    def differential(self, py_args, xp_args, stdin=None, env=None):
        native = self.run([self.python] + py_args, stdin, env)
        ours = self.run([self.xpython] + xp_args, stdin, env)
        return difftest.compare(native, ours, "python3", "xpython")


def check_help(r):
    """xpython -h: every line of python's -h but the usage line and -v's, in
    order, then xpython's options."""
    native = r.run([r.python, "-h"]).stdout.decode().splitlines()
    ours = r.run([r.xpython, "-h"]).stdout.decode().splitlines()
    problems = []
    if ours[:1] != native[:1]:
        problems.append("usage line: %r vs %r\n" % (native[:1], ours[:1]))
    wanted, skip = [], False
    for line in native[1:]:
        if line.startswith("-v "):
            skip = True
            continue
        if skip and line.startswith("   "):
            continue
        skip = False
        wanted.append(line)
    pos = 0
    for line in wanted:
        try:
            pos = ours.index(line, pos) + 1
        except ValueError:
            problems.append("python's help line missing or out of order: %r\n" % line)
    for need in ("-v     : xpython: trace every executed instruction", "--interpret-imports=none|user|all",
                 "--dis [--format=text|json]", "PYTHONVERBOSE", "x-python's names for -v, -c, -m"):
        if not any(need in line for line in ours):
            problems.append("-h does not mention %r\n" % need)
    for spelling in (["--help"], ["-?"], ["-B", "-h", "-z"]):
        other = r.run([r.xpython] + spelling)
        if other.stdout.decode().splitlines() != ours or other.rc != 0:
            problems.append("%s differs from -h\n" % " ".join(spelling))
    return problems


def check_help_all(r):
    native = r.run([r.python, "--help-all"]).stdout
    ours = r.run([r.xpython, "--help-all"]).stdout
    native_help = r.run([r.python, "-h"]).stdout
    ours_help = r.run([r.xpython, "-h"]).stdout
    if not (native.startswith(native_help) and ours.startswith(ours_help)):
        return ["--help-all does not start with -h\n"]
    d = difftest.stream_diff("--help-all after -h", native[len(native_help):], ours[len(ours_help):],
                             "python3", "xpython")
    return [d] if d else []


def check_version(r):
    host = r.run([r.python, "-V"]).stdout.decode().split()[1]
    host_vv = r.run([r.python, "-VV"]).stdout.decode().strip()[len("Python "):]
    problems = []
    for args, want in ((["-V"], host), (["--version"], host), (["-VV"], host_vv), (["-V", "-V"], host_vv),
                       (["-V", "-c", "print(1)"], host), (["-Vc", "print(1)"], host)):
        res = r.run([r.xpython] + args)
        line = res.stdout.decode().strip()
        if res.rc != 0 or not re.fullmatch(r"xpython \S+ \(host Python %s\)" % re.escape(want), line):
            problems.append("%s: %r (exit %s), want 'xpython X (host Python %s)'\n" % (args, line, res.rc, want))
    # After -c the rest is the program's: no version.
    res = r.run([r.xpython, "-c", "import sys; print(sys.argv)", "-V"])
    if res.stdout.decode().strip() != "['-c', '-V']":
        problems.append("-c ... -V printed %r\n" % res.stdout)
    return problems


def check_trace(r):
    """-v is xpython's instruction trace (x-python's README example)."""
    problems = []
    res = r.run([r.xpython, "-vc", "x, y = 2, 3; x **= y"])
    lines = res.stderr.decode().splitlines()
    want = ["L. 0   @  0: RESUME 0", "L. 1   @  2: LOAD_CONST (2, 3)", "       @ 16: BINARY_OP (2, 3) **="]
    for w in want:
        if w not in lines:
            problems.append("-vc trace lacks %r:\n%s\n" % (w, res.stderr.decode()))
    if res.rc != 0 or res.stdout:
        problems.append("-vc: exit %s, stdout %r\n" % (res.rc, res.stdout))
    vv = r.run([r.xpython, "-vvc", "x = 1 + len('ab')"])
    if "stack" not in vv.stderr.decode() and "[" not in vv.stderr.decode():
        problems.append("-vvc shows no stack:\n%s\n" % vv.stderr.decode())
    if vv.stderr == res.stderr or len(vv.stderr.splitlines()) <= 2:
        problems.append("-vvc trace looks like no trace\n")
    for args in (["-v", "-c", FLAGS], ["--verbose", "-c", FLAGS], ["-vv", "-c", FLAGS]):
        res = r.run([r.xpython] + args)
        if "verbose=0" not in res.stdout.decode() or "RESUME" not in res.stderr.decode():
            problems.append("%s: sys.flags.verbose must stay 0 and the trace be on: %r\n" % (args, res.stdout))
    # python's -v is import verbosity; PYTHONVERBOSE still gives it.
    res = r.run([r.xpython, "-c", "import json"], env={"PYTHONVERBOSE": "1"})
    if "import 'json'" not in res.stderr.decode() or "RESUME" in res.stderr.decode():
        problems.append("PYTHONVERBOSE=1: no import trace\n")
    # A tracing run of stdin and of -i's prompt runs in the VM too.
    res = r.run([r.xpython, "-v"], stdin=b"a = 6\nb = a * 7\n")
    if "BINARY_OP (6, 7) *" not in res.stderr.decode():
        problems.append("-v with the program on stdin: no trace\n")
    res = r.run([r.xpython, "-v", "-i", "-c", "pass"], stdin=b"a = 6\nb = a * 7\n")
    if "BINARY_OP (6, 7) *" not in res.stderr.decode():
        problems.append("-v -i: statements at the prompt are not traced\n")
    return problems


FOREIGN_HOOK = """\
import _testinternalcapi
def inner():
    return 1234567
def func():
    return inner() + inner()
def gen():
    yield 7654321
calls = []
_testinternalcapi.set_eval_frame_record(calls)
for _ in range(3):
    func()
    list(gen())
_testinternalcapi.set_eval_frame_default()
print(calls.count("inner"), calls.count("gen"))
"""


def check_trace_foreign_hook(r):
    """While someone else's PEP 523 frame function is installed, the frames it
    sees are still run by the VM (-v shows their instructions)."""
    try:
        import _testinternalcapi  # noqa: F401
    except ImportError:
        print("skip trace-foreign-hook: the host has no _testinternalcapi")
        return []
    problems = []
    native = r.run([r.python, "-c", FOREIGN_HOOK])
    for env in ({}, {"XPYTHON_EVAL_HOOK": "1"}):
        res = r.run([r.xpython, "-v", "-c", FOREIGN_HOOK], env=env)
        err = res.stderr.decode()
        shown = (err.count("LOAD_CONST 1234567"), err.count("LOAD_CONST 7654321"))
        if res.stdout != native.stdout or shown != (6, 3):
            problems.append("%s: recorded %r (natively %r), traced LOAD_CONSTs %r (want (6, 3))\n"
                            % (env, res.stdout, native.stdout, shown))
    return problems


def check_importtime(r):
    """-X importtime goes to the host: its report names the modules."""
    res = r.run([r.xpython, "-X", "importtime", "-c", "import json"])
    err = res.stderr.decode()
    if res.rc != 0 or "import time: self [us] | cumulative | imported package" not in err or \
            not re.search(r"\| json$", err, re.M):
        return ["-X importtime: no report of json:\n%s\n" % err[-2000:]]
    return []


def check_dis_source(r):
    """--dis FILE.py: after xpython's '#' header, `python3 -m dis FILE.py`."""
    problems = []
    for name in ("docs_ok.py", "hello.py", "d/__main__.py"):
        native = r.run([r.python, "-m", "dis", name])
        ours = r.run([r.xpython, "--dis", name])
        body = ours.stdout.split(b"\n\n", 1)[1] if b"\n\n" in ours.stdout else b""
        addr = re.compile(rb" at 0x[0-9a-f]+")
        if ours.rc != 0 or not ours.stdout.startswith(b"# file: " + name.encode()):
            problems.append("--dis %s: exit %s, %r\n" % (name, ours.rc, ours.stdout[:200]))
        d = difftest.stream_diff("--dis " + name, addr.sub(b"", native.stdout), addr.sub(b"", body),
                                 "python3 -m dis", "xpython --dis")
        if d:
            problems.append(d)
    res = r.run([r.xpython, "--dis", "badsyntax.py"])
    if res.rc != 2 or len(res.stderr.splitlines()) != 1 or b"SyntaxError" not in res.stderr:
        problems.append("--dis of bad source: exit %s, %r\n" % (res.rc, res.stderr))
    return problems


def check_xpython_usage_errors(r):
    problems = []
    res = r.run([r.xpython, "--interpret-imports=some", "-c", "pass"])
    err = res.stderr.decode().splitlines()
    if res.rc != 2 or len(err) != 3 or "--interpret-imports must be none, user or all" not in err[0]:
        problems.append("--interpret-imports=some: exit %s, %r\n" % (res.rc, err))
    return problems


TOOL_MARK = b"BINARY_OP (1, 1234567) *"   # tool.py's main(): see FILES


def ran_in_vm(r, args, stdin=None):
    """Problems unless `xpython -v ARGS` traced tool.py's main() in the VM."""
    res = r.run([r.xpython, "-v"] + args, stdin)
    if TOOL_MARK not in res.stderr:
        return ["xpython -v %s: tool.py's main() is not in the VM's trace (exit %s)\n%s\n"
                % (" ".join(args), res.rc, res.stderr[-1500:].decode(errors="replace"))]
    return []


def cprofile_rows(out):
    """cProfile's report without what timing decides: the seconds, the time
    columns, and the order of the rows (sorted by cumulative time, ties in
    either order)."""
    text = out.decode()
    head, rows = [], []
    row = re.compile(r"^\s*(\d+(?:/\d+)?)\s+\d+\.\d+\s+\d+\.\d+\s+\d+\.\d+\s+\d+\.\d+\s+(.+)$")
    for line in text.splitlines():
        m = row.match(line)
        if m:
            rows.append("%s %s" % m.groups())
        else:
            head.append(re.sub(r" in \d+\.\d+ seconds", " in T seconds", line))
    return ("\n".join(head) + "\n" + "\n".join(sorted(rows)) + "\n").encode(), len(rows)


def check_cprofile(r):
    args = ["-m", "cProfile", "tool.py"]
    native, ours = r.run([r.python] + args), r.run([r.xpython] + args)
    problems = []
    n_text, n_rows = cprofile_rows(native.stdout)
    o_text, _ = cprofile_rows(ours.stdout)
    if native.rc != 0 or b"result 1234567 21" not in native.stdout or n_rows < 5:
        problems.append("python3 -m cProfile: exit %s, %r\n" % (native.rc, native.stdout[:500]))
    d = difftest.stream_diff("cProfile report (no timings, rows sorted)", n_text, o_text,
                             "python3", "xpython")
    if d:
        problems.append(d)
    problems += difftest.compare(native, ours, "python3", "xpython", streams=("stderr",))
    return problems + ran_in_vm(r, args)


def check_trace_tool(r):
    problems = []
    cover = os.path.join(r.root, "cov", "tool.cover")
    for args in (["-m", "trace", "--count", "-C", "cov", "--missing", "--summary", "tool.py"],
                 ["-m", "trace", "--trace", "tool.py"],
                 ["-m", "trace", "--listfuncs", "--trackcalls", "tool.py"]):
        covers = []
        for cmd in ([r.python] + args, [r.xpython] + args):
            if os.path.exists(cover):
                os.remove(cover)
            res = r.run(cmd)
            covers.append((res, open(cover, "rb").read() if os.path.exists(cover) else b""))
        (native, n_cover), (ours, o_cover) = covers
        if native.rc != 0 or b"result 1234567 21" not in native.stdout:
            problems.append("python3 %s: exit %s, %r\n" % (" ".join(args), native.rc, native.stdout[:500]))
        problems += difftest.compare(native, ours, "python3 " + " ".join(args), "xpython")
        if "--count" in args:
            # tool.cover: each line of tool.py with its count (>>>>>> for the missed ones).
            # fib(8) runs its body 67 times.
            if b"   67:     return n if n < 2" not in n_cover:
                problems.append("python3's tool.cover lacks fib's count:\n%s\n" % n_cover.decode())
            d = difftest.stream_diff("cov/tool.cover", n_cover, o_cover, "python3", "xpython")
            if d:
                problems.append(d)
    return problems + ran_in_vm(r, ["-m", "trace", "--count", "tool.py"])


# Steps, a breakpoint in fib, the stack, a frame up and its local, then the
# breakpoint cleared and the program run to its end; EOF quits pdb.
PDB_COMMANDS = b"n\nn\nb fib\nc\np n\nbt\nup\np x\nll\ncl 1\nc\n"


def check_pdb(r):
    args = ["-m", "pdb", "tool.py"]
    native = r.run([r.python] + args, PDB_COMMANDS)
    ours = r.run([r.xpython] + args, PDB_COMMANDS)
    problems = []
    for want in (b"(Pdb) 8\n", b"(Pdb) 1234567\n", b"result 1234567 21", b"The program finished"):
        if want not in native.stdout:
            problems.append("python3 -m pdb: %r not in its output:\n%s\n" % (want, native.stdout.decode()))
    problems += difftest.compare(native, ours, "python3", "xpython")
    return problems + ran_in_vm(r, args, PDB_COMMANDS)


def main():
    p = difftest.base_arg_parser(__doc__.splitlines()[0])
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="xp_cli_") as root:
        make_fixtures(root)
        r = Runner(args, root)
        checks = {}
        for name, a, stdin, env in CASES:
            checks[name] = (lambda a=a, stdin=stdin, env=env: r.differential(a, a, stdin, env))
        for name, xp_args, py_args in ALIASES:
            checks[name] = (lambda x=xp_args, y=py_args: r.differential(y, x))
        checks.update({"help": lambda: check_help(r), "help-all": lambda: check_help_all(r),
                       "version": lambda: check_version(r), "trace": lambda: check_trace(r),
                       "trace-foreign-hook": lambda: check_trace_foreign_hook(r),
                       "importtime": lambda: check_importtime(r), "dis-source": lambda: check_dis_source(r),
                       "xpython-usage-errors": lambda: check_xpython_usage_errors(r),
                       "m-cProfile": lambda: check_cprofile(r), "m-trace": lambda: check_trace_tool(r),
                       "m-pdb": lambda: check_pdb(r)})
        names = list(checks)
        return difftest.run_all(names, lambda n: checks[n](), args.jobs)


if __name__ == "__main__":
    sys.exit(main())
