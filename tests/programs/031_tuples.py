# Tuples: packing/unpacking, immutability, hashing, comparisons, methods,
# single-element syntax, tuples holding mutable objects, swap idioms.

t = (1, 2, 3)
single = (5,)
empty = ()
print(t, single, empty, len(t), len(single), len(empty), type(single).__name__)
print(t + (4,), t * 2, t[1:], t[::-1], t.index(2), t.count(3), 3 in t, () == tuple())
print(tuple("abc"), tuple([1, 2]), tuple(range(4)), tuple({"k": 1}), tuple(x * x for x in range(4)))
x, y, z = t
print(x, y, z)
a, b = b, a = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(p, q), r = (1, 2), 3
print(p, q, r)
first, *rest = t
*init, last = t
print(first, rest, init, last)
print(hash((1, 2)) == hash((1, 2)), hash(()) == hash(()), {(1, 2): "pair"}[(1, 2)])
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError", e)
try:
    t[0] = 9
except TypeError as e:
    print("TypeError", e)
try:
    del t[0]
except TypeError as e:
    print("TypeError", e)
holder = ([1], [2])
holder[0].append(10)
print(holder)
try:
    holder[0] += [20]
except TypeError as e:
    print("TypeError", e, holder)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 99), (1, "a") == (1, "a"), (0.0,) == (-0.0,))
print(sorted([(2, "b"), (1, "c"), (2, "a")]), max([(1, 5), (1, 7)]), min((3, 2), (3, 1)))
print(tuple(sorted((3, 1, 2))), sum((1, 2, 3)), any(()), all(()))
nested = ((1, 2), (3, (4, 5)), ())
print(nested[1][1][0], len(nested), nested[2], [len(n) for n in nested])


def multi():
    return 1, "two", [3]


res = multi()
print(res, type(res).__name__)
one, two, three = multi()
print(one, two, three)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
for bad in ["x, y = (1, 2, 3)", "x, y, z = (1, 2)", "x, = ()", "(a, b), c = 1, 2"]:
    try:
        exec(bad, {})
    except ValueError as e:
        print("ValueError", e)
    except TypeError as e:
        print("TypeError", e)
print((1, 2, 3)[1:2], (1,) * 0, (None,) * 3, tuple(reversed(t)))
print(repr((1,)), repr(()), str((1, "a", None)), repr(("q'",)))
t2 = t
t2 += (4,)
print(t, t2, t is t2)
coords = [(0, 0), (3, 4), (-1, 2)]
print(sorted(coords, key=lambda c: c[0] ** 2 + c[1] ** 2), [(-y, x) for x, y in coords])
print(divmod(17, 5), tuple(map(sum, zip((1, 2), (10, 20)))), list(zip(*[(1, "a"), (2, "b")])))
