# property: getter/setter/deleter, decorator and call forms, docstrings,
# read-only errors, inheritance and overriding of properties, computed
# properties, property on classes, and property exceptions.


class Temperature:
    def __init__(self, celsius=0.0):
        self._c = celsius
        self.changes = 0

    @property
    def celsius(self):
        """Temperature in degrees Celsius."""
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value
        self.changes += 1

    @celsius.deleter
    def celsius(self):
        self._c = 0.0

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9


t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.fahrenheit = 212
print(t.celsius, t.changes)
del t.celsius
print(t.celsius, Temperature.celsius.__doc__)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError", e)
print(type(Temperature.celsius).__name__, Temperature.celsius.fget.__name__, Temperature.fahrenheit.fdel)


class ReadOnly:
    def __init__(self):
        self._x = 1

    x = property(lambda self: self._x, doc="the x")


r = ReadOnly()
print(r.x, ReadOnly.x.__doc__)
try:
    r.x = 5
except AttributeError as e:
    print("AttributeError", e)
try:
    del r.x
except AttributeError as e:
    print("AttributeError", e)


class OldStyle:
    def get_v(self):
        return self._v * 10

    def set_v(self, v):
        self._v = v

    def del_v(self):
        del self._v

    v = property(get_v, set_v, del_v, "old style property")


o = OldStyle()
o.v = 3
print(o.v, OldStyle.v.__doc__)
del o.v
try:
    o.v
except AttributeError as e:
    print("AttributeError", e)


class Base:
    @property
    def name(self):
        return "base"

    @property
    def area(self):
        return 0


class Square(Base):
    def __init__(self, side):
        self.side = side

    @property
    def name(self):
        return "square/" + super().name

    @Base.area.getter
    def area(self):
        return self.side ** 2

    @area.setter
    def area(self, value):
        self.side = value ** 0.5


s = Square(3)
print(s.name, s.area)
s.area = 16
print(s.side, s.area, Base().area)


class Lazy:
    def __init__(self):
        self.calls = 0

    @property
    def data(self):
        self.calls += 1
        return [1, 2, 3]


lz = Lazy()
print(lz.data, lz.data, lz.calls)


class Failing:
    @property
    def broken(self):
        raise KeyError("inside property")

    @property
    def attr_err(self):
        return self.nonexistent

    def __getattr__(self, name):
        return f"__getattr__ fallback for {name}"


f = Failing()
try:
    f.broken
except KeyError as e:
    print("KeyError", e)
print(f.attr_err)
p = property()
try:
    p.__get__(object())
except AttributeError as e:
    print("AttributeError", e)


class Counter:
    _count = 0

    @property
    def count(self):
        return type(self)._count

    @count.setter
    def count(self, v):
        type(self)._count = v


c1, c2 = Counter(), Counter()
c1.count = 5
print(c2.count, Counter._count, isinstance(Counter.count, property))
prop = Temperature.celsius
print(prop.getter(lambda self: "replaced").fget(None), prop.fget is Temperature.celsius.fget)
print(sorted(n for n in vars(Temperature) if not n.startswith("_")))


class WithSlotsProp:
    __slots__ = ("_v",)

    def __init__(self):
        self._v = 0

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, val):
        self._v = val * 2


w = WithSlotsProp()
w.v = 21
print(w.v)
