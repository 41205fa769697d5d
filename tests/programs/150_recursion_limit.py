# Deep recursion: RecursionError caught (without printing the depth),
# recovery afterwards, sys.setrecursionlimit raising/lowering the limit,
# mutual recursion hitting the limit, recursion through __repr__/__eq__,
# and recursion inside generators and comprehensions.
import sys


def infinite(n):
    return infinite(n + 1)


def depth_reached(fn):
    try:
        fn()
    except RecursionError:
        # The message suffix says where the limit tripped (C or Python
        # level), which is an implementation detail: print the type only.
        return "RecursionError"


print(depth_reached(lambda: infinite(0)))
print("still works after:", sum(range(10)))


def count_depth(n=0):
    try:
        return count_depth(n + 1)
    except RecursionError:
        return n


original = sys.getrecursionlimit()
d1 = count_depth()
sys.setrecursionlimit(original // 2)
d2 = count_depth()
sys.setrecursionlimit(original)
d3 = count_depth()
print("halving the limit reduces the depth:", d2 < d1, "| restoring restores it:", abs(d3 - d1) <= 5)
print("limit restored:", sys.getrecursionlimit() == original)


def recursive_sum(n):
    return 0 if n == 0 else n + recursive_sum(n - 1)


sys.setrecursionlimit(max(original, 1400))
print("deep but finite recursion:", recursive_sum(1200))
sys.setrecursionlimit(original)
try:
    sys.setrecursionlimit(0)
except ValueError as e:
    print("ValueError", e)
try:
    sys.setrecursionlimit(-5)
except ValueError as e:
    print("ValueError", e)


def ping(n):
    return pong(n + 1)


def pong(n):
    return ping(n + 1)


print(depth_reached(lambda: ping(0)))


class SelfRef:
    def __repr__(self):
        return "SelfRef(" + repr(self) + ")"


print(depth_reached(lambda: repr(SelfRef())))
lst = [1]
lst.append(lst)
print(repr(lst), str([lst, lst]))
d = {}
d["self"] = d
print(repr(d))


class Deep:
    def __eq__(self, other):
        return self == other


print(depth_reached(lambda: Deep() == Deep()))


def gen_recursive(n):
    yield n
    yield from gen_recursive(n + 1)


def consume():
    for _ in gen_recursive(0):
        pass


print(depth_reached(consume))


def nested_comprehension(n):
    return [nested_comprehension(n + 1) for _ in range(1)]


print(depth_reached(lambda: nested_comprehension(0)))


class Attr:
    def __getattr__(self, name):
        return getattr(self, name + "x")


print(depth_reached(lambda: Attr().a))
import json  # noqa: E402

nested = []
for _ in range(100000):
    nested = [nested]
try:
    json.dumps(nested)
except RecursionError:
    print("json.dumps of a very deep list: RecursionError")


def after_error_handling():
    try:
        infinite(0)
    except RecursionError:
        pass
    return [recursive_sum(100) for _ in range(3)]


print(after_error_handling())
