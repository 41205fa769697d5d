# itertools: count/cycle/repeat, accumulate, chain, compress, dropwhile,
# takewhile, filterfalse, groupby, islice, starmap, tee, zip_longest,
# product, permutations, combinations(_with_replacement), pairwise, with
# interpreted lambdas and generators as inputs.
import itertools as it
import operator

print(list(it.islice(it.count(10, 5), 4)), list(it.islice(it.count(1.5, 0.5), 3)))
print(list(it.islice(it.cycle("ab"), 5)), list(it.repeat("x", 3)), list(map(pow, range(4), it.repeat(2))))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([3, 1, 4, 1, 5], max)), list(it.accumulate([1, 2, 3], operator.mul, initial=10)))
print(list(it.accumulate("abc", lambda a, b: b + a)))
print(list(it.chain("ab", [1, 2], (None,))), list(it.chain.from_iterable(["xy", "z"])))
print(list(it.compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1, 4])))
print(list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(it.filterfalse(lambda x: x % 2, range(8))))
data = sorted(["apple", "avocado", "banana", "blueberry", "cherry", "akee"], key=lambda w: w[0])
for key, group in it.groupby(data, key=lambda w: w[0]):
    print(" ", key, list(group))
print([(k, len(list(g))) for k, g in it.groupby("aaabbcaaa")])
print(list(it.islice(range(100), 5, 50, 10)), list(it.islice("abcdef", 2)), list(it.islice("abc", None)))
print(list(it.starmap(lambda a, b: a * b, [(2, 3), (4, 5)])), list(it.starmap(pow, [(2, 5), (3, 2)])))
a, b = it.tee(iter([1, 2, 3]))
print(next(a), list(a), list(b))
print(list(it.zip_longest("abc", [1], fillvalue="-")), list(it.zip_longest()))
print(list(it.product("ab", repeat=2)), list(it.product([1, 2], "xy")))
print(list(it.permutations("abc", 2)), len(list(it.permutations(range(5)))))
print(list(it.combinations("abcd", 2)), list(it.combinations_with_replacement("ab", 2)))
print(list(it.pairwise("abcde")), list(it.pairwise([1])))


def primes():
    found = []
    for n in it.count(2):
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n


print(list(it.islice(primes(), 12)), list(it.takewhile(lambda p: p < 30, primes())))
print(sum(1 for _ in it.combinations(range(10), 3)), [c for c in it.combinations(range(5), 3) if sum(c) == 6])
coins = [1, 2, 5]
ways = sum(1 for n in range(0, 11) for combo in it.combinations_with_replacement(coins, n) if sum(combo) == 10)
print("ways to make 10:", ways)
rows = [("2024", "jan", 5), ("2024", "feb", 3), ("2025", "jan", 7)]
for year, grp in it.groupby(rows, key=operator.itemgetter(0)):
    items = list(grp)
    print(year, sum(r[2] for r in items), [r[1] for r in items])
grid = list(it.product(range(3), range(3)))
print([p for p in grid if p[0] == p[1]], len(grid))
counter = it.count()
labels = {name: next(counter) for name in "xyz"}
print(labels, next(counter))
words = ["one", "two", "three", "four"]
print(list(it.accumulate(words, lambda acc, w: acc + "-" + w)), list(it.chain(*zip(words, map(len, words)))))
batches = iter(range(10))
while chunk := list(it.islice(batches, 4)):
    print("chunk", chunk)
print(list(map(operator.add, it.count(), "abc" and [10, 20, 30])), list(it.compress(range(10), it.cycle([1, 0, 0]))))
x, y = it.tee((i * i for i in range(5)), 2)
print(list(zip(x, it.islice(y, 1, None))))
