# A trace or profile function that appears (or goes) in the middle of an
# instruction, set by code the instruction ran: a __del__ run by a store, a
# property getter, __eq__ of a comparison, __add__ of a binary op, a key
# function called by sorted(), a generator's body, another thread, a tracer
# itself (sys.call_tracing, settrace(None)). CPython 3.11 sees the change at
# the very next instruction; the 'opcode' events' f_lasti show exactly where.
import sys
import threading

events = []


def local(frame, event, arg):
    if frame.f_globals is globals():
        events.append((event, frame.f_code.co_name, frame.f_lasti if event == "opcode" else frame.f_lineno))
    return local


def glob(frame, event, arg):
    if frame.f_globals is not globals():
        return None
    events.append((event, frame.f_code.co_name, frame.f_lineno))
    frame.f_trace_opcodes = True
    return local


def start_here(depth=2):
    # The frame that is running the instruction gets a local tracer (a frame
    # already running when settrace is called has none) and opcode events.
    f = sys._getframe(depth)
    f.f_trace = local
    f.f_trace_opcodes = True
    sys.settrace(glob)


def report(label):
    sys.settrace(None)
    print(label, len(events))
    for e in events[:12]:
        print("   ", e)
    del events[:]


class Dying:
    def __del__(self):
        start_here()


def by_del():
    d = Dying()
    d = None
    x = len("abc")
    return x + 1


class Prop:
    @property
    def p(self):
        start_here()
        return 5


def by_property():
    o = Prop()
    v = o.p
    w = v * 2
    return w


class Eq:
    def __eq__(self, other):
        start_here()
        return True

    def __add__(self, other):
        start_here()
        return 7


def by_compare():
    a = Eq()
    r = a == 3
    s = not r
    return s


def by_binary():
    a = Eq()
    r = a + 1
    return r - 1


def by_sorted_key():
    calls = []

    def key(v):
        if not calls:
            start_here(2)
        calls.append(v)
        return -v

    r = sorted([3, 1, 2], key=key)
    t = r[0]
    return t


def gen():
    d = Dying()
    yield 1
    d = None
    yield 2
    yield 3


def by_generator():
    g = gen()
    a = next(g)
    b = next(g)
    c = next(g)
    return a + b + c


# ---- profile functions: c_call of the next builtin call shows the timing ----
pevents = []


def prof(frame, event, arg):
    if event.startswith("c_"):
        pevents.append((event, arg.__name__))
    elif frame.f_globals is globals():
        pevents.append((event, frame.f_code.co_name))


class DyingProf:
    def __del__(self):
        sys.setprofile(prof)


def profile_by_del():
    d = DyingProf()
    d = None
    n = len("ab")
    m = abs(-n)
    return m


def preport(label):
    sys.setprofile(None)
    print(label, pevents)
    del pevents[:]


# ---- a tracer going away in the middle of an instruction ----
class Remover:
    def __del__(self):
        sys.settrace(None)


def removed_by_del():
    r = Remover()
    a = 1
    r = None
    b = 2
    return a + b


def removing_tracer(frame, event, arg):
    if frame.f_globals is globals():
        events.append((event, frame.f_code.co_name, frame.f_lineno))
        if event == "line" and frame.f_lineno == removed_by_tracer.__code__.co_firstlineno + 2:
            sys.settrace(None)
            frame.f_trace = None
    return removing_tracer


def removed_by_tracer():
    a = 1
    b = 2
    c = 3
    return a + b + c


# ---- sys.call_tracing: code run by a tracer is traced again ----
def inner_work():
    x = 1
    return x + 1


def calling_tracer(frame, event, arg):
    if frame.f_globals is globals():
        events.append((event, frame.f_code.co_name, frame.f_lineno))
        if event == "call" and frame.f_code.co_name == "outer_work":
            events.append(("call_tracing ->", sys.call_tracing(inner_work, ()), 0))
            events.append(("untraced ->", inner_work(), 0))
    return calling_tracer


def outer_work():
    y = 2
    return y


# ---- another thread traces; this one does not ----
def thread_body(out):
    def t(frame, event, arg):
        if frame.f_globals is globals():
            out.append((event, frame.f_code.co_name))
        return t

    sys.settrace(t)
    inner_work()
    sys.settrace(None)


def main():
    print("by_del", by_del()); report("  events")
    print("by_property", by_property()); report("  events")
    print("by_compare", by_compare()); report("  events")
    print("by_binary", by_binary()); report("  events")
    print("by_sorted_key", by_sorted_key()); report("  events")
    print("by_generator", by_generator()); report("  events")
    print("profile_by_del", profile_by_del()); preport("  events")

    sys.settrace(removing_tracer)
    print("removed_by_del", removed_by_del()); report("  events")
    sys.settrace(removing_tracer)
    print("removed_by_tracer", removed_by_tracer()); report("  events")

    sys.settrace(calling_tracer)
    outer_work()
    report("call_tracing")

    out = []
    th = threading.Thread(target=thread_body, args=(out,))
    th.start()
    th.join()
    print("other thread", out)
    print("untraced here", inner_work(), events)
    sys.settrace(glob)
    inner_work()
    report("traced here again")


main()
