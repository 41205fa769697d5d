# match: literal patterns (int, str, None, True/False, negative numbers,
# complex), capture patterns, wildcards, or-patterns, as-patterns, guards,
# value patterns with dotted names, and fall-through to no match.
import enum


class Status:
    OK = 200
    NOT_FOUND = 404


class Color(enum.Enum):
    RED = "r"
    GREEN = "g"


def classify(x):
    match x:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case 2j:
            return "imaginary two"
        case "hello" | "hi":
            return "greeting"
        case b"bytes":
            return "bytes literal"
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case Status.OK:
            return "status ok"
        case Status.NOT_FOUND:
            return "status not found"
        case Color.RED:
            return "red enum"
        case str() as s if len(s) > 10:
            return f"long string {s[:5]}..."
        case int(n) if n > 1000:
            return f"big int {n}"
        case int(n) if n < 0:
            return f"negative {n}"
        case other:
            return f"other: {other!r}"


for value in [0, 1, 3, -1, 1.5, 2j, "hi", "hello", b"bytes", None, True, False, 1.0, 200, 404, Color.RED,
              Color.GREEN, "a very long string", 5000, -42, 7, "short", [1], 0.0, 3.0]:
    print(f"{value!r:<22} -> {classify(value)}")


def with_guard(point):
    match point:
        case (x, y) if x == y:
            return f"on diagonal at {x}"
        case (x, y) if x == -y:
            return f"on anti-diagonal ({x}, {y})"
        case (x, _) if x > 0:
            return f"right half x={x}"
        case (_, _):
            return "somewhere else"
        case _:
            return "not a point"


print([with_guard(p) for p in [(1, 1), (2, -2), (5, 0), (-3, 4), "xy", (1, 2, 3)]])


def or_with_captures(cmd):
    match cmd.split():
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"going {direction}"
        case ["look"] | ["l"]:
            return "looking"
        case ["take" | "get", item]:
            return f"taking {item}"
        case ["quit" | "exit" as verb, *_]:
            return f"bye ({verb})"
        case []:
            return "empty"
        case [first, *rest]:
            return f"unknown {first} with {len(rest)} args"


for c in ["go north", "go up", "look", "l", "get lamp", "take key", "quit now please", "exit", "", "dance wildly"]:
    print(f"{c!r:<20} {or_with_captures(c)}")

guard_calls = []


def guard(v, label):
    guard_calls.append(label)
    return v


def guard_order(x):
    match x:
        case int() if guard(x > 10, "g1"):
            return "gt10"
        case int() if guard(x > 5, "g2"):
            return "gt5"
        case _ if guard(True, "g3"):
            return "fallback"


print([guard_order(v) for v in [20, 7, 1]], guard_calls)


def no_match(v):
    match v:
        case 1:
            return "one"
    return "fell through"


print(no_match(1), no_match(2))
x = "outer"
match 42:
    case x:
        pass
print("capture binds in enclosing scope:", x)
match [1, [2, 3]]:
    case [a, [b, c] as inner] as whole:
        print(a, b, c, inner, whole)
match {"key": 1.0}:
    case {"key": 1}:
        print("1.0 matches literal 1 by equality")
match 1:
    case True:
        print("1 matched True (wrong)")
    case 1:
        print("True/False/None match by identity, so 1 does not match True")
