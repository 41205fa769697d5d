#!/usr/bin/env python3
"""Generate the C++ opcode and magic tables from facts/.

Usage: gen_tables.py FACTS_DIR OPS_DEF OUT_DIR

Inputs
  facts/opcodes-X.Y[-pypy].tsv  one row per opcode of that version (the facts)
  facts/magic-numbers.tsv       magic number -> version label
  facts/canonical-map.tsv       which canonical op an opcode name means in
                                which versions (where it is not simply the
                                canonical op of the same name)
  src/bytecode/ops.def          the canonical ops

Outputs
  OUT_DIR/version_tables.inc    rows for every version table
  OUT_DIR/magic_table.inc       every known magic with its version

Nothing here is hand-copied: numbers come from the facts files only.
"""
import os
import re
import sys

KINDS = ["const", "name", "jrel", "jabs", "local", "free", "compare", "nargs", "vargs", "exc"]


def parse_ops_def(path):
    ops = []
    for line in open(path):
        m = re.match(r"\s*XP_OP\((\w+),", line)
        if m:
            ops.append(m.group(1))
    return ops


def version_key(v):
    major, minor = v.split(".")
    return int(major) * 100 + int(minor)


def parse_version_spec(spec):
    """Comma list of items 'X.Y' | 'A-B' | 'A-' | '-B' | '*', each with an
    optional '/pypy' or '/cpython' suffix restricting the implementation.
    Returns [(lo, hi, impl_or_None)]."""
    items = []
    for part in spec.split(","):
        part = part.strip()
        impl = None
        if "/" in part:
            part, impl = part.split("/", 1)
            if impl not in ("pypy", "cpython"):
                raise ValueError("unknown implementation %r" % impl)
        if part == "*":
            lo, hi = 0, 9999
        elif part.startswith("-"):
            lo, hi = 0, version_key(part[1:])
        elif part.endswith("-"):
            lo, hi = version_key(part[:-1]), 9999
        elif "-" in part:
            a, b = part.split("-")
            lo, hi = version_key(a), version_key(b)
        else:
            lo = hi = version_key(part)
        items.append((lo, hi, impl))
    return items


NORM_KINDS = {
    # name: (C++ enumerator, parameter kind)
    "set_arg": ("SetArg", "int"),
    "cell": ("Cell", None),
    "jump_dir": ("JumpDir", None),
    "null_bit": ("NullBit", "ops1"),
    "bits2": ("Bits2", "ops3"),
    "binary_op": ("BinaryOp", "int"),
    "compare_legacy": ("CompareLegacy", "ops1"),
    "compare_shift": ("CompareShift", "int"),
    "compare_bool": ("CompareBool", None),
    "skip_after": ("SkipAfter", "int"),
    "intrinsic1": ("Intrinsic1", "int"),
    "intrinsic2": ("Intrinsic2", "int"),
}


def parse_norm(text, ops_set, where):
    """'kind' or 'kind=param' -> (enumerator, int param, [alt ops])."""
    if not text:
        return ("None", 0, [])
    kind, _, param = text.partition("=")
    if kind not in NORM_KINDS:
        sys.exit("%s: unknown normalisation %r" % (where, kind))
    enum, pkind = NORM_KINDS[kind]
    if pkind is None:
        if param:
            sys.exit("%s: %s takes no parameter" % (where, kind))
        return (enum, 0, [])
    if not param:
        sys.exit("%s: %s needs a parameter" % (where, kind))
    if pkind == "int":
        return (enum, int(param), [])
    alts = param.split(",")
    if len(alts) != (1 if pkind == "ops1" else 3):
        sys.exit("%s: %s needs %s op(s)" % (where, kind, 1 if pkind == "ops1" else 3))
    for a in alts:
        if a not in ops_set:
            sys.exit("%s: unknown canonical op %s" % (where, a))
    return (enum, 0, alts)


def parse_canonical_map(path, ops_set):
    rules = []
    if not os.path.exists(path):
        return rules
    for lineno, line in enumerate(open(path), 1):
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        cols = [c for c in line.split("\t") if c != ""]
        if len(cols) not in (3, 4):
            sys.exit("%s:%d: expected NAME<TAB>VERSIONS<TAB>CANONICAL[<TAB>NORM]" % (path, lineno))
        name, spec, canon = cols[:3]
        where = "canonical-map.tsv:%d" % lineno
        if canon not in ops_set:
            sys.exit("%s: %s maps to unknown canonical op %s" % (where, name, canon))
        try:
            ranges = parse_version_spec(spec)
        except ValueError as e:
            sys.exit("%s: %s" % (where, e))
        norm = parse_norm(cols[3] if len(cols) == 4 else "", ops_set, where)
        rules.append((name, ranges, canon, norm, lineno))
    return rules


def canonical_for(name, vkey, impl, rules, ops_set):
    """(canonical op or None, normalisation) for an opcode of a version."""
    for rname, ranges, canon, norm, _ in rules:
        if rname != name:
            continue
        if any(lo <= vkey <= hi and (rimpl is None or rimpl == impl) for lo, hi, rimpl in ranges):
            return canon, norm
    if name in ops_set:
        return name, ("None", 0, [])
    return None, ("None", 0, [])


def is_backward_jump(name, vkey):
    """Relative jumps that CPython takes backwards (3.11+): the JUMP_BACKWARD
    family and, from 3.14, END_ASYNC_FOR's (informational) argument."""
    return "BACKWARD" in name or (name == "END_ASYNC_FOR" and vkey >= 314)


def main():
    facts, ops_def, out_dir = sys.argv[1:4]
    os.makedirs(out_dir, exist_ok=True)
    ops = parse_ops_def(ops_def)
    ops_set = set(ops)
    rules = parse_canonical_map(os.path.join(facts, "canonical-map.tsv"), ops_set)
    unmapped = []

    tables = []
    for fn in sorted(os.listdir(facts)):
        m = re.match(r"opcodes-(\d+)\.(\d+)(-pypy)?\.tsv$", fn)
        if not m:
            continue
        major, minor, pypy = int(m.group(1)), int(m.group(2)), bool(m.group(3))
        impl = "pypy" if pypy else "cpython"
        have_argument = 90
        source = ""
        rows = []
        for line in open(os.path.join(facts, fn)):
            line = line.rstrip("\n")
            if line.startswith("#"):
                hm = re.search(r"HAVE_ARGUMENT=(\d+)", line)
                if hm:
                    have_argument = int(hm.group(1))
                elif not source and "opcode\tname" not in line:
                    source = line.lstrip("# ").strip()
                continue
            if not line.strip():
                continue
            cols = line.split("\t")
            opcode, name, has_arg, kinds, cache, pyc_ok = cols[:6]
            mask = 0
            if kinds != "-":
                for k in kinds.split(","):
                    if k not in KINDS:
                        sys.exit("%s: unknown operand kind %s" % (fn, k))
                    mask |= 1 << KINDS.index(k)
            vkey = major * 100 + minor
            canon, norm = canonical_for(name, vkey, impl, rules, ops_set)
            if canon is None and pyc_ok == "1":
                unmapped.append("%s %s" % (fn, name))
            rows.append((int(opcode), name, int(has_arg), mask, int(cache or 0), int(pyc_ok), canon, norm,
                         1 if is_backward_jump(name, vkey) else 0))
        tables.append((major, minor, pypy, have_argument, source, rows))

    if unmapped:
        sys.exit("opcodes without a canonical op (add them to facts/canonical-map.tsv):\n  " +
                 "\n  ".join(unmapped))

    out = ["// Generated by scripts/gen_tables.py from facts/; do not edit.\n"]
    for major, minor, pypy, have_arg, source, rows in tables:
        ident = "k%d_%d%s" % (major, minor, "_pypy" if pypy else "")
        out.append("static const OpcodeRow %s_rows[] = {\n" % ident)
        for opcode, name, has_arg, mask, cache, pyc_ok, canon, norm, backward in rows:
            op = "Op::%s" % canon if canon else "kNoCanonicalOp"
            enum, param, alts = norm
            alt = ", ".join("Op::%s" % a for a in alts) if alts else ""
            out.append('  {%d, "%s", %d, 0x%x, %d, %d, %s, Norm::%s, %d, %d, {%s}},\n'
                       % (opcode, name, has_arg, mask, cache, pyc_ok, op, enum, param, backward, alt))
        out.append("};\n")
    out.append("static const VersionTableData kVersionTableData[] = {\n")
    for major, minor, pypy, have_arg, source, rows in tables:
        ident = "k%d_%d%s" % (major, minor, "_pypy" if pypy else "")
        out.append('  {PyVersion{%d, %d, %s}, %d, "%s", %s_rows, sizeof(%s_rows) / sizeof(%s_rows[0])},\n'
                   % (major, minor, "Impl::PyPy" if pypy else "Impl::CPython", have_arg,
                      source.replace('"', "'"), ident, ident, ident))
    out.append("};\n")
    write_if_changed(os.path.join(out_dir, "version_tables.inc"), "".join(out))

    out = ["// Generated by scripts/gen_tables.py from facts/magic-numbers.tsv; do not edit.\n",
           "// {magic, major, minor, impl (0 CPython, 1 PyPy, 2 other), label}\n"]
    for line in open(os.path.join(facts, "magic-numbers.tsv")):
        if line.startswith("#") or not line.strip():
            continue
        magic, label = line.rstrip("\n").split("\t")[:2]
        m = re.match(r"(\d+)\.(\d+)", label)
        if not m:
            sys.exit("magic-numbers.tsv: cannot read version from %r" % label)
        major, minor = int(m.group(1)), int(m.group(2))
        if label.startswith("3.000"):
            minor = 0
        low = label.lower()
        if "pypy" in low:
            impl = 1
        elif any(w in low for w in ("rust", "graal", "jython", "pyston", "dropbox")):
            impl = 2
        else:
            impl = 0
        out.append('  {%s, %d, %d, %d, "%s"},\n' % (magic, major, minor, impl, label))
    write_if_changed(os.path.join(out_dir, "magic_table.inc"), "".join(out))


def write_if_changed(path, text):
    # Always (re)written: the build system compares timestamps with the inputs.
    with open(path, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
