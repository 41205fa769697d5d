# cProfile, profile + pstats and trace on interpreted code (counts only, no
# timings).
import cProfile
import io
import os
import profile
import pstats
import trace


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def gen(n):
    for i in range(n):
        yield i


def work():
    total = sum(gen(4)) + fib(6)
    words = sorted(["b", "a", "c"], key=str.upper)
    try:
        {}["missing"]
    except KeyError:
        total += 1
    return total, "".join(words), len(words)


FILE = work.__code__.co_filename


def key_text(key):
    filename, line, name = key
    if filename == FILE:
        return "%s:%d(%s)" % ("here", line - fib.__code__.co_firstlineno, name)
    if filename == "~" or filename == "":
        return "{%s}" % name
    return None


def show_stats(label, stats):
    print("==", label)
    rows = []
    for key, (cc, nc, tt, ct, callers) in stats.stats.items():
        k = key_text(key)
        if k is None:
            continue
        calls = sorted(filter(None, (key_text(c) for c in callers)))
        rows.append((k, cc, nc, calls))
    for row in sorted(rows):
        print("  ", *row)


prof = cProfile.Profile()
print("cProfile result", prof.runcall(work))
show_stats("cProfile", pstats.Stats(prof, stream=io.StringIO()))

prof2 = profile.Profile()
print("profile result", prof2.runcall(work))
show_stats("profile", pstats.Stats(prof2, stream=io.StringIO()))

# cProfile as a context manager, around module-level statements.
with cProfile.Profile() as prof3:
    total = fib(4)
    lst = [fib(i) for i in range(3)]
show_stats("cProfile with", pstats.Stats(prof3, stream=io.StringIO()))

tracer = trace.Trace(count=1, trace=0)
print("trace result", tracer.runfunc(work))
counts = tracer.results().counts
base = fib.__code__.co_firstlineno
print("== trace counts")
for (filename, line), n in sorted(counts.items()):
    if filename == FILE:
        print("  ", line - base, n)

tracer2 = trace.Trace(count=0, trace=0, countfuncs=1, countcallers=1)
tracer2.runfunc(work)
res = tracer2.results()
print("== trace calledfuncs")
for (filename, modname, funcname) in sorted(res.calledfuncs):
    if filename == FILE:
        print("  ", funcname)
print("== trace callers")
for ((f1, m1, n1), (f2, m2, n2)) in sorted(res.callers):
    if f1 == FILE and f2 == FILE:
        print("  ", n1, "->", n2)


# trace --trace style output, with file names only.
out = io.StringIO()
import contextlib
with contextlib.redirect_stdout(out):
    trace.Trace(count=0, trace=1).runfunc(fib, 2)
print("== trace lines")
for line in out.getvalue().splitlines():
    print("  ", line.replace(os.path.basename(FILE), "HERE").split("): ", 1)[-1])
