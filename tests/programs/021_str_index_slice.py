# Indexing and slicing of str, list, tuple, range, bytes with positive,
# negative, out-of-range and stepped indices, slice objects and assignment.

s = "abcdefghij"
lst = list(range(10))
tup = tuple(range(10))
rng = range(10, 30, 2)
byt = bytes(range(97, 107))

for seq in (s, lst, tup, rng, byt):
    name = type(seq).__name__
    print(name, seq[0], seq[-1], seq[3])
    print(name, seq[2:5], seq[:3], seq[7:], seq[-3:], seq[:-7])
    print(name, seq[::2], seq[1::3], seq[::-1], seq[::-3], seq[8:2:-2])
    print(name, seq[100:], seq[-100:2], seq[5:2], seq[2:5:-1], seq[:])
    for i in (10, -11, 100):
        try:
            seq[i]
        except IndexError as e:
            print(name, "IndexError", e)

sl = slice(1, 8, 3)
print(sl, sl.start, sl.stop, sl.step, s[sl], lst[sl])
print(slice(5).indices(3), slice(-3, None).indices(10), slice(None, None, -1).indices(5))
print(slice(1, 2) == slice(1, 2), slice(None))
try:
    s[::0]
except ValueError as e:
    print("ValueError", e)
try:
    s["a"]
except TypeError as e:
    print("TypeError", e)
try:
    s[1.0]
except TypeError as e:
    print("TypeError", e)

# Slice assignment and deletion on lists
a = list(range(10))
a[2:5] = ["x", "y"]
print(a)
a[:0] = [-1, -2]
print(a)
a[len(a):] = [99]
print(a)
a[::2] = "ABCDEF"
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print("ValueError", e)
a[1:3] = []
print(a)
del a[::3]
print(a)
del a[-1]
print(a)
a[:] = range(3)
print(a)
a[5:10] = [7]
print(a)
b = [0] * 5
b[1:4] = b[0:3]
print(b)
c = list("hello")
c[1:4] = reversed(c[1:4])
print("".join(c))
try:
    "abc"[0] = "x"
except TypeError as e:
    print("TypeError", e)
try:
    (1, 2)[0] = 1
except TypeError as e:
    print("TypeError", e)

# bytearray slicing behaves like list of ints
ba = bytearray(b"hello world")
ba[0:5] = b"HELLO"
ba[-1:] = b"D!"
print(ba, ba[::2], ba[3], ba[-2:])
del ba[5:6]
print(ba)

# Nested and chained subscripts
m = [[r * 3 + c for c in range(3)] for r in range(3)]
print(m[1][2], m[-1][-1], [row[1] for row in m], m[::2][1][::2])
d = {"a": [10, {"b": (1, 2, 3)}]}
print(d["a"][1]["b"][-1], d["a"][1]["b"][:2])


# __index__ lets user objects be indices
class Idx:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


print(s[Idx(2)], lst[Idx(-1)], s[Idx(1):Idx(4)], rng[Idx(3)], bin(Idx(5)), hex(Idx(255)))
print(range(100)[10:50:7], list(range(100)[10:50:7]), range(0, 10)[::-1])
print(len(range(0, 100, 7)), range(0, 100, 7).index(49), range(5).count(3), 49 in range(0, 100, 7))
print(memoryview(b"abcdef")[1:4].tobytes(), memoryview(b"abcdef")[::2].tolist())
