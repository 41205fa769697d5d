# Dicts: construction, access, mutation, views, ordering (insertion order),
# merge operators, setdefault/get/pop, comprehension, keys of mixed types.
from collections import OrderedDict

d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "b" in d, 2 in d)
print(list(d), list(d.keys()), list(d.values()), list(d.items()))
d["b"] = 20
print(d)
del d["b"]
d["b"] = 200
print(d)
print(d.pop("a"), d.pop("zz", "default"), d)
print(d.setdefault("n", []), d.setdefault("c", 99), d)
d["n"].append(1)
print(d.popitem(), d)
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d)
print(dict(a=1, b=2), dict([("k", "v")]), dict(zip("abc", range(3))), dict.fromkeys("xy", 0), dict({1: 2}, three=3))
print({1: "int", 1.0: "float", True: "bool"}, {(1, 2): "tuple", None: "none", frozenset(): "fs"}[None])
merged = {"a": 1, "b": 2} | {"b": 3, "c": 4}
print(merged)
m = {"a": 1}
m |= {"a": 5, "z": 26}
print(m)
print({**{"a": 1}, "b": 2, **{"a": 3}})
keys = {"a": 1, "b": 2}.keys()
print(keys & {"a", "z"}, sorted(keys | {"q"}), keys - {"a"}, keys == {"a", "b"}, list(reversed(keys)))
items = {"a": 1}.items()
print(("a", 1) in items, ("a", 2) in items, sorted(items | {("b", 2)}))
view = d.keys()
d["new"] = 0
print("new" in view, len(view))
for bad in [lambda: {}["missing"], lambda: {}.pop("x"), lambda: {}.popitem(), lambda: {[]: 1},
            lambda: dict([1, 2]), lambda: {"a": 1} + {"b": 2}]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
try:
    for k in d:
        d[k + "!"] = 1
except RuntimeError as e:
    print("RuntimeError", e)
squares = {n: n * n for n in range(6) if n % 2 == 0}
print(squares, {v: k for k, v in squares.items()})
inv = {}
for word in "one two three four five six".split():
    inv.setdefault(len(word), []).append(word)
print(inv, sorted(inv.items(), key=lambda kv: -kv[0]))
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts, key=lambda k: (-counts[k], k)))
nested = {"outer": {"inner": {"leaf": 1}}}
nested["outer"]["inner"]["leaf"] += 1
print(nested, nested["outer"].get("inner", {}).get("leaf"))
print({"a": 1} == {"a": 1.0}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1))
od = OrderedDict.fromkeys("abcd")
od.move_to_end("a")
od.move_to_end("d", last=False)
print(list(od), od.popitem(last=False))


class Missing(dict):
    def __missing__(self, key):
        value = self[key] = len(key)
        return value


mm = Missing()
print(mm["hello"], mm["hi"], mm, "x" in mm, mm.get("zz"))
print(dict(sorted({"z": 1, "a": 2, "m": 3}.items())), sorted({"z": 1, "a": 2}, reverse=True))
copy1 = dict(squares)
copy1[0] = "changed"
print(squares[0], copy1[0], squares.copy() == squares)
print(list(iter({"p": 1, "q": 2})), next(iter({"p": 1})), len({}), bool({}), bool({0: 0}))
d2 = {i: str(i) for i in range(10)}
for k in list(d2):
    if k % 3:
        del d2[k]
print(d2)
print({k: v for k, v in zip("abc", [1, 2, 3]) if v != 2}, dict(enumerate("xy")))
