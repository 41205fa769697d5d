# Comprehensions: list/set/dict/generator, nested loops, multiple conditions,
# nested comprehensions, comprehensions over user iterables, closures.

print([x * x for x in range(10)])
print([x for x in range(30) if x % 2 if x % 3])
print([(x, y) for x in range(3) for y in range(x)])
print([[r * c for c in range(1, 4)] for r in range(1, 4)])
print([y for row in [[1, 2], [3], []] for y in row])
print(sorted({c.lower() for c in "Hello World" if c.isalpha()}))
print({k: len(k) for k in ["a", "bb", "ccc"]})
print({(i, j): i * j for i in range(3) for j in range(3) if i <= j})
g = (x * 2 for x in range(5))
print(type(g).__name__ if False else "gen", next(g), next(g), list(g), list(g))
print(sum(x for x in range(101)), max(len(w) for w in "a bb ccc".split()), any(x > 3 for x in [1, 5]))
print(list(zip(*[(i, i * i) for i in range(4)])))
print([i if i % 2 else -i for i in range(6)])
print([f"{a}{b}" for a in "ab" for b in "12" if not (a == "b" and b == "1")])
flat = [c for word in ["ab", "cd"] for c in word.upper()]
print(flat)
print(dict((k, v) for k, v in zip("xyz", range(3))))
print({v: k for k, v in {"a": 1, "b": 2}.items()})
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([[row[i] for row in matrix] for i in range(3)])
print([matrix[i][i] for i in range(len(matrix))])
print(sorted({frozenset((a, b)) for a in range(3) for b in range(3) if a != b}, key=sorted))
print([n for n in range(2, 40) if all(n % d for d in range(2, int(n ** 0.5) + 1))])

funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
adders = [(lambda x, n=n: x + n) for n in range(3)]
print([a(10) for a in adders])


def make_multipliers():
    return [lambda x, k=k: x * k for k in (2, 3)]


print([m(5) for m in make_multipliers()])


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        n = self.n
        while n > 0:
            yield n
            n -= 1


print([x for x in Countdown(5)], {x % 2 for x in Countdown(4)}, sorted(x for x in Countdown(3)))
print([x for x in range(3)] == list(x for x in range(3)))
calls = []


def src():
    calls.append("src")
    return [1, 2]


print([x for x in src() for _ in range(2)], calls)
gen = (x for x in src())
print(calls)
print(list(gen), calls)
try:
    [1 / x for x in [1, 0]]
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)


def gen_first_iter_eager():
    try:
        (x for x in 5)
    except TypeError as e:
        print("TypeError eagerly", e)


gen_first_iter_eager()
words = "apple banana cherry avocado blueberry".split()
by_letter = {ch: [w for w in words if w[0] == ch] for ch in sorted({w[0] for w in words})}
print(by_letter)
print([[x for x in range(y)] for y in range(4)])
print([(lambda v: v + 1)(x) for x in range(3)])
print(list(map(lambda p: p[0] * p[1], [(x, y) for x in range(1, 3) for y in range(1, 3)])))
nested = [[[k for k in range(j)] for j in range(i)] for i in range(3)]
print(nested)
print(sum([[x] * x for x in range(4)], []))
