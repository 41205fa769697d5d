# Signals and asynchronous exceptions land at the instruction where CPython
# 3.11 handles them: its loop tests the "eval breaker" at RESUME (not after
# `yield from`/`await`), backward jumps and after calls.
import ctypes
import threading

try:
    import _testcapi
except ImportError:
    _testcapi = None


# bpo-30039: a SIGINT pending when a generator chain is resumed is raised in
# the innermost generator, not in the delegating one.
def outer():
    return (yield from inner())


def inner():
    try:
        yield
    except KeyboardInterrupt:
        return "inner got it"
    return "missed"


if _testcapi is not None and hasattr(_testcapi, "raise_SIGINT_then_send_None"):
    g = outer()
    g.send(None)
    try:
        _testcapi.raise_SIGINT_then_send_None(g)
    except StopIteration as e:
        print("StopIteration:", e.value)
else:
    print("skipped: this python has no _testcapi.raise_SIGINT_then_send_None")


class Stop(Exception):
    pass


# PyThreadState_SetAsyncExc on the running thread: raised right after the
# call that set it returns.
set_async = ctypes.pythonapi.PyThreadState_SetAsyncExc
set_async.argtypes = [ctypes.c_ulong, ctypes.py_object]
reached = []
try:
    for i in range(5):
        reached.append(i)
        if i == 2:
            set_async(threading.get_ident(), Stop)
            reached.append("after call")
except Stop:
    print("async exception after", reached)


# Another thread's asynchronous exception interrupts a busy loop.
def worker(out):
    try:
        n = 0
        while True:
            n += 1
    except Stop:
        out.append("worker stopped")


out = []
t = threading.Thread(target=worker, args=(out,))
t.start()
while set_async(t.ident, Stop) == 0:
    pass
t.join()
print(out)
