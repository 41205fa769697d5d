# Decorators: simple, stacked (application order), with arguments, class-based,
# on methods/classmethods/staticmethods, class decorators, functools.wraps
# preserving metadata, decorators returning non-functions.
import functools

log = []


def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.append(f"call {fn.__name__}{args}")
        result = fn(*args, **kwargs)
        log.append(f"ret {fn.__name__} -> {result!r}")
        return result
    return wrapper


def tag(name):
    def deco(fn):
        log.append(f"decorating {fn.__name__} with {name}")

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return f"<{name}>{fn(*args, **kwargs)}</{name}>"
        return wrapper
    return deco


@trace
def add(a, b):
    """Adds two things."""
    return a + b


print(add(2, 3), add.__name__, add.__doc__, add.__wrapped__(5, 5))


@tag("b")
@tag("i")
def text(s):
    return s


print(text("hi"))
print(log)
log.clear()


def repeat(times):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(times)]
        return wrapper
    return deco


@repeat(3)
def shout(w):
    return w.upper()


print(shout("hey"), shout.__name__)


class CountCalls:
    def __init__(self, fn):
        functools.update_wrapper(self, fn)
        self.fn = fn
        self.calls = 0

    def __call__(self, *args):
        self.calls += 1
        return self.fn(*args)


@CountCalls
def square(x):
    return x * x


print(square(3), square(4), square.calls, square.__name__)


def register(registry):
    def deco(obj):
        registry[obj.__name__] = obj
        return obj
    return deco


REG = {}


@register(REG)
def alpha():
    return "a"


@register(REG)
class Beta:
    pass


print(sorted(REG), REG["alpha"]())


def add_repr(cls):
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{cls.__name__}({fields})"
    cls.__repr__ = __repr__
    return cls


def singleton(cls):
    instances = {}

    @functools.wraps(cls, updated=())
    def get(*args):
        if cls not in instances:
            instances[cls] = cls(*args)
        return instances[cls]
    return get


@add_repr
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


@singleton
@add_repr
class Conf:
    def __init__(self, v):
        self.v = v


print(Point(1, 2), Conf(1), Conf(2), Conf(1) is Conf(3), Conf.__name__)


class Service:
    def __repr__(self):
        return "<Service>"

    @trace
    def method(self, x):
        return x * 10

    @classmethod
    @trace
    def build(cls, v):
        return cls.__name__ + str(v)

    @staticmethod
    @trace
    def helper(v):
        return -v

    @property
    @trace
    def prop(self):
        return "property value"


s = Service()
print(s.method(2), Service.build(1), s.helper(3), s.prop)
print(log)
log.clear()


def returns_constant(fn):
    return 42


@returns_constant
def gone():
    pass


print(gone)


def with_state(fn):
    fn.calls = 0

    def wrapper(*a, **k):
        wrapper.calls += 1
        return fn(*a, **k)
    wrapper.calls = 0
    return wrapper


@with_state
def noop():
    return None


noop()
noop()
print(noop.calls, noop.__name__)
print(add.__qualname__, text.__wrapped__.__wrapped__.__name__, Service.method.__wrapped__.__qualname__)
decorators = [tag("x"), tag("y")]


@decorators[0]
@(lambda f: f)
def expr_deco():
    return "expr"


print(expr_deco())
print(log)
