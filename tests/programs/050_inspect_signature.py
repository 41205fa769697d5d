# inspect: signature() of interpreted functions, methods, lambdas, classes,
# partials and wrapped functions; Parameter kinds/defaults/annotations;
# bind()/bind_partial() errors; isfunction/ismethod/isclass/isgeneratorfunction.
import functools
import inspect


def f(a, b: int = 2, /, c=3, *args, d, e: str = "e", **kwargs) -> bool:
    return True


def g(x, y=None):
    pass


async def co(x):
    pass


def gen(n):
    yield n


async def agen():
    yield 1


class C:
    def __init__(self, p, q=0):
        self.p = p

    def method(self, r, *, s=1):
        return r

    @classmethod
    def cm(cls, t):
        return t

    @staticmethod
    def sm(u, v=5):
        return u

    def __call__(self, w):
        return w


sig = inspect.signature(f)
print(sig)
print(sig.return_annotation, list(sig.parameters))
for name, p in sig.parameters.items():
    print(f"  {name}: kind={p.kind.name} default={p.default!r} annotation={p.annotation!r}")
print(inspect.signature(g), inspect.signature(lambda a, *b, c=1: 0))
print(inspect.signature(C), inspect.signature(C.method), inspect.signature(C(1).method))
print(inspect.signature(C.cm), inspect.signature(C.sm), inspect.signature(C(1)))
p = functools.partial(g, 1)
print(inspect.signature(p), inspect.signature(functools.partial(f, 1, 2, d=4)))


def deco(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        return fn(*a, **k)
    return wrapper


@deco
def wrapped(alpha, beta=2):
    pass


print(inspect.signature(wrapped), inspect.signature(wrapped, follow_wrapped=False))
bound = sig.bind(1, 2, 3, 4, 5, d=6, z=7)
print(bound.arguments)
bound.apply_defaults()
print(bound.args, bound.kwargs)
ba = inspect.signature(g).bind_partial(y=1)
ba.apply_defaults()
print(ba.arguments)
for args, kwargs in [((), {}), ((1,), {}), ((1, 2), {"a": 1}), ((1,), {"d": 1, "zz": 2})]:
    try:
        print(inspect.signature(g).bind(*args, **kwargs))
    except TypeError as e:
        print("TypeError", e)
try:
    sig.bind(1, d=1, b=2)
except TypeError as e:
    print("TypeError", e)
print(inspect.isfunction(f), inspect.isfunction(C.method), inspect.isfunction(C(1).method), inspect.isfunction(len))
print(inspect.ismethod(C(1).method), inspect.ismethod(C.method), inspect.ismethod(C.cm), inspect.isclass(C))
print(inspect.isgeneratorfunction(gen), inspect.isgeneratorfunction(f), inspect.iscoroutinefunction(co),
      inspect.isasyncgenfunction(agen), inspect.iscoroutinefunction(f))
g_obj = gen(1)
c_obj = co(1)
# Generator/coroutine objects are checked by behaviour, not by their type.
print(hasattr(g_obj, "send"), hasattr(g_obj, "throw"), hasattr(c_obj, "__await__"), inspect.isawaitable(c_obj))
c_obj.close()
print(next(g_obj), list(g_obj), inspect.isgenerator(f), inspect.iscoroutine(f))
print(inspect.isbuiltin(len), inspect.isroutine(f), inspect.isroutine(len), callable(C(1)))
print(inspect.getdoc(C.method), inspect.getmodule(f).__name__, inspect.unwrap(wrapped).__name__)
print(inspect.getfullargspec(f))
print(inspect.signature(f).replace(return_annotation=inspect.Signature.empty))
params = [inspect.Parameter("x", inspect.Parameter.POSITIONAL_ONLY),
          inspect.Parameter("y", inspect.Parameter.KEYWORD_ONLY, default=3)]
print(inspect.Signature(params))
print(inspect.getsource(g).strip().splitlines()[0], inspect.getsourcelines(g)[1])
print(str(inspect.signature(C.__init__)), inspect.getcallargs(g, 1))
print(inspect.getclosurevars(deco(g)).nonlocals.keys() == {"fn"}, inspect.getattr_static(C, "sm").__class__.__name__)
