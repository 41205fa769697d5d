"""List comprehensions and sorting: records built with nested
comprehensions, sorted with key functions (lambdas, tuples, a bound
method), stable multi-pass sorts, custom __lt__ objects, bisect insertion,
a hand-written merge sort, and slicing/zip/enumerate over the results."""

import bisect


class Item:
    __slots__ = ("name", "weight", "value")

    def __init__(self, name, weight, value):
        self.name = name
        self.weight = weight
        self.value = value

    def ratio(self):
        return self.value / self.weight

    def __lt__(self, other):
        return (self.weight, self.name) < (other.weight, other.name)


def lcg(seed):
    x = seed
    while True:
        x = (x * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        yield x >> 33


def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    a = merge_sort(xs[:mid])
    b = merge_sort(xs[mid:])
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


def main():
    rnd = lcg(42)
    nums = [next(rnd) % 100000 for _ in range(100000)]
    records = [(n % 97, n % 13, "k%d" % n) for n in nums]
    by_key = sorted(records, key=lambda r: (r[1], -r[0], r[2]))
    by_len = sorted(records, key=lambda r: len(r[2]))
    print("records", by_key[0], by_key[-1], by_len[0][2])

    items = [Item("i%d" % i, 1 + n % 50, n % 1000) for i, n in enumerate(nums[:50000])]
    items.sort()
    best = sorted(items, key=Item.ratio, reverse=True)[:3]
    print("items", items[0].name, items[-1].name, [b.name for b in best])

    stable = sorted(sorted(records, key=lambda r: r[2]), key=lambda r: r[1])
    print("stable", stable[100][2], stable[-100][2])

    sorted_prefix = []
    for n in nums[:20000]:
        bisect.insort(sorted_prefix, n)
    ms = merge_sort(nums[:60000])
    assert ms == sorted(nums[:60000])
    print("bisect", sorted_prefix[::5000], ms[::15000])

    grid = [[(i * j) % 17 for j in range(150)] for i in range(150)]
    flat = [v for row in grid for v in row if v % 2]
    diag = sum(row[i] for i, row in enumerate(grid))
    pairs = [(a, b) for a, b in zip(nums, nums[1:]) if a < b]
    print("comprehensions", len(flat), diag, len(pairs))
    print("checksum", (sum(r[0] for r in by_key[:1000]) + len(flat) + diag + len(pairs)
                       + sum(sorted_prefix[:100]) + ms[12345]) % 1000000007)


main()
