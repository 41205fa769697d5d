# dataclasses: fields with defaults and default_factory, __post_init__,
# InitVar, ClassVar, order, frozen (FrozenInstanceError), eq/hash rules,
# asdict/astuple/replace/fields, inheritance, kw_only, slots, repr=False.
import dataclasses
from dataclasses import dataclass, field, InitVar, asdict, astuple, replace, fields
from typing import ClassVar, List


@dataclass
class Point:
    x: int
    y: int = 0

    def dist2(self):
        return self.x ** 2 + self.y ** 2


p = Point(3, 4)
print(p, Point(1), p == Point(3, 4), p != Point(4, 3), p.dist2(), Point.__hash__)
print([f.name for f in fields(p)], asdict(p), astuple(p), replace(p, y=10))


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0
    label: str = field(default="", compare=False)


vs = [Version(1, 2), Version(1, 10), Version(0, 9, 9, "beta"), Version(1, 2, 0, "rc")]
print(sorted(vs), max(vs), Version(1, 2) == Version(1, 2, 0, "x"), Version(1) < Version(1, 0, 1))


@dataclass(frozen=True)
class Coord:
    lat: float
    lon: float

    def moved(self, d):
        return replace(self, lat=self.lat + d)


c = Coord(1.5, 2.5)
try:
    c.lat = 0
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError", e)
print(c, c.moved(1), hash(c) == hash(Coord(1.5, 2.5)), {c: "here"}[Coord(1.5, 2.5)])


@dataclass
class Inventory:
    owner: str
    items: List[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict, repr=False)
    total: int = field(init=False, default=0)
    scale: InitVar[int] = 1
    registry: ClassVar[list] = []

    def __post_init__(self, scale):
        self.total = len(self.items) * scale
        Inventory.registry.append(self.owner)


i1 = Inventory("ann", ["a", "b"], scale=10)
i2 = Inventory("bob")
i2.items.append("x")
print(i1, i2, i1.total, i2.total, Inventory.registry, Inventory("cy").items)
print([f.name for f in fields(Inventory)], "scale" in [f.name for f in fields(Inventory)])
try:
    @dataclass
    class Bad:
        items: list = []
except ValueError as e:
    print("ValueError", e)
try:
    @dataclass
    class Order:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError", e)


@dataclass
class Base:
    id: int
    tags: tuple = ()


@dataclass
class Derived(Base):
    name: str = "unnamed"
    id: int = 99


print(Derived(), Derived(1, ("t",), "n"), [f.name for f in fields(Derived)])


@dataclass(kw_only=True)
class Options:
    verbose: bool = False
    level: int


print(Options(level=3))
try:
    Options(True, 3)
except TypeError as e:
    print("TypeError", e)


@dataclass
class Mixed:
    a: int
    _: dataclasses.KW_ONLY
    b: int = 2
    c: int = 3


print(Mixed(1, c=5), Mixed(0, b=0))


@dataclass(slots=True)
class Slotted:
    x: int
    y: int = 5


s = Slotted(1)
print(s, hasattr(s, "__dict__"), Slotted.__slots__)
try:
    s.z = 1
except AttributeError as e:
    print("AttributeError", type(e).__name__)


@dataclass(eq=False)
class Identity:
    v: int


print(Identity(1) == Identity(1), Identity.__hash__ is object.__hash__)


@dataclass(unsafe_hash=True)
class Hashable:
    v: int
    w: list = field(default=None, hash=False, compare=False)


print(hash(Hashable(5)) == hash(Hashable(5, [1])), len({Hashable(5), Hashable(5), Hashable(6)}))


@dataclass
class Node:
    value: int
    children: List["Node"] = field(default_factory=list)


tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(asdict(tree))
print(astuple(tree))
print(dataclasses.is_dataclass(tree), dataclasses.is_dataclass(Node), dataclasses.is_dataclass(5))
Dyn = dataclasses.make_dataclass("Dyn", [("a", int), ("b", str, field(default="b"))], namespace={"hi": lambda self: "hi " + self.b})
print(Dyn(1), Dyn(1).hi(), Dyn.__name__)
print(repr(Inventory.__init__.__doc__) if False else "init ok", Point.__match_args__, Version.__match_args__)
