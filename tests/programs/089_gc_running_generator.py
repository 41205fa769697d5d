# The collector must never read a running generator's value stack: the VM
# keeps its stack pointer in a register while a frame executes, so the saved
# one is stale (issue 6, item 0). Every collection here is triggered by an
# allocation while a generator runs, after a host call popped (and freed)
# values that once sat above the current stack top.
import gc

big = list(range(100))
pad = b"A" * 403


def gen():
    isinstance(tuple(big), int)
    b = pad * 2
    s1 = {1}; s2 = {2}; s3 = {3}; s4 = {4}
    yield


def gen_make_function():
    # MAKE_FUNCTION and a closure cell right after a host call returned.
    len(list(big))
    f = lambda: b  # noqa: E731
    b = pad * 3
    yield f


def gen_traceback():
    # A traceback entry (a frame object) allocated while the frame runs.
    for i in range(3):
        try:
            int(str(tuple(big)))
        except ValueError as e:
            yield type(e).__name__


def helper(n):
    # An interpreted callee running on top of a generator frame.
    return [sorted(big[:n])] * 2


def gen_calls_vm():
    for n in (5, 10, 15):
        parts = helper(n)
        yield {len(p) for p in parts}


def cycle_gen():
    # A suspended generator in a reference cycle is still collected.
    me = yield
    me.append(me)
    yield len(me)


async def coro(n):
    tuple(big)
    s = {n}; t = {n + 1}
    return len(s | t)


def run_coro(c):
    try:
        c.send(None)
    except StopIteration as e:
        return e.value


gc.set_threshold(1, 1, 1)
for _ in range(1000):
    for _ in gen():
        pass
print("gen ok")
total = 0
for _ in range(300):
    for f in gen_make_function():
        total += len(f())
print("make_function", total)
print("traceback", [x for _ in range(50) for x in gen_traceback()][:3])
print("vm callee", [s for _ in range(100) for s in gen_calls_vm()][:3])
print("coroutine", sum(run_coro(coro(i)) for i in range(300)))

collected_before = gc.collect()
for _ in range(50):
    g = cycle_gen()
    next(g)
    box = []
    g.send(box)
    box.append(g)
    del g, box
gc.set_threshold(700, 10, 10)
print("cycles collected:", gc.collect() >= 0, gc.garbage)
print("ok")
