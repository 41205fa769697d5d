# Generator expressions (laziness, first iterable evaluated eagerly, scope,
# reuse after exhaustion) and PEP 479: StopIteration raised inside a
# generator becomes RuntimeError, while return ends it normally.


def noisy(label, it):
    print("  iter of", label, "created")
    for x in it:
        print("  producing", label, x)
        yield x


ge = (x * 10 for x in noisy("outer", [1, 2]))
print("genexpr created")
print(next(ge))
print(list(ge))
print(list(ge), "(exhausted)")
ge2 = (x + y for x in noisy("xs", [1, 2]) for y in [100, 200])
print(list(ge2))
try:
    g = (1 / x for x in [1, 0])
    print("not evaluated yet")
    print(list(g))
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    g = (x for x in 42)
except TypeError as e:
    print("TypeError at creation", e)
print(sum(x * x for x in range(10)), max((len(w), w) for w in ["aa", "b", "ccc"]))
print(sorted((x % 3, x) for x in range(7)), "".join(c.upper() for c in "abc"))
print(dict((i, i * i) for i in range(4)), set(i % 2 for i in range(5)), tuple(i for i in "xy"))
print(any(x > 5 for x in range(10)), all(x < 5 for x in range(10)), list(filter(None, (x % 3 for x in range(6)))))
nested = ((i, j) for i in range(3) for j in (k for k in range(i)))
print(list(nested))


def stops_early():
    yield 1
    raise StopIteration("explicit")


try:
    print(list(stops_early()))
except RuntimeError as e:
    print("RuntimeError", e, "| cause:", type(e.__cause__).__name__, e.__cause__)


def leaks_next():
    it = iter([1, 2])
    while True:
        yield next(it)


try:
    print(list(leaks_next()))
except RuntimeError as e:
    print("RuntimeError", e, "| cause:", repr(e.__cause__))


def safe_next():
    it = iter([1, 2])
    while True:
        try:
            yield next(it)
        except StopIteration:
            return


print(list(safe_next()))


def returns_value():
    yield 1
    return "ret"


print(list(returns_value()))


def sub_stop():
    yield "sub"
    raise StopIteration


def delegating():
    yield from sub_stop()


try:
    list(delegating())
except RuntimeError as e:
    print("RuntimeError from yield from:", e)


def gen_in_genexpr():
    return list(x for x in iter(lambda: (_ for _ in ()).throw(StopIteration), None))


try:
    print(gen_in_genexpr())
except RuntimeError as e:
    print("RuntimeError", e)
except StopIteration:
    print("StopIteration escaped")


class Manual:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration("plain iterator stops normally")


print(list(Manual()), [x for x in Manual()])


def gen_catches_runtime():
    try:
        yield from stops_early()
    except RuntimeError as e:
        yield f"caught: {e}"


print(list(gen_catches_runtime()))
it = iter(range(3))
print(next(it), list(it), next(it, "default"))
try:
    next(iter([]))
except StopIteration as e:
    print("StopIteration from next()", e.args)
xs = [1, 2, 3]
gen = (x for x in xs)
xs.append(4)
print(list(gen))
xs2 = [1, 2]
gen2 = (x for x in xs2)
xs2 = [9, 9]
print(list(gen2))
print(list(zip((i for i in range(3)), (c for c in "abcd"))))
