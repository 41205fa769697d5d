# What one level of recursion costs in recursion depth when it passes
# through a builtin, a generator resumed by host code, a class body,
# exec/eval, str() or a C method: each probe recurses until RecursionError
# and prints how many levels it reached (CPython 3.11's adaptive
# interpreter makes its specialised calls of builtins without a depth unit,
# once a code object is warm).
import sys


def probe(fn):
    reached = [0]

    def level(n):
        reached[0] = n
        return fn(level, n)

    try:
        level(0)
    except RecursionError:
        pass
    return reached[0]


probes = {
    "plain": lambda level, n: level(n + 1),
    "sum(genexpr)": lambda level, n: sum(level(n + 1) for _ in range(1)),
    "next(genexpr)": lambda level, n: next(level(n + 1) for _ in range(1)),
    "list(genexpr)": lambda level, n: list(level(n + 1) for _ in range(1)),
    "any(genexpr)": lambda level, n: any(level(n + 1) for _ in range(1)),
    "listcomp": lambda level, n: [level(n + 1) for _ in range(1)],
    "map": lambda level, n: list(map(level, [n + 1])),
    "sorted key=": lambda level, n: sorted([n + 1], key=level),
    "list.sort key=": lambda level, n: [n + 1].sort(key=level),
    "max key=": lambda level, n: max([n + 1], key=level),
    "eval": lambda level, n: eval("level(n + 1)"),
    "exec": lambda level, n: exec("level(n + 1)"),
    "exec dict": lambda level, n: exec("level(n + 1)", {"level": level, "n": n}),
    "getattr": lambda level, n: getattr(type("X", (), {"__getattr__": lambda s, a: level(n + 1)})(), "a"),
    "isinstance": lambda level, n: isinstance(1, type("M", (type,), {"__instancecheck__": lambda c, i: level(n + 1)})("K", (), {})),
}


def class_body(level, n):
    class C:
        v = level(n + 1)
    return C


probes["class body"] = class_body


def gen_next(level, n):
    def g():
        yield level(n + 1)
    return next(g())


probes["next(gen)"] = gen_next


def gen_send(level, n):
    def g():
        yield
        yield level(n + 1)
    it = g()
    it.send(None)
    return it.send(None)


probes["gen.send"] = gen_send


class Node:
    def __init__(self, level, n):
        self.level, self.n = level, n

    def __str__(self):
        return str(self.level(self.n + 1))

    def __repr__(self):
        return repr(self.level(self.n + 1))

    def __len__(self):
        return len(self.level(self.n + 1))

    def __eq__(self, other):
        return self.level(self.n + 1) == other

    __hash__ = None


probes["str()"] = lambda level, n: str(Node(level, n))
probes["repr()"] = lambda level, n: repr(Node(level, n))
probes["len()"] = lambda level, n: len(Node(level, n))
probes["=="] = lambda level, n: Node(level, n) == 0
probes["list.index"] = lambda level, n: [Node(level, n)].index(0)
probes["str.join"] = lambda level, n: "".join(level(n + 1) for _ in range(1))
probes["dict.get default"] = lambda level, n: {}.get(0, level(n + 1))
probes["functools.reduce"] = lambda level, n: __import__("functools").reduce(lambda a, b: level(n + 1), [1, 2])

for limit in (1000, 300):
    sys.setrecursionlimit(limit)
    for name, fn in probes.items():
        print(limit, name, probe(fn))
sys.setrecursionlimit(1000)


def f(n):
    return 1 + sum(f(n - 1) for _ in range(1)) if n else 0


print("f(450) =", f(450))
