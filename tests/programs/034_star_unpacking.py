# Star-unpacking: in assignments (all positions, nested, in for targets),
# in calls (*args, **kwargs, several of each), in literals (PEP 448) and errors.

a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = "hello"
print(a, b)
a, *b, c = range(6)
print(a, b, c)
a, *b, c = [1, 2]
print(a, b, c)
*a, = (7, 8)
print(a)
(a, *b), c, *d = [1, 2, 3], 4, 5, 6
print(a, b, c, d)
[x, [y, *z]] = [1, [2, 3, 4]]
print(x, y, z)
for first, *others in [(1, 2, 3), (4,), "xyz"]:
    print(first, others)
for (k, v), *tail in [((1, 2), 3, 4), (("a", "b"),)]:
    print(k, v, tail)
head, *_, tail = range(100)
print(head, tail)
d = {"p": 1, "q": 2}
k1, k2 = d
print(k1, k2)
(i1, v1), (i2, v2) = d.items()
print(i1, v1, i2, v2)

print([*range(3), *"ab", *[None]])
print((*[1, 2], 3), {*"aab", *"bc"} == {"a", "b", "c"})
print({**{"a": 1, "b": 2}, **dict(c=3), "d": 4, **{"a": 0}})
print(*[1, 2, 3], sep="-")
print(*"abc", *[1], sep="|", end="!\n")


def f(*args, **kwargs):
    return args, sorted(kwargs.items())


print(f(*[1, 2], *(3,), 4, *range(5, 7)))
print(f(**{"a": 1}, b=2, **{"c": 3}))
print(f(1, *[2], x=3, **{"y": 4}))
print(f(*{}.keys(), **{}))
try:
    f(**{"a": 1}, **{"a": 2})
except TypeError as e:
    print("TypeError", e)
try:
    f(a=1, **{"a": 2})
except TypeError as e:
    print("TypeError", e)
try:
    f(*5)
except TypeError as e:
    print("TypeError", e)
try:
    f(**[1, 2])
except TypeError as e:
    print("TypeError", e)
try:
    f(**{1: 2})
except TypeError as e:
    print("TypeError", e)

for stmt in ["a, *b, c = [1]", "a, b = range(3)", "*a, b, c, d = 'xy'", "a, *b = 5"]:
    try:
        exec(stmt, {})
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)


class Seq:
    def __iter__(self):
        yield from ("s1", "s2", "s3")


s1, *srest = Seq()
print(s1, srest, [*Seq()], f(*Seq()))


class Mapping:
    def keys(self):
        return ["m", "n"]

    def __getitem__(self, key):
        return key.upper()


print(f(**Mapping()), {**Mapping()})
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)), [*map(sum, zip(*matrix))])
args = (3, 10, 2)
print(list(range(*args)), max(*[4, 9, 2]), "{}-{}".format(*"xy"), "{a}".format(**{"a": "A"}))
nums = [5, 1, 4]
lo, *mid, hi = sorted(nums)
print(lo, mid, hi)
a = b = c = [0]
a2, (b2, *c2) = 1, range(3)
print(a is b is c, a2, b2, c2)
