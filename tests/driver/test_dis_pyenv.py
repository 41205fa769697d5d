#!/usr/bin/env python3
# ctest-labels: diff;slow
"""Disassembler differential test: xpython --dis against each pyenv
interpreter's own dis module.

For every interpreter present (2.7, 3.6-3.13; a missing one is reported as
SKIP), dis_oracle.py runs under that interpreter: it compiles every source
it can of tests/programs/*.py, tests/corpus/src/*.py in the version range of
their "# versions:" line, some standard-library modules of that interpreter
and a few generated sources (EXTENDED_ARG, long files, constants), writes each code object as a .pyc and records what dis says.
Then `xpython --dis --format=json` on those .pyc files must give, for every
instruction of every code object, the same offset, opname, argument,
argrepr, jump target, jump-target mark and line start; and
`xpython --dis` (text) must print dis's listing line for line (after the
'#' header; 3.13 also `--show-offsets` against `dis -O`), code-object
addresses and frozenset element order aside, and for 2.x the two known
differences of docs/dis-json.md (64-bit longs without L, >> marks after an
EXTENDED_ARG jump).
"""
import difflib
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402

VERSIONS = ["2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
# Standard-library modules compiled by each interpreter that has them.
STDLIB = ["os.py", "textwrap.py", "difflib.py", "argparse.py", "inspect.py", "pickle.py",
          "tarfile.py", "typing.py", "dataclasses.py", "enum.py", "asyncio/tasks.py",
          "json/decoder.py", "collections/__init__.py", "string.py", "decimal.py",
          "_pydecimal.py", "contextlib.py", "functools.py"]
MAX_REPORTS = 25


def pyenv_python(version):
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    try:
        root = subprocess.run(["pyenv", "root"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              universal_newlines=True, timeout=30).stdout.strip() or root
    except (OSError, subprocess.SubprocessError):
        pass
    found = sorted(glob.glob(os.path.join(root, "versions", version + ".*", "bin", "python")))
    found = [p for p in found if re.search(r"/%s\.\d+/bin/python$" % re.escape(version), p)]
    return found[-1] if found else None


def version_key(v):
    major, minor = v.split(".")
    return int(major) * 100 + int(minor)


def corpus_sources(corpus_dir, version):
    out = []
    for path in sorted(glob.glob(os.path.join(corpus_dir, "src", "*.py"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(400)
        m = re.search(r"^# versions: (\d+\.\d+)-(\d+\.\d+)", head, re.M)
        if m and version_key(m.group(1)) <= version_key(version) <= version_key(m.group(2)):
            out.append(path)
    return out


def generated_sources(folder):
    """Sources (2.x and 3.x syntax) that push the corners of the listing:
    EXTENDED_ARG on constants, names and jumps both ways, line numbers past
    999, constants of every kind."""
    os.makedirs(folder, exist_ok=True)
    big = ["# many names and constants, long jump distances"]
    big += ["v%d = %d.5" % (i, i) for i in range(300)]
    big += ["def f(a):", "    t = 0", "    if a:"]
    big += ["        t = t + v%d * %d" % (i, i + 1000) for i in range(300)]
    big += ["    while t > 0:"]
    big += ["        t = t - v%d" % i for i in range(200)]
    big += ["    return t", "f(1)"]
    lines = ["# line numbers past 999"] + [""] * 1200
    lines += ["def g(x):", "    try:", "        y = x + 1", "    finally:", "        y = 0",
              "    for i in range(3):", "        if i:", "            continue", "        y += i",
              "    return y", "g(2)"]
    consts = ["# constants of every kind",
              "a = (1, 2.5, -0.0, 3j, 1e300, 'text', u'\\xe9t\\xe9', b'\\x00\\xff', None, (), ((1,),))",
              "b = 12345678901234567890123 * -98765432109876543210",
              "c = lambda x: x in (1, 2, 3)",
              "def h(x):", "    return x in {1, 2, 3}, x not in {'a', 'b'}",
              "d = 1.0 / 3, 0.1, 1e16, 2.5e-8, float('inf')"]
    # 2.x needs more than 65535 constants and jumps for EXTENDED_ARG.
    huge = ["def f(a):", "    if a:", "        v = [" + ", ".join("%d.5" % i for i in range(66000)) + "]",
            "    return a"]
    out = []
    for name, body in (("gen_huge.py", huge), ("gen_extended_arg.py", big), ("gen_long_lines.py", lines), ("gen_consts.py", consts)):
        path = os.path.join(folder, name)
        with open(path, "w") as f:
            f.write("\n".join(body) + "\n")
        out.append(path)
    return out


def stdlib_sources(python):
    libdir = subprocess.run([python, "-c", "import os; print(os.path.dirname(os.__file__))"],
                            stdout=subprocess.PIPE, universal_newlines=True, timeout=60).stdout.strip()
    return [p for p in (os.path.join(libdir, m) for m in STDLIB) if os.path.isfile(p)]


# ---- normalisation ----------------------------------------------------------

ADDR = re.compile(r" at 0x[0-9a-fA-F]+")
FROZENSET = re.compile(r"frozenset\(([\[{])([^()\[\]{}]*)([\]}])\)")


def normalise(text):
    """Code-object addresses differ between processes, and frozenset order
    depends on string hashing (which changed in 3.11)."""
    text = ADDR.sub(" at 0x?", text)
    return FROZENSET.sub(lambda m: "frozenset(%s%s%s)" % (m.group(1), ", ".join(sorted(m.group(2).split(", "))),
                                                          m.group(3)), text)


def strip_header(text):
    lines = text.split("\n")
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    if i < len(lines) and lines[i] == "":
        i += 1
    return "\n".join(lines[i:])


FIELDS = ["offset", "opname", "arg", "argrepr", "jump_target", "is_jump_target", "starts_line", "line"]


# A 2.x long constant that fits in 64 bits loads as a plain host int (the
# loader keeps no int/long distinction), so xpython prints 5 where 2.x dis
# prints 5L: documented in docs/dis-json.md; the L is ignored on both sides.
PY2_LONG = re.compile(r"(?<![\w.'\"])(-?\d+)L\b")


def strip_py2_longs(text):
    """Drops the L of long constants in the "(argrepr)" part of each line
    only: the L of an argument after EXTENDED_ARG is checked."""
    out = []
    for line in text.split("\n"):
        head, sep, tail = line.partition(" (")
        out.append(head + sep + PY2_LONG.sub(r"\1", tail))
    return "\n".join(out)


def compare_code(expected, actual, where, problems, py2):
    name = "%s:%s (line %s)" % (where, expected["name"], expected["firstlineno"])
    ei, ai = expected["instructions"], actual["instructions"]
    for k in range(max(len(ei), len(ai))):
        if k >= len(ei) or k >= len(ai):
            problems.append("%s: %d instructions in dis, %d in xpython" % (name, len(ei), len(ai)))
            break
        e, a = ei[k], ai[k]
        for f in FIELDS:
            ev, av = e[f], a[f]
            if f == "argrepr":
                ev, av = normalise(ev), normalise(av)
                if py2:
                    ev, av = PY2_LONG.sub(r"\1", ev), PY2_LONG.sub(r"\1", av)
            if f == "line" and not e["starts_line"]:
                continue
            if f == "is_jump_target" and expected.get("labels_ignore_extended_arg"):
                continue
            if ev != av:
                problems.append("%s: offset %s %s: %s is %r in dis, %r in xpython"
                                % (name, e["offset"], e["opname"], f, ev, av))
                break
    ec, ac = expected["code_objects"], actual["code_objects"]
    if len(ec) != len(ac):
        problems.append("%s: %d nested code objects in dis, %d in xpython" % (name, len(ec), len(ac)))
    for e, a in zip(ec, ac):
        compare_code(e, a, where, problems, py2)


# The '>>' column of a 2.x listing (see dis_oracle.extended_jump).
NO_MARK = re.compile(r"(?m)^( *\d*     )>>")


def any_code(code, pred):
    return pred(code) or any(any_code(c, pred) for c in code["code_objects"])


def count(code):
    n = len(code["instructions"])
    c = 1
    for child in code["code_objects"]:
        cc, nn = count(child)
        c, n = c + cc, n + nn
    return c, n


def run_version(version, python, args, tmp):
    outdir = os.path.join(tmp, version)
    os.makedirs(outdir)
    sources = sorted(glob.glob(os.path.join(args.source_dir, "tests", "programs", "*.py")))
    sources += corpus_sources(args.corpus_dir, version) + stdlib_sources(python)
    sources += generated_sources(os.path.join(tmp, "generated"))
    listfile = os.path.join(outdir, "sources.txt")
    with open(listfile, "w") as f:
        f.write("\n".join(sources) + "\n")
    oracle_py = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dis_oracle.py")
    env = difftest.fixed_env()
    p = subprocess.run([python, oracle_py, outdir, listfile], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env, timeout=args.timeout * 10)
    if p.returncode != 0:
        return ["dis_oracle.py failed under %s: %s" % (python, p.stderr.decode(errors="replace")[-2000:])], 0, 0, 0
    records = [r for r in json.loads(p.stdout.decode("utf-8"))["records"] if "pyc" in r]
    pycs = [r["pyc"] for r in records]

    problems = []
    xp = [os.path.abspath(args.xpython), "--dis", "--format=json"] + pycs
    j = subprocess.run(xp, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, timeout=args.timeout * 10)
    if j.returncode != 0 or j.stderr:
        problems.append("xpython --dis --format=json: exit %d: %s" % (j.returncode, j.stderr.decode(errors="replace")[:2000]))
    docs = {}
    for line in j.stdout.decode("utf-8").splitlines():
        doc = json.loads(line)
        docs[doc["file"]] = doc
    def listings(options):
        t = subprocess.run([os.path.abspath(args.xpython), "--dis"] + options + pycs, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, env=env, timeout=args.timeout * 10)
        texts = {}
        for chunk in re.split(r"(?m)^(?=# file: )", t.stdout.decode("utf-8", errors="backslashreplace")):
            if chunk.startswith("# file: "):
                texts[chunk.split("\n", 1)[0][len("# file: "):]] = chunk
        return texts

    texts = listings([])
    texts_offsets = listings(["--show-offsets"]) if version_key(version) >= 313 else {}

    ncode = ninstr = 0
    for r in records:
        doc = docs.get(r["pyc"])
        if doc is None:
            problems.append("%s: no JSON from xpython" % r["source"])
            continue
        if doc["version"] != version:
            problems.append("%s: xpython says version %s" % (r["source"], doc["version"]))
        compare_code(r["code"], doc["code"], os.path.basename(r["source"]), problems, version.startswith("2."))
        c, n = count(r["code"])
        ncode, ninstr = ncode + c, ninstr + n
        ours = texts.get(r["pyc"])
        if ours is None:
            problems.append("%s: no text listing from xpython" % r["source"])
            continue
        compare_text(r["source"], r["text"], ours, version, r["code"], problems)
        if "text_offsets" in r:
            compare_text(r["source"] + " (--show-offsets)", r["text_offsets"], texts_offsets.get(r["pyc"], ""),
                         version, r["code"], problems)
    return problems, len(records), ncode, ninstr


def compare_text(source, expected, ours, version, code, problems):
    """The text listing, line for line (see the module doc for what is normalised)."""
    exp_text = normalise(expected)
    act_text = normalise(strip_header(ours))
    if any_code(code, lambda c: c.get("labels_ignore_extended_arg")):
        exp_text, act_text = NO_MARK.sub(r"\1  ", exp_text), NO_MARK.sub(r"\1  ", act_text)
    if version.startswith("2."):
        exp_text, act_text = strip_py2_longs(exp_text), strip_py2_longs(act_text)
    exp_lines = exp_text.rstrip("\n").split("\n")
    act_lines = act_text.rstrip("\n").split("\n")
    if exp_lines != act_lines:
        diff = list(difflib.unified_diff(exp_lines, act_lines, "dis", "xpython --dis", lineterm="", n=1))
        problems.append("%s: text listing differs:\n    %s" % (source, "\n    ".join(diff[:30])))


def main():
    p = difftest.base_arg_parser(__doc__.splitlines()[0])
    p.add_argument("--versions", default=",".join(VERSIONS), help="interpreters to compare (default: all)")
    args = p.parse_args()
    failed = False
    with tempfile.TemporaryDirectory(prefix="xp_dis_") as tmp:
        for version in re.split(r"[,\s]+", args.versions.strip()):
            python = pyenv_python(version)
            if python is None:
                print("SKIP %s: no pyenv interpreter %s.* found" % (version, version))
                continue
            problems, nfiles, ncode, ninstr = run_version(version, python, args, tmp)
            status = "ok" if not problems else "FAIL (%d problems)" % len(problems)
            print("%-5s %s: %d files, %d code objects, %d instructions: %s"
                  % (version, python, nfiles, ncode, ninstr, status))
            for msg in problems[:MAX_REPORTS]:
                print("  " + msg)
            if len(problems) > MAX_REPORTS:
                print("  ... and %d more" % (len(problems) - MAX_REPORTS))
            failed = failed or bool(problems)
            sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
