# Generators, coroutines and async generators of interpreted code are the
# host's own types (issue 6, item 2): exact type identity, the types'
# unbound methods, C code that checks the exact types, inspect's states.
import asyncio
import gc
import inspect
import sys
import types


def gen():
    x = yield 1
    yield x


async def coro():
    return 5


async def agen():
    yield 1
    yield 2


g = gen()
print(type(g) is types.GeneratorType, type(coro_obj := coro()) is types.CoroutineType,
      type(agen()) is types.AsyncGeneratorType)
coro_obj.close()
print(type(g).__name__, repr(g).split(" at ")[0])
print(types.GeneratorType.send(g, None), types.GeneratorType.send(g, "sent"))
print(inspect.getgeneratorstate(g))
g.close()
print(inspect.getgeneratorstate(g), g.gi_frame)
print(inspect.getgeneratorstate(gen()))

# types.GeneratorType.__next__ and throw as unbound methods
h = gen()
print(types.GeneratorType.__next__(h))
try:
    types.GeneratorType.throw(h, ValueError("boom"))
except ValueError as e:
    print("thrown:", e)

# anext() with an __anext__ made by types.coroutine (the host's C code checks
# the awaitable's exact type).
@types.coroutine
def legacy_step():
    yield
    return "legacy"


class AIter:
    def __aiter__(self):
        return self

    def __anext__(self):
        return legacy_step()


async def use_anext():
    ai = AIter()
    return await anext(ai)


c = use_anext()
try:
    c.send(None)
    c.send(None)
except StopIteration as e:
    print("anext result:", e.value)

# asyncio's C accelerator fast-paths real coroutine objects.
async def sleeper(n):
    await asyncio.sleep(0)
    return n * 2


async def main():
    t = asyncio.ensure_future(sleeper(3))
    print("task coro is a coroutine:", asyncio.iscoroutine(t.get_coro()), type(t.get_coro()) is types.CoroutineType)
    return await t


print("asyncio:", asyncio.run(main()))

# gc and sizes agree with the host's own generators.
print(gc.is_tracked(gen()), sys.getsizeof(gen()), sys.getsizeof(agen()), gen().__sizeof__())
print(gen.__code__.co_flags & inspect.CO_GENERATOR != 0, inspect.isgenerator(gen()), inspect.iscoroutine(coro_obj))

# A generator that yields itself through its own frame.
def selfref():
    me = yield
    yield me.gi_running, me.gi_frame is sys._getframe()


s = selfref()
next(s)
print(s.send(s))
