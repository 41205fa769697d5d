# Frame-sensitive builtins: locals() in functions (snapshot semantics),
# classes and the module; globals() identity and mutation; vars() with and
# without an argument; dir() with and without an argument, in functions,
# classes, on modules and instances (sorted output).
import sys

module_var = "module level"
print(sorted(k for k in locals() if not k.startswith("__")))
print(locals() is globals(), globals()["module_var"], vars() is globals(), __name__)


def func(a, b=2, *args, **kwargs):
    c = a + b
    loc = locals()
    print("locals in func:", sorted(loc.items(), key=lambda kv: kv[0]))
    loc["c"] = "modified snapshot"
    d = 4
    print("c after modifying snapshot:", c, "| new locals has d:", "d" in locals())
    print("dir() in func:", dir())
    print("vars() is locals()-like:", sorted(vars()) == sorted(locals()))
    return sorted(locals())


print(func(1, 5, 6, k=7))


def closure_locals():
    x = 1

    def inner():
        y = 2
        return sorted(locals().items())

    def inner_uses_x():
        y = 3
        return sorted(locals().items()), x

    return inner(), inner_uses_x()


print(closure_locals())


class Klass:
    a = 1
    b = [a] * 2
    snapshot = sorted(k for k in locals() if not k.startswith("__"))
    has_module = "__module__" in locals()
    qual = locals()["__qualname__"]
    names_in_dir = [n for n in dir() if not n.startswith("__")]

    def method(self):
        return sorted(locals())


print(Klass.snapshot, Klass.has_module, Klass.qual, Klass.names_in_dir, Klass().method())
g = globals()
g["created_via_globals"] = 123
print(created_via_globals)  # noqa: F821


def reads_global_dict():
    return globals() is g, globals()["created_via_globals"]


print(reads_global_dict())


class Obj:
    cls_attr = 0

    def __init__(self):
        self.x = 1
        self.y = [2]


o = Obj()
print(vars(o), vars(o) is o.__dict__, sorted(k for k in vars(Obj) if not k.startswith("__")))
vars(o)["z"] = 3
print(o.z)
try:
    vars(5)
except TypeError as e:
    print("TypeError", e)
print([n for n in dir(o) if not n.startswith("__")], "__init__" in dir(o), "__class__" in dir(o))
print([n for n in dir(Obj) if not n.startswith("_")], dir(sys.modules[__name__]) == sorted(globals()))
import math  # noqa: E402

print([n for n in dir(math) if n.startswith("is")], vars(math)["pi"], "sqrt" in vars(math))


def locals_in_comprehension():
    outer_var = 1
    return [sorted(locals()) for _ in range(1)], sorted(locals())


print(locals_in_comprehension())


def locals_after_del():
    a = 1
    b = 2
    del a
    return sorted(locals())


print(locals_after_del())


def locals_in_generator():
    x = 10
    yield sorted(locals().items())
    y = 20
    yield sorted(locals().items())


print(list(locals_in_generator()))


def loop_locals():
    seen = []
    for i in range(3):
        seen.append(sorted(k for k in locals() if k != "seen"))
    return seen


print(loop_locals())


def exec_and_locals():
    z = 5
    exec("w = z * 2")
    return sorted(locals()), locals().get("w")


print(exec_and_locals())
print(sorted(k for k in globals() if not k.startswith("__"))[:6])
print([n for n in dir() if not n.startswith("__")], [k for k in vars() if k == "Klass"], "__name__" in dir())
