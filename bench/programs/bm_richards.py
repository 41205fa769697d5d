"""Class-heavy scheduler in the style of Martin Richards' classic OS
simulation benchmark: six tasks (idle, worker, two handlers, two devices)
exchange packets through a priority scheduler. Exercises objects with
several attributes, polymorphic method calls and linked lists.
Written from the description of the algorithm; with a count of 10000 the
classic reference numbers are 23246 packets queued and 9297 holds."""

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1
BUFFER_SIZE = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFFER_SIZE

    def append_to(self, queue):
        # Appends self at the end of the list `queue`; returns the new head.
        self.link = None
        if queue is None:
            return self
        p = queue
        while p.link is not None:
            p = p.link
        p.link = self
        return queue


class Task:
    def __init__(self, sched, ident, priority, queue, pending, waiting):
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.packet_pending = pending
        self.waiting = waiting
        self.holding = False
        self.next = sched.head
        sched.head = self
        sched.tasks[ident] = self

    def blocked(self):
        return self.holding or (not self.packet_pending and self.waiting)

    def take_packet(self):
        # A waiting task with a packet takes the first one off its queue.
        if self.packet_pending and self.waiting and not self.holding:
            pkt = self.queue
            self.queue = pkt.link
            self.waiting = False
            self.packet_pending = self.queue is not None
            return pkt
        return None

    def add_packet(self, pkt, current):
        if self.queue is None:
            self.queue = pkt
            self.packet_pending = True
            if self.priority > current.priority:
                return self
        else:
            self.queue = pkt.append_to(self.queue)
        return current


class IdleTask(Task):
    def __init__(self, sched, count):
        Task.__init__(self, sched, IDLE, 0, None, False, False)
        self.control = 1
        self.count = count

    def run(self, pkt):
        self.count -= 1
        if self.count == 0:
            return self.sched.hold_self()
        if self.control & 1 == 0:
            self.control >>= 1
            return self.sched.release(DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return self.sched.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, sched, queue):
        Task.__init__(self, sched, WORKER, 1000, queue, True, True)
        self.destination = HANDLER_A
        self.count = 0

    def run(self, pkt):
        if pkt is None:
            return self.sched.wait()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        pkt.ident = self.destination
        pkt.datum = 0
        for i in range(BUFFER_SIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            pkt.data[i] = 64 + self.count
        return self.sched.queue_packet(pkt)


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        Task.__init__(self, sched, ident, priority, queue, True, True)
        self.work_in = None
        self.device_in = None

    def run(self, pkt):
        if pkt is not None:
            if pkt.kind == KIND_WORK:
                self.work_in = pkt.append_to(self.work_in)
            else:
                self.device_in = pkt.append_to(self.device_in)
        work = self.work_in
        if work is not None:
            n = work.datum
            if n >= BUFFER_SIZE:
                self.work_in = work.link
                return self.sched.queue_packet(work)
            dev = self.device_in
            if dev is not None:
                self.device_in = dev.link
                dev.datum = work.data[n]
                work.datum = n + 1
                return self.sched.queue_packet(dev)
        return self.sched.wait()


class DeviceTask(Task):
    def __init__(self, sched, ident, priority):
        Task.__init__(self, sched, ident, priority, None, False, True)
        self.pending = None

    def run(self, pkt):
        if pkt is None:
            pending = self.pending
            if pending is None:
                return self.sched.wait()
            self.pending = None
            return self.sched.queue_packet(pending)
        self.pending = pkt
        self.sched.trace(pkt.datum)
        return self.sched.hold_self()


class Scheduler:
    def __init__(self):
        self.head = None
        self.tasks = [None] * 6
        self.current = None
        self.queue_count = 0
        self.hold_count = 0
        self.trace_sum = 0

    # Operations a task asks for; each returns the task to run next.
    def wait(self):
        self.current.waiting = True
        return self.current

    def hold_self(self):
        self.hold_count += 1
        self.current.holding = True
        return self.current.next

    def release(self, ident):
        t = self.tasks[ident]
        t.holding = False
        if t.priority > self.current.priority:
            return t
        return self.current

    def queue_packet(self, pkt):
        t = self.tasks[pkt.ident]
        self.queue_count += 1
        pkt.link = None
        pkt.ident = self.current.ident
        return t.add_packet(pkt, self.current)

    def trace(self, datum):
        self.trace_sum = (self.trace_sum * 3 + datum) % 1000003

    def run(self):
        t = self.head
        while t is not None:
            if t.blocked():
                t = t.next
            else:
                self.current = t
                t = t.run(t.take_packet())


def richards(count):
    s = Scheduler()
    IdleTask(s, count)
    q = Packet(None, 0, KIND_WORK)
    q = Packet(q, 0, KIND_WORK)
    WorkerTask(s, q)
    q = Packet(None, DEVICE_A, KIND_DEVICE)
    q = Packet(q, DEVICE_A, KIND_DEVICE)
    q = Packet(q, DEVICE_A, KIND_DEVICE)
    HandlerTask(s, HANDLER_A, 2000, q)
    q = Packet(None, DEVICE_B, KIND_DEVICE)
    q = Packet(q, DEVICE_B, KIND_DEVICE)
    q = Packet(q, DEVICE_B, KIND_DEVICE)
    HandlerTask(s, HANDLER_B, 3000, q)
    DeviceTask(s, DEVICE_A, 4000)
    DeviceTask(s, DEVICE_B, 5000)
    s.run()
    return s.queue_count, s.hold_count, s.trace_sum


def main():
    results = [richards(10000) for _ in range(30)]
    qc, hc, ts = results[0]
    assert all(r == results[0] for r in results)
    assert (qc, hc) == (23246, 9297), (qc, hc)
    print("queued", qc, "held", hc, "trace", ts)
    print("checksum", qc * 100000 + hc + ts)


main()
