# operator module: function forms of operators, itemgetter/attrgetter/
# methodcaller with interpreted objects, in-place variants, index/length_hint,
# and using them as keys for sorted/min/max/groupby.
import operator as op
from itertools import groupby

print(op.add(2, 3), op.sub(2, 3), op.mul("ab", 2), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3), op.pow(2, 8))
print(op.neg(5), op.pos(-5), op.abs(-3), op.invert(0), op.lshift(1, 4), op.rshift(64, 2), op.and_(12, 10), op.or_(12, 10), op.xor(12, 10))
print(op.lt(1, 2), op.le(2, 2), op.eq("a", "a"), op.ne(1, 1), op.ge(3, 4), op.gt(4, 3), op.not_(0), op.truth([]), op.is_(None, None), op.is_not(1, None))
print(op.contains([1, 2], 2), op.countOf([1, 2, 1], 1), op.indexOf("abc", "c"), op.concat([1], [2]), op.getitem("abc", 1))
lst = [1, 2, 3]
op.setitem(lst, 0, 10)
op.delitem(lst, 1)
print(lst, op.index(7), op.length_hint(iter(range(4))), op.matmul.__name__)
x = [1]
y = op.iadd(x, [2])
s = op.iadd("a", "b")
print(x, y is x, s, op.imul([0], 3), op.ior({1}, {2}), op.iconcat([1], (2,)))
records = [{"name": "bo", "age": 31, "city": "Oslo"}, {"name": "al", "age": 25, "city": "Rome"}, {"name": "cy", "age": 31, "city": "Oslo"}]
print(sorted(records, key=op.itemgetter("age", "name")))
print([op.itemgetter("name")(r) for r in records], op.itemgetter(0, -1)("hello"), op.itemgetter(slice(1, 3))([0, 1, 2, 3]))
for city, grp in groupby(sorted(records, key=op.itemgetter("city")), key=op.itemgetter("city")):
    print(city, [r["name"] for r in grp])


class Emp:
    def __init__(self, name, dept, boss=None):
        self.name, self.dept, self.boss = name, dept, boss

    def greet(self, greeting, punct="!"):
        return f"{greeting}, {self.name}{punct}"

    def __repr__(self):
        return f"Emp({self.name})"


boss = Emp("zoe", "mgmt")
emps = [Emp("ann", "eng", boss), Emp("bob", "ops", boss), Emp("cat", "eng", boss)]
print(sorted(emps, key=op.attrgetter("dept", "name")), op.attrgetter("boss.name")(emps[0]), op.attrgetter("name", "dept")(emps[1]))
print(list(map(op.methodcaller("greet", "Hi"), emps)), op.methodcaller("greet", "Yo", punct="?")(boss))
print(list(map(op.methodcaller("upper"), ["a", "b"])), op.methodcaller("split", ",")("x,y,z"))
print(max(emps, key=op.attrgetter("name")), min(records, key=op.itemgetter("age"))["name"])
try:
    op.attrgetter("missing")(boss)
except AttributeError as e:
    print("AttributeError", e)
try:
    op.itemgetter(5)([1])
except IndexError as e:
    print("IndexError", e)
print(repr(op.itemgetter(1)), repr(op.attrgetter("a.b")), repr(op.methodcaller("m", 1, k=2)))


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return Num(self.v + (o.v if isinstance(o, Num) else o))

    def __iadd__(self, o):
        self.v += o.v if isinstance(o, Num) else o
        return self

    def __lt__(self, o):
        return self.v < o.v

    def __index__(self):
        return self.v

    def __repr__(self):
        return f"Num({self.v})"


n = Num(1)
m = op.iadd(n, 5)
print(m is n, n, op.add(Num(2), Num(3)), op.lt(Num(1), Num(2)), op.index(Num(4)), [10, 20, 30][Num(2)], sorted([Num(3), Num(1)]))
from functools import reduce  # noqa: E402

print(reduce(op.mul, range(1, 8)), reduce(op.add, ["a", "b", "c"]), list(map(op.mul, [1, 2, 3], [4, 5, 6])), sum(map(op.itemgetter(1), [(0, 5), (0, 6)])))
