# Host (C) code calling back into interpreted code: sorted/min/max keys,
# list.sort key and __lt__, re.sub with a function, json.dumps(default=...),
# json.loads(object_hook/parse_float), defaultdict factories, heapq with
# user __lt__, copy.deepcopy with __deepcopy__, pickle of user classes,
# exceptions raised inside callbacks propagating through C code.
import copy
import heapq
import json
import pickle
import re
from collections import defaultdict, Counter

calls = []


def key_fn(s):
    calls.append(s)
    return (len(s), s)


words = ["pear", "fig", "banana", "kiwi", "apple"]
print(sorted(words, key=key_fn), len(calls))
calls.clear()
words.sort(key=lambda w: w[::-1], reverse=True)
print(words)
print(min(words, key=key_fn), max(words, key=lambda w: w.count("a")), calls)


class Job:
    def __init__(self, prio, name):
        self.prio, self.name = prio, name

    def __lt__(self, other):
        calls.append("lt")
        return self.prio < other.prio

    def __repr__(self):
        return f"Job({self.prio},{self.name})"


calls.clear()
jobs = [Job(3, "c"), Job(1, "a"), Job(2, "b"), Job(1, "a2")]
print(sorted(jobs), calls.count("lt") > 0)
heap = []
for j in jobs:
    heapq.heappush(heap, j)
print([heapq.heappop(heap) for _ in range(len(jobs))])
print(heapq.nlargest(2, [5, 1, 8, 3], key=lambda v: -v), heapq.merge([1, 4], [2, 3]).__next__())


def repl(match):
    word = match.group(0)
    return word.upper() if len(word) > 3 else f"<{word}>"


print(re.sub(r"\w+", repl, "the quick brown fox"))
print(re.sub(r"(\d+)", lambda m: str(int(m.group(1)) * 2), "a1 b22 c333"), re.subn(r"x", lambda m: "y", "xxax"))
print(re.compile(r"(?P<k>\w+)=(?P<v>\w+)").sub(lambda m: f"{m['v']}={m['k']}", "a=1, b=2"))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


def encode(obj):
    if isinstance(obj, Point):
        return {"__point__": [obj.x, obj.y]}
    if isinstance(obj, set):
        return sorted(obj)
    raise TypeError(f"cannot encode {type(obj).__name__}")


def decode(d):
    if "__point__" in d:
        return Point(*d["__point__"])
    return d


text = json.dumps({"p": Point(1, 2), "s": {3, 1}, "n": None}, default=encode, sort_keys=True)
print(text)
back = json.loads(text, object_hook=decode)
print(type(back["p"]).__name__, back["p"].x, back["s"], json.loads("[1.5, 2]", parse_float=lambda s: f"float:{s}"))
try:
    json.dumps({"bad": object.__new__(type("Opaque", (), {}))}, default=encode)
except TypeError as e:
    print("TypeError", e)


class Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, complex):
            return [o.real, o.imag]
        return super().default(o)


print(json.dumps([1j, 2 + 3j], cls=Encoder), json.dumps({"b": 1, "a": [1, 2]}, indent=2, sort_keys=True))
counter = [0]


def factory():
    counter[0] += 1
    return f"default#{counter[0]}"


dd = defaultdict(factory)
print(dd["x"], dd["y"], dd["x"], dict(dd))
groups = defaultdict(list)
for w in ["apple", "avocado", "bean", "beet", "corn"]:
    groups[w[0]].append(w)
print(dict(groups), Counter("mississippi").most_common(2))


class Tree:
    def __init__(self, v, kids=()):
        self.v, self.kids = v, list(kids)

    def __deepcopy__(self, memo):
        calls.append(f"deepcopy {self.v}")
        return Tree(self.v, copy.deepcopy(self.kids, memo))


calls.clear()
t = Tree(1, [Tree(2), Tree(3)])
t2 = copy.deepcopy(t)
print(t2.v, [k.v for k in t2.kids], t2.kids[0] is not t.kids[0], calls)


class Record:
    def __init__(self, name, tags):
        self.name, self.tags = name, tags

    def __eq__(self, other):
        return vars(self) == vars(other)

    def __reduce__(self):
        return (Record, (self.name.upper(), self.tags))


rec = Record("item", ["a", "b"])
restored = pickle.loads(pickle.dumps(rec))
print(vars(restored), restored == Record("ITEM", ["a", "b"]), type(restored) is Record)


class Plain:
    def __init__(self):
        self.data = {"k": [1, 2]}


p2 = pickle.loads(pickle.dumps(Plain()))
print(type(p2).__name__, p2.data)


def bad_key(v):
    if v == 3:
        raise ValueError("key function failed on 3")
    return v


for fn in (lambda: sorted([1, 2, 3], key=bad_key), lambda: max([1, 3], key=bad_key),
           lambda: re.sub("a", lambda m: 1 / 0, "a"), lambda: list(map(bad_key, [3])),
           lambda: json.dumps(Point(0, 0), default=lambda o: o)):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)
print(list(filter(lambda v: v % 3 == 0, range(10))), sorted({"b": 2, "a": 1}.items(), key=lambda kv: kv[1]))
print("".join(sorted("hello world", key=lambda c: (c == " ", c))), sorted([3, 1, 2], key=None))
