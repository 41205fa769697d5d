# Name mangling of __private names (attributes, methods, in nested classes,
# via getattr strings), dunder names not mangled, unicode identifiers,
# __doc__ and __module__ of classes, class bodies with control flow.


class Account:
    __slots_like = "class private"

    def __init__(self, balance):
        self.__balance = balance
        self._protected = "single underscore"
        self.__dunder__ = "not mangled"

    def __secret(self):
        return "secret method"

    def reveal(self):
        return self.__balance, self.__secret(), self.__slots_like

    class Inner:
        def __init__(self):
            self.__x = 1

        def get(self):
            return self.__x


a = Account(100)
print(a.reveal())
print(sorted(vars(a)))
print(a._Account__balance, a._Account__secret(), Account._Account__slots_like)
try:
    a.__balance
except AttributeError as e:
    print("AttributeError", e)
print(getattr(a, "_Account__balance"), hasattr(a, "__balance"), a.__dunder__)
inner = Account.Inner()
print(inner.get(), sorted(vars(inner)))


class Sub(Account):
    def __init__(self):
        super().__init__(5)
        self.__balance = "sub's own"

    def both(self):
        return self.__balance, self._Account__balance


print(Sub().both(), sorted(vars(Sub())))


def outside():
    class Local:
        def __m(self):
            return "local mangled"

        def call(self):
            return self.__m()
    return Local().call(), [n for n in vars(Local) if "m" in n and n.startswith("_L")]


print(outside())
π = 3.14159
größe = 42
名前 = "name"


class Ünïcode:
    ñ = "enye"


print(π, größe, 名前, Ünïcode.ñ, Ünïcode.__name__)


class Documented:
    """The class docstring."""

    if π > 3:
        size = "big"
    else:
        size = "small"
    for _i in range(3):
        pass
    total = sum(range(_i + 1))
    try:
        problem = 1 / 0
    except ZeroDivisionError:
        problem = "handled in class body"
    with open.__class__ if False else type("CM", (), {"__enter__": lambda s: "cm", "__exit__": lambda s, *a: None})() as cmv:
        entered = cmv


print(Documented.__doc__, Documented.__module__, Documented.size, Documented.total, Documented.problem, Documented.entered)
print(sorted(k for k in vars(Documented) if not k.startswith("__")))


class _Underscore:
    __private_class_attr = 1

    @classmethod
    def get(cls):
        return cls.__private_class_attr


print(_Underscore.get(), "_Underscore__private_class_attr" in vars(_Underscore))


class __DoubleLeading:
    def __m(self):
        return "strips leading underscores of the class name"

    def call(self):
        return self.__m()


print(__DoubleLeading().call(), [n for n in vars(__DoubleLeading) if n.endswith("__m")])
