# collections.namedtuple and typing.NamedTuple: construction, defaults,
# _fields/_asdict/_replace/_make, methods and properties on subclasses,
# unpacking, comparisons, and errors.
from collections import namedtuple
from typing import NamedTuple, Optional

Point = namedtuple("Point", "x y")
Point3 = namedtuple("Point3", ["x", "y", "z"], defaults=[0])
p = Point(1, 2)
q = Point(x=3, y=4)
print(p, q, p.x, p[1], p + q, len(p), tuple(p), list(q))
x, y = p
print(x, y, p == (1, 2), p < q, hash(p) == hash((1, 2)), Point._fields, Point3._field_defaults)
print(p._asdict(), p._replace(y=20), Point._make([7, 8]), Point3(1, 2), Point3(1, 2, 3))
print(Point.__doc__, Point.x.__doc__, Point.__name__, type(p).__mro__[1].__name__)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError", e)
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: Point._make([1])]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
try:
    namedtuple("Bad", "x class")
except ValueError as e:
    print("ValueError", e)
R = namedtuple("R", "a a b", rename=True)
print(R._fields, R(1, 2, 3))


class Vec(namedtuple("Vec", "x y")):
    __slots__ = ()

    @property
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __repr__(self):
        return f"Vec<{self.x},{self.y}>"


v = Vec(3, 4)
print(v, v.norm, v + Vec(1, 1), v._replace(x=0), isinstance(v, tuple), sorted([Vec(2, 1), Vec(1, 5)]))


class Employee(NamedTuple):
    name: str
    dept: str = "eng"
    salary: float = 100.0
    manager: Optional[str] = None

    def raise_by(self, pct):
        return self._replace(salary=round(self.salary * (1 + pct / 100), 2))

    def __str__(self):
        return f"{self.name}@{self.dept}"


e = Employee("ann")
print(e, repr(e), e.raise_by(10), Employee._fields, Employee._field_defaults, Employee.__annotations__)
print(str(e), e._asdict(), Employee("bob", "ops", 50.0, "ann") > e, Employee._make(["cy", "hr", 1.0, None]))
staff = [Employee("zed", "ops", 90), Employee("amy", "eng", 120), Employee("bo", "ops", 70)]
by_dept = {}
for s in sorted(staff, key=lambda s: (s.dept, -s.salary)):
    by_dept.setdefault(s.dept, []).append(s.name)
print(by_dept, max(staff, key=lambda s: s.salary).name, sum(s.salary for s in staff))
try:
    class BadOrder(NamedTuple):
        a: int = 1
        b: int
except TypeError as err:
    print("TypeError", err)
try:
    e.name = "x"
except AttributeError as err:
    print("AttributeError", err)
Pair = NamedTuple("Pair", [("left", int), ("right", int)])
print(Pair(1, 2), Pair._fields, Pair(1, 2)._asdict())


def describe(obj):
    match obj:
        case Point(x=0, y=0):
            return "origin"
        case Point(x, 0):
            return f"on x-axis at {x}"
        case Employee(name=n, dept="ops"):
            return f"ops person {n}"
        case (a, b):
            return f"pair {a},{b}"
        case _:
            return "other"


print([describe(o) for o in [Point(0, 0), Point(5, 0), staff[0], (1, 2), Point(1, 1), "x"]])
print(Point.__match_args__, Employee.__match_args__)
points = [Point(i, i * i) for i in range(4)]
print(list(zip(*points)), [pt._asdict()["y"] for pt in points], Point(*map(sum, zip(*points))))
