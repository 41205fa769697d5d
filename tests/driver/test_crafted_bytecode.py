#!/usr/bin/env python3
# ctest-labels: diff;asan
"""Crafted 3.11 bytecode that the verifier accepts but no compiler emits must
end in a clean error, never a crash.

The verifier proves stack depths, indices and the origin of some operands;
it cannot prove everything a value will be at run time (a comprehension's
`.0` argument may be any object). Each case below is built by patching
host-compiled code; running it under xpython must either be rejected by
the verifier (exit 2, one line) or raise a Python exception (exit 1, a
traceback ending with the expected exception type) -- no signal, no hang.
"""
import argparse
import dis
import importlib.util
import marshal
import os
import subprocess
import sys
import tempfile


def op(name):
    return dis.opmap[name]


def write_pyc(code, path):
    with open(path, "wb") as f:
        f.write(importlib.util.MAGIC_NUMBER + b"\0" * 12 + marshal.dumps(code))


def module(body, name):
    return compile(body, name + ".py", "exec")


def straight(name, ops, consts=(1,), stacksize=4):
    """Module code made of the given (opname, arg) pairs only."""
    c = module("x = 1", name)
    raw = bytes(b for o, a in ops for b in (op(o), a))
    return c.replace(co_code=raw, co_consts=tuple(consts), co_linetable=b"", co_exceptiontable=b"",
                     co_stacksize=stacksize)


def cases():
    out = {}
    # A comprehension receives a non-iterator (GET_ITER patched out).
    c = module("y = 5\nprint([x for x in y])\n", "for_iter")
    b = bytearray(c.co_code)
    for i in range(0, len(b), 2):
        if b[i] == op("GET_ITER"):
            b[i] = op("NOP")
    out["for_iter"] = (c.replace(co_code=bytes(b)), "TypeError")
    # The exception-handling ops given a non-exception.
    out["reraise"] = (straight("reraise", [("RESUME", 0), ("LOAD_CONST", 0), ("RERAISE", 0)]), "SystemError")
    out["push_exc_info"] = (straight("push_exc_info", [("RESUME", 0), ("LOAD_CONST", 0), ("PUSH_EXC_INFO", 0),
                                                        ("POP_EXCEPT", 0), ("RETURN_VALUE", 0)]), "SystemError")
    out["pop_except"] = (straight("pop_except", [("RESUME", 0), ("LOAD_CONST", 0), ("LOAD_CONST", 0),
                                                  ("POP_EXCEPT", 0), ("RETURN_VALUE", 0)]), "SystemError")
    out["with_except_start"] = (straight("with_except_start", [
        ("RESUME", 0), ("LOAD_CONST", 0), ("LOAD_CONST", 0), ("LOAD_CONST", 0), ("LOAD_CONST", 0),
        ("WITH_EXCEPT_START", 0), ("POP_TOP", 0), ("POP_TOP", 0), ("POP_TOP", 0), ("POP_TOP", 0),
        ("RETURN_VALUE", 0)], stacksize=5), "SystemError")
    out["end_async_for"] = (straight("end_async_for", [("RESUME", 0), ("LOAD_CONST", 0), ("LOAD_CONST", 0),
                                                        ("END_ASYNC_FOR", 0), ("LOAD_CONST", 0),
                                                        ("RETURN_VALUE", 0)]), "SystemError")
    # Module code that asks for free variables it was never given.
    c = module("def outer():\n    v = 1\n    def inner():\n        return v\n    return inner\n", "free_vars")
    inner = [k for k in c.co_consts if hasattr(k, "co_code")][0]
    inner = [k for k in inner.co_consts if hasattr(k, "co_code")][0]
    out["free_vars_at_top_level"] = (inner.replace(co_name="<module>"), "SystemError")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xpython", required=True)
    ap.add_argument("--source-dir")
    ap.add_argument("--corpus-dir")
    ap.add_argument("--build-dir")
    args = ap.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, (code, expected) in cases().items():
            path = os.path.join(tmp, name + ".pyc")
            write_pyc(code, path)
            try:
                p = subprocess.run([args.xpython, path], capture_output=True, text=True, timeout=60)
            except subprocess.TimeoutExpired:
                print("FAIL %s: hangs" % name)
                failures += 1
                continue
            err_lines = p.stderr.strip().splitlines()
            last = err_lines[-1] if err_lines else ""
            if p.returncode == 2 and len(err_lines) == 1:
                verdict = "rejected by the verifier: " + last
            elif p.returncode == 1 and last.startswith(expected + ":"):
                verdict = "raised " + last
            else:
                print("FAIL %s: exit status %d, stderr:\n%s" % (name, p.returncode, p.stderr))
                failures += 1
                continue
            print("ok   %-24s %s" % (name, verdict))
    print("%d/%d crafted programs ended cleanly" % (len(cases()) - failures, len(cases())))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
