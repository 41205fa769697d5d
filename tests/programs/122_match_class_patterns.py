# match: class patterns with __match_args__ (positional), keyword
# sub-patterns, builtin types matching their value positionally (int(x),
# str(s)), dataclasses, inheritance, errors for too many positional
# sub-patterns, and attribute lookups done during matching.
from dataclasses import dataclass


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


class Point3(Point):
    __match_args__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


@dataclass
class Circle:
    center: Point
    radius: float


@dataclass
class Rect:
    corner: Point
    w: float
    h: float


class NoArgs:
    def __init__(self):
        self.value = "kw only"


def describe(shape):
    match shape:
        case Point(0, 0):
            return "origin"
        case Point3(x, y, 0):
            return f"3d point on plane at {x},{y}"
        case Point3(z=z) if z < 0:
            return f"below plane z={z}"
        case Point(x, 0):
            return f"on x axis at {x}"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Circle(Point(0, 0), r):
            return f"circle at origin r={r}"
        case Circle(center=Point(x, y), radius=r) if r > 10:
            return f"big circle at {x},{y}"
        case Circle(c, r):
            return f"circle r={r} at ({c.x},{c.y})"
        case Rect(Point(x, y), w, h) if w == h:
            return f"square side {w} at {x},{y}"
        case Rect(w=w, h=h):
            return f"rect {w}x{h}"
        case NoArgs(value=v):
            return f"NoArgs with {v}"
        case Point():
            return "some other point"
        case _:
            return "unknown"


shapes = [Point(0, 0), Point3(1, 2, 0), Point3(1, 2, -5), Point3(1, 2, 3), Point(4, 0), Point(0, 9), Point(3, 3),
          Point(1, 2), Circle(Point(0, 0), 2), Circle(Point(1, 1), 20), Circle(Point(2, 3), 1), Rect(Point(0, 1), 2, 2),
          Rect(Point(0, 0), 3, 4), NoArgs(), "text"]
for s in shapes:
    print(f"{type(s).__name__:<8} {describe(s)}")


def builtin_types(v):
    match v:
        case bool(b):
            return f"bool {b}"
        case int(n) if n % 2 == 0:
            return f"even int {n}"
        case int(n):
            return f"odd int {n}"
        case float(f):
            return f"float {f}"
        case str(s) if s.isdigit():
            return f"digit string {s}"
        case str():
            return "other string"
        case bytes(b) | bytearray(b):
            return f"binary {bytes(b)!r}"
        case list([first, *_]):
            return f"non-empty list starting {first}"
        case dict({"k": k}):
            return f"dict with k={k}"
        case tuple((a, b)):
            return f"pair {a},{b}"
        case frozenset() | set():
            return f"set of {len(v)}"
        case _:
            return "other"


print([builtin_types(v) for v in [True, 4, 7, 2.5, "123", "abc", b"x", bytearray(b"y"), [9, 8], [], {"k": 1}, (1, 2), {3}, None]])


class BadMatchArgs:
    __match_args__ = ("a",)

    def __init__(self):
        self.a = 1


for pattern_fn in ("too_many", "missing_attr", "not_tuple"):
    try:
        if pattern_fn == "too_many":
            match BadMatchArgs():
                case BadMatchArgs(x, y):
                    print("impossible")
        elif pattern_fn == "missing_attr":
            match BadMatchArgs():
                case BadMatchArgs(nonexistent=1):
                    print("impossible")
                case _:
                    print("missing attribute just fails to match")
        else:
            class Weird:
                __match_args__ = ["a"]
            match Weird():
                case Weird(a):
                    print("impossible")
    except TypeError as e:
        print("TypeError", e)
try:
    match 5:
        case int(1, 2):
            pass
except TypeError as e:
    print("TypeError", e)
try:
    match 5:
        case len():
            pass
except TypeError as e:
    print("TypeError", e)

lookups = []


class Spy:
    __match_args__ = ("a", "b")

    def __getattr__(self, name):
        lookups.append(name)
        if name in ("a", "b"):
            return name.upper()
        raise AttributeError(name)


match Spy():
    case Spy("A", "X"):
        print("no")
    case Spy("A", b, c=3):
        print("no")
    case Spy(a, b):
        print("spy matched", a, b)
print(lookups)


@dataclass
class Expr:
    op: str
    args: tuple


def evaluate(e):
    match e:
        case int() | float():
            return e
        case Expr("+", (l, r)):
            return evaluate(l) + evaluate(r)
        case Expr("*", (l, r)):
            return evaluate(l) * evaluate(r)
        case Expr("neg", (x,)):
            return -evaluate(x)
        case Expr(op, _):
            raise ValueError(f"unknown op {op}")


print(evaluate(Expr("+", (1, Expr("*", (Expr("neg", (3,)), 4.5))))), Expr.__match_args__)
try:
    evaluate(Expr("/", (1, 2)))
except ValueError as e:
    print("ValueError", e)
