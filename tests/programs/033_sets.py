# Sets and frozensets: algebra, mutation, subsets, hashing, comprehension.
# Sets of str are printed sorted (hash order is not part of the language).

a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), sorted(b - a))
print(sorted(a.union(b, [9])), sorted(a.intersection(b, {4})), sorted(a.difference(b, {1})), sorted(a.symmetric_difference([4, 7])))
print(a <= a, {1} < a, a >= {1, 2}, a > a, {1, 2}.issubset([1, 2, 3]), a.issuperset((1,)), a.isdisjoint({8}))
c = set(a)
c.add(10)
c.discard(1)
c.discard(1000)
c.remove(2)
print(sorted(c), len(c), 10 in c, 1 in c)
try:
    c.remove(999)
except KeyError as e:
    print("KeyError", e)
c |= {20}
c &= {3, 4, 10, 20, 30}
c -= {3}
c ^= {4, 5}
print(sorted(c))
c.update([1], (2,))
c.intersection_update({1, 2, 5, 10})
c.difference_update({10})
c.symmetric_difference_update({2, 99})
print(sorted(c))
x = c.pop()
print(x in {1, 5, 99}, len(c))
c.clear()
print(c, set(), len(c), bool(c))
fs = frozenset("hello")
print(sorted(fs), len(fs), hash(fs) == hash(frozenset("ehlo")), fs == set("hello"))
print({fs: "frozen key"}[frozenset("olhe")], type(fs | {"z"}).__name__, type({"z"} | fs).__name__)
try:
    fs.add("x")
except AttributeError as e:
    print("AttributeError", e)
try:
    {[1, 2]}
except TypeError as e:
    print("TypeError", e)
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
words = "the cat and the hat and the bat".split()
uniq = set(words)
print(len(words), len(uniq), sorted(uniq))
print(sorted({w[0] for w in words}), sorted({len(w) for w in words}))
print({1, 1.0, True}, {0, False, 0.0}, len({"a", "a", "A"}))
print(sorted(set("mississippi")), "".join(sorted(set("mississippi"), key="mississippi".index)))
print(sorted(set(range(10)) - set(range(0, 10, 3))), set() == frozenset())
print(sorted({(1, 2), (1, 2), (2, 1)}), sorted(frozenset([frozenset([1]), frozenset([1])]), key=len))
print(set([1, 2]) == {2, 1}, {1, 2} != {1, 3}, min({5, 3, 9}), max({5, 3, 9}), sum({1, 2, 3}))


def primes_upto(n):
    composite = set()
    for i in range(2, n + 1):
        if i not in composite:
            composite.update(range(i * i, n + 1, i))
    return sorted(set(range(2, n + 1)) - composite)


print(primes_upto(60))
graph = {"a": {"b", "c"}, "b": {"d"}, "c": {"d", "e"}, "d": {"f"}, "e": {"f"}, "f": set()}
seen, frontier = set(), {"a"}
levels = []
while frontier:
    levels.append(sorted(frontier))
    seen |= frontier
    frontier = set().union(*(graph[n] for n in frontier)) - seen
print(levels)


class Key:
    def __init__(self, k):
        self.k = k

    def __hash__(self):
        return hash(self.k % 3)

    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k

    def __repr__(self):
        return f"Key({self.k})"


ks = {Key(1), Key(4), Key(1), Key(7)}
print(sorted(ks, key=lambda k: k.k), Key(4) in ks, Key(10) in ks)
