"""Integer arithmetic in tight loops: a sieve of Eratosthenes with while
loops and indexing, Collatz chain lengths, Euclid's gcd, and bit mixing
(shifts, xor, and, masks). Mostly small-int arithmetic and comparisons."""


def sieve(limit):
    flags = [True] * (limit + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= limit:
        if flags[i]:
            j = i * i
            while j <= limit:
                flags[j] = False
                j += i
        i += 1
    count = 0
    total = 0
    for k in range(limit + 1):
        if flags[k]:
            count += 1
            total += k
    return count, total


def collatz_longest(limit):
    best, best_n = 0, 0
    for n in range(1, limit):
        steps = 0
        m = n
        while m != 1:
            if m & 1:
                m = 3 * m + 1
            else:
                m >>= 1
            steps += 1
        if steps > best:
            best, best_n = steps, n
    return best_n, best


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def gcd_sum(n):
    s = 0
    for a in range(1, n):
        s += gcd(a * 7919, n * 104729 + a)
    return s


def mix(n):
    h = 2166136261
    for i in range(n):
        h ^= i & 0xff
        h = (h * 16777619) & 0xffffffff
        h ^= h >> 13
    return h


def main():
    c, t = sieve(800000)
    print("primes", c, t)
    print("collatz", *collatz_longest(100000))
    g = gcd_sum(250000)
    print("gcd sum", g)
    m = mix(600000)
    print("mix", m)
    print("checksum", (c * 31 + t + g * 17 + m) % 1000000007)


main()
