# Function defaults: evaluation time, mutable default pitfalls, None idiom,
# defaults referencing earlier names, __defaults__ mutation, *args/**kwargs.

counter = 0


def next_id():
    global counter
    counter += 1
    return counter


def f(a, b=next_id(), c=next_id()):
    return a, b, c


print(f(0), f(0, 5), f(0, c=9), counter)


def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket


print(append_to(1), append_to(2), append_to(3, []), append_to(4))


def append_safe(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket


print(append_safe(1), append_safe(2))
base = 10


def g(x, y=base * 2, z=[base]):
    return x + y + z[0]


base = 1000
print(g(1), g(1, 0), g.__defaults__)
g.__defaults__ = (1, [2])
print(g(1), g.__defaults__)


def h(*args, **kwargs):
    return f"args={args} kwargs={sorted(kwargs.items())}"


print(h())
print(h(1, 2))
print(h(a=1))
print(h(1, b=2, *[3, 4], **{"c": 5}))


def mixed(a, b=2, *rest, key="k", **extra):
    return (a, b, rest, key, sorted(extra.items()))


print(mixed(1))
print(mixed(1, 3, 5, 7))
print(mixed(1, key="z", other=0))
print(mixed(*range(5), **{"key": None, "x": 1}))
print(mixed(a=5), mixed(b=1, a=2))


def none_default(x=None, *, flag=False):
    return "none" if x is None else x, flag


print(none_default(), none_default(0), none_default(flag=True), none_default([], flag=1))


def default_expr(a, b=lambda: "lazy", c=(1, 2), d={"k": "v"}, e=len("four")):
    return a, b(), c, d, e


print(default_expr(0))
print(f.__defaults__, mixed.__defaults__, mixed.__kwdefaults__, h.__defaults__, none_default.__kwdefaults__)
mixed.__kwdefaults__ = {"key": "patched"}
print(mixed(0))


def recurse_with_default(n, acc=()):
    if n == 0:
        return acc
    return recurse_with_default(n - 1, acc + (n,))


print(recurse_with_default(5))


def counter_fn(step=1, _state={"n": 0}):
    _state["n"] += step
    return _state["n"]


print([counter_fn() for _ in range(3)], counter_fn(10))


class Config:
    def __init__(self, name="default", options=None, *, verbose=False):
        self.name = name
        self.options = dict(options or {})
        self.verbose = verbose

    def describe(self, prefix="cfg", sep=":"):
        return f"{prefix}{sep}{self.name}{sep}{sorted(self.options.items())}{sep}{self.verbose}"


print(Config().describe(), Config("x", {"a": 1}, verbose=True).describe(sep="/"))
print(Config.__init__.__defaults__, Config.__init__.__kwdefaults__, Config.describe.__defaults__)


def kwargs_only(**kw):
    return sorted(kw)


print(kwargs_only(**{"z": 1, "a": 2}), kwargs_only(**dict.fromkeys("cab")))
print((lambda x, y=3, *a, k=4, **kw: (x, y, a, k, kw))(1, 2, 3, k=5, q=6))
