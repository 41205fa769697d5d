# asyncio tasks and queues: create_task, task names/results/done(),
# cancellation (CancelledError inside the coroutine, cleanup in finally),
# asyncio.Queue producer/consumer with join(), Event, Lock, Semaphore,
# as_completed/wait with deterministic sleep(0) scheduling.
import asyncio


async def worker(name, q, results):
    while True:
        item = await q.get()
        try:
            if item is None:
                results.append(f"{name} stop")
                return
            results.append(f"{name} handles {item}")
            await asyncio.sleep(0)
        finally:
            q.task_done()


async def queues():
    q = asyncio.Queue()
    results = []
    workers = [asyncio.create_task(worker(f"w{i}", q, results), name=f"worker-{i}") for i in range(2)]
    for item in range(5):
        await q.put(item)
    for _ in workers:
        await q.put(None)
    await q.join()
    await asyncio.gather(*workers)
    print(results)
    print([w.get_name() for w in workers], [w.done() for w in workers], q.empty(), q.qsize())


asyncio.run(queues())


async def cancellable(log):
    try:
        while True:
            log.append("tick")
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        log.append("cancelled inside")
        raise
    finally:
        log.append("finally")


async def cancellation():
    log = []
    t = asyncio.create_task(cancellable(log))
    for _ in range(3):
        await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log.append("awaiter saw CancelledError")
    print(log, t.cancelled(), t.done())


asyncio.run(cancellation())


async def value_after(v, rounds):
    for _ in range(rounds):
        await asyncio.sleep(0)
    return v


async def completion_order():
    tasks = [asyncio.create_task(value_after(name, r)) for name, r in [("slow", 4), ("fast", 1), ("mid", 2)]]
    order = []
    for fut in asyncio.as_completed(tasks):
        order.append(await fut)
    print("as_completed:", order)
    t1 = asyncio.create_task(value_after("a", 1))
    t2 = asyncio.create_task(value_after("b", 5))
    done, pending = await asyncio.wait({t1, t2}, return_when=asyncio.FIRST_COMPLETED)
    print("wait first:", sorted(t.result() for t in done), len(pending))
    await asyncio.wait(pending)
    print("then:", t2.result(), [t.done() for t in (t1, t2)])


asyncio.run(completion_order())


async def sync_primitives():
    lock = asyncio.Lock()
    shared = []

    async def critical(name):
        async with lock:
            shared.append(f"{name} in")
            await asyncio.sleep(0)
            shared.append(f"{name} out")

    await asyncio.gather(critical("A"), critical("B"), critical("C"))
    print(shared)
    event = asyncio.Event()
    seen = []

    async def waiter(n):
        await event.wait()
        seen.append(n)

    ws = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("before set", seen, event.is_set())
    event.set()
    await asyncio.gather(*ws)
    print("after set", sorted(seen))
    sem = asyncio.Semaphore(2)
    active = []
    peak = [0]

    async def limited(i):
        async with sem:
            active.append(i)
            peak[0] = max(peak[0], len(active))
            await asyncio.sleep(0)
            active.remove(i)

    await asyncio.gather(*(limited(i) for i in range(5)))
    print("peak concurrency", peak[0])


asyncio.run(sync_primitives())


async def task_exception():
    async def boom():
        await asyncio.sleep(0)
        raise RuntimeError("task failed")

    t = asyncio.create_task(boom())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(t.done(), type(t.exception()).__name__, t.exception())
    try:
        t.result()
    except RuntimeError as e:
        print("result() re-raises", e)


asyncio.run(task_exception())


async def callbacks():
    order = []
    t = asyncio.create_task(value_after("cb", 1))
    t.add_done_callback(lambda task: order.append(f"callback saw {task.result()}"))
    await t
    await asyncio.sleep(0)
    loop = asyncio.get_running_loop()
    loop.call_soon(order.append, "call_soon 1")
    loop.call_soon(order.append, "call_soon 2")
    await asyncio.sleep(0)
    print(order)


asyncio.run(callbacks())


async def queue_bounds():
    q = asyncio.Queue(maxsize=2)
    await q.put(1)
    q.put_nowait(2)
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("QueueFull", q.full())
    print(await q.get(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "a"), (2, "b")]:
        await pq.put(item)
    print([await pq.get() for _ in range(3)])
    lq = asyncio.LifoQueue()
    for i in range(3):
        lq.put_nowait(i)
    print([lq.get_nowait() for _ in range(3)])


asyncio.run(queue_bounds())
