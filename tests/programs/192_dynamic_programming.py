# Dynamic programming: LCS with reconstruction, edit distance, 0/1 knapsack
# with chosen items, coin change (ways and minimum), longest increasing
# subsequence, matrix-chain order, and memoization via dict and lru_cache.
from functools import lru_cache


def lcs(a, b):
    dp = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            dp[i][j] = dp[i + 1][j + 1] + 1 if a[i] == b[j] else max(dp[i + 1][j], dp[i][j + 1])
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            out.append(a[i])
            i += 1
            j += 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return "".join(out)


def edit_distance(s, t):
    prev = list(range(len(t) + 1))
    for i, cs in enumerate(s, 1):
        cur = [i]
        for j, ct in enumerate(t, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cs != ct)))
        prev = cur
    return prev[-1]


def knapsack(items, cap):
    best = [[0] * (cap + 1) for _ in range(len(items) + 1)]
    for i, (name, w, v) in enumerate(items, 1):
        for c in range(cap + 1):
            best[i][c] = best[i - 1][c]
            if w <= c and best[i - 1][c - w] + v > best[i][c]:
                best[i][c] = best[i - 1][c - w] + v
    chosen, c = [], cap
    for i in range(len(items), 0, -1):
        if best[i][c] != best[i - 1][c]:
            chosen.append(items[i - 1][0])
            c -= items[i - 1][1]
    return best[-1][-1], sorted(chosen)


def coin_ways(coins, amount):
    ways = [1] + [0] * amount
    for coin in coins:
        for x in range(coin, amount + 1):
            ways[x] += ways[x - coin]
    return ways[amount]


def min_coins(coins, amount):
    INF = float("inf")
    best = [0] + [INF] * amount
    for x in range(1, amount + 1):
        for c in coins:
            if c <= x and best[x - c] + 1 < best[x]:
                best[x] = best[x - c] + 1
    return best[amount] if best[amount] != INF else None


def lis(seq):
    import bisect
    tails, prev_idx, tail_idx = [], [None] * len(seq), []
    for i, x in enumerate(seq):
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
            tail_idx.append(i)
        else:
            tails[k] = x
            tail_idx[k] = i
        prev_idx[i] = tail_idx[k - 1] if k else None
    out, i = [], tail_idx[-1] if tail_idx else None
    while i is not None:
        out.append(seq[i])
        i = prev_idx[i]
    return out[::-1]


def matrix_chain(dims):
    n = len(dims) - 1

    @lru_cache(maxsize=None)
    def cost(i, j):
        if i == j:
            return 0, f"M{i}"
        best = None
        for k in range(i, j):
            (c1, s1), (c2, s2) = cost(i, k), cost(k + 1, j)
            c = c1 + c2 + dims[i] * dims[k + 1] * dims[j + 1]
            if best is None or c < best[0]:
                best = (c, f"({s1} x {s2})")
        return best

    return cost(0, n - 1)


print(lcs("AGGTAB", "GXTXAYB"), lcs("interpreter", "interpolate"), repr(lcs("abc", "xyz")))
print([edit_distance(a, b) for a, b in [("kitten", "sitting"), ("flaw", "lawn"), ("", "abc"), ("same", "same")]])
items = [("map", 9, 150), ("compass", 13, 35), ("water", 153, 200), ("sandwich", 50, 160), ("glucose", 15, 60),
         ("tin", 68, 45), ("banana", 27, 60), ("apple", 39, 40)]
print(knapsack(items, 200))
print(coin_ways([1, 2, 5], 11), coin_ways([2, 5, 3, 6], 10), coin_ways([7], 3), min_coins([1, 5, 10, 25], 63), min_coins([4, 6], 7))
print(lis([10, 9, 2, 5, 3, 7, 101, 18]), lis([0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15]), lis([]))
print(matrix_chain([10, 30, 5, 60]), matrix_chain([40, 20, 30, 10, 30]))
memo = {}


def partitions(n, k=None):
    k = n if k is None else k
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    key = (n, k)
    if key not in memo:
        memo[key] = partitions(n - k, k) + partitions(n, k - 1)
    return memo[key]


print([partitions(n) for n in range(1, 16)], partitions(60), len(memo) > 100)
grid = ["S.#.....", "..#.##.#", "........", ".##.#...", "....#..E"]


def grid_paths():
    rows, cols = len(grid), len(grid[0])
    ways = [[0] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == "#":
                continue
            if r == 0 and c == 0:
                ways[r][c] = 1
                continue
            ways[r][c] = (ways[r - 1][c] if r else 0) + (ways[r][c - 1] if c else 0)
    return ways[-1][-1]


print("monotone paths S->E:", grid_paths())
