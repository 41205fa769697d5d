# exec, eval and __build_class__ seen from interpreted code are the host's
# own builtins (identity, repr, signature, pickling, attributes), and the
# code they run -- called directly or through host callables (map,
# functools.partial) -- behaves as natively: namespaces and __builtins__,
# locals(), closure=, class bodies (metaclasses, __prepare__, __class__
# cells, a plain function as a body), the calling frame, errors, audit
# events and tracebacks.
import builtins
import copy
import functools
import inspect
import pickle
import sys
import traceback

print(exec is builtins.exec, eval is builtins.eval, __build_class__ is builtins.__build_class__)
print(builtins.__dict__["exec"] is exec, getattr(builtins, "eval") is eval)
for f in (exec, eval, __build_class__):
    print(repr(f), f.__name__, f.__qualname__, f.__module__, f.__self__ is builtins, type(f).__name__)
    print(pickle.loads(pickle.dumps(f)) is f, copy.copy(f) is f, copy.deepcopy(f) is f, f.__reduce__())
    print(inspect.isbuiltin(f), inspect.isroutine(f), f.__text_signature__)
print(inspect.signature(exec), inspect.signature(eval))
try:
    inspect.signature(__build_class__)
except ValueError as e:
    print("ValueError", e)
print({exec: "x"}[builtins.exec], exec == builtins.exec, exec.__doc__.splitlines()[0])

# Through host callables: the code still sees the namespaces it is given.
print(list(map(eval, ["1+1", "2*3", "[i*i for i in range(4)]"])))
g = {}
functools.partial(exec, "a = 5\nb = a * 2")(g)
print(g["a"], g["b"], "__builtins__" in g, g["__builtins__"] is builtins.__dict__)
print([functools.partial(eval, "x * 2", {})(ns) for ns in ({"x": 1}, {"x": "ab"})])


# The calling frame: locals, globals, sys._getframe, __future__-free compile.
def caller():
    x = 10
    inner = eval("sys._getframe(1).f_code.co_name")
    return eval("x + 1"), eval("locals()")["x"], inner, eval("__name__")


print(caller())


def exec_into_function_namespace():
    ns = {}
    exec("y = 3\ndef h(): return __name__", {"__name__": "custom"}, ns)
    return ns["h"](), sorted(ns)


print(exec_into_function_namespace())


def outer():
    v = 7

    def inner():
        print("inner sees", v)

    return inner


inner = outer()
exec(inner.__code__, {"print": print}, closure=inner.__closure__)
try:
    exec(inner.__code__, {})
except TypeError as e:
    print("TypeError", e)
try:
    eval(inner.__code__)
except TypeError as e:
    print("TypeError", e)

# The host's own argument errors.
for call in (lambda: exec(123), lambda: eval("x", []), lambda: exec("x", {}, 5), lambda: eval(),
             lambda: exec("1", {}, {}, {}), lambda: eval("1", globals=None), lambda: eval(b"\xff")):
    try:
        call()
    except (TypeError, SyntaxError) as e:
        print(type(e).__name__, e)
print(eval("  \t 3 + 4"), eval(b"5 * 5"), eval(bytearray(b"'ba'")), eval(memoryview(b"1 or 2")))


# Class bodies: metaclass keywords, __prepare__, zero-argument super(), the
# __class__ cell, a class statement inside exec'd source.
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, sorted(kw))
        return {"prepared": name}

    def __new__(mcls, name, bases, ns, **kw):
        print("new", name, sorted(k for k in ns if not k.startswith("__")), sorted(kw))
        return super().__new__(mcls, name, bases, ns)

    def __init__(cls, name, bases, ns, **kw):
        super().__init__(name, bases, ns)


class A(metaclass=Meta, flag=1):
    x = 1

    def m(self):
        return __class__, "A.m"


print(A.prepared, A().m()[0] is A, A().m()[1])
ns = {"A": A}
exec("class B(A):\n    def m(self):\n        return super().m()[1] + ' via B'\n", ns)
print(ns["B"]().m(), type(ns["B"]).__name__)


def make(v):
    class C:
        val = v
        frame_name = sys._getframe(1).f_code.co_name

        def get(self):
            return v

    return C


print(make(3).val, make(4)().get(), make(5).frame_name, make(6).__qualname__)


# __build_class__ called directly with plain functions as bodies.
def body_returning():
    return 42


def body_with_locals():
    z = 3
    locals()  # an optimised body's locals() fills the namespace it was given


print(sorted(k for k in vars(__build_class__(body_returning, "P")) if not k.startswith("__")))
print(__build_class__(body_with_locals, "Q").z, __build_class__(body_returning, "R", int).__mro__[1])
for bad in (lambda: __build_class__(), lambda: __build_class__(len, "X"), lambda: __build_class__(body_returning, 3)):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)


def frames(tb):
    return [(fs.filename.rsplit("/", 1)[-1], fs.name, fs.line) for fs in traceback.extract_tb(tb)]


# Errors raised in the code they run: the tracebacks show the same frames.
for src in ("1/0", "[][0]"):
    try:
        eval(src)
    except Exception as e:
        print(type(e).__name__, frames(e.__traceback__))
try:
    class Broken:
        {}["missing"]
except KeyError as e:
    print("KeyError", frames(e.__traceback__))
try:
    list(map(exec, ["ok = 1", "raise ValueError('in map')"]))
except ValueError as e:
    print("ValueError", frames(e.__traceback__))

# Audit events as natively (recorded only while listening).
listening = []


def hook(event, args):
    if listening and event in ("exec", "compile"):
        listening.append((event, type(args[0]).__name__))


sys.addaudithook(hook)
listening.append("start")
exec("pass")
exec(compile("pass", "<c>", "exec"))
eval("1")
cls = type("T", (), {})
del listening[0]
snapshot = list(listening)
listening.clear()
print(snapshot)

# Finally an uncaught error from eval'd code: the host prints it.
eval("undefined_name_149 + 1")
