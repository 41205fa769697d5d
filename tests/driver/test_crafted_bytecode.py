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
Cases marked REJECT are shapes no compiler emits, which the verifier must
refuse (a fuzzer crashed the VM with each: a NULL popped by POP_TOP, RESUME
claiming a `yield from` delegate after a plain yield, RETURN_GENERATOR run
again in a generator's own frame, a yield in a frame that is no generator's).
"""
import argparse
import dis
import importlib.util
import inspect
import marshal
import os
import subprocess
import sys
import tempfile


# The case must be rejected by the verifier (no compiler emits it).
REJECT = None


def op(name):
    return dis.opmap[name]


def write_pyc(code, path):
    """A code object, or the raw bytes of a whole .pyc (cache_past_end)."""
    with open(path, "wb") as f:
        f.write(code if isinstance(code, bytes) else importlib.util.MAGIC_NUMBER + b"\0" * 12 + marshal.dumps(code))


def cache_past_end(opname):
    """(co_code, .pyc bytes) of module code whose last instruction is
    `opname` with its inline caches cut off by the end of co_code. No host
    code object of this may exist: CPython 3.11's deopt_code (behind
    `co_code` and marshal.dumps) writes the missing CACHE units past the
    end of the bytes object -- issue 6's heap corruption, done by the
    executor fuzzer's own worker to its mutants. So valid code is
    marshalled and the opcode patched in the file."""
    c = module("x = 1\nprint(x)\n", "cache_past_end")
    data, b = marshal.dumps(c), c.co_code
    assert data.count(b) == 1
    nb = bytearray(b)
    nb[-2] = dis._all_opmap[opname]
    return bytes(nb), importlib.util.MAGIC_NUMBER + b"\0" * 12 + data.replace(b, bytes(nb))


def check_fuzzer_refuses(source_dir):
    """fuzz_exec's mutator must never build such code (it counts it as not
    buildable), also for a specialised opcode, whose caches dis lists under
    the base name only; and it must accept the valid original."""
    import random
    sys.path.insert(0, os.path.join(source_dir, "fuzz"))
    import fuzz_exec
    m = fuzz_exec.Mutator(random.Random(0))
    bad = 0
    if not m.host_safe(module("x = 1\nprint(x)\n", "ok").co_code):
        print("FAIL fuzz_exec refuses valid code")
        bad += 1
    for name in ("LOAD_ATTR", "CALL", "LOAD_ATTR_ADAPTIVE", "BINARY_OP_ADD_INT"):
        if m.host_safe(cache_past_end(name)[0]):
            print("FAIL fuzz_exec would build code ending in %s without its caches" % name)
            bad += 1
        else:
            print("ok   fuzz_exec refuses code ending in %s without its caches" % name)
    return bad


# A coroutine left suspended by the program, whose GeneratorExit handler
# loops forever, raising and catching without POP_EXCEPT (the inner
# handler's POP_EXCEPT patched to POP_TOP: each new ValueError's __context__
# is the previous one, so every raise walks a longer chain in the host's
# _PyErr_SetObject). The shape of a 093_async_with_for mutant that hung the
# executor fuzzer: the coroutine is closed when the worker drops the
# program's globals.
LEFTOVER_COROUTINE = """
import types
@types.coroutine
def switch():
    yield "switch"
async def stubborn():
    try:
        await switch()
    except BaseException:
        while True:
            try:
                raise ValueError
            except ValueError:
                pass
c = stubborn()
c.send(None)
"""


def leftover_coroutine():
    def fix(code):
        code = code.replace(co_consts=tuple(fix(k) if inspect.iscode(k) else k for k in code.co_consts))
        if code.co_name != "stubborn":
            return code
        ins = list(dis.get_instructions(code))
        at = [a.offset for a, b in zip(ins, ins[1:]) if a.opname == "POP_EXCEPT" and b.opname == "JUMP_FORWARD"]
        assert len(at) == 1, at
        return patched(code, lambda b: b.__setitem__(at[0], op("POP_TOP")))
    return fix(module(LEFTOVER_COROUTINE, "leftover_coroutine"))


def check_fuzzer_budget_covers_finalizers(source_dir, xpython):
    """fuzz_exec's worker must finalize what a mutant leaves behind under an
    instruction budget: the coroutine above, closed after exec_pyc returned
    (its budget lifted), ran forever in the worker."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "leftover.pyc")
        write_pyc(leftover_coroutine(), path)
        script = ("import sys; sys.path.insert(0, %r); import fuzz_exec\n"
                  "st = fuzz_exec.Stats(); fuzz_exec._run_one(%r, fuzz_exec._safe_namespace(), st)\n"
                  "print(st.as_dict())\n" % (os.path.abspath(os.path.join(source_dir, "fuzz")), path))
        try:
            p = subprocess.run([os.path.abspath(xpython), "-c", script], cwd=tmp, capture_output=True, text=True, timeout=60)
        except subprocess.TimeoutExpired:
            print("FAIL fuzz_exec: a leftover coroutine's handler loop outlives the instruction budget (hangs)")
            return 1
    if p.returncode != 0 or "'finished': 1" not in p.stdout:
        print("FAIL fuzz_exec on a leftover coroutine: exit status %d\n%s%s" % (p.returncode, p.stdout, p.stderr))
        return 1
    print("ok   fuzz_exec finalizes a leftover coroutine's endless handler under the budget")
    return 0


# Interpreted code that host code runs: a generator made by host bytecode
# (contextlib's call of the decorated function) and resumed by C (its
# next()), and a function called from host bytecode (inspect.getmembers'
# loop), each of code needing at most one stack slot (co_stacksize 1 and 0:
# a shell then has the least room for its entry trampoline).
HOST_RESUMED = {
    "generator made by host bytecode": "import contextlib\n"
                                       "def spin():\n    while True:\n        pass\n    yield\n"
                                       "with contextlib.contextmanager(spin)():\n    pass\n",
    "function called by host bytecode": "import inspect\n"
                                        "def spin(v):\n    while True:\n        pass\n"
                                        "inspect.getmembers(inspect, spin)\n",
}


def check_budget_covers_host_resumed_code(xpython):
    """An instruction budget (exec_pyc's, the executor fuzzer's) counts the
    instructions of interpreted code that host code runs: the host never runs
    a shell's code itself (each has an entry trampoline, even one with no
    stack slot to spare), so these endless loops end at the budget."""
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for what, source in HOST_RESUMED.items():
            path = os.path.join(tmp, "host_resumed.pyc")
            write_pyc(module(source, "host_resumed"), path)
            script = ("import _xpython\ntry:\n    _xpython.exec_pyc(%r, {}, 100000)\n"
                      "except RuntimeError as e:\n    print(e)\n" % path)
            try:
                p = subprocess.run([os.path.abspath(xpython), "-c", script], cwd=tmp, capture_output=True,
                                   text=True, timeout=60)
            except subprocess.TimeoutExpired:
                print("FAIL budget: a %s runs past the instruction budget (hangs)" % what)
                failures += 1
                continue
            if p.returncode != 0 or p.stdout.strip() != "xpython: instruction budget exhausted":
                print("FAIL budget: a %s: exit status %d\n%s%s" % (what, p.returncode, p.stdout, p.stderr))
                failures += 1
                continue
            print("ok   the instruction budget stops a %s" % what)
    return failures


def leaked_handled_exception():
    """Module code that ends inside its `except` block, its POP_EXCEPT
    patched to POP_TOP: the thread's handled exception stays set after it."""
    c = module("try:\n    raise KeyError('leaked')\nexcept KeyError:\n    pass\n", "leaked_handled_exception")
    ins = list(dis.get_instructions(c))
    at = [a.offset for a, b in zip(ins, ins[1:]) if a.opname == "POP_EXCEPT" and b.opname == "LOAD_CONST"]
    assert len(at) == 1, at
    return patched(c, lambda b: b.__setitem__(at[0], op("POP_TOP")))


def check_fuzzer_isolates_mutants(source_dir, xpython):
    """fuzz_exec's worker must not let a mutant's handled exception outlive
    it: every later exception of the worker chained to it (a MemoryError
    in the worker's own code ended a long run as a false crash)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "leak.pyc")
        write_pyc(leaked_handled_exception(), path)
        script = ("import sys; sys.path.insert(0, %r); import fuzz_exec\n"
                  "st = fuzz_exec.Stats(); fuzz_exec._run_one(%r, fuzz_exec._safe_namespace(), st)\n"
                  "print(st.as_dict(), 'handled:', repr(sys.exc_info()[1]))\n"
                  % (os.path.abspath(os.path.join(source_dir, "fuzz")), path))
        p = subprocess.run([os.path.abspath(xpython), "-c", script], cwd=tmp, capture_output=True, text=True,
                           timeout=60)
    if p.returncode != 0 or "'finished': 1" not in p.stdout or "handled: None" not in p.stdout:
        print("FAIL fuzz_exec leaves a mutant's handled exception set: exit status %d\n%s%s"
              % (p.returncode, p.stdout, p.stderr))
        return 1
    print("ok   fuzz_exec clears the handled exception a mutant leaves set")
    return 0


def module(body, name):
    return compile(body, name + ".py", "exec")


def straight(name, ops, consts=(1,), stacksize=4, names=()):
    """Module code made of the given (opname, arg) pairs only (each followed
    by its inline cache entries)."""
    c = module("x = 1", name)
    raw = bytes(b for o, a in ops
                for b in (op(o), a) + (0, 0) * dis._inline_cache_entries[op(o)])
    return c.replace(co_code=raw, co_consts=tuple(consts), co_linetable=b"", co_exceptiontable=b"",
                     co_stacksize=stacksize, co_names=tuple(names))


def units(code):
    """(offset, opcode, arg) of every code unit of a code object."""
    b = code.co_code
    return [(i, b[i], b[i + 1]) for i in range(0, len(b), 2)]


def patched(code, fn):
    """code with co_code rewritten by fn(bytearray)."""
    b = bytearray(code.co_code)
    fn(b)
    return code.replace(co_code=bytes(b))


def with_function(body, name, fname, fix):
    """Module code of `body` whose function `fname` has its code replaced
    by fix(code)."""
    c = module(body, name)
    consts = tuple(fix(k) if hasattr(k, "co_code") and k.co_name == fname else k for k in c.co_consts)
    return c.replace(co_consts=consts)


def set_resume_after_yield(arg):
    def fix(code):
        def edit(b):
            for i, o, a in units(code):
                if o == op("RESUME") and a == 1:
                    b[i + 1] = arg
        return patched(code, edit)
    return fix


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

    # POP_TOP of a NULL (3.11's POP_TOP does Py_DECREF, not Py_XDECREF).
    out["pop_top_null"] = (straight("pop_top_null", [("RESUME", 0), ("PUSH_NULL", 0), ("POP_TOP", 0),
                                                      ("LOAD_CONST", 0), ("RETURN_VALUE", 0)]), REJECT)
    # LOAD_METHOD of a plain attribute leaves [NULL, attr]; SWAP brings the NULL up.
    out["pop_top_method_null"] = (straight("pop_top_method_null", [
        ("RESUME", 0), ("LOAD_CONST", 0), ("LOAD_METHOD", 0), ("SWAP", 2), ("POP_TOP", 0), ("RETURN_VALUE", 0)],
        names=("real",)), REJECT)
    # RESUME 2/3 (after `yield from` / `await`) after a plain yield: close()
    # and throw() would take whatever is below as the delegate.
    gen_body = "def g():\n    yield 1\n\nit = g()\nnext(it)\n"
    for arg, action in ((2, "it.close()"), (3, "it.throw(ValueError)"), (2, "del it")):
        key = "resume_%d_%s" % (arg, action.split("(")[0].replace("it.", "").replace(" ", "_"))
        out[key] = (with_function(gen_body + action + "\n", key, "g", set_resume_after_yield(arg)), REJECT)
    out["resume_arg_4"] = (with_function(gen_body, "resume_arg_4", "g", set_resume_after_yield(4)), REJECT)

    # RETURN_GENERATOR run a second time in a frame that is already a
    # generator: a genexpr whose final LOAD_CONST became RETURN_GENERATOR ...
    def last_const_to_return_generator(code):
        def edit(b):
            last = [i for i, o, a in units(code) if o == op("LOAD_CONST")][-1]
            b[last], b[last + 1] = op("RETURN_GENERATOR"), 0
        return patched(code, edit)
    c = module("print(list(x for x in range(3)))\n", "regen_last_const")
    consts = tuple(last_const_to_return_generator(k) if hasattr(k, "co_code") else k for k in c.co_consts)
    out["return_generator_again"] = (c.replace(co_consts=consts), REJECT)

    # ... and a backward jump to offset 0 (the RETURN_GENERATOR itself).
    def loop_to_start(code):
        def edit(b):
            for i, o, a in units(code):
                if o == op("JUMP_BACKWARD"):
                    b[i + 1] = (i + 2) // 2
        return patched(code, edit)
    out["return_generator_jump_to_0"] = (with_function(
        "def g():\n    while True:\n        yield 1\n\nit = g()\nprint(next(it), next(it), next(it))\n",
        "return_generator_jump_to_0", "g", loop_to_start), REJECT)

    # A yield in code that never made itself a generator (RETURN_GENERATOR
    # and its POP_TOP patched to NOPs): the frame is an ordinary call's.
    def no_prologue(code):
        def edit(b):
            b[0] = b[2] = op("NOP")
        return patched(code, edit).replace(co_flags=code.co_flags & ~inspect.CO_GENERATOR)
    out["yield_without_generator"] = (with_function(
        "def g():\n    yield 1\n\ndef h():\n    print(g())\n\nh()\nprint('after')\n",
        "yield_without_generator", "g", no_prologue), REJECT)

    # MAKE_FUNCTION's attributes of the wrong type (a defaults "tuple" that
    # is an int, annotations of odd length): bind_args and the host read them
    # unchecked.
    c = module("def f(a=1, *, b=2):\n    return a + b\n\nprint(f())\n", "bad_defaults")
    out["make_function_defaults"] = (c.replace(co_consts=tuple(5 if k == (1,) else k for k in c.co_consts)),
                                     "SystemError")

    def no_kw_map(b):   # LOAD_CONST ('b',); BUILD_CONST_KEY_MAP 1 -> NOP; NOP: the kwdefaults are the int 2
        i = [i for i, o, a in units(c) if o == op("BUILD_CONST_KEY_MAP")][0]
        b[i - 2] = b[i] = op("NOP")
    out["make_function_kwdefaults"] = (patched(c, no_kw_map), "SystemError")
    c = module("def f(a: int, b: str):\n    return a\n\nprint(f.__annotations__)\n", "bad_annotations")

    def odd_annotations(b):   # drop the name 'a': the tuple is (int, 'b', str)
        i = [i for i, o, a in units(c) if o == op("BUILD_TUPLE")][0]
        j = [j for j, o, a in units(c) if o == op("LOAD_CONST")][0]
        b[j], b[i + 1] = op("NOP"), 3
    out["make_function_annotations"] = (patched(c, odd_annotations), "SystemError")
    # LOAD_CLASSDEREF (class bodies only) in a function, which has no locals mapping.
    def classderef(code):
        def edit(b):
            for i, o, a in units(code):
                if o == op("LOAD_DEREF"):
                    b[i] = op("LOAD_CLASSDEREF")
        return patched(code, edit)
    c = module("def outer():\n    v = 1\n    def inner():\n        return v\n    return inner()\n\nprint(outer())\n",
               "classderef")
    outer = [k for k in c.co_consts if hasattr(k, "co_code")][0]
    outer = outer.replace(co_consts=tuple(classderef(k) if hasattr(k, "co_code") else k for k in outer.co_consts))
    out["load_classderef_in_function"] = (c.replace(co_consts=tuple(outer if hasattr(k, "co_code") else k
                                                                     for k in c.co_consts)), "SystemError")

    # A free variable's slot overwritten with a non-cell (STORE_FAST's index
    # moved onto it), then locals(): the host reads the slot as a cell.
    def store_into_free(code):
        free = code.co_varnames.__len__() + len(code.co_cellvars)   # first free slot
        def edit(b):
            for i, o, a in units(code):
                if o == op("STORE_FAST"):
                    b[i + 1] = free
        return patched(code, edit)
    c = module("def outer():\n    v = 1\n    def inner():\n        x = v + 1\n        return sorted(locals())\n"
               "    return inner()\n\nprint(outer())\n", "store_into_free")
    outer = [k for k in c.co_consts if hasattr(k, "co_code")][0]
    outer = outer.replace(co_consts=tuple(store_into_free(k) if hasattr(k, "co_code") else k
                                          for k in outer.co_consts))
    out["store_fast_into_free_var"] = (c.replace(co_consts=tuple(outer if hasattr(k, "co_code") else k
                                                                  for k in c.co_consts)), REJECT)
    # The last instruction's inline caches run past the end (the loader
    # must refuse it; the host itself cannot even hold it, see
    # cache_past_end), plain and as a specialised opcode.
    out["cache_past_end"] = (cache_past_end("LOAD_ATTR")[1], REJECT)
    out["cache_past_end_specialised"] = (cache_past_end("LOAD_ATTR_ADAPTIVE")[1], REJECT)
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
            elif expected is not REJECT and p.returncode == 1 and last.startswith(expected + ":"):
                verdict = "raised " + last
            else:
                print("FAIL %s: exit status %d, stderr:\n%s" % (name, p.returncode, p.stderr))
                failures += 1
                continue
            print("ok   %-24s %s" % (name, verdict))
    print("%d/%d crafted programs ended cleanly" % (len(cases()) - failures, len(cases())))
    failures += check_budget_covers_host_resumed_code(args.xpython)
    if args.source_dir:
        failures += check_fuzzer_refuses(args.source_dir)
        failures += check_fuzzer_budget_covers_finalizers(args.source_dir, args.xpython)
        failures += check_fuzzer_isolates_mutants(args.source_dir, args.xpython)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
