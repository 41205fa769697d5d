# frame.clear() on the frame of an unstarted or suspended generator or
# coroutine finalises it (its finally blocks run, gi_frame becomes None), as
# CPython's frame_clear; on a running one it raises RuntimeError.
import sys
import types
import warnings


def gen(tag):
    try:
        print(tag, "started")
        yield 1
        yield 2
    finally:
        print(tag, "finally")


g = gen("suspended")
next(g)
frame = g.gi_frame
print("clear ->", frame.clear())
print("gi_frame:", g.gi_frame, "| running:", g.gi_running)
print("next after clear:", next(g, "exhausted"))
print("frame locals after clear:", sorted(frame.f_locals))

g = gen("unstarted")
print("clear ->", g.gi_frame.clear())
print("gi_frame:", g.gi_frame)
print("next after clear:", next(g, "exhausted"))


def self_clearing():
    try:
        sys._getframe().clear()
    except RuntimeError as e:
        print("running:", e)
    yield "after"


print(list(self_clearing()))


def outer_clearing(inner):
    yield from inner


def inner_gen():
    try:
        yield "inner"
    finally:
        print("inner finally")


inner = inner_gen()
o = outer_clearing(inner)
print(next(o))
o.gi_frame.clear()
print("outer frame:", o.gi_frame, "| inner frame:", inner.gi_frame)


keep_going = True


def ignores_exit():
    while keep_going:
        try:
            yield
        except GeneratorExit:
            print("ignoring GeneratorExit")


def show(u):
    print("unraisable:", type(u.exc_value).__name__, u.exc_value)


sys.unraisablehook = show
g = ignores_exit()
next(g)
g.gi_frame.clear()
print("ignoring generator frame is None:", g.gi_frame is None)
keep_going = False
print("finished:", next(g, "exhausted"))
sys.unraisablehook = sys.__unraisablehook__


async def coro():
    try:
        await types.coroutine(lambda: (yield "c"))()
    finally:
        print("coro finally")


c = coro()
print(c.send(None))
c.cr_frame.clear()
print("cr_frame:", c.cr_frame)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = coro()
    c.cr_frame.clear()
    print("unstarted coroutine frame cleared:", c.cr_frame is None)
    print([str(x.message) for x in w])
    c.close()

print("done")
