# __call__, context-manager protocol (__enter__/__exit__ return values,
# exception info passed to __exit__, suppression), and __del__-free resource
# patterns; callable objects used as keys/callbacks by builtins.


class Multiplier:
    def __init__(self, k):
        self.k = k
        self.calls = 0

    def __call__(self, x, *rest, scale=1):
        self.calls += 1
        return (x * self.k + sum(rest)) * scale


m = Multiplier(3)
print(m(2), m(2, 1, 1), m(1, scale=10), m.calls, callable(m), list(map(m, [1, 2])), sorted([3, 1, 2], key=Multiplier(-1)))


class Resource:
    log = []

    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        Resource.log.append(f"enter {self.name}")
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        Resource.log.append(f"exit {self.name} {exc_type.__name__ if exc_type else None} {exc!r} tb={tb is not None}")
        return self.suppress


with Resource("a") as value:
    Resource.log.append(f"body {value}")
print(Resource.log)
Resource.log.clear()
try:
    with Resource("b"):
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e)
with Resource("c", suppress=True):
    raise KeyError("suppressed")
print("after suppressed")
print(Resource.log)
Resource.log.clear()
with Resource("outer") as o, Resource("inner", suppress=True) as i:
    Resource.log.append(f"body {o} {i}")
    1 / 0
print(Resource.log)
Resource.log.clear()


def early_return():
    with Resource("ret"):
        return "returned"


def in_loop():
    out = []
    for i in range(3):
        with Resource(f"loop{i}"):
            if i == 1:
                continue
            if i == 2:
                break
            out.append(i)
    return out


print(early_return(), in_loop(), Resource.log)
Resource.log.clear()


class NoEnter:
    def __exit__(self, *a):
        pass


class NoExit:
    def __enter__(self):
        return self


for obj in (NoEnter(), NoExit(), 5):
    try:
        with obj:
            pass
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)


class ExitRaises:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        raise RuntimeError("from __exit__")


try:
    with ExitRaises():
        raise ValueError("original")
except RuntimeError as e:
    print("RuntimeError", e, "context:", repr(e.__context__))


class EnterRaises:
    def __enter__(self):
        raise OSError("enter failed")

    def __exit__(self, *a):
        print("exit should not run")


try:
    with EnterRaises():
        print("body should not run")
except OSError as e:
    print("OSError", e)


class Reentrant:
    def __init__(self):
        self.depth = 0

    def __enter__(self):
        self.depth += 1
        return self.depth

    def __exit__(self, *a):
        self.depth -= 1


r = Reentrant()
with r as d1:
    with r as d2:
        print("depths", d1, d2, r.depth)
print("final depth", r.depth)


class Transaction:
    def __init__(self, store):
        self.store = store

    def __enter__(self):
        self.snapshot = dict(self.store)
        return self.store

    def __exit__(self, et, e, tb):
        if et is not None:
            self.store.clear()
            self.store.update(self.snapshot)
            print("rolled back because", et.__name__)
        return et is KeyError


store = {"x": 1}
with Transaction(store) as st:
    st["x"] = 2
    st["y"] = 3
print(store)
with Transaction(store) as st:
    st["x"] = 100
    raise KeyError("abort")
print(store)
try:
    with Transaction(store) as st:
        st["z"] = 0
        raise ValueError("not suppressed")
except ValueError:
    print("ValueError escaped", store)


class Callback:
    def __init__(self):
        self.seen = []

    def __call__(self, match):
        self.seen.append(match.group(0))
        return match.group(0)[::-1]


import re  # noqa: E402

cb = Callback()
print(re.sub(r"\w+", cb, "hello big world"), cb.seen)
