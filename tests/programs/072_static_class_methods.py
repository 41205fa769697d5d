# staticmethod/classmethod, class vs instance attributes (mutable class
# attribute sharing), alternative constructors, counters via classmethods,
# class attributes shadowed by instance ones, and methods called many ways.


class Pizza:
    sizes = {"S": 20, "M": 30}
    made = 0
    toppings_shared = []

    def __init__(self, size, *toppings):
        self.size = size
        self.toppings = list(toppings)
        type(self).made += 1

    @classmethod
    def margherita(cls, size="M"):
        return cls(size, "tomato", "mozzarella")

    @classmethod
    def count(cls):
        return cls.made

    @staticmethod
    def area(diameter):
        return round(3.14159 * (diameter / 2) ** 2, 1)

    def price(self):
        return self.sizes[self.size] + 2 * len(self.toppings) + self.area(self.sizes[self.size]) // 100

    def __repr__(self):
        return f"{type(self).__name__}({self.size}, {self.toppings})"


class VeggiePizza(Pizza):
    made = 0

    @classmethod
    def margherita(cls, size="S"):
        p = super().margherita(size)
        p.toppings.append("basil")
        return p


p1 = Pizza("S", "ham")
p2 = Pizza.margherita()
v1 = VeggiePizza.margherita()
v2 = v1.margherita("M")
print(p1, p2, v1, v2)
print(Pizza.count(), VeggiePizza.count(), p1.count(), Pizza.made, VeggiePizza.made)
print(Pizza.area(30), p1.area(20), Pizza.price(p1), p2.price(), v2.price())
p1.toppings_shared.append("shared!")
print(p2.toppings_shared, VeggiePizza.toppings_shared)
p1.sizes = {"S": 1}
print(p1.price(), p2.price(), Pizza.sizes)
p2.made = "instance"
print(p2.made, Pizza.made, p2.count())

sm = Pizza.__dict__["area"]
cm = Pizza.__dict__["margherita"]
print(type(sm).__name__, type(cm).__name__, sm.__func__(10), cm.__func__(Pizza, "S"))
print(sm(20), callable(sm), cm.__get__(None, VeggiePizza)())
print(isinstance(Pizza.area, staticmethod), Pizza.area.__name__, Pizza.margherita.__self__ is Pizza)
print(VeggiePizza.margherita.__self__ is VeggiePizza, VeggiePizza.margherita.__func__.__qualname__)


class Temperature:
    unit = "C"

    def __init__(self, value):
        self.value = value

    @classmethod
    def from_fahrenheit(cls, f):
        return cls((f - 32) * 5 / 9)

    @classmethod
    def set_unit(cls, unit):
        old, cls.unit = cls.unit, unit
        return old

    @staticmethod
    def validate(v):
        return v > -273.15

    def show(self):
        return f"{self.value:.1f}{self.unit}"


t = Temperature.from_fahrenheit(212)
print(t.show(), Temperature.validate(-300), t.validate(0), Temperature.set_unit("K"), t.show(), Temperature.unit)


class Registry:
    _items = []

    @classmethod
    def add(cls, item):
        cls._items.append(item)
        return cls

    @classmethod
    def items(cls):
        return list(cls._items)


class OwnRegistry(Registry):
    _items = []


Registry.add(1).add(2)
OwnRegistry.add("own")
print(Registry.items(), OwnRegistry.items())


class Chain:
    @staticmethod
    @classmethod
    def weird(*a):
        return a


try:
    print(Chain.weird())
except TypeError as e:
    print("TypeError", e)


class ClassProps:
    @classmethod
    def name_upper(cls):
        return cls.__name__.upper()

    plain_function_attr = len


print(ClassProps.name_upper(), ClassProps().plain_function_attr("abc"), ClassProps.plain_function_attr([1]))


def standalone(self):
    return f"standalone on {type(self).__name__}"


ClassProps.method = standalone
ClassProps.static = staticmethod(standalone)
cp = ClassProps()
print(cp.method(), cp.static(cp), ClassProps.method(cp))
cp.inst_fn = standalone
try:
    cp.inst_fn()
except TypeError as e:
    print("TypeError", e)
print(cp.inst_fn(cp))
print(staticmethod(len)("four"), classmethod(lambda c: c).__func__(7), Temperature.show(Temperature(3)))


class Shared:
    data = []
    count = 0

    def add(self, x):
        self.data.append(x)
        self.count += 1


a, b = Shared(), Shared()
a.add(1)
b.add(2)
print(Shared.data, a.count, b.count, Shared.count, "count" in vars(a), "data" in vars(a))
