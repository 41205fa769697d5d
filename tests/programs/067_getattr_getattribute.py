# Attribute hooks: __getattr__ (fallback only), __getattribute__ (every
# lookup), __setattr__/__delattr__ interception, __dir__, proxies that
# delegate, recursion pitfalls avoided via object.__getattribute__.


class Fallback:
    existing = "class attr"

    def __init__(self):
        self.inst = "instance attr"

    def __getattr__(self, name):
        if name.startswith("dyn_"):
            return name[4:].upper()
        raise AttributeError(f"{type(self).__name__!r} has no {name!r}")


f = Fallback()
print(f.existing, f.inst, f.dyn_hello, getattr(f, "dyn_x"), hasattr(f, "dyn_y"), hasattr(f, "nope"))
try:
    f.nope
except AttributeError as e:
    print("AttributeError", e)


class Logged:
    def __init__(self):
        object.__setattr__(self, "log", [])
        self.value = 1

    def __getattribute__(self, name):
        if name != "log":
            object.__getattribute__(self, "log").append(f"get {name}")
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        self.log.append(f"set {name}={value!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        self.log.append(f"del {name}")
        object.__delattr__(self, name)

    def method(self):
        return self.value * 2


lg = Logged()
lg.value = 5
_ = lg.value
lg.method()
del lg.value
try:
    lg.value
except AttributeError:
    lg.log.append("missing value")
print(lg.log)


class Both:
    def __getattribute__(self, name):
        if name == "special":
            return "from __getattribute__"
        return super().__getattribute__(name)

    def __getattr__(self, name):
        return f"from __getattr__: {name}"


b = Both()
print(b.special, b.other, b.__class__.__name__)


class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_reads", 0)

    def __getattr__(self, name):
        object.__setattr__(self, "_reads", self._reads + 1)
        return getattr(self._target, name)

    def __setattr__(self, name, value):
        setattr(self._target, name, value)

    def __dir__(self):
        return sorted(set(dir(self._target)) | {"_target"})


class Target:
    def __init__(self):
        self.x = 1

    def hello(self):
        return f"hello x={self.x}"


tgt = Target()
px = Proxy(tgt)
px.x = 42
print(px.x, px.hello(), tgt.x, px._reads, "hello" in dir(px), "_target" in dir(px))
lst_proxy = Proxy([3, 1, 2])
lst_proxy.sort()
print(lst_proxy._target, lst_proxy.count(1))
try:
    len(lst_proxy)
except TypeError as e:
    print("TypeError", e)


class Frozen:
    def __init__(self, **kw):
        for k, v in kw.items():
            object.__setattr__(self, k, v)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot set {name}: frozen")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete {name}: frozen")


fz = Frozen(a=1)
for action in (lambda: setattr(fz, "a", 2), lambda: delattr(fz, "a")):
    try:
        action()
    except AttributeError as e:
        print("AttributeError", e)
print(fz.a)


class AttrDict(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name, value):
        self[name] = value


ad = AttrDict(a=1)
ad.b = 2
print(ad.a, ad.b, dict(ad), getattr(ad, "c", "no c"))


class ErrorInGetattr:
    def __getattr__(self, name):
        raise KeyError(name)


try:
    getattr(ErrorInGetattr(), "x", "default")
except KeyError as e:
    print("KeyError propagates through getattr default:", e)


class PropertyRaising:
    @property
    def p(self):
        raise AttributeError("inner")

    def __getattr__(self, name):
        return f"getattr({name})"


print(PropertyRaising().p)


class CustomDir:
    def __dir__(self):
        return ["zeta", "alpha", "alpha"]


print(dir(CustomDir()))
print(getattr(5, "real"), getattr("s", "upper")(), hasattr([], "append"), getattr(object, "__name__"))


class Counting:
    def __init__(self):
        self.hits = {}

    def __getattr__(self, name):
        self.hits[name] = self.hits.get(name, 0) + 1
        return len(name)


cnt = Counting()
print(cnt.abc, cnt.abc, cnt.longer_name, sorted(cnt.hits.items()))
