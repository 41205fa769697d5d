# collections: Counter (arithmetic, most_common, elements, update/subtract),
# deque (rotation, maxlen, appendleft/popleft), defaultdict (nested),
# OrderedDict (move_to_end, LRU), ChainMap (lookups, new_child), UserDict/
# UserList/UserString subclasses with interpreted overrides.
from collections import Counter, deque, defaultdict, OrderedDict, ChainMap, UserDict, UserList, UserString

c = Counter("abracadabra")
print(sorted(c.items()), c.most_common(2), c["z"], sum(c.values()), c.total())
c2 = Counter(a=1, b=5, z=2)
print(sorted((c + c2).items()), sorted((c - c2).items()), sorted((c & c2).items()), sorted((c | c2).items()))
c.update("aaz")
c.subtract({"b": 10})
print(sorted(c.items()), sorted(+c), sorted((-c).items()), "".join(sorted(Counter("aab").elements())))
print(Counter(words := "the cat the hat the end".split()).most_common(1), Counter({"x": 3}) == Counter(x=3))
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
d.extend([5, 6])
d.extendleft([-1, -2])
print(d, d.pop(), d.popleft(), d, len(d), d[0], d[-1])
d.rotate(2)
print(d)
d.rotate(-3)
print(d, d.index(3), d.count(1))
d.remove(3)
d.reverse()
print(d, list(reversed(d)), 5 in d)
ring = deque(maxlen=3)
for i in range(6):
    ring.append(i)
print(ring, ring.maxlen, deque("abc", maxlen=2))
try:
    deque().pop()
except IndexError as e:
    print("IndexError", e)
tree = lambda: defaultdict(tree)  # noqa: E731
root = tree()
root["a"]["b"]["c"] = 1
root["a"]["x"] = 2


def to_dict(t):
    return {k: to_dict(v) if isinstance(v, defaultdict) else v for k, v in t.items()}


print(to_dict(root))
counts = defaultdict(int)
for ch in "hello":
    counts[ch] += 1
print(dict(counts), counts.default_factory.__name__, defaultdict(list, {"k": [1]})["k"])


class LRU(OrderedDict):
    def __init__(self, capacity):
        super().__init__()
        self.capacity = capacity

    def get_item(self, key):
        if key not in self:
            return None
        self.move_to_end(key)
        return self[key]

    def put(self, key, value):
        self[key] = value
        self.move_to_end(key)
        if len(self) > self.capacity:
            self.popitem(last=False)


lru = LRU(2)
lru.put("a", 1)
lru.put("b", 2)
lru.get_item("a")
lru.put("c", 3)
print(list(lru.items()), lru.get_item("b"))
defaults = {"color": "red", "size": "M"}
user = {"size": "L"}
cm = ChainMap(user, defaults)
print(cm["color"], cm["size"], len(cm), sorted(cm), cm.maps[0] is user)
child = cm.new_child({"color": "blue"})
child["extra"] = 1
print(child["color"], cm["color"], sorted(child.maps[0].items()), dict(child.parents) == dict(cm))


class LowerDict(UserDict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __contains__(self, key):
        return key.lower() in self.data


ld = LowerDict({"A": 1})
ld["BeE"] = 2
ld.update(Cat=3)
print(ld.data, ld["bee"], "CAT" in ld, ld.get("a"), sorted(ld.keys()))


class StackList(UserList):
    def push(self, v):
        self.append(v)
        return self

    def peek(self):
        return self[-1]


sl = StackList([1]).push(2).push(3)
print(sl, sl.peek(), sl[1:], type(sl[1:]).__name__, sl + [4], len(sl))


class Shout(UserString):
    def shout(self):
        return self.upper() + "!"


s = Shout("hey")
print(s.shout(), s + " you", s[::-1], type(s.upper()).__name__, s == "hey")
print(sorted(Counter({"a": 2, "b": 2, "c": 1}).most_common(), key=lambda kv: (-kv[1], kv[0])))
