# Class decorators: adding methods/attributes, wrapping __init__, registering,
# returning a different class, stacking order, decorating with arguments,
# and functools.total_ordering/dataclass combinations.
import functools

order = []


def first(cls):
    order.append(f"first({cls.__name__})")
    cls.first = True
    return cls


def second(cls):
    order.append(f"second({cls.__name__})")
    cls.second = True
    return cls


@first
@second
class Stacked:
    pass


print(order, Stacked.first, Stacked.second)


def add_method(name, value):
    def deco(cls):
        setattr(cls, name, lambda self: value)
        return cls
    return deco


@add_method("greet", "hello")
@add_method("bye", "goodbye")
class Person:
    pass


print(Person().greet(), Person().bye())


def count_instances(cls):
    original_init = cls.__init__
    cls.instances = 0

    @functools.wraps(original_init)
    def __init__(self, *args, **kwargs):
        cls.instances += 1
        original_init(self, *args, **kwargs)

    cls.__init__ = __init__
    return cls


@count_instances
class Widget:
    def __init__(self, name):
        self.name = name


ws = [Widget(n) for n in "abc"]
print(Widget.instances, ws[-1].name, Widget.__init__.__name__, Widget.__init__.__wrapped__.__qualname__)


def auto_repr(*fields):
    def deco(cls):
        def __repr__(self):
            inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in fields)
            return f"{cls.__name__}({inner})"
        cls.__repr__ = __repr__
        return cls
    return deco


@auto_repr("x", "y")
class P:
    def __init__(self, x, y):
        self.x, self.y = x, y


print(P(1, "two"), [P(i, i) for i in range(2)])


def replace_with_subclass(cls):
    class Wrapped(cls):
        def extra(self):
            return "extra from wrapper"
    Wrapped.__name__ = cls.__name__
    Wrapped.__qualname__ = cls.__qualname__
    return Wrapped


@replace_with_subclass
class Original:
    def base(self):
        return "base"


o = Original()
print(o.base(), o.extra(), Original.__name__, [c.__name__ for c in Original.__mro__])

registry = {}


def register(key):
    def deco(cls):
        registry[key] = cls
        cls.key = key
        return cls
    return deco


@register("circle")
class Circle:
    pass


@register("square")
class Square:
    pass


print(sorted(registry), registry["circle"].key, Square.key)


@functools.total_ordering
class Money:
    def __init__(self, c):
        self.c = c

    def __eq__(self, other):
        return self.c == other.c

    def __lt__(self, other):
        return self.c < other.c

    def __repr__(self):
        return f"M{self.c}"


print(Money(1) <= Money(2), Money(3) >= Money(3), Money(5) > Money(4), sorted([Money(3), Money(1)]))


def frozen(cls):
    def __setattr__(self, name, value):
        if getattr(self, "_frozen", False):
            raise AttributeError(f"{cls.__name__} is frozen")
        object.__setattr__(self, name, value)
    orig_init = cls.__init__

    def __init__(self, *a, **k):
        orig_init(self, *a, **k)
        object.__setattr__(self, "_frozen", True)
    cls.__setattr__ = __setattr__
    cls.__init__ = __init__
    return cls


@frozen
class Settings:
    def __init__(self, debug):
        self.debug = debug


st = Settings(True)
try:
    st.debug = False
except AttributeError as e:
    print("AttributeError", e, st.debug)


def with_class_cell(cls):
    cls.via_deco = cls.who()
    return cls


@with_class_cell
class UsesSuper:
    @classmethod
    def who(cls):
        return __class__.__name__ + "/" + cls.__name__


print(UsesSuper.via_deco)
decos = [first, second]


@decos[1]
@(lambda c: (order.append("lambda"), c)[1])
class ExprDecorated:
    pass


print(order[-3:], ExprDecorated.second)
