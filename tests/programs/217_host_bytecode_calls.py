# Host bytecode (stdlib modules left native) calling interpreted functions:
# CPython 3.11 inlines those calls in its own loop, and they must still run
# here with every effect a native call has -- results, exceptions and their
# tracebacks, frames seen from inside, generators made by the call, frame
# objects that outlive the call, cells, recursion through host frames.
import contextlib
import inspect
import sys
import threading
import traceback


# A generator function called by host bytecode (contextmanager's __init__).
@contextlib.contextmanager
def managed(tag, log):
    log.append("enter " + tag)
    try:
        yield tag.upper()
    finally:
        log.append("exit " + tag)


log = []
with managed("a", log) as v:
    log.append(v)
try:
    with managed("b", log):
        raise KeyError("inside")
except KeyError as e:
    log.append("caught " + repr(e))
print(log)


# A predicate called by inspect.getmembers (a Python loop in the host).
class Thing:
    alpha = 1
    beta = "two"

    def method(self):
        return 3


def is_int(value):
    kind = type(value)
    return kind is int


print(inspect.getmembers(Thing, is_int))


# Thread.run calls its target from host bytecode.
out = []


def target(a, b=10, *rest, key=None, **kw):
    out.append((a, b, rest, key, sorted(kw)))


t = threading.Thread(target=target, args=(1, 2, 3), kwargs={"key": "k", "z": 0})
t.run()
print(out)


# An exception raised in a function the host called: the traceback shows
# the host frame between the two interpreted ones, with its line.
def failing(x):
    y = len(repr(x)) > 0
    raise ValueError("failing %s" % y)


def through_host():
    return inspect.getmembers(Thing, failing)


try:
    through_host()
except ValueError:
    entries = traceback.extract_tb(sys.exc_info()[2])
    print([(e.name, e.line) for e in entries])


# A re-raise keeps the traceback entry of the original raise.
def reraising(x):
    try:
        return 1 // 0
    except ZeroDivisionError:
        raise


try:
    inspect.getmembers(Thing, reraising)
except ZeroDivisionError as e:
    tb = e.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno - reraising.__code__.co_firstlineno)


# Frames seen from inside a function the host called.
def where(value):
    f = sys._getframe()
    names = []
    while f is not None and len(names) < 4:
        names.append(f.f_code.co_name)
        f = f.f_back
    seen.append(names)
    return False


seen = []
inspect.getmembers(Thing, where)
print(seen[0])


# A frame object that outlives the call keeps the call's final locals.
frames = []


def keep_frame(value):
    local_value = value
    frames.append(sys._getframe())
    return False


inspect.getmembers(Thing, keep_frame)
print(sorted(frames[0].f_locals), frames[0].f_lineno - keep_frame.__code__.co_firstlineno)


# Cells and closures in a function the host called.
def make_counter():
    count = 0

    def bump(value):
        nonlocal count
        count += 1
        return False

    return bump, lambda: count


bump, read = make_counter()
inspect.getmembers(Thing, bump)
print(read() > 0)


# Recursion through host frames reaches the same depth as natively.
def level(n):
    reached[0] = n
    inspect.getmembers(Thing, lambda v: level(n + 1) if n < 5000 else False)
    return False


reached = [0]
old = sys.getrecursionlimit()
sys.setrecursionlimit(150)
try:
    level(0)
except RecursionError:
    print("recursion reached", reached[0])
finally:
    sys.setrecursionlimit(old)


# A generator made by a host call and driven by host code.
def numbers(n):
    for i in range(n):
        received = yield i
        if received:
            print("received", received)


gen = contextlib.contextmanager(numbers)(3).gen
print(next(gen), gen.send("x"), list(gen))


# An exception that leaves through a handler's re-raise (a with block whose
# __exit__ declines it, a finally): the traceback and the finished frame's
# line are those of the original raise, and nothing after it runs.
class Declines:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def raise_in_with(value):
    with Declines():
        int("not a number")
    print("not reached")


def raise_in_finally(value):
    try:
        [][1]
    finally:
        cleanup.append("finally ran")


cleanup = []
for fn in (raise_in_with, raise_in_finally):
    try:
        inspect.getmembers(Thing, fn)
    except (ValueError, IndexError) as e:
        tb = e.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        first = fn.__code__.co_firstlineno
        print(fn.__name__, type(e).__name__, tb.tb_lineno - first, tb.tb_frame.f_lineno - first)
print(cleanup)
