# Container protocols: __len__, __bool__, __iter__/__next__, __contains__,
# __getitem__/__setitem__/__delitem__ with ints, negative indices and slices,
# old-style iteration via __getitem__, __reversed__, __missing__, __length_hint__.
import operator


class Seq:
    def __init__(self, *items):
        self.items = list(items)
        self.log = []

    def __len__(self):
        return len(self.items)

    def __getitem__(self, key):
        self.log.append(("get", key if not isinstance(key, slice) else ("slice", key.start, key.stop, key.step)))
        if isinstance(key, slice):
            return Seq(*self.items[key])
        return self.items[key]

    def __setitem__(self, key, value):
        self.log.append(("set", repr(key)))
        self.items[key] = value

    def __delitem__(self, key):
        self.log.append(("del", repr(key)))
        del self.items[key]

    def __contains__(self, item):
        self.log.append(("contains", item))
        return item in self.items

    def __repr__(self):
        return f"Seq{tuple(self.items)}"


s = Seq(10, 20, 30, 40, 50)
print(len(s), s[0], s[-1], s[1:3], s[::2], s[::-1], s[:], 30 in s, 99 in s, bool(s))
s[0] = 11
s[1:3] = [21, 31]
del s[-1]
del s[:1]
print(s, s.log[-4:])
print(list(s), [x for x in s], sorted(s, reverse=True), sum(s), max(s))
print(s.log[-3:])
try:
    s[100]
except IndexError as e:
    print("IndexError", e)


class OldIter:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * i


print(list(OldIter()), 9 in OldIter(), 5 in OldIter(), list(zip(OldIter(), "abcdef")))
it = iter(OldIter())
print(next(it), next(it), list(it))


class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


cd = Countdown(3)
print(list(cd), list(cd), next(Countdown(1)), next(Countdown(0), "exhausted"))
try:
    next(Countdown(0))
except StopIteration as e:
    print("StopIteration", e.value)


class Evens:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return (i for i in range(0, self.n, 2))

    def __reversed__(self):
        return iter(range(self.n - 2 + self.n % 2, -1, -2))

    def __len__(self):
        return (self.n + 1) // 2


ev = Evens(9)
print(list(ev), list(reversed(ev)), len(ev), 4 in ev, 5 in ev)


class Empty:
    def __len__(self):
        return 0


class Truthy:
    def __bool__(self):
        return True

    def __len__(self):
        return 0


print(bool(Empty()), bool(Truthy()), "yes" if Empty() else "no", not Truthy())


class NotIterable:
    pass


for fn in (lambda: iter(NotIterable()), lambda: len(NotIterable()), lambda: 1 in NotIterable(),
           lambda: NotIterable()[0], lambda: list(5), lambda: next([1])):
    try:
        fn()
    except TypeError as e:
        print("TypeError", e)


class Grid:
    def __init__(self, w, h):
        self.cells = {}
        self.w, self.h = w, h

    def __getitem__(self, pos):
        x, y = pos
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise IndexError(f"{pos} out of bounds")
        return self.cells.get(pos, ".")

    def __setitem__(self, pos, v):
        self.cells[pos] = v

    def __iter__(self):
        for y in range(self.h):
            yield "".join(self[x, y] for x in range(self.w))


g = Grid(4, 3)
g[1, 1] = "#"
g[3, 2] = "@"
print("\n".join(g), g[1, 1], (1, 1) in g.cells)
try:
    g[5, 0]
except IndexError as e:
    print("IndexError", e)


class Hinted:
    def __iter__(self):
        return iter([1, 2])

    def __length_hint__(self):
        return 2


print(operator.length_hint(Hinted()), operator.length_hint([1, 2, 3]), operator.length_hint(iter(range(5))), list(Hinted()))


class Mapping:
    def __init__(self):
        self.d = {"a": 1, "b": 2}

    def keys(self):
        return self.d.keys()

    def __getitem__(self, k):
        return self.d[k] * 100


print(dict(Mapping()), {**Mapping()})


class ContainsViaIter:
    def __iter__(self):
        yield from [1, 2, 3]


print(2 in ContainsViaIter(), 5 in ContainsViaIter(), list(enumerate(ContainsViaIter())))
print(list(map(operator.itemgetter(1), [s, "xyz", (7, 8)])), operator.getitem(s, 0))
