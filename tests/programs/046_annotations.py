# Annotations: __annotations__ of functions (params, return, *args, **kwargs,
# kw-only), of classes (including unannotated assignments and inheritance),
# of the module, annotated assignments without values, typing.get_type_hints.
import typing
from typing import Optional, List, Dict, Callable

module_level: int = 5
declared_only: str
counter: "ForwardRef" = 0  # noqa: F821


def func(a: int, b: "str" = "x", *args: float, c: List[int], d: bool = False, **kw: dict) -> Optional[str]:
    return None


def no_ann(a, b=1):
    return a


lam = lambda x: x  # noqa: E731
print(sorted(func.__annotations__))
for k, v in func.__annotations__.items():
    print(" ", k, "->", v)
print(no_ann.__annotations__, lam.__annotations__)
func.__annotations__["extra"] = "added"
print("extra" in func.__annotations__)
del func.__annotations__["extra"]


class Base:
    x: int
    y: str = "y"
    z = 3

    def method(self, v: "Base") -> "Base":
        return self


class Derived(Base):
    w: Dict[str, int] = {}
    x: float


print(Base.__annotations__)
print(Derived.__annotations__)
print(hasattr(Base, "x"), Base.y, "x" in vars(Base), "w" in vars(Derived))
print(Base.method.__annotations__)
print(typing.get_type_hints(Base.method, globalns=globals()))
hints = typing.get_type_hints(Derived)
print(sorted((k, str(v)) for k, v in hints.items()))
print(__annotations__["module_level"], __annotations__["declared_only"], __annotations__["counter"])
print(sorted(__annotations__), "declared_only" in globals())


def annotated_locals():
    local_var: int = 1
    other: str
    return local_var, "other" in locals()


print(annotated_locals(), annotated_locals.__annotations__)


class WithExprs:
    items: List[int] = [1, 2]
    callback: Callable[[int], str]
    pair: "tuple[int, int]" = (1, 2)
    count: int = len(items)


print({k: str(v) for k, v in WithExprs.__annotations__.items()}, WithExprs.count)
obj = WithExprs()
obj.dynamic: int = 5
print(obj.dynamic, "dynamic" in WithExprs.__annotations__)
d = {}
d["key"]: str = "value"
print(d)


def ann_side_effects():
    log = []

    def mark(name):
        log.append(name)
        return name

    def f(a: mark("A"), b: mark("B") = mark("default")) -> mark("R"):
        pass

    return log, f.__annotations__


print(ann_side_effects())


class Generic(typing.Generic[typing.TypeVar("T")]):
    value: "T"


print(Generic.__annotations__, Generic.__parameters__)
print(typing.get_type_hints(func)["return"], typing.get_type_hints(func)["c"])


class NT(typing.NamedTuple):
    a: int
    b: str = "b"


print(NT.__annotations__, NT(1), NT._fields, NT._field_defaults)
