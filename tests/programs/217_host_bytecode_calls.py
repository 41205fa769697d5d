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


# Long code (the trampoline's jump needs EXTENDED_ARG) and more than 256
# constants (so does the load of the entry callee), called from host
# bytecode.
def long_function(value):
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    total = (
        value
        + 0.5 + 1.5 + 2.5 + 3.5 + 4.5 + 5.5 + 6.5 + 7.5 + 8.5 + 9.5 + 10.5 + 11.5
        + 12.5 + 13.5 + 14.5 + 15.5 + 16.5 + 17.5 + 18.5 + 19.5 + 20.5 + 21.5 + 22.5 + 23.5
        + 24.5 + 25.5 + 26.5 + 27.5 + 28.5 + 29.5 + 30.5 + 31.5 + 32.5 + 33.5 + 34.5 + 35.5
        + 36.5 + 37.5 + 38.5 + 39.5 + 40.5 + 41.5 + 42.5 + 43.5 + 44.5 + 45.5 + 46.5 + 47.5
        + 48.5 + 49.5 + 50.5 + 51.5 + 52.5 + 53.5 + 54.5 + 55.5 + 56.5 + 57.5 + 58.5 + 59.5
        + 60.5 + 61.5 + 62.5 + 63.5 + 64.5 + 65.5 + 66.5 + 67.5 + 68.5 + 69.5 + 70.5 + 71.5
        + 72.5 + 73.5 + 74.5 + 75.5 + 76.5 + 77.5 + 78.5 + 79.5 + 80.5 + 81.5 + 82.5 + 83.5
        + 84.5 + 85.5 + 86.5 + 87.5 + 88.5 + 89.5 + 90.5 + 91.5 + 92.5 + 93.5 + 94.5 + 95.5
        + 96.5 + 97.5 + 98.5 + 99.5 + 100.5 + 101.5 + 102.5 + 103.5 + 104.5 + 105.5 + 106.5 + 107.5
        + 108.5 + 109.5 + 110.5 + 111.5 + 112.5 + 113.5 + 114.5 + 115.5 + 116.5 + 117.5 + 118.5 + 119.5
        + 120.5 + 121.5 + 122.5 + 123.5 + 124.5 + 125.5 + 126.5 + 127.5 + 128.5 + 129.5 + 130.5 + 131.5
        + 132.5 + 133.5 + 134.5 + 135.5 + 136.5 + 137.5 + 138.5 + 139.5 + 140.5 + 141.5 + 142.5 + 143.5
        + 144.5 + 145.5 + 146.5 + 147.5 + 148.5 + 149.5 + 150.5 + 151.5 + 152.5 + 153.5 + 154.5 + 155.5
        + 156.5 + 157.5 + 158.5 + 159.5 + 160.5 + 161.5 + 162.5 + 163.5 + 164.5 + 165.5 + 166.5 + 167.5
        + 168.5 + 169.5 + 170.5 + 171.5 + 172.5 + 173.5 + 174.5 + 175.5 + 176.5 + 177.5 + 178.5 + 179.5
        + 180.5 + 181.5 + 182.5 + 183.5 + 184.5 + 185.5 + 186.5 + 187.5 + 188.5 + 189.5 + 190.5 + 191.5
        + 192.5 + 193.5 + 194.5 + 195.5 + 196.5 + 197.5 + 198.5 + 199.5 + 200.5 + 201.5 + 202.5 + 203.5
        + 204.5 + 205.5 + 206.5 + 207.5 + 208.5 + 209.5 + 210.5 + 211.5 + 212.5 + 213.5 + 214.5 + 215.5
        + 216.5 + 217.5 + 218.5 + 219.5 + 220.5 + 221.5 + 222.5 + 223.5 + 224.5 + 225.5 + 226.5 + 227.5
        + 228.5 + 229.5 + 230.5 + 231.5 + 232.5 + 233.5 + 234.5 + 235.5 + 236.5 + 237.5 + 238.5 + 239.5
        + 240.5 + 241.5 + 242.5 + 243.5 + 244.5 + 245.5 + 246.5 + 247.5 + 248.5 + 249.5 + 250.5 + 251.5
        + 252.5 + 253.5 + 254.5 + 255.5 + 256.5 + 257.5 + 258.5 + 259.5 + 260.5 + 261.5 + 262.5 + 263.5
        + 264.5 + 265.5 + 266.5 + 267.5 + 268.5 + 269.5 + 270.5 + 271.5 + 272.5 + 273.5 + 274.5 + 275.5
        + 276.5 + 277.5 + 278.5 + 279.5 + 280.5 + 281.5 + 282.5 + 283.5 + 284.5 + 285.5 + 286.5 + 287.5
        + 288.5 + 289.5 + 290.5 + 291.5 + 292.5 + 293.5 + 294.5 + 295.5 + 296.5 + 297.5 + 298.5 + 299.5
    )
    return total > 0


print(inspect.getmembers(Thing, long_function), len(long_function.__code__.co_consts) > 256)


# Tracing that starts inside a function host bytecode called: the events
# and the traceback of an exception that leaves it through a re-raise.
events = []


def tracer(frame, event, arg):
    if frame.f_code.co_name == "starts_tracing":
        events.append((event, frame.f_lineno - starts_tracing.__code__.co_firstlineno))
    return tracer


def starts_tracing(value):
    sys.settrace(tracer)
    sys._getframe().f_trace = tracer
    try:
        raise KeyError(value)
    finally:
        events.append("finally")


try:
    inspect.getmembers(Thing, starts_tracing)
except KeyError as e:
    sys.settrace(None)
    tb = e.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno - starts_tracing.__code__.co_firstlineno)
print(events)
