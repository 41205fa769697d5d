# Async generators: async for over them, asend/athrow/aclose, return-less
# termination (StopAsyncIteration), finally blocks on aclose, awaiting inside
# the generator, anext()/aiter() builtins, and errors (RuntimeError for
# ignoring GeneratorExit).
import asyncio


async def ticker(n, log):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            log.append(f"yield {i}")
            yield i
    finally:
        log.append("ticker finally")


async def echo(log):
    value = None
    try:
        while True:
            try:
                received = yield value
                value = f"echo:{received}"
            except ValueError as e:
                value = f"handled {e}"
    finally:
        log.append("echo closed")


async def main():
    log = []
    async for v in ticker(3, log):
        log.append(f"got {v}")
    print(log)
    log.clear()
    agen = ticker(5, log)
    print(hasattr(agen, "asend"), hasattr(agen, "__anext__"), hasattr(agen, "send"))
    print(await agen.__anext__(), await anext(agen), await anext(aiter(agen)))
    await agen.aclose()
    print(log)
    print(await anext(agen, "exhausted default"))
    try:
        await anext(agen)
    except StopAsyncIteration:
        print("StopAsyncIteration after aclose")
    log.clear()
    e = echo(log)
    print(await e.asend(None))
    print(await e.asend("hello"))
    print(await e.asend("world"))
    print(await e.athrow(ValueError("bad value")))
    print(await e.asend("again"))
    await e.aclose()
    print(log)
    try:
        await e.asend("after close")
    except StopAsyncIteration:
        print("asend on closed generator -> StopAsyncIteration")

    async def athrow_unhandled():
        yield 1
        yield 2

    ag = athrow_unhandled()
    await anext(ag)
    try:
        await ag.athrow(KeyError("not handled"))
    except KeyError as err:
        print("KeyError propagated", err)

    async def ignores_exit():
        try:
            yield 1
        except GeneratorExit:
            yield 2

    ig = ignores_exit()
    await anext(ig)
    try:
        await ig.aclose()
    except RuntimeError as err:
        print("RuntimeError", err)
    await anext(ig, None)

    async def countdown(n):
        while n > 0:
            yield n
            n -= 1

    print([x async for x in countdown(4)])
    total = 0
    async for x in countdown(10):
        if x == 7:
            continue
        if x < 3:
            break
        total += x
    else:
        total = -1
    print("total", total)

    async def pipeline_src():
        for w in ["a", "bb", "ccc", "dd"]:
            yield w

    async def lengths(src):
        async for w in src:
            yield len(w)

    async def only_even(src):
        async for v in src:
            if v % 2 == 0:
                yield v

    print([v async for v in only_even(lengths(pipeline_src()))])

    async def returns_early():
        yield "first"
        return
        yield "never"  # noqa

    print([v async for v in returns_early()])

    async def stop_async_inside():
        yield 1
        raise StopAsyncIteration

    try:
        print([v async for v in stop_async_inside()])
    except RuntimeError as err:
        print("RuntimeError", err)


asyncio.run(main())


async def agen_with_await_in_finally(log):
    try:
        yield "x"
    finally:
        await asyncio.sleep(0)
        log.append("awaited in finally")


async def second():
    log = []
    g = agen_with_await_in_finally(log)
    async for v in g:
        log.append(v)
        break
    await g.aclose()
    print(log)


asyncio.run(second())
