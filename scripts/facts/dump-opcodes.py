# dump-opcodes.py -- print the running interpreter's opcode table in the
# format of facts/opcodes-X.Y.tsv (see facts/README.md).
# Runs under any CPython 2.7 / 3.x and PyPy: no f-strings, no print function
# features beyond one argument.
#   python dump-opcodes.py > facts/opcodes-X.Y.tsv
# scripts/facts/check-facts.sh runs it under every pyenv interpreter and
# compares with the checked-in files.
import sys
import opcode

KINDS = [("const", "hasconst"), ("name", "hasname"), ("jrel", "hasjrel"),
         ("jabs", "hasjabs"), ("local", "haslocal"), ("free", "hasfree"),
         ("compare", "hascompare"), ("nargs", "hasnargs"), ("exc", "hasexc")]


def main():
    out = sys.stdout
    impl = "CPython"
    if hasattr(sys, "pypy_version_info"):
        impl = "PyPy"
    v = sys.version_info
    out.write("# %s %d.%d.%d\n" % (impl, v[0], v[1], v[2]))
    out.write("# HAVE_ARGUMENT=%d\n" % opcode.HAVE_ARGUMENT)
    out.write("# opcode\tname\thas_arg\toperand_kinds\tcache_entries\tpyc_ok\n")
    caches = getattr(opcode, "_inline_cache_entries", None)
    # Forms that only exist at run time (a .pyc never holds them).
    runtime_only = set()
    for attr in ("_specialized_instructions",):
        for name in getattr(opcode, attr, []):
            runtime_only.add(name)
    specs = getattr(opcode, "_specializations", {})
    for family in specs:
        for name in specs[family]:
            runtime_only.add(name)
    for name in opcode.opmap:
        if name.startswith("INSTRUMENTED_") or name == "ENTER_EXECUTOR":
            runtime_only.add(name)
    rows = []
    for name in opcode.opmap:
        op = opcode.opmap[name]
        if op >= 256:
            continue  # pseudo-instructions (3.12+): never in co_code
        kinds = []
        for kind, attr in KINDS:
            if op in getattr(opcode, attr, []):
                kinds.append(kind)
        if caches is None:
            cache = 0
        elif isinstance(caches, dict):
            cache = caches.get(name, 0)
        else:
            cache = caches[op]
        if hasattr(opcode, "hasarg"):   # 3.13+: the list, not HAVE_ARGUMENT
            has_arg = op in opcode.hasarg
        else:
            has_arg = op >= opcode.HAVE_ARGUMENT
        rows.append((op, name, int(bool(has_arg)), ",".join(kinds) or "-", cache,
                     int(name not in runtime_only)))
    rows.sort()
    for r in rows:
        out.write("%d\t%s\t%d\t%s\t%d\t%d\n" % r)


main()
