#!/usr/bin/env python3
# ctest-labels: diff;asan
"""Disassembler over every corpus .pyc and every malformed file.

- Every tests/corpus/X.Y/*.pyc (all versions, also those without a local
  interpreter) must load, verify and disassemble: exit 0, nothing on stderr,
  one JSON document per file whose listing is self-consistent (lines tile
  co_code, jump targets are marked, canonical ops present, max stack depth
  within co_stacksize) and a text listing with every code object.
- Every tests/malformed/*.pyc must give the exit status of
  tests/malformed/EXPECTED.tsv (2 or 3) with exactly one stderr line
  "xpython: error: ..." containing the expected substring, and no crash;
  the controls beside them must disassemble.
- Options: --version-of on headerless marshal data gives the same listing
  as the .pyc; bad options and missing files are one-line errors, exit 2.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difftest  # noqa: E402


def run(args, cmd, timeout):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=difftest.fixed_env(),
                       timeout=timeout)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", errors="replace")


def check_listing(doc, problems):
    """The invariants a JSON listing keeps, per code object."""
    def walk(code, where):
        lines = code["instructions"]
        where = "%s:%s" % (where, code["qualname"])
        if not lines:
            problems.append("%s: no instructions" % where)
            return
        offsets = {l["offset"] for l in lines}
        for a, b in zip(lines, lines[1:]):
            if a["offset"] + a["size"] != b["offset"]:
                problems.append("%s: line at %d (size %d) not followed by %d" % (where, a["offset"], a["size"], b["offset"]))
                return
        for l in lines:
            if l["jump_target"] is not None:
                if l["jump_target"] not in offsets:
                    problems.append("%s: jump at %d to %d, not a listed offset" % (where, l["offset"], l["jump_target"]))
                elif not next(x for x in lines if x["offset"] == l["jump_target"])["is_jump_target"]:
                    problems.append("%s: target %d of the jump at %d is not marked" % (where, l["jump_target"], l["offset"]))
            if (l["canonical"] is None) != (l["index"] is None) or (l["opname"] == "EXTENDED_ARG") != (l["index"] is None):
                problems.append("%s: offset %d: canonical/index inconsistent" % (where, l["offset"]))
        if code["max_stack_depth"] is None or code["max_stack_depth"] > code["stacksize"]:
            problems.append("%s: max_stack_depth %r vs stacksize %d" % (where, code["max_stack_depth"], code["stacksize"]))
        consts = [c for c in code["consts"] if c["type"] == "code"]
        if len(consts) != len(code["code_objects"]):
            problems.append("%s: %d code constants, %d nested listings" % (where, len(consts), len(code["code_objects"])))
        for child in code["code_objects"]:
            walk(child, where)
    walk(doc["code"], os.path.basename(doc["file"]))


def count_code(code):
    return 1 + sum(count_code(c) for c in code["code_objects"])


def corpus(args, xpython, timeout, problems):
    root = args.corpus_dir
    for folder in sorted(glob.glob(os.path.join(root, "*", ""))):
        version = os.path.basename(os.path.dirname(folder))
        if version == "src":
            continue
        pycs = sorted(glob.glob(os.path.join(folder, "*.pyc")))
        if args.filter:
            pycs = [p for p in pycs if args.filter in p]
        if not pycs:
            continue
        rc, out, err = run(args, [xpython, "--dis", "--format=json"] + pycs, timeout)
        if rc != 0 or err:
            problems.append("corpus %s: --format=json exit %d: %s" % (version, rc, err[:1000]))
        docs = [json.loads(line) for line in out.decode("utf-8").splitlines()]
        if len(docs) != len(pycs):
            problems.append("corpus %s: %d JSON documents for %d files" % (version, len(docs), len(pycs)))
        ncode = 0
        for doc in docs:
            expected = version.replace("-pypy", "")
            if doc["version"] != expected or (doc["implementation"] == "pypy") != version.endswith("-pypy"):
                problems.append("%s: version %s %s" % (doc["file"], doc["version"], doc["implementation"]))
            check_listing(doc, problems)
            ncode += count_code(doc["code"])
        rc, out, err = run(args, [xpython, "--dis"] + pycs, timeout)
        text = out.decode("utf-8", errors="replace")
        if rc != 0 or err:
            problems.append("corpus %s: text exit %d: %s" % (version, rc, err[:1000]))
        nlistings = text.count("\nDisassembly of <code object ")
        if nlistings != ncode - len(docs):
            problems.append("corpus %s: text has %d nested listings, JSON %d" % (version, nlistings, ncode - len(docs)))
        print("corpus %-9s %3d files, %5d code objects: listed" % (version, len(docs), ncode))


def malformed(args, xpython, timeout, problems):
    mdir = os.path.join(args.source_dir, "tests", "malformed")
    expected = {}
    with open(os.path.join(mdir, "EXPECTED.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            name, status, substring = line.rstrip("\n").split("\t")
            expected[name] = (int(status), substring)
    files = sorted(glob.glob(os.path.join(mdir, "*.pyc")))
    for path in files:
        name = os.path.basename(path)
        if name not in expected:
            problems.append("malformed %s: no row in EXPECTED.tsv" % name)
            continue
        status, substring = expected[name]
        rc, out, err = run(args, [xpython, "--dis", path], timeout)
        lines = err.splitlines()
        if rc != status or len(lines) != 1 or not lines[0].startswith("xpython: error: ") or substring not in err:
            problems.append("malformed %s: exit %s, stderr %r (expected exit %d and one line with %r)"
                            % (name, rc, err[:300], status, substring))
    controls = sorted(glob.glob(os.path.join(mdir, "controls", "*.pyc")))
    rc, out, err = run(args, [xpython, "--dis", "--format=json"] + controls, timeout)
    if rc != 0 or err or len(out.splitlines()) != len(controls):
        problems.append("malformed controls: exit %d: %s" % (rc, err[:500]))
    print("malformed: %d files, %d controls" % (len(files), len(controls)))


def options(args, xpython, timeout, problems):
    host = os.path.join(args.corpus_dir, "3.11")
    pyc = sorted(glob.glob(os.path.join(host, "*.pyc")))[0]
    with tempfile.TemporaryDirectory(prefix="xp_dis_opts_") as tmp:
        payload = os.path.join(tmp, "payload.bin")
        with open(pyc, "rb") as f:
            data = f.read()
        with open(payload, "wb") as f:
            f.write(data[16:])   # 3.11 header: magic, flags, timestamp, size
        rc1, out1, err1 = run(args, [xpython, "--dis", "--format=json", pyc], timeout)
        rc2, out2, err2 = run(args, [xpython, "--dis", "--format=json", "--version-of", "3.11", payload], timeout)
        if rc1 or rc2 or err1 or err2:
            problems.append("--version-of: exit %d/%d: %s %s" % (rc1, rc2, err1, err2))
        else:
            a, b = json.loads(out1), json.loads(out2)
            if b["header"] is not None or a["header"]["magic"] != 3495:
                problems.append("--version-of: headers %r / %r" % (a["header"], b["header"]))
            addr = re.compile(r" at 0x[0-9a-f]+")   # code objects live at other addresses
            if addr.sub("", json.dumps(a["code"])) != addr.sub("", json.dumps(b["code"])):
                problems.append("--version-of: listing differs from the .pyc's")
        for cmd, want in (([xpython, "--dis"], "needs a FILE"),
                          ([xpython, "--dis", "--format=xml", pyc], "--format must be"),
                          ([xpython, "--dis", "--bogus", pyc], "unknown option"),
                          ([xpython, "--dis", "--version-of", "three", payload], "is not a version"),
                          ([xpython, "--dis", os.path.join(tmp, "missing.pyc")], "cannot open"),
                          ([xpython, "--dis", tmp], "is a directory"),
                          ([xpython, "--dis", "--version-of", "3.11", pyc], "")):  # a header is not marshal data
            rc, out, err = run(args, cmd, timeout)
            lines = err.splitlines()
            if rc != 2 or len(lines) != 1 or not lines[0].startswith("xpython: error: ") or want not in err:
                problems.append("%s: exit %d, stderr %r (expected exit 2, one line with %r)"
                                % (" ".join(cmd[1:]), rc, err[:300], want))
        rc, out, err = run(args, [xpython, "--dis", "--no-verify", pyc], timeout)
        if rc or b"# not verified" not in out:
            problems.append("--no-verify: exit %d: %s" % (rc, err))
    print("options: checked")


def main():
    p = difftest.base_arg_parser(__doc__.splitlines()[0])
    args = p.parse_args()
    xpython = os.path.abspath(args.xpython)
    timeout = args.timeout * 5 * difftest.timeout_scale(args)
    problems = []
    corpus(args, xpython, timeout, problems)
    malformed(args, xpython, timeout, problems)
    options(args, xpython, timeout, problems)
    for msg in problems[:50]:
        print("FAIL " + msg)
    if len(problems) > 50:
        print("... and %d more" % (len(problems) - 50))
    print("%s: %d problems" % ("FAIL" if problems else "ok", len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
