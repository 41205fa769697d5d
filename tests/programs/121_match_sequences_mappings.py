# match: sequence patterns (fixed length, star in every position, nested,
# tuples vs lists, strings/bytes are not sequences here), mapping patterns
# (extra keys ignored, **rest, nested, non-str keys), and mixtures.
from collections import OrderedDict, defaultdict, deque


def seq(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one: {x}"
        case [x, y]:
            return f"two: {x}, {y}"
        case [first, *middle, last] if len(middle) > 2:
            return f"long: {first}..{last} ({len(middle)} in middle)"
        case [*init, 0]:
            return f"ends with zero after {init}"
        case [0, *tail]:
            return f"starts with zero then {tail}"
        case [x, y, *_]:
            return f"at least two: {x}, {y}"
        case _:
            return f"not a sequence: {type(v).__name__}"


for v in [[], [1], (1, 2), [1, 2, 3, 4, 5, 6], [5, 6, 0], (0, 7, 8), [1, 2, 3], "ab", b"xy", {"a": 1}, range(2),
          deque([9]), 5, frozenset([1])]:
    print(f"{v!r:<22} {seq(v)}")


def nested(v):
    match v:
        case [(x1, y1), (x2, y2)]:
            return f"segment ({x1},{y1})->({x2},{y2})"
        case [[a, *_], [b, *_], *_]:
            return f"rows starting {a} and {b}"
        case [str() as s, [*nums]] if all(isinstance(n, int) for n in nums):
            return f"label {s} with {sum(nums)}"
        case _:
            return "no nested match"


print([nested(v) for v in [[(0, 0), (1, 1)], [[1, 2], [3], [4]], ["sum", [1, 2, 3]], ["x", ["a"]], [1]]])


def mapping(v):
    match v:
        case {"type": "point", "x": x, "y": y}:
            return f"point({x}, {y})"
        case {"type": "circle", "r": r, **rest} if rest:
            return f"circle r={r} extras={sorted(rest.items())}"
        case {"type": "circle", "r": r}:
            return f"plain circle r={r}"
        case {"type": t, **others}:
            return f"unknown type {t} with keys {sorted(others)}"
        case {1: one, None: nothing}:
            return f"non-str keys {one} {nothing}"
        case {}:
            return "some other mapping"
        case _:
            return "not a mapping"


for v in [{"type": "point", "x": 1, "y": 2, "z": 3}, {"type": "circle", "r": 5}, {"type": "circle", "r": 1, "fill": "red", "a": 0},
          {"type": "hex", "side": 2}, {1: "one", None: "nil"}, {}, {"other": 1}, OrderedDict(type="point", x=0, y=0),
          defaultdict(int, type="tri"), [("type", "point")], "type"]:
    print(f"{mapping(v)}")


def event(e):
    match e:
        case {"event": "click", "pos": [x, y], "button": "left" | "right" as button}:
            return f"{button} click at {x},{y}"
        case {"event": "keys", "keys": [*keys]} if keys:
            return "typed " + "".join(keys)
        case {"event": "batch", "items": [{"id": first_id}, *more]}:
            return f"batch starting with id {first_id} (+{len(more)})"
        case {"event": str(name)}:
            return f"unhandled event {name}"
    return "malformed"


for e in [{"event": "click", "pos": (3, 4), "button": "left"}, {"event": "click", "pos": [1, 2], "button": "middle"},
          {"event": "keys", "keys": ["h", "i"]}, {"event": "keys", "keys": []}, {"event": "batch", "items": [{"id": 7}, {"id": 8}]},
          {"event": 5}, {"evt": "x"}]:
    print(event(e))


class Tracking(dict):
    lookups = []

    def get(self, key, default=None):
        Tracking.lookups.append(key)
        return super().get(key, default)


match Tracking(a=1, b=2):
    case {"a": 1, "b": b}:
        print("matched via get():", b, sorted(set(Tracking.lookups)) if Tracking.lookups else "(lookups not via get)")


def star_positions(v):
    match v:
        case [*_, "end"]:
            return "star first"
        case ["start", *_, "stop"]:
            return "star middle"
        case ["begin", *rest]:
            return f"star last {rest}"
    return "none"


print([star_positions(v) for v in [["a", "end"], ["start", 1, 2, "stop"], ["begin"], ["begin", 1], ["x"]]])
match (1, 2, 3):
    case [1, *rest]:
        print("tuple matched list pattern, rest is a list:", rest)
match [1, 2]:
    case (a, b):
        print("list matched tuple pattern:", a, b)
