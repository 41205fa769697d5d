# Lambdas: defaults, closures, immediately-invoked, in data structures,
# conditional bodies, recursion via names, sorting keys, and their metadata.
import functools

sq = lambda x: x * x  # noqa: E731
print(sq(7), sq.__name__, sq.__qualname__, (lambda: "iife")(), (lambda *a, **k: (a, k))(1, k=2))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b}
print({name: fn(12, 4) for name, fn in sorted(ops.items())})
print([(lambda n: "even" if n % 2 == 0 else "odd")(i) for i in range(4)])
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)  # noqa: E731
print(fact(12))
Y = lambda f: (lambda x: x(x))(lambda y: f(lambda *a: y(y)(*a)))  # noqa: E731
fib = Y(lambda self: lambda n: n if n < 2 else self(n - 1) + self(n - 2))
print([fib(i) for i in range(12)])
people = [("ann", 31), ("bob", 25), ("cy", 31), ("di", 19)]
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(max(people, key=lambda p: len(p[0])), min(people, key=lambda p: p[1]))
print(list(filter(lambda p: p[1] > 20, people)), list(map(lambda p: p[0].title(), people)))
print(functools.reduce(lambda acc, p: acc + p[1], people, 0))
make_adder = lambda n: lambda x: x + n  # noqa: E731
add5 = make_adder(5)
print(add5(10), make_adder(-1)(1), add5.__closure__[0].cell_contents)
with_defaults = lambda a, b=2, *rest, c=3, **kw: (a, b, rest, c, sorted(kw))  # noqa: E731
print(with_defaults(1), with_defaults(1, 5, 6, c=0, z=1), with_defaults.__defaults__, with_defaults.__kwdefaults__)
nested = lambda x: (lambda y: (lambda z: x + y + z))  # noqa: E731
print(nested(1)(2)(3))
print((lambda: (yield))) if False else None
gen_lambda = lambda: (yield 1)  # noqa: E731
g = gen_lambda()
print(next(g), hasattr(g, "send"))
compose = lambda *fs: functools.reduce(lambda f, g: lambda x: f(g(x)), fs)  # noqa: E731
print(compose(str, abs, lambda v: v - 10)(3))
pairs = list(zip(range(3), "abc"))
print(sorted(pairs, key=lambda t: t[1], reverse=True))
counter = [0]
bump = lambda: counter.__setitem__(0, counter[0] + 1) or counter[0]  # noqa: E731
print(bump(), bump(), bump())
print((lambda: 0 if False else "conditional lambda body")())
print(callable(sq), sq.__code__.co_argcount, sq.__code__.co_varnames, sq.__defaults__)
try:
    (lambda x: x)()
except TypeError as e:
    print("TypeError", e)
try:
    (lambda: 1 / 0)()
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)


class Holder:
    f = lambda self, v: ("method", v)  # noqa: E731
    s = staticmethod(lambda v: ("static", v))
    c = classmethod(lambda cls, v: (cls.__name__, v))


h = Holder()
print(h.f(1), h.s(2), h.c(3), Holder.f(h, 4), Holder.f.__qualname__)
words = ["delta", "Alpha", "charlie", "Bravo"]
print(sorted(words, key=lambda w: w.lower()), sorted(words, key=lambda w: (len(w), w)))
table = [lambda x, i=i: x ** i for i in range(4)]
print([f(2) for f in table])
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6])))
print(dict(map(lambda kv: (kv[1], kv[0]), {"a": 1, "b": 2}.items())))
