"""Dict work: counting words from a pseudo-random text with get/setdefault
and `in`, dict and set comprehensions, iteration over items, updates and
deletes, dicts keyed by tuples, and sorting the counts."""


def words_from_lcg(n):
    syll = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "qu"]
    x = 12345
    words = []
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7fffffff
        k = 1 + (x >> 16) % 3
        w = ""
        y = x
        for _ in range(k):
            w += syll[y % 10]
            y //= 10
        words.append(w)
    return words


def count(words):
    counts = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    by_first = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w)
    return counts, by_first


def grid(n):
    d = {}
    for i in range(n):
        for j in range(n):
            d[i, j] = (i * 31 + j * 17) % 101
    s = 0
    for i in range(1, n - 1):
        for j in range(1, n - 1):
            s += d[i - 1, j] + d[i + 1, j] - d[i, j - 1] - d[i, j + 1]
    return s


def main():
    words = words_from_lcg(600000)
    counts, by_first = count(words)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    print("distinct", len(counts))
    print("top", top)
    lens = {w: len(w) for w in counts}
    long_words = {w for w, n in lens.items() if n >= 5}
    print("long", len(long_words))
    for w in list(counts):
        if counts[w] < 400:
            del counts[w]
    print("frequent", len(counts))
    print("first letters", sorted((k, len(v)) for k, v in by_first.items()))
    inv = {}
    for w, n in counts.items():
        inv.setdefault(n, []).append(w)
    g = grid(450)
    print("grid", g)
    print("checksum", (len(lens) * 31 + len(long_words) + len(inv) * 7 + g) % 1000000007)


main()
