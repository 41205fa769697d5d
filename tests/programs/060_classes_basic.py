# Classes: instance/class attributes, methods, class attribute shadowing,
# __dict__, __class__, __name__/__qualname__/__module__/__bases__/__mro__,
# isinstance/issubclass, dynamic attributes, type() with three arguments.


class Animal:
    kingdom = "animalia"
    count = 0

    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound
        Animal.count += 1

    def speak(self):
        return f"{self.name} says {self.sound}"

    def rename(self, new):
        old, self.name = self.name, new
        return old

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"


class Dog(Animal):
    kingdom = "dogs-override"

    def __init__(self, name):
        super().__init__(name, "woof")
        self.tricks = []

    def add_trick(self, t):
        self.tricks.append(t)
        return self

    def speak(self):
        return Animal.speak(self) + "!"


a = Animal("generic")
d = Dog("rex")
print(a.speak(), "|", d.speak(), "|", Animal.count, d.count, d.kingdom, a.kingdom)
print(d.add_trick("sit").add_trick("roll").tricks, d.rename("max"), d)
print(sorted(vars(d)), vars(a), Dog.__name__, Dog.__qualname__, Dog.__module__)
print(Dog.__bases__, [c.__name__ for c in Dog.__mro__], Dog.__base__.__name__)
print(isinstance(d, Animal), isinstance(a, Dog), issubclass(Dog, Animal), issubclass(Dog, (int, Animal)), issubclass(Dog, Dog))
print(type(d) is Dog, d.__class__ is Dog, type(Dog).__name__, type(type).__name__)
a.count = 100
print(a.count, Animal.count, "count" in vars(a), "count" in vars(Animal))
del a.count
print(a.count)
Animal.kingdom = "changed"
print(a.kingdom, d.kingdom)
d.speak = lambda: "instance override"
print(d.speak(), Dog.speak(d))
del d.speak
print(d.speak())
print(Dog.speak is Dog.__dict__["speak"], Animal.speak(d))
print("speak" in Dog.__dict__, "rename" in Dog.__dict__, hasattr(Dog, "rename"))
unbound = Dog.add_trick
print(unbound(d, "beg").tricks)
try:
    a.missing
except AttributeError as e:
    print("AttributeError", e)
try:
    Animal.missing
except AttributeError as e:
    print("AttributeError", e)
setattr(a, "dynamic", 1)
print(getattr(a, "dynamic"), getattr(a, "nope", "fallback"), hasattr(a, "dynamic"))
delattr(a, "dynamic")
print(hasattr(a, "dynamic"))


def method_added_later(self):
    return "later:" + self.name


Animal.later = method_added_later
print(d.later(), a.later())
Point = type("Point", (object,), {"x": 0, "move": lambda self, dx: self.x + dx, "__repr__": lambda self: "Point!"})
p = Point()
print(p.move(5), p, Point.__name__, type(p).__name__)
Sub = type("Sub", (Point,), {})
print(Sub().move(1), Sub.__mro__[1].__name__)


class Empty:
    pass


e = Empty()
e.x = 1
print(vars(e), Empty.__doc__, Empty.__bases__, isinstance(e, object))


class WithDoc:
    """Class docstring."""

    attr = [i * 2 for i in range(3)]
    derived = len(attr)


print(WithDoc.__doc__, WithDoc.attr, WithDoc.derived)
print(sorted(k for k in vars(WithDoc) if not k.startswith("__")))


class Counter:
    instances = []

    def __init__(self):
        Counter.instances.append(self)
        self.id = len(Counter.instances)


cs = [Counter() for _ in range(3)]
print([c.id for c in Counter.instances], cs[0].instances is Counter.instances)


class Outer:
    class Inner:
        value = "inner"

    def make(self):
        return self.Inner()


print(Outer().make().value, Outer.Inner.__qualname__)
print(object.__name__, object.__bases__, int.__mro__, bool.__mro__)
print(type("X", (), {}).__mro__[-1] is object, type(5), type("s"), type(None))
