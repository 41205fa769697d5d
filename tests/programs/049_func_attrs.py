# Function attributes: __name__, __qualname__, __defaults__, __kwdefaults__,
# __closure__, __dict__, __module__, __wrapped__, __doc__, __code__.co_*,
# __globals__, __builtins__ (presence), assigning attributes, bound methods.
import functools


def outer(a, b=2, *args, c, d=4, **kw):
    """Docstring of outer."""
    x = a + b

    def inner(y):
        return x + y

    return inner


inner = outer(1, c=3)
for fn in (outer, inner):
    print("name", fn.__name__, "| qualname", fn.__qualname__, "| module", fn.__module__)
    print("  defaults", fn.__defaults__, "kwdefaults", fn.__kwdefaults__, "doc", fn.__doc__)
    print("  closure", None if fn.__closure__ is None else [c.cell_contents for c in fn.__closure__])
    print("  dict", fn.__dict__, "globals is module", fn.__globals__ is globals())
    co = fn.__code__
    print("  co_name", co.co_name, "co_argcount", co.co_argcount, "posonly", co.co_posonlyargcount,
          "kwonly", co.co_kwonlyargcount, "nlocals", co.co_nlocals)
    print("  co_varnames", co.co_varnames, "co_freevars", co.co_freevars, "co_cellvars", co.co_cellvars)
    print("  co_filename ends", co.co_filename.endswith("049_func_attrs.py"), "co_firstlineno", co.co_firstlineno)
    print("  co_qualname", co.co_qualname, "has varargs", bool(co.co_flags & 0x04), "has varkw", bool(co.co_flags & 0x08))
    print("  is generator flag", bool(co.co_flags & 0x20), "consts has doc", fn.__doc__ in co.co_consts if fn.__doc__ else None)
    print("  names", sorted(co.co_names))

outer.custom = "attached"
outer.__dict__["other"] = 1
print(outer.custom, sorted(vars(outer)), getattr(outer, "missing", "default"))
outer.__name__ = "renamed"
outer.__qualname__ = "Renamed.qual"
outer.__doc__ = "new doc"
print(outer.__name__, outer.__qualname__, outer.__doc__)
try:
    outer.__name__ = 5
except TypeError as e:
    print("TypeError", e)
try:
    outer.__code__ = 5
except TypeError as e:
    print("TypeError", e)


def gen():
    yield 1


async def coro():
    pass


print("generator flag", bool(gen.__code__.co_flags & 0x20), "coroutine flag", bool(coro.__code__.co_flags & 0x80))
print(gen.__name__, coro.__qualname__)


class K:
    def method(self, v):
        """method doc"""
        return v

    @classmethod
    def cm(cls):
        return cls

    @staticmethod
    def sm():
        return "static"

    class Nested:
        def deep(self):
            def deepest():
                pass
            return deepest


k = K()
bound = k.method
print(K.method.__qualname__, K.cm.__qualname__, K.sm.__qualname__, K.Nested.deep.__qualname__)
print(K.Nested().deep().__qualname__, K.Nested.__qualname__, K.__qualname__, K.__module__)
print(bound.__self__ is k, bound.__func__ is K.method, bound.__name__, bound.__doc__, bound(5))
print(K.cm.__self__ is K, K.cm.__func__.__name__, K.__dict__["sm"].__func__() if hasattr(K.__dict__["sm"], "__func__") else None)
print(bound == k.method, bound is k.method, K.method is K.method)
try:
    bound.new_attr = 1
except AttributeError as e:
    print("AttributeError", e)
K.method.tag = "tagged"
print(k.method.tag)


def deco(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        return fn(*a, **kw)
    wrapper.extra = "x"
    return wrapper


@deco
def documented(p, q=1):
    """Doc kept."""
    return p + q


print(documented.__name__, documented.__doc__, documented.__wrapped__.__name__, documented.__qualname__)
print(documented.__wrapped__.__defaults__, documented.__defaults__, documented.__dict__.keys() >= {"extra", "__wrapped__"})
print(sorted(k for k in dir(documented) if k.startswith("__") and k in ("__call__", "__get__", "__code__", "__closure__")))
lam = lambda: None  # noqa: E731
print(lam.__name__, lam.__qualname__, lam.__code__.co_name, lam.__doc__)
print(len.__name__, len.__qualname__, len.__module__, print.__name__, type(len).__name__)
print(callable(outer), callable(K), callable(k), callable(5), callable(k.method))
