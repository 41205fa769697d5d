# sys.setprofile / threading.setprofile / threading.settrace: call/return of
# interpreted frames, c_call/c_return/c_exception of builtins called from them.
import sys
import threading


def name_of(arg):
    return getattr(arg, "__qualname__", type(arg).__name__)


events = []


def profiler(frame, event, arg):
    if event.startswith("c_"):
        a = name_of(arg)
    elif event == "return":
        a = arg if isinstance(arg, (int, str, type(None), list, tuple)) else type(arg).__name__
    else:
        a = None
    events.append((event, frame.f_code.co_name, frame.f_lineno, a))


def dump(label):
    print("==", label)
    for e in events:
        print("  ", *e)
    del events[:]


def leaf(x):
    return len(x)


def builtins_used(items):
    out = []
    for i in items:
        out.append(abs(i))
    out.sort()
    s = sorted(out, key=lambda v: -v)
    n = leaf(s)
    m = max(*s)
    d = dict.fromkeys("ab")
    return n, m, sorted(d), "".join(["x", "y"])


def failing():
    try:
        int("nope")
    except ValueError:
        pass
    try:
        [].pop()
    except IndexError as e:
        return str(e)


def gen():
    yield 1
    yield 2


def with_gen():
    return list(gen()) + [next(iter([3]))]


def star_call():
    args = ([3, 1, 2],)
    a = sorted(*args)
    b = list.copy(*args)
    kw = {"reverse": True}
    c = sorted([1, 2], **kw)
    return a, b, c


class Box:
    def __init__(self, v):
        self.v = v

    @property
    def double(self):
        return self.v * 2

    def __len__(self):
        return 7


def methods():
    b = Box(4)
    return b.double, len(b), isinstance(b, Box)


for fn, args in [(builtins_used, ([-3, 1, -2],)), (failing, ()), (with_gen, ()),
                 (star_call, ()), (methods, ())]:
    sys.setprofile(profiler)
    r = fn(*args)
    sys.setprofile(None)
    print("result", r)
    dump(fn.__name__)

# threading.setprofile / settrace apply to threads started afterwards.
tevents = []


def ttrace(frame, event, arg):
    tevents.append((event, frame.f_code.co_name, frame.f_lineno))
    return ttrace


def tprofile(frame, event, arg):
    tevents.append(("P-" + event, frame.f_code.co_name, name_of(arg) if event.startswith("c_") else None))


def work(n):
    t = 0
    for i in range(n):
        t += i
    return t


def in_thread(fn):
    res = []
    th = threading.Thread(target=lambda: res.append(fn(3)))
    th.start()
    th.join()
    return res


threading.settrace(ttrace)
print("thread result", in_thread(work))
threading.settrace(None)
print([e for e in tevents if e[1] in ("work", "<lambda>")])
del tevents[:]
threading.setprofile(tprofile)
print("thread result", in_thread(work))
threading.setprofile(None)
print([e for e in tevents if e[1] in ("work", "<lambda>")])
print(sys.getprofile())
