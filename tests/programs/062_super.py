# Zero-argument super(): in methods, classmethods, staticmethod-free helpers,
# nested functions/lambdas/comprehensions in methods, properties, __init__
# chains, diamond MRO (cooperative multiple inheritance), __class__ cell,
# explicit two-argument super, and super() errors.


class Base:
    def __init__(self, **kw):
        self.log = ["Base"]
        self.extra = kw

    def greet(self):
        return "base"

    @classmethod
    def create(cls):
        return f"Base.create({cls.__name__})"

    @property
    def kind(self):
        return "base-kind"

    def __repr__(self):
        return "Base-repr"


class Mid(Base):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.log.append("Mid")

    def greet(self):
        return "mid+" + super().greet()

    @classmethod
    def create(cls):
        return "Mid:" + super().create()

    @property
    def kind(self):
        return "mid/" + super().kind

    def nested(self):
        def inner():
            return super(Mid, self).greet()
        lam = lambda: super(Mid, self).greet()  # noqa: E731
        comp = [super(Mid, self).greet() for _ in range(2)]
        return inner(), lam(), comp

    def uses_class_cell(self):
        return __class__.__name__, type(self).__name__


class Leaf(Mid):
    def __init__(self, **kw):
        super().__init__(**kw)
        self.log.append("Leaf")

    def greet(self):
        return "leaf+" + super().greet()

    def nested_zero_arg(self):
        def inner():
            return __class__.__name__
        return inner()


leaf = Leaf(x=1)
print(leaf.log, leaf.extra, leaf.greet(), Leaf.create(), leaf.kind)
print(leaf.nested(), leaf.uses_class_cell(), leaf.nested_zero_arg())


# Diamond / cooperative multiple inheritance
class A:
    def who(self):
        return ["A"]

    def __init__(self):
        self.order = ["A"]


class B(A):
    def who(self):
        return ["B"] + super().who()

    def __init__(self):
        super().__init__()
        self.order.append("B")


class C(A):
    def who(self):
        return ["C"] + super().who()

    def __init__(self):
        super().__init__()
        self.order.append("C")


class D(B, C):
    def who(self):
        return ["D"] + super().who()

    def __init__(self):
        super().__init__()
        self.order.append("D")


print([k.__name__ for k in D.__mro__], D().who(), D().order)
print(super(B, D()).who(), super(C, D()).who())


class Mixin:
    def describe(self):
        base = super().describe() if hasattr(super(), "describe") else "none"
        return "Mixin(" + base + ")"


class Core:
    def describe(self):
        return "Core"


class Combined(Mixin, Core):
    pass


class Alone(Mixin):
    pass


print(Combined().describe(), Alone().describe())


class Cooperative:
    def __init__(self, *, name="?", **kwargs):
        super().__init__(**kwargs)
        self.name = name


class Sized:
    def __init__(self, *, size=0, **kwargs):
        super().__init__(**kwargs)
        self.size = size


class Thing(Cooperative, Sized):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)


t = Thing(name="box", size=3)
print(t.name, t.size)
try:
    Thing(name="x", colour="red")
except TypeError as e:
    print("TypeError", e)


class MyList(list):
    def append(self, item):
        super().append(item * 2)

    def __getitem__(self, idx):
        return ("got", super().__getitem__(idx))


ml = MyList([1])
ml.append(5)
print(list(ml), ml[1], len(ml))


class MyDict(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.upper(), value)


md = MyDict()
md["a"] = 1
print(md, dict.__repr__(md))


def outside():
    return super().greet()


try:
    outside()
except RuntimeError as e:
    print("RuntimeError", e)


class NoArgs:
    def m():
        return super().__repr__()


try:
    NoArgs.m()
except RuntimeError as e:
    print("RuntimeError", e)
print(super(Leaf, leaf).greet(), super(Mid, Leaf).create(), super(Base, leaf).__repr__ is not None)


class StaticUse(Base):
    @staticmethod
    def helper(obj):
        return super(StaticUse, obj).greet()


print(StaticUse.helper(StaticUse()))


class NewOverride:
    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.args = args
        return inst


print(NewOverride(1, 2).args)


class InitSub(Base):
    def __init_subclass__(cls, **kw):
        super().__init_subclass__()
        cls.tagged = True


class Tagged(InitSub):
    pass


print(Tagged.tagged)
