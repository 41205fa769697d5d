# typing at runtime: Generic classes with TypeVar, Protocol with
# runtime_checkable, TypedDict, Literal/Union/Optional introspection via
# get_origin/get_args, cast, overload, NewType, Final, dataclass-like
# annotations consumed by get_type_hints, and Self (3.11).
import typing
from typing import (Any, Callable, Dict, Generic, List, Literal, NewType, Optional, Protocol, Tuple, TypedDict,
                    TypeVar, Union, cast, get_args, get_origin, overload, runtime_checkable)

T = TypeVar("T")
K = TypeVar("K", str, bytes)
N = TypeVar("N", bound=int)


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> "Stack[T]":
        self.items.append(item)
        return self

    def pop(self) -> T:
        return self.items.pop()


s = Stack[int]().push(1).push(2)
print(s.pop(), s.items, Stack.__parameters__, Stack[int].__origin__ is Stack, get_args(Stack[str]))
print(T.__name__, K.__constraints__, N.__bound__, repr(T))


@runtime_checkable
class Closeable(Protocol):
    def close(self) -> None:
        ...


class File:
    def close(self):
        return "closed"


class NotCloseable:
    pass


print(isinstance(File(), Closeable), isinstance(NotCloseable(), Closeable), issubclass(File, Closeable))


class Movie(TypedDict, total=False):
    title: str
    year: int


m: Movie = {"title": "Blade Runner", "year": 1982}
print(m, Movie.__annotations__, sorted(Movie.__optional_keys__), Movie(title="x"))
for tp in [Optional[int], Union[int, str], List[int], Dict[str, List[int]], Tuple[int, ...], Callable[[int, str], bool],
           Literal["a", "b"], list[int], int | None, Any]:
    print(f"  {tp!s:<40} origin={get_origin(tp)} args={get_args(tp)}")
UserId = NewType("UserId", int)
uid = UserId(42)
print(uid, type(uid).__name__, UserId.__name__, cast(str, 5), cast("List[int]", [1]))


@overload
def double(x: int) -> int:
    ...


@overload
def double(x: str) -> str:
    ...


def double(x):
    return x * 2


print(double(4), double("ab"))


class Node:
    def __init__(self, value: int, children: "Optional[List[Node]]" = None) -> None:
        self.value = value
        self.children = children or []

    def add(self, child: "Node") -> "Node":
        self.children.append(child)
        return self

    def clone(self) -> typing.Self:
        return type(self)(self.value, list(self.children))


hints = typing.get_type_hints(Node.__init__)
print(sorted((k, str(v)) for k, v in hints.items()))
print(typing.get_type_hints(Node.add), Node(1).clone().value)
MAX: typing.Final = 10
print(MAX, typing.get_type_hints(sys.modules[__name__]) if False else "module hints skipped")


def apply(fn: Callable[..., T], *args: Any) -> T:
    return fn(*args)


print(apply(max, 3, 9, 2), apply(str.upper, "typed"))
print(typing.TYPE_CHECKING, Union[int, int] is int if False else Union[int, int], Optional[None])
Alias = Dict[str, Tuple[int, int]]
print(Alias, Alias[()] if False else get_args(Alias))
print(isinstance([], typing.Sequence if False else list), typing.Sequence[int], typing.Iterable.__name__ if hasattr(typing.Iterable, "__name__") else "Iterable")
import sys  # noqa: E402

print(typing.assert_never.__name__, typing.reveal_type.__name__, callable(typing.dataclass_transform))
