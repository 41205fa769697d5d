# The order in which a finished frame releases what it holds, seen through
# __del__ and weakref callbacks: locals in slot order (arguments, then
# locals in order of first assignment, then cells) when a function returns
# or raises, values left on the stack by an exception first (top first),
# and the same for generator frames that finish or are closed.
import gc
import weakref

log = []


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append("del " + self.name)


class Plain:
    pass


def take(title):
    print(title, log)
    log.clear()


def returns(p, q):
    a = Noisy("a")
    b = Noisy("b")
    c = Noisy("c")
    return None


returns(Noisy("p"), Noisy("q"))
take("return:")


def reassigned():
    z = Noisy("z")
    y = Noisy("y")
    x = Noisy("x")
    z = Noisy("z2")  # the old z dies here, z2 at the end
    return 1


reassigned()
take("reassigned:")


def raises():
    a = Noisy("a")
    b = Noisy("b")
    return [Noisy("s1"), Noisy("s2"), 1 / 0]


try:
    raises()
except ZeroDivisionError:
    pass
take("raise with values on the stack:")


def with_cell():
    a = Noisy("a")
    cell = Noisy("cell")
    b = Noisy("b")

    def inner():
        return cell

    return None


with_cell()
take("cell variable:")


def weak():
    objs = [Plain() for _ in range(3)]
    first, second, third = objs
    del objs
    refs = [weakref.ref(o, lambda r, n=n: log.append("cb " + n)) for o, n in
            zip((first, second, third), ("first", "second", "third"))]
    return refs


refs = weak()
take("weakref callbacks:")


def gen():
    a = Noisy("ga")
    b = Noisy("gb")
    yield 1
    c = Noisy("gc")
    yield 2


list(gen())
take("generator run to the end:")
g = gen()
next(g)
g.close()
take("generator closed:")
g = gen()
next(g)
next(g)
del g
gc.collect()
take("suspended generator dropped:")


class Holder:
    def method(self, *args, **kwargs):
        k = Noisy("local")
        return None


Holder().method(Noisy("arg1"), Noisy("arg2"), kw=Noisy("kw"))
take("*args and **kwargs:")
