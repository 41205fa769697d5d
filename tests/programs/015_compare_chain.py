# Comparisons: chains (with short-circuit and single evaluation of the
# middle operand), identity, membership, mixed types, and ordering errors.

calls = []


def v(x):
    calls.append(x)
    return x


def check(label, value):
    print(f"{label:<34} {value!r:<8} calls={calls}")
    calls.clear()


check("1 < 2 < 3", v(1) < v(2) < v(3))
check("1 < 3 < 2", v(1) < v(3) < v(2))
check("3 < 1 < 2 (short-circuits)", v(3) < v(1) < v(2))
check("1 == 1 == 1.0", v(1) == v(1) == v(1.0))
check("1 != 2 != 1", v(1) != v(2) != v(1))
check("1 <= 1 < 2 >= 2 > 1", v(1) <= v(1) < v(2) >= v(2) > v(1))
check("'a' < 'b' < 'c'", v("a") < v("b") < v("c"))
check("0 < 5 in [5]", v(0) < v(5) in [5])
check("2 in [1, 2] in [[1, 2]]", v(2) in v([1, 2]) in [[1, 2]])
check("None is None is not 1", v(None) is v(None) is not v(1))
check("not 1 < 2", not v(1) < v(2))
check("(1 < 2) == True", (v(1) < v(2)) == True)  # noqa: E712
check("[1, 2] < [1, 3]", v([1, 2]) < v([1, 3]))
check("(1, 2, 3) > (1, 2)", v((1, 2, 3)) > v((1, 2)))
check("[] < [0]", v([]) < v([0]))
check("'abc' < 'abd' < 'b'", v("abc") < v("abd") < v("b"))
check("'Z' < 'a'", v("Z") < v("a"))
check("b'a' < b'b'", v(b"a") < v(b"b"))
check("{1} < {1, 2}", v({1}) < v({1, 2}))
check("{1, 2} <= {1, 2}", v({1, 2}) <= v({1, 2}))
check("{1, 3} > {1}", v({1, 3}) > v({1}))
check("frozenset() == set()", v(frozenset()) == v(set()))
check("{'a': 1} == {'a': 1.0}", v({"a": 1}) == v({"a": 1.0}))
check("1.0 == 1 == True", v(1.0) == v(1) == v(True))
check("float('nan') != float('nan')", v(float("nan")) != v(float("nan")))
check("1 < 1.5 < 2", v(1) < v(1.5) < v(2))


# The middle operand is evaluated only once
def counter():
    counter.n += 1
    return 5


counter.n = 0
print(1 < counter() < 10, counter.n)
print(10 < counter() < 1, counter.n)
x = 7
print(0 <= x < 10, 0 <= x <= 6, -1 < -x < 0, x == 7 != 8)

# is / is not for singletons and identical objects
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, None is None, True is (1 == 1))

# Membership
print(3 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print("ell" in "hello", "" in "x", "z" not in "xyz", b"b" in b"abc", 98 in b"abc")
print(2 in {1: 'a', 2: 'b'}, 'a' in {1: 'a'}, 'a' in {1: 'a'}.values())
print((1, 2) in [(1, 2), (3, 4)], [1] in [[1], [2]])

# Ordering errors
for a, b in [(1, "1"), ([], ()), (None, 0), ({}, {}), (1j, 2j), ({1}, [1])]:
    try:
        print(type(a).__name__, type(b).__name__, a < b)
    except TypeError as e:
        print("TypeError:", e)

# Comparisons that return non-bools
import operator  # noqa: E402


class Weird:
    def __lt__(self, other):
        return "lt-result"

    def __gt__(self, other):
        return 0


w = Weird()
print(w < 1, 1 > w, operator.lt(w, 3), w > 1)
print(w < 1 < 2)
print((w > 1) < 2)
print(max([3, 1, 2]), min("hello"), max([(1, "b"), (1, "a")]), sorted([[2], [1, 5], [1]]))
