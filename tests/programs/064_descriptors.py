# Descriptors: data vs non-data precedence, __get__ with None instance,
# __set__/__delete__, validation descriptors, method binding via __get__,
# classmethod/staticmethod objects, and descriptors on metaclasses.
log = []


class NonData:
    def __get__(self, obj, objtype=None):
        log.append(("NonData.get", obj is None, objtype.__name__))
        return "non-data value"


class Data:
    def __get__(self, obj, objtype=None):
        log.append(("Data.get", obj is None))
        return "data value" if obj is not None else self

    def __set__(self, obj, value):
        log.append(("Data.set", value))
        obj.__dict__["_data"] = value

    def __delete__(self, obj):
        log.append(("Data.delete",))
        obj.__dict__.pop("_data", None)


class Host:
    nd = NonData()
    d = Data()


h = Host()
print(h.nd, Host.nd, h.d, type(Host.d).__name__)
h.__dict__["nd"] = "instance wins over non-data"
h.__dict__["d"] = "instance loses to data"
print(h.nd, h.d)
h.d = 5
del h.d
print(log)
log.clear()


class Typed:
    def __init__(self, kind, minimum=None):
        self.kind = kind
        self.minimum = minimum

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return obj.__dict__[self.name]
        except KeyError:
            raise AttributeError(f"{self.name} not set") from None

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}, got {type(value).__name__}")
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{self.name} must be >= {self.minimum}")
        obj.__dict__[self.name] = value


class Product:
    name = Typed(str)
    price = Typed(float, 0.0)
    qty = Typed(int, 0)

    def __init__(self, name, price, qty):
        self.name, self.price, self.qty = name, price, qty


p = Product("widget", 2.5, 3)
print(p.name, p.price, p.qty, vars(p))
for attr, val in [("price", -1.0), ("qty", "many"), ("name", 5), ("qty", 10)]:
    try:
        setattr(p, attr, val)
        print("set", attr, getattr(p, attr))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
q = Product.__new__(Product)
try:
    q.name
except AttributeError as e:
    print("AttributeError", e)


class Method:
    """A pure-Python re-implementation of function binding."""

    def __init__(self, fn):
        self.fn = fn

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self.fn
        return lambda *a, **k: self.fn(obj, *a, **k)


class UsesMethod:
    def __init__(self, v):
        self.v = v

    @Method
    def show(self, suffix=""):
        return f"v={self.v}{suffix}"


u = UsesMethod(7)
print(u.show(), u.show("!"), UsesMethod.show(u, "?"))


def plain(self):
    return ("plain", type(self).__name__)


bound = plain.__get__(u, UsesMethod)
print(bound(), plain.__get__(None, UsesMethod) is plain)
sm = staticmethod(lambda: "static!")
cm = classmethod(lambda cls: cls.__name__)
print(sm.__get__(None, Host)(), cm.__get__(None, Host)(), cm.__get__(h)(), type(sm.__func__).__name__)


class Lazy:
    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


class Report:
    computed = 0

    @Lazy
    def expensive(self):
        Report.computed += 1
        return sum(range(1000))


r = Report()
print(r.expensive, r.expensive, Report.computed, "expensive" in vars(r))


class MetaDesc:
    def __get__(self, obj, objtype=None):
        return f"meta-level for {obj.__name__ if obj is not None else None}"


class Meta(type):
    info = MetaDesc()


class WithMeta(metaclass=Meta):
    pass


print(WithMeta.info)
try:
    WithMeta().info
except AttributeError as e:
    print("AttributeError", e)


class ReadOnly:
    def __get__(self, obj, objtype=None):
        return 42

    def __set__(self, obj, value):
        raise AttributeError("read-only attribute")


class RO:
    answer = ReadOnly()


ro = RO()
try:
    ro.answer = 1
except AttributeError as e:
    print("AttributeError", e, ro.answer)
RO.answer = "replaced on class"
print(ro.answer)
print(hasattr(property(), "__set__"), hasattr(staticmethod(len), "__set__"), hasattr(len, "__get__"), hasattr(plain, "__get__"))
