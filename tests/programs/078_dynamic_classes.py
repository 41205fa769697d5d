# Dynamic class manipulation: __class__ assignment, changing __bases__,
# adding/removing methods at runtime (affecting existing instances),
# __subclasses__, type() creation with metaclass kwargs, types.new_class,
# types.SimpleNamespace, classes created in loops with closures.
import types


class A:
    def who(self):
        return "A"


class B:
    def who(self):
        return "B"


obj = A()
print(obj.who(), type(obj).__name__)
obj.__class__ = B
print(obj.who(), type(obj).__name__, isinstance(obj, A))
try:
    obj.__class__ = int
except TypeError as e:
    print("TypeError", e)


class Base1:
    def hello(self):
        return "Base1"


class Base2:
    def hello(self):
        return "Base2"


class Child(Base1):
    pass


c = Child()
print(c.hello())
Child.__bases__ = (Base2,)
print(c.hello(), [k.__name__ for k in Child.__mro__])
A.added = lambda self: "added later"
print(A().added(), hasattr(obj, "added"))
del A.who
try:
    A().who()
except AttributeError as e:
    print("AttributeError", e)
print(sorted(cls.__name__ for cls in Base2.__subclasses__()), Base1.__subclasses__())
classes = []
for i in range(3):
    classes.append(type(f"Gen{i}", (object,), {"index": i, "double": lambda self, i=i: i * 2}))
print([(k.__name__, k.index, k().double()) for k in classes])


def make_class(n):
    class Inner:
        def value(self):
            return n
    Inner.__name__ = f"Inner{n}"
    return Inner


made = [make_class(n) for n in range(3)]
print([(k.__name__, k().value()) for k in made], made[0] is not made[1])


class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        ns["kw"] = kw
        return super().__new__(mcls, name, bases, ns)


K = types.new_class("K", (), {"metaclass": Meta, "flag": True}, lambda ns: ns.update(x=1))
print(K.kw, K.x, type(K).__name__)
ns = types.SimpleNamespace(a=1, b="two")
ns.c = [3]
print(ns, ns.a, vars(ns), ns == types.SimpleNamespace(a=1, b="two", c=[3]))
del ns.a
print(ns)
Point = type("Point", (), {"__init__": lambda self, x, y: setattr(self, "xy", (x, y)), "__repr__": lambda self: f"P{self.xy}"})
print(Point(1, 2), [Point(i, -i) for i in range(2)])


class Counter:
    pass


Counter.count = 0


def increment(self):
    type(self).count += 1
    return type(self).count


Counter.increment = increment
cs = [Counter() for _ in range(3)]
print([c.increment() for c in cs], Counter.count)
setattr(Counter, "__len__", lambda self: self.count)
print(len(cs[0]), bool(Counter()))
Counter.__len__ = lambda self: 0
print(bool(Counter()))
MethodType = types.MethodType
bound = MethodType(lambda self, x: (type(self).__name__, x), cs[0])
print(bound(5), bound.__self__ is cs[0])
cs[0].per_instance = MethodType(lambda self: "per instance method", cs[0])
print(cs[0].per_instance(), hasattr(cs[1], "per_instance"))
print(type(type), type(object), isinstance(type, object), isinstance(object, type))
