# async with (async context managers, exceptions and suppression,
# contextlib.asynccontextmanager, AsyncExitStack), async for over custom
# async iterators, and async comprehensions (list/set/dict/generator with
# await inside and conditions).
import asyncio
import contextlib


class AsyncResource:
    def __init__(self, name, log, suppress=False):
        self.name, self.log, self.suppress = name, log, suppress

    async def __aenter__(self):
        await asyncio.sleep(0)
        self.log.append(f"enter {self.name}")
        return self.name.upper()

    async def __aexit__(self, et, e, tb):
        await asyncio.sleep(0)
        self.log.append(f"exit {self.name} {et.__name__ if et else None}")
        return self.suppress


class AsyncRange:
    def __init__(self, n):
        self.n = n
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await asyncio.sleep(0)
        self.i += 1
        return self.i - 1


@contextlib.asynccontextmanager
async def managed(name, log):
    log.append(f"setup {name}")
    try:
        yield f"<{name}>"
    except ZeroDivisionError:
        log.append(f"{name} swallowed ZeroDivisionError")
    finally:
        log.append(f"teardown {name}")


async def double(x):
    await asyncio.sleep(0)
    return x * 2


async def main():
    log = []
    async with AsyncResource("a", log) as a:
        log.append(f"body {a}")
    async with AsyncResource("outer", log) as o, AsyncResource("inner", log, suppress=True) as i:
        log.append(f"body {o} {i}")
        raise KeyError("suppressed by inner")
    try:
        async with AsyncResource("b", log):
            raise ValueError("escapes")
    except ValueError as e:
        log.append(f"caught {e}")
    print(log)
    log.clear()
    async with managed("m", log) as m:
        log.append(f"using {m}")
        1 / 0
    print(log)
    log.clear()
    async with contextlib.AsyncExitStack() as stack:
        for n in "xyz":
            v = await stack.enter_async_context(managed(n, log))
            log.append(v)
        stack.push_async_callback(double, 1)
        stack.callback(log.append, "sync callback")
    print(log)
    items = []
    async for i in AsyncRange(4):
        items.append(i)
    print(items)
    print([i async for i in AsyncRange(5) if i % 2 == 0])
    print({i % 3 async for i in AsyncRange(7)} == {0, 1, 2})
    print({i: await double(i) async for i in AsyncRange(3)})
    print([await double(x) for x in range(4)])
    print([await double(i) async for i in AsyncRange(3) if await double(i) > 0])
    agen = (await double(i) async for i in AsyncRange(3))
    print(hasattr(agen, "__anext__"), [v async for v in agen])
    nested = [[j async for j in AsyncRange(i)] async for i in AsyncRange(4)]
    print(nested)
    for bad in (5, AsyncRange):
        try:
            async for _ in bad:
                pass
        except TypeError as e:
            print("TypeError", e)
    try:
        async with AsyncRange(1):
            pass
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
    try:
        with AsyncResource("sync-with", log):
            pass
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)


asyncio.run(main())
