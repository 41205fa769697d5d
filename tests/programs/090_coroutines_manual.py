# Coroutines driven by hand (no event loop): await on custom awaitables,
# send() protocol, values returned through StopIteration, throw into a
# coroutine, close(), "coroutine was never awaited"-free cleanup, and a tiny
# round-robin scheduler built from interpreted coroutines.
import types


class Yielder:
    """An awaitable that suspends once, handing `value` to the driver."""

    def __init__(self, value):
        self.value = value

    def __await__(self):
        received = yield self.value
        return f"resumed with {received}"


async def child(n):
    r = await Yielder(f"child{n} suspends")
    return f"child{n}: {r}"


async def parent():
    a = await child(1)
    b = await child(2)
    return [a, b]


c = parent()
print(hasattr(c, "send"), hasattr(c, "__await__"), hasattr(c, "__next__"))
print(c.send(None))
print(c.send("first"))
try:
    c.send("second")
except StopIteration as e:
    print("returned", e.value)


async def guarded():
    try:
        await Yielder("waiting")
    except KeyError as e:
        return f"handled {e!r}"


g = guarded()
g.send(None)
try:
    g.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)


async def cleanup():
    try:
        await Yielder("suspended")
    finally:
        print("cleanup finally ran")


cl = cleanup()
cl.send(None)
cl.close()
unstarted = cleanup()
unstarted.close()
print("closed unstarted coroutine without running it")


@types.coroutine
def legacy_sleep(tag):
    got = yield ("sleep", tag)
    return got


async def uses_legacy():
    return await legacy_sleep("legacy")


u = uses_legacy()
print(u.send(None))
try:
    u.send("woken")
except StopIteration as e:
    print("legacy returned", e.value)


async def reentry():
    return 1


r = reentry()
try:
    r.send(None)
except StopIteration as e:
    print("value", e.value)
try:
    r.send(None)
except RuntimeError as e:
    print("RuntimeError", e)


async def not_awaitable():
    await 5


na = not_awaitable()
try:
    na.send(None)
except TypeError as e:
    print("TypeError", e)


class Sched:
    def __init__(self):
        self.ready = []
        self.log = []

    def spawn(self, coro, name):
        self.ready.append((coro, name, None))

    def run(self):
        while self.ready:
            coro, name, value = self.ready.pop(0)
            try:
                request = coro.send(value)
                self.log.append(f"{name}:{request}")
                self.ready.append((coro, name, request))
            except StopIteration as e:
                self.log.append(f"{name} done -> {e.value}")


async def worker(name, steps):
    total = 0
    for i in range(steps):
        got = await Yielder(f"step{i}")
        total += len(got)
    return f"{name} total {total}"


s = Sched()
s.spawn(worker("A", 2), "A")
s.spawn(worker("B", 3), "B")
s.spawn(parent(), "P")
s.run()
print("\n".join(s.log))


async def raiser():
    await Yielder("x")
    raise ValueError("after resume")


rz = raiser()
rz.send(None)
try:
    rz.send(None)
except ValueError as e:
    print("ValueError", e)
print(parent.__name__, parent.__qualname__, bool(parent.__code__.co_flags & 0x80))
co = child(9)
print(co.__name__, co.__qualname__)
co.close()
