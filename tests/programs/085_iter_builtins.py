# Iteration builtins with interpreted callables: map/filter/zip/enumerate/
# reversed/sorted/min/max/sum/any/all/iter(callable, sentinel)/next with
# defaults, zip(strict=True), and functions consuming generators lazily.

print(list(map(lambda x: x * 2, [1, 2, 3])), list(map(lambda a, b: a - b, [10, 20, 30], [1, 2])))
print(list(map(str.upper, ["a", "b"])), list(map(len, ["", "ab", "abc"])), list(map(int, "123")))
print(list(filter(lambda s: s.startswith("a"), ["apple", "bob", "avo"])), list(filter(None, [0, 1, "", "x", None, []])))
print(list(enumerate("abc")), list(enumerate("ab", start=10)), list(reversed([1, 2, 3])), list(reversed(range(5))))
print(list(zip("abc", range(10), [True] * 3)), list(zip()), dict(zip(["k1", "k2"], [1, 2])))
try:
    list(zip("ab", "abc", strict=True))
except ValueError as e:
    print("ValueError", e)
print(sorted([5, -3, 2, -8], key=abs), sorted("bAcD", key=str.lower), sorted([(1, "b"), (1, "a"), (0, "z")], reverse=True))
print(min([5, 3, 9], key=lambda v: -v), max("apple banana kiwi".split(), key=len), min([], default="empty"), max([], key=len, default=None))
print(min(3, 1, 2), max("a", "B", key=str.lower), min([[2, 1], [1, 9]]), max(range(10), key=lambda v: v % 4))
print(sum([1, 2, 3]), sum([0.5, 0.25]), sum([[1], [2]], []), sum(range(5), 100), sum((x for x in range(4)), start=-6))
print(any([]), all([]), any([0, None, 1]), all([1, "a", [0]]), any(x > 2 for x in [1, 2, 3]))
calls = iter([3, 2, 1, 0, -1])
print(list(iter(lambda: next(calls), 0)))
with_state = [0]


def ticker():
    with_state[0] += 1
    return with_state[0]


print(list(iter(ticker, 5)), with_state)
it = iter([1, 2])
print(next(it), next(it), next(it, "default"), next(it, None))
print(list(map(lambda *xs: sum(xs), [1, 2], [10, 20], [100, 200])))
pairs = [("b", 2), ("a", 1), ("c", 3)]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1], reverse=True), list(zip(*pairs)))
print(list(map(lambda p: f"{p[0]}={p[1]}", pairs)), ", ".join(map(str, range(5))))


def consumer_trace(n):
    for i in range(n):
        print("  yield", i)
        yield i


print("any stops early:", any(v == 1 for v in consumer_trace(5)))
print("zip stops at shortest:", list(zip(consumer_trace(5), "ab")))
print("map is lazy:", next(map(lambda v: v * 100, consumer_trace(3))))
print(list(enumerate(filter(lambda v: v % 2, map(lambda v: v * 3, range(6))))))
nested = map(lambda row: list(filter(lambda v: v > 0, row)), [[1, -1, 2], [-3], [4]])
print(list(nested))
print(sorted(map(lambda s: s[::-1], ["abc", "zyx", "mno"])), list(reversed(sorted({3: "c", 1: "a"}))))
print(divmod(*max([(7, 2), (9, 4)], key=lambda p: p[0] % p[1])), abs(min(-5, 3, key=abs)))
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(map(list, zip(*matrix))), list(map(sum, matrix)), max(map(max, matrix)), [sum(col) for col in zip(*matrix)])
letters = {}
for idx, ch in enumerate("hello world"):
    letters.setdefault(ch, []).append(idx)
print(sorted(letters.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:3])
words = "the quick brown the lazy the end".split()
print(sorted(set(words), key=words.count, reverse=True)[0], sorted(words, key=lambda w: (words.count(w), w)))
print(list(map(round, [1.5, 2.5, 3.456], [0, 0, 2])), list(map(divmod, [7, 8], [2, 3])))
print(tuple(filter(str.isdigit, "a1b2c3")), "".join(filter(str.isalpha, "a1b2c3")))
r = reversed("abc")
print(next(r), list(r), list(reversed(tuple(range(3)))), list(reversed({"x": 1, "y": 2})))
print(isinstance(map(abs, []), type(map(abs, []))), hasattr(filter(None, []), "__next__"), iter(r) is r)
