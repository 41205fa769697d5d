#!/usr/bin/env python3
# ctest-labels: diff
"""Reference leaks in the VM: each snippet exercises one family of ops
(calls and argument binding, closures, classes and super(), generators,
coroutines, async generators, exceptions and tracebacks, with, match,
comprehensions, imports, unpacking, f-strings, frame introspection) and is
run many times in one process through `import xpython`. After a warm-up the
number of allocated memory blocks must not grow with the number of runs:
a missing Py_DECREF anywhere on these paths leaks one or more blocks per
run and fails the test (ASan does not see such leaks).
"""
import argparse
import os
import subprocess
import sys
import textwrap

SNIPPETS = {
    "calls": """
        def f(a, b=2, *args, k=3, **kw):
            return a + b + k + len(args) + len(kw)
        def g(x, /, y, *, z):
            return x + y + z
        for i in range(20):
            f(1); f(1, 2, 3, 4, k=5, z=6); g(1, 2, z=3); g(1, y=2, z=3)
            try:
                f()
            except TypeError:
                pass
            try:
                g(1, 2, 3)
            except TypeError:
                pass
            f(*[1, 2], **{"k": 1, "q": 2})
        sorted(range(10), key=lambda v: -v)
        list(map(lambda v: v * 2, range(10)))
    """,
    "closures": """
        def outer():
            n = 0
            def inc():
                nonlocal n
                n += 1
                return n
            return inc
        c = outer()
        for i in range(50):
            c()
        def deleter():
            v = 1
            def r():
                return v
            del v
            try:
                r()
            except NameError:
                pass
        deleter()
    """,
    "classes": """
        class Meta(type):
            def __new__(m, name, bases, ns, **kw):
                return super().__new__(m, name, bases, ns)
        class A(metaclass=Meta):
            x = 1
            def f(self):
                return "A"
            def __init_subclass__(cls, **kw):
                super().__init_subclass__()
        class B(A):
            __slots__ = ()
            def f(self):
                return "B" + super().f()
            @property
            def p(self):
                return 3
        for i in range(20):
            b = B()
            b.f(); b.p
            getattr(b, "missing", None)
    """,
    "generators": """
        def gen(n):
            for i in range(n):
                received = yield i
        def deleg():
            r = yield from gen(3)
            return r
        for i in range(20):
            list(gen(5)); list(deleg())
            g = gen(10); next(g); g.send(1); g.close()
            g = gen(10); next(g)
            try:
                g.throw(ValueError("x"))
            except ValueError:
                pass
            sum(x * x for x in range(10))
            g = gen(3)  # abandoned while suspended: finalised on collection
            next(g)
            del g
    """,
    "async": """
        import asyncio
        async def leaf(i):
            await asyncio.sleep(0)
            return i
        async def agen():
            for i in range(3):
                yield i
        async def main():
            total = 0
            for i in range(5):
                total += await leaf(i)
            async for v in agen():
                total += v
            results = await asyncio.gather(*(leaf(i) for i in range(3)))
            return total + sum(results)
        asyncio.run(main())
    """,
    "exceptions": """
        import traceback, sys
        class E(Exception):
            pass
        def raiser(n):
            if n == 0:
                raise E("deep")
            return raiser(n - 1)
        for i in range(20):
            try:
                raiser(5)
            except E as e:
                traceback.format_exc()
            try:
                try:
                    1 / 0
                except ZeroDivisionError as e:
                    raise KeyError("k") from e
            except KeyError:
                pass
            try:
                raise ExceptionGroup("g", [ValueError(1), TypeError(2)])
            except* ValueError:
                pass
            except* TypeError:
                pass
            try:
                pass
            finally:
                sys.exc_info()
    """,
    "with_match": """
        import contextlib
        @contextlib.contextmanager
        def cm():
            yield 1
        class C:
            __match_args__ = ("a", "b")
            def __init__(self, a, b):
                self.a, self.b = a, b
        for i in range(30):
            class Managed:
                def __enter__(self):
                    return self
                def __exit__(self, *exc):
                    return False
            with cm() as v, Managed() as m:
                pass
            for subject in ([1, 2, 3], {"k": 1, "z": 2}, C(1, 2), 5, "s"):
                match subject:
                    case [1, *rest]:
                        pass
                    case {"k": k, **others}:
                        pass
                    case C(a, b=2):
                        pass
                    case int() | str():
                        pass
    """,
    "misc": """
        import json, collections
        for i in range(20):
            a, *b, c = range(6)
            d = {k: v for k, v in zip("abc", range(3))}
            s = {x for x in range(5)}
            f"{i!r:>5} {d} {s!s}"
            json.dumps(d)
            collections.namedtuple("P", "x y")(1, 2)
            exec("q = 1 + 1")
            eval("i * 2")
            locals(); globals(); dir()
            import sys
            sys._getframe().f_back
    """,
}

DRIVER = """
import gc, sys, xpython
# Compiled once: compiling fresh code objects makes the block count drift
# by itself (allocator and interning noise), which would hide or fake leaks.
code = compile(sys.stdin.read(), "<leakcheck>", "exec")
def run():
    EXEC(code, {"__name__": "__leakcheck__"})
for _ in range(WARMUP):
    run()
growth = []
for _ in range(ROUNDS):
    gc.collect()
    before = sys.getallocatedblocks()
    for _ in range(RUNS):
        run()
    gc.collect()
    growth.append(sys.getallocatedblocks() - before)
print(" ".join(map(str, growth)))
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xpython", required=True)
    ap.add_argument("--source-dir")
    ap.add_argument("--corpus-dir")
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--runs", type=int, default=40)
    args = ap.parse_args()
    module_dir = os.path.join(os.path.abspath(args.build_dir), "python")
    env = dict(os.environ, PYTHONPATH=module_dir, PYTHONHASHSEED="0")
    failures = 0
    rounds = int(os.environ.get("XP_LEAK_ROUNDS", "8"))
    for name, body in SNIPPETS.items():
        growth = {}
        for mode, exec_fn in (("native", "exec"), ("xpython", "xpython.exec")):
            driver = (DRIVER.replace("WARMUP", "20").replace("ROUNDS", str(rounds))
                      .replace("RUNS", str(args.runs)).replace("EXEC", exec_fn))
            p = subprocess.run([sys.executable, "-c", driver], input=textwrap.dedent(body), env=env,
                               capture_output=True, text=True, timeout=600)
            if p.returncode != 0:
                print("FAIL %s (%s): the snippet itself failed:\n%s%s" % (name, mode, p.stdout, p.stderr))
                break
            growth[mode] = [int(g) for g in p.stdout.strip().splitlines()[-1].split()]
        if len(growth) != 2:
            failures += 1
            continue
        # A leak of even one block per run grows every round by about RUNS
        # blocks more than the same code run natively; library caches and
        # free lists (which fluctuate natively too, and settle) do not.
        # Leaking = each of the last three rounds grew by at least 3/4 block
        # per run more than native (every snippet runs its ops in loops, so a
        # missing DECREF costs a block or more per run). asyncio's caches
        # settle slowly and differently in the two modes: half a block per
        # run of such noise was seen in CI after six rounds.
        excess = [x - n for x, n in zip(growth["xpython"], growth["native"])]
        leaking = min(excess[-3:]) >= args.runs * 3 // 4
        if leaking:
            failures += 1
        print("%s %-11s blocks per round of %d runs: xpython %s, native %s" % (
            "FAIL" if leaking else "ok  ", name, args.runs, " ".join("%+d" % g for g in growth["xpython"]),
            " ".join("%+d" % g for g in growth["native"])))
    print("%d/%d snippets without leaks" % (len(SNIPPETS) - failures, len(SNIPPETS)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
