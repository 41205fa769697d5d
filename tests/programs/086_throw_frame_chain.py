# gen.throw()/coro.throw() through `yield from`/`await`: while the exception
# is thrown into the inner generator, the delegating frame is its f_back
# (CPython's _gen_throw links it into the frame chain).
import sys
import types


def chain():
    f = sys._getframe(1)
    names = []
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names


def inner():
    try:
        yield 1
    except ValueError:
        print("inner caught, chain:", chain())
        yield 2
    try:
        yield 3
    except KeyError:
        print("inner caught again, chain:", chain())
        raise


def middle():
    yield from inner()


def outer():
    r = yield from middle()
    return r


g = outer()
print(next(g))
print(g.throw(ValueError))
print(next(g))
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print("traceback:", names)


@types.coroutine
def suspend():
    try:
        yield "suspended"
    except RuntimeError:
        print("coroutine inner caught, chain:", chain())
        yield "resumed"


async def leaf():
    return await suspend()


async def root():
    await leaf()


c = root()
print(c.send(None))
print(c.throw(RuntimeError))
c.close()

# A delegate that is not a generator: no frame linking, the chain is the caller's.
class It:
    def __iter__(self):
        return self

    def __next__(self):
        return "it"

    def throw(self, *a):
        print("It.throw chain:", chain()[:2])
        return "thrown"


def deleg():
    yield from It()


d = deleg()
print(next(d))
print(d.throw(ValueError))
d.close()
print("done")
