# The first call of a function creates no new gc-tracked object (the
# program a function runs is attached without one): gc.get_objects() counts
# the same before and after, as test_descr.test_slots checks.
import gc


class A:
    def __eq__(self, other):
        return True


def plain(a, b, *args, c=1, **kw):
    x = a + b
    return x


def make_closure():
    v = 1

    def inner():
        return v

    return inner


def measure(action):
    gc.collect()
    before = len(gc.get_objects())
    action()
    after = len(gc.get_objects())
    return after - before


g = A()
closure = make_closure()
print("dunder called by the host:", measure(lambda: g == g))
print("plain function:", measure(lambda: plain(1, 2)))
print("closure:", measure(closure))
print("again:", measure(lambda: g == g), measure(lambda: plain(1, 2)))
