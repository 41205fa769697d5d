# Metaclasses: __prepare__ (custom namespace), __new__/__init__/__call__,
# class keyword arguments, metaclass inheritance and conflicts, registries,
# class creation order, type() calls and __build_class__ behaviour.
from collections import OrderedDict

events = []


class RecordingDict(dict):
    def __setitem__(self, key, value):
        if not key.startswith("__"):
            events.append(f"ns[{key}]")
        super().__setitem__(key, value)


class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kwargs):
        events.append(f"prepare {name} {sorted(kwargs)}")
        return RecordingDict()

    def __new__(mcls, name, bases, ns, **kwargs):
        events.append(f"new {name} bases={[b.__name__ for b in bases]} kwargs={sorted(kwargs.items())}")
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.created_by = mcls.__name__
        cls.options = kwargs
        return cls

    def __init__(cls, name, bases, ns, **kwargs):
        events.append(f"init {name}")
        super().__init__(name, bases, ns)

    def __call__(cls, *args, **kwargs):
        events.append(f"call {cls.__name__}{args}")
        instance = super().__call__(*args, **kwargs)
        instance.via_meta = True
        return instance

    def describe(cls):
        return f"<class {cls.__name__} by {cls.created_by}>"


class Base(metaclass=Meta, flavor="vanilla", size=3):
    a = 1

    def method(self):
        return "method"

    b = 2


print(events)
events.clear()
obj = Base()
print(events, obj.via_meta, Base.options, Base.describe(), type(Base).__name__)
events.clear()


class Child(Base, extra=True):
    c = 3


print(events, type(Child).__name__, Child.options, Child.created_by)
events.clear()


class Singleton(type):
    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Config(metaclass=Singleton):
    def __init__(self, value):
        self.value = value


print(Config(1) is Config(2), Config(3).value)


class Registry(type):
    registry = {}

    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, ns)
        if bases:
            Registry.registry[name.lower()] = cls
        return cls


class Plugin(metaclass=Registry):
    pass


class CsvPlugin(Plugin):
    pass


class JsonPlugin(Plugin):
    pass


print(sorted(Registry.registry), Registry.registry["csvplugin"].__name__)


class OrderedMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return OrderedDict()

    def __new__(mcls, name, bases, ns):
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.field_order = [k for k in ns if not k.startswith("__")]
        return cls


class Fields(metaclass=OrderedMeta):
    zeta = 1
    alpha = 2
    mid = 3


print(Fields.field_order)


class MetaA(type):
    pass


class MetaB(type):
    pass


class A(metaclass=MetaA):
    pass


class B(metaclass=MetaB):
    pass


try:
    class AB(A, B):
        pass
except TypeError as e:
    print("TypeError", e)


class MetaAB(MetaA, MetaB):
    pass


class AB(A, B, metaclass=MetaAB):
    pass


print(type(AB).__name__, [c.__name__ for c in type(AB).__mro__])


def function_metaclass(name, bases, ns):
    ns["made_by_function"] = name.upper()
    return type(name, bases, ns)


class FromFunc(metaclass=function_metaclass):
    x = 1


print(FromFunc.made_by_function, type(FromFunc).__name__)
try:
    class Bad(metaclass=Meta, unknown_kw=1, other=2):
        pass
    print("Bad created", Bad.options)
except TypeError as e:
    print("TypeError", e)
events.clear()
try:
    class NoKw(kw=1):
        pass
except TypeError as e:
    print("TypeError", e)
Dyn = Meta("Dyn", (Base,), {"d": 4}, mode="dynamic")
print(Dyn.d, Dyn.options, Dyn().via_meta, [e for e in events if e.startswith("new")])


class AttrMeta(type):
    def __getattr__(cls, name):
        return f"meta-attr:{name}"

    def __len__(cls):
        return 42

    def __iter__(cls):
        return iter(["x", "y"])

    def __getitem__(cls, key):
        return f"{cls.__name__}[{key}]"


class Magic(metaclass=AttrMeta):
    real = "real"


print(Magic.real, Magic.anything, len(Magic), list(Magic), Magic[int])
print(isinstance(Magic, AttrMeta), isinstance(Magic, type), issubclass(AttrMeta, type))
print(type.__call__(Base).__class__.__name__, type(Base.__dict__).__name__)
