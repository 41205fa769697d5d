# Rich comparisons: __eq__/__ne__/__lt__/... with reflection and
# NotImplemented, functools.total_ordering, __hash__ interaction with __eq__
# (unhashable when __eq__ defined alone), hash consistency in sets/dicts.
import functools


class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts

    def __le__(self, other):
        return self == other or self < other

    def __hash__(self):
        return hash(self.parts)


vs = [Version(s) for s in ["1.10", "1.2", "1.2.1", "0.9", "1.2"]]
print(sorted(vs), max(vs), min(vs), vs[1] == vs[4], vs[1] is vs[4], vs[0] > vs[1], vs[3] >= vs[3])
print(len(set(vs)), {Version("1.2"): "found"}[vs[1]], Version("1.0") != Version("1.0"))
print(Version("1") == "1", Version("1") != "1")
try:
    Version("1") < 1
except TypeError as e:
    print("TypeError", e)


@functools.total_ordering
class Card:
    RANKS = "23456789TJQKA"

    def __init__(self, rank, suit):
        self.rank, self.suit = rank, suit

    def __eq__(self, other):
        return self.RANKS.index(self.rank) == self.RANKS.index(other.rank)

    def __lt__(self, other):
        return self.RANKS.index(self.rank) < self.RANKS.index(other.rank)

    def __repr__(self):
        return self.rank + self.suit

    __hash__ = None


hand = [Card(r, s) for r, s in ["Ks", "2h", "Ad", "Tc", "2c"]]
print(sorted(hand), Card("A", "s") > Card("K", "h"), Card("2", "s") <= Card("2", "h"), Card("3", "x") >= Card("4", "y"))
try:
    {Card("A", "s")}
except TypeError as e:
    print("TypeError", e)


class EqOnly:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        return isinstance(other, EqOnly) and self.v == other.v


print(EqOnly.__hash__, EqOnly(1) == EqOnly(1), EqOnly(1) != EqOnly(2))
try:
    hash(EqOnly(1))
except TypeError as e:
    print("TypeError", e)


class HashOnly:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return 7


h1, h2 = HashOnly(1), HashOnly(1)
print(h1 == h2, h1 == h1, len({h1, h2}), hash(h1))

log = []


class Loud:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        log.append(f"{self.name}.__eq__({getattr(other, 'name', other)})")
        return NotImplemented

    def __lt__(self, other):
        log.append(f"{self.name}.__lt__")
        return NotImplemented

    def __gt__(self, other):
        log.append(f"{self.name}.__gt__")
        return NotImplemented

    __hash__ = object.__hash__


a, b = Loud("a"), Loud("b")
print(a == b, log)
log.clear()
print(a != b, log)
log.clear()
try:
    a < b
except TypeError as e:
    print("TypeError", e, log)
log.clear()
print(a == a, log)
log.clear()


class Sub(Loud):
    def __eq__(self, other):
        log.append("Sub.__eq__")
        return True


print(a == Sub("s"), log)
log.clear()


class Reverse:
    def __init__(self, v):
        self.v = v

    def __lt__(self, other):
        return self.v > other.v

    def __repr__(self):
        return f"R{self.v}"


print(sorted([Reverse(1), Reverse(3), Reverse(2)]), max([Reverse(1), Reverse(3)]), Reverse(1) > Reverse(2))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))


pts = {Point(1, 2), Point(1, 2), Point(2, 1)}
print(len(pts), Point(1, 2) in pts, Point(3, 3) in pts, {Point(0, 0): "origin"}[Point(0, 0)])
print([1, 2] == [1, 2.0], (1, Point(1, 1)) == (1, Point(1, 1)), [Point(1, 1)].index(Point(1, 1)), [Point(5, 5)].count(Point(5, 5)))
nan = float("nan")
print([nan] == [nan], nan in [nan], [nan].count(nan), (nan,) == (nan,))


class AlwaysEqual:
    def __eq__(self, other):
        return True

    __hash__ = None


print(AlwaysEqual() == 5, 5 == AlwaysEqual(), None == AlwaysEqual(), AlwaysEqual() in [1], [1].index(AlwaysEqual()))  # noqa: E711
print(hash(1) == hash(1.0) == hash(True), hash("a") == hash("a"), hash((1, "a")) == hash((1, "a")))
