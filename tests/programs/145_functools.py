# functools: wraps/update_wrapper, partial (args, keywords, nesting,
# attributes), partialmethod, lru_cache (hits/misses, maxsize, typed,
# cache_clear), cache, reduce (with/without initial), total_ordering,
# singledispatch (registration by annotation/type, dispatch on MRO),
# singledispatchmethod, cached_property, cmp_to_key.
import functools
from functools import partial, reduce, lru_cache


def power(base, exp, *, mod=None):
    return pow(base, exp, mod) if mod else base ** exp


square = partial(power, exp=2)
cube_mod = partial(power, exp=3, mod=7)
two_to = partial(power, 2)
print(square(9), cube_mod(4), two_to(10), two_to(exp=3), square.func is power, square.args, square.keywords)
nested = partial(partial(power, 3), mod=5)
print(nested(4), nested.func is power, nested.args, nested.keywords)
print(list(map(partial(int, base=2), ["101", "111"])), sorted(["a10", "b2"], key=partial(lambda s, start: int(s[start:]), start=1)))


class Cell:
    def __init__(self):
        self.value = None

    def set(self, v):
        self.value = v
        return self

    set_on = functools.partialmethod(set, "on")
    set_off = functools.partialmethod(set, "off")


print(Cell().set_on().value, Cell().set_off().value)
calls = []


@lru_cache(maxsize=3)
def slow_square(n):
    calls.append(n)
    return n * n


for n in [1, 2, 1, 3, 4, 1, 2]:
    slow_square(n)
print(calls, slow_square.cache_info())
slow_square.cache_clear()
print(slow_square.cache_info(), slow_square.__wrapped__(5), slow_square.__name__)


@lru_cache(typed=True)
def typed_id(x):
    calls.append(("typed", x, type(x).__name__))
    return x


calls.clear()
typed_id(1)
typed_id(1.0)
typed_id(1)
print(calls, typed_id.cache_info().currsize)


@functools.cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(90), fib.cache_info().misses)
print(reduce(lambda a, b: a * b, range(1, 11)), reduce(lambda a, b: a + [b * 2], [1, 2, 3], []), reduce(max, [3, 9, 2]))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print("TypeError", e)


@functools.total_ordering
class Weight:
    def __init__(self, kg):
        self.kg = kg

    def __eq__(self, o):
        return self.kg == o.kg

    def __lt__(self, o):
        return self.kg < o.kg


print(Weight(1) <= Weight(2), Weight(3) > Weight(2), Weight(2) >= Weight(2), sorted([Weight(3), Weight(1)], key=lambda w: w)[0].kg)


@functools.singledispatch
def render(obj):
    return f"object:{obj!r}"


@render.register
def _(obj: int):
    return f"int:{obj}"


@render.register(list)
@render.register(tuple)
def _(obj):
    return "seq[" + ",".join(render(x) for x in obj) + "]"


@render.register(bool)
def _(obj):
    return "bool!" + str(obj)


class Base:
    pass


class Child(Base):
    pass


render.register(Base, lambda obj: f"Base-ish:{type(obj).__name__}")
print(render(5), render(True), render([1, (2, "x")]), render(3.5), render(Child()), render.dispatch(Child).__name__ if hasattr(render.dispatch(Child), "__name__") else "?")
print(sorted(t.__name__ for t in render.registry))


class Formatter:
    @functools.singledispatchmethod
    def fmt(self, arg):
        return f"generic {arg}"

    @fmt.register
    def _(self, arg: int):
        return f"int {arg:03d}"

    @fmt.register
    def _(self, arg: str):
        return f"str {arg.upper()}"


f = Formatter()
print(f.fmt(7), f.fmt("hi"), f.fmt(2.5))


class Data:
    computed = 0

    def __init__(self, items):
        self.items = items

    @functools.cached_property
    def total(self):
        Data.computed += 1
        return sum(self.items)


d = Data([1, 2, 3])
print(d.total, d.total, Data.computed, "total" in vars(d))
del d.total
print(d.total, Data.computed)


def compare_len_then_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)


print(sorted(["ccc", "a", "bb", "aa", "b"], key=functools.cmp_to_key(compare_len_then_alpha)))


def decorator(fn):
    @functools.wraps(fn, assigned=("__name__",), updated=())
    def wrapper(*a):
        return fn(*a)
    return wrapper


@decorator
def documented():
    """doc string"""


print(documented.__name__, documented.__doc__, hasattr(documented, "__wrapped__"))


def outer_fn():
    pass


def wrapper_fn():
    pass


functools.update_wrapper(wrapper_fn, outer_fn)
print(wrapper_fn.__name__, wrapper_fn.__wrapped__ is outer_fn, wrapper_fn.__qualname__)
print(functools.reduce(lambda acc, kv: {**acc, kv[0]: kv[1]}, [("a", 1), ("b", 2)], {}))
