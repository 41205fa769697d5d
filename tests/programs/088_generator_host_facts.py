# Facts about generator objects that must agree with the host's own types:
# sys.getsizeof (CPython's gen_sizeof), gc.is_tracked, no ag_suspended on
# async generators (3.11), and a finished generator's frame has f_back None
# (gen_send_ex2 unlinks the frame before clearing it).
import gc
import sys


def small():
    yield 1


def bigger(a, b, *rest, **kw):
    c = d = e = a
    for x in rest:
        yield [c, d, e, x, b, kw]


async def co(n):
    return n


async def agen(n):
    for i in range(n):
        yield i


objects = [small(), bigger(1, 2), bigger(1, 2, 3, 4, k=5), co(1), agen(2)]
for o in objects:
    print(type(o).__name__, sys.getsizeof(o), o.__sizeof__(), gc.is_tracked(o))
g = small()
next(g)
next(g, None)
print("finished generator size:", sys.getsizeof(g))
for o in objects[:4]:
    o.close()

a = agen(1)
print("ag_suspended:", hasattr(a, "ag_suspended"), "| gi_suspended:", hasattr(small(), "gi_suspended"))
c = co(0)
print("cr_suspended:", hasattr(c, "cr_suspended"))
c.close()


def frames():
    yield sys._getframe()
    yield sys._getframe()


def raising():
    yield sys._getframe()
    raise ValueError("x")


g = frames()
f = next(g)
print("suspended f_back:", f.f_back)
print("same frame, suspended again:", g.send(None) is f, f.f_back)
print(list(g), "finished f_back:", f.f_back)

g = raising()
f = next(g)
try:
    next(g)
except ValueError:
    pass
print("after raise f_back:", f.f_back)

g = frames()
f = next(g)
g.close()
print("after close f_back:", f.f_back)


def watcher():
    while True:
        frame = sys._getframe()
        print("while running, f_back names the caller:", frame.f_back.f_code.co_name)
        yield frame


def driver():
    w = watcher()
    fr = next(w)
    w.close()
    return fr


fr = driver()
print("closed watcher f_back:", fr.f_back)
