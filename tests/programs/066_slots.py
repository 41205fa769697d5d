# __slots__: no __dict__, attribute errors, inheritance with and without
# slots, __dict__ and __weakref__ in slots, slot descriptors on the class,
# default values via class attributes conflict, and pickling-free copying.
import copy
import weakref


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


p = Point(1, 2)
print(p, hasattr(p, "__dict__"), Point.__slots__, type(Point.x).__name__)
p.x = 10
print(p.x, Point.x.__get__(p), Point.y.__name__ if hasattr(Point.y, "__name__") else None)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError", e)
del p.y
try:
    p.y
except AttributeError as e:
    print("AttributeError", e)
p.y = 5
print(p)
try:
    weakref.ref(p)
except TypeError as e:
    print("TypeError", e)


class Point3(Point):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


p3 = Point3(1, 2, 3)
print(p3.x, p3.z, hasattr(p3, "__dict__"), Point3.__slots__)


class Loose(Point):
    pass


lo = Loose(1, 2)
lo.anything = "allowed"
print(vars(lo), lo.x, hasattr(lo, "__dict__"))


class WithDict:
    __slots__ = ("a", "__dict__")


w = WithDict()
w.a = 1
w.b = 2
print(w.a, vars(w))


class WithWeak:
    __slots__ = ("v", "__weakref__")

    def __init__(self, v):
        self.v = v


ww = WithWeak(5)
ref = weakref.ref(ww)
print(ref() is ww, ref().v)

try:
    class Conflict:
        __slots__ = ("x",)
        x = 5
except ValueError as e:
    print("ValueError", e)


class SingleString:
    __slots__ = "only"


s = SingleString()
s.only = "one"
print(s.only, SingleString.__slots__)


class Copyable:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a, self.b = a, b

    def __eq__(self, other):
        return (self.a, self.b) == (other.a, other.b)


c = Copyable([1], "b")
c2 = copy.copy(c)
c3 = copy.deepcopy(c)
c.a.append(2)
print(c2.a, c3.a, c == c2, c == c3)


class Tree:
    __slots__ = ("value", "left", "right")

    def __init__(self, value, left=None, right=None):
        self.value, self.left, self.right = value, left, right

    def sum(self):
        return self.value + (self.left.sum() if self.left else 0) + (self.right.sum() if self.right else 0)


t = Tree(1, Tree(2, Tree(4)), Tree(3))
print(t.sum())


class Unset:
    __slots__ = ("maybe",)


u = Unset()
print(hasattr(u, "maybe"), getattr(u, "maybe", "default"))
try:
    del u.maybe
except AttributeError as e:
    print("AttributeError", e)
print(sorted(n for n in dir(Point3) if n in ("x", "y", "z")), "__slots__" in Point3.__dict__)


class SlotsAndProperty:
    __slots__ = ("_celsius",)

    def __init__(self):
        self._celsius = 0

    @property
    def kelvin(self):
        return self._celsius + 273

    @kelvin.setter
    def kelvin(self, k):
        self._celsius = k - 273


sp = SlotsAndProperty()
sp.kelvin = 300
print(sp._celsius, sp.kelvin)
try:
    class BadSlot:
        __slots__ = ("a", "a")
    BadSlot()
    print("duplicate slots accepted")
except (TypeError, ValueError) as e:
    print(type(e).__name__)
objs = [Point(i, i * i) for i in range(5)]
print(objs, sum(o.y for o in objs))
