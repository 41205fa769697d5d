# yield from: delegation of values, send() pass-through, return values of
# subgenerators, throw()/close() delegated to the subgenerator, yield from
# non-generator iterables, nested delegation, and exceptions crossing levels.

log = []


def sub(name, n):
    try:
        for i in range(n):
            received = yield f"{name}{i}"
            if received is not None:
                log.append(f"{name} got {received}")
        return f"{name}-result"
    except KeyError as e:
        log.append(f"{name} handled KeyError {e}")
        yield f"{name}-recovered"
        return f"{name}-after-recovery"
    finally:
        log.append(f"{name} finally")


def outer():
    r1 = yield from sub("a", 2)
    log.append(f"outer got {r1}")
    r2 = yield from sub("b", 3)
    log.append(f"outer got {r2}")
    return r1 + "+" + r2


print(list(outer()), log)
log.clear()
g = outer()
print(next(g), g.send("x"), g.send("y"), g.send("z"))
print(g.throw(KeyError("oops")))
try:
    next(g)
except StopIteration as e:
    print("outer returned", e.value)
print(log)
log.clear()
g = outer()
next(g)
g.close()
print("after close", log)
log.clear()


def flatten(items):
    for it in items:
        if isinstance(it, (list, tuple)):
            yield from flatten(it)
        else:
            yield it


print(list(flatten([1, [2, (3, [4, [5]])], [], 6])))


def from_iterables():
    yield from range(3)
    yield from "ab"
    yield from {"k": 1}
    yield from (x * 10 for x in range(2))
    r = yield from []
    yield r


print(list(from_iterables()))


def throwing_sub():
    yield 1
    yield 2


def delegator():
    try:
        yield from throwing_sub()
    except ValueError as e:
        yield f"delegator caught {e}"


d = delegator()
next(d)
print(d.throw(ValueError("to sub")))


class Iter:
    def __init__(self):
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.i += 1
        if self.i > 3:
            raise StopIteration
        return self.i


def deleg_iter():
    result = yield from Iter()
    yield ("result", result)


di = deleg_iter()
print(list(di))
di2 = deleg_iter()
next(di2)
try:
    di2.send("non-None to plain iterator")
except AttributeError as e:
    print("AttributeError", e)


def close_tracker():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        log.append("inner GeneratorExit")
        raise


def outer_close():
    try:
        yield from close_tracker()
    except GeneratorExit:
        log.append("outer GeneratorExit")
        raise


oc = outer_close()
next(oc)
oc.close()
print(log)
log.clear()


def level3():
    x = yield "L3 start"
    return f"L3({x})"


def level2():
    r = yield from level3()
    y = yield f"L2 got {r}"
    return f"L2({y})"


def level1():
    r = yield from level2()
    yield f"L1 got {r}"


l1 = level1()
print(next(l1), l1.send("one"), l1.send("two"))


def sub_returns_immediately():
    return "instant"
    yield


def uses_instant():
    v = yield from sub_returns_immediately()
    yield v


print(list(uses_instant()))


def sub_raises():
    yield "before"
    raise LookupError("from sub")


def catches_sub():
    try:
        yield from sub_raises()
    except LookupError as e:
        yield f"caught {e!r}"
    yield "continues"


print(list(catches_sub()))


def stop_iteration_value():
    yield from ()
    return ("tuple", "value")


def wrap():
    v = yield from stop_iteration_value()
    yield v


print(list(wrap()))


def tree_walk(node, depth=0):
    name, children = node
    yield "  " * depth + name
    for child in children:
        yield from tree_walk(child, depth + 1)


tree = ("root", [("a", [("a1", []), ("a2", [])]), ("b", [("b1", [("b11", [])])])])
print("\n".join(tree_walk(tree)))


def counted(gen):
    count = 0
    for item in gen:
        count += 1
        yield item
    return count


def total_counter():
    n = yield from counted(iter("hello"))
    yield f"count={n}"


print(list(total_counter()))
