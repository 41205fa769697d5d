# Timeouts on fast operations: asyncio.wait_for that completes in time,
# wait_for with an already-finished awaitable, a deterministic timeout (a
# task that never completes: Event never set), asyncio.timeout() (3.11),
# shield, and TimeoutError handling with cleanup.
import asyncio


async def quick(v):
    await asyncio.sleep(0)
    return v * 2


async def never(log):
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        log.append("never() cancelled by timeout")
        raise


async def main():
    print(await asyncio.wait_for(quick(21), timeout=10))
    print(await asyncio.wait_for(quick(1), timeout=None))
    log = []
    try:
        await asyncio.wait_for(never(log), timeout=0.01)
    except asyncio.TimeoutError as e:
        print("TimeoutError", type(e).__name__, e.args, log)
    try:
        async with asyncio.timeout(0.01):
            await never(log)
    except TimeoutError:
        print("asyncio.timeout raised TimeoutError", log)
    async with asyncio.timeout(10) as cm:
        r = await quick(5)
    print("within timeout", r, cm.expired())
    async with asyncio.timeout(None) as cm2:
        await asyncio.sleep(0)
    print("no deadline", cm2.when())
    inner = asyncio.create_task(quick(50))
    shielded = await asyncio.shield(inner)
    print("shield result", shielded)
    fut = asyncio.get_running_loop().create_future()
    fut.set_result("already done")
    print(await asyncio.wait_for(fut, timeout=0))
    t = asyncio.create_task(never(log))
    done, pending = await asyncio.wait({t}, timeout=0.01)
    print("wait timeout", len(done), len(pending))
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print(log[-1], t.cancelled())
    results = await asyncio.gather(*(asyncio.wait_for(quick(i), 5) for i in range(4)))
    print(results)


asyncio.run(main())


async def cleanup_on_timeout():
    state = []

    async def resource_user():
        state.append("acquired")
        try:
            await asyncio.Event().wait()
        finally:
            state.append("released")

    try:
        await asyncio.wait_for(resource_user(), 0.01)
    except asyncio.TimeoutError:
        state.append("timed out")
    return state


print(asyncio.run(cleanup_on_timeout()))
print(issubclass(asyncio.TimeoutError, TimeoutError), asyncio.TimeoutError is TimeoutError)
