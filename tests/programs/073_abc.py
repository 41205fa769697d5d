# Abstract base classes: abc.ABC/ABCMeta, abstractmethod, abstract
# properties/classmethods, instantiation errors, register() virtual
# subclasses, __subclasshook__, collections.abc checks on user classes.
import abc
import collections.abc as cabc


class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self):
        ...

    @property
    @abc.abstractmethod
    def name(self):
        ...

    @classmethod
    @abc.abstractmethod
    def unit(cls):
        ...

    def describe(self):
        return f"{self.name} with area {self.area():.2f} {self.unit()}"


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2

    @property
    def name(self):
        return "square"

    @classmethod
    def unit(cls):
        return "m2"


class Partial(Shape):
    def area(self):
        return 0


print(Square(3).describe(), sorted(Shape.__abstractmethods__), sorted(Partial.__abstractmethods__), Square.__abstractmethods__)
for cls in (Shape, Partial):
    try:
        cls()
    except TypeError as e:
        print("TypeError", e)


class Base(metaclass=abc.ABCMeta):
    @abc.abstractmethod
    def run(self):
        return "base implementation"


class Impl(Base):
    def run(self):
        return "impl+" + super().run()


print(Impl().run(), isinstance(Impl(), Base), type(Base).__name__)


class Duck(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Duck:
            return any("quack" in vars(k) for k in C.__mro__) or NotImplemented
        return NotImplemented


class Mallard:
    def quack(self):
        return "quack"


class Robot:
    pass


print(issubclass(Mallard, Duck), isinstance(Mallard(), Duck), issubclass(Robot, Duck))


class Serializer(abc.ABC):
    pass


Serializer.register(dict)


@Serializer.register
class Custom:
    pass


print(issubclass(dict, Serializer), isinstance({}, Serializer), issubclass(Custom, Serializer), issubclass(list, Serializer))
print(Serializer.__subclasses__(), Custom.__mro__)


class MySeq(cabc.Sequence):
    def __init__(self, *items):
        self.items = items

    def __getitem__(self, i):
        return self.items[i]

    def __len__(self):
        return len(self.items)


ms = MySeq(3, 1, 4, 1)
print(list(ms), ms.index(4), ms.count(1), 4 in ms, list(reversed(ms)), isinstance(ms, cabc.Iterable), isinstance(ms, cabc.MutableSequence))


class MyMap(cabc.MutableMapping):
    def __init__(self):
        self.d = {}

    def __getitem__(self, k):
        return self.d[k.lower()]

    def __setitem__(self, k, v):
        self.d[k.lower()] = v

    def __delitem__(self, k):
        del self.d[k.lower()]

    def __iter__(self):
        return iter(sorted(self.d))

    def __len__(self):
        return len(self.d)


mm = MyMap()
mm["B"] = 2
mm.update(A=1, c=3)
print(dict(mm), mm.get("b"), "C" in mm, mm.pop("a"), list(mm.items()), mm.setdefault("z", 26), len(mm))


class Incomplete(cabc.Mapping):
    def __getitem__(self, k):
        return k


try:
    Incomplete()
except TypeError as e:
    print("TypeError", e)


class IterOnly:
    def __iter__(self):
        return iter(())


print(isinstance(IterOnly(), cabc.Iterable), isinstance(IterOnly(), cabc.Iterator), isinstance(iter([]), cabc.Iterator))
print(isinstance(len, cabc.Callable), isinstance(Square, cabc.Callable), isinstance(3, cabc.Hashable), isinstance([], cabc.Hashable))
print(isinstance((x for x in []), cabc.Generator), isinstance({}.keys(), cabc.Set), issubclass(MyMap, cabc.Mapping))
print(abc.ABC.__name__, isinstance(Shape, abc.ABCMeta), Shape.area.__isabstractmethod__, getattr(Square.area, "__isabstractmethod__", False))
Square.extra = abc.abstractmethod(lambda self: None)
print(Square(1).describe())
abc.update_abstractmethods(Square)
print(sorted(Square.__abstractmethods__))
