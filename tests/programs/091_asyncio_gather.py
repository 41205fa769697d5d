# asyncio.run with interpreted coroutines: gather (ordering of results vs
# completion), sleep(0) interleaving, return_exceptions, nested gathers,
# exceptions propagating out of asyncio.run, and run() return values.
import asyncio

log = []


async def step(name, n):
    for i in range(n):
        log.append(f"{name}{i}")
        await asyncio.sleep(0)
    return f"{name} finished after {n}"


async def main():
    results = await asyncio.gather(step("a", 3), step("b", 1), step("c", 2))
    print(results)
    print(log)
    log.clear()
    r = await asyncio.gather(*(step(str(i), i) for i in range(4)))
    print(r, log)
    return "main result"


print(asyncio.run(main()))


async def fails(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def with_exceptions():
    res = await asyncio.gather(step("x", 1), fails("bad one"), step("y", 2), return_exceptions=True)
    print([type(r).__name__ + ":" + str(r) for r in res])
    try:
        await asyncio.gather(step("z", 1), fails("propagates"))
    except ValueError as e:
        print("gather raised", e)


asyncio.run(with_exceptions())


async def nested():
    async def inner(k):
        await asyncio.sleep(0)
        return k * k

    groups = await asyncio.gather(asyncio.gather(inner(1), inner(2)), asyncio.gather(inner(3)))
    return groups


print(asyncio.run(nested()))


async def top_level_error():
    await asyncio.sleep(0)
    raise KeyError("escapes asyncio.run")


try:
    asyncio.run(top_level_error())
except KeyError as e:
    print("KeyError", e)


async def fib(n):
    if n < 2:
        return n
    a, b = await asyncio.gather(fib(n - 1), fib(n - 2))
    return a + b


print(asyncio.run(fib(10)))


async def producer_consumer_order():
    order = []

    async def ping():
        for i in range(3):
            order.append(f"ping{i}")
            await asyncio.sleep(0)

    async def pong():
        for i in range(3):
            order.append(f"pong{i}")
            await asyncio.sleep(0)

    await asyncio.gather(ping(), pong())
    return order


print(asyncio.run(producer_consumer_order()))


async def returns_from_sleep():
    v = await asyncio.sleep(0, result="sleep result")
    return v


print(asyncio.run(returns_from_sleep()))


async def get_loop_info():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "future resolved by call_soon")
    return await fut


print(asyncio.run(get_loop_info()))
try:
    asyncio.run(5)
except ValueError as e:
    print("ValueError", e)
