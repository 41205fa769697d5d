"""Closures and decorators: counters and accumulators built from nested
functions with nonlocal state, decorators (call counting, memoising,
argument checking) stacked on functions, lambdas returned from factories,
and functools.wraps/partial applied to interpreted functions."""

import functools


def make_counter(step):
    count = 0

    def incr():
        nonlocal count
        count += step
        return count
    return incr


def make_adders(n):
    return [lambda x, k=k: x + k for k in range(n)]


def counted(fn):
    calls = [0]

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        calls[0] += 1
        return fn(*args, **kwargs)
    wrapper.calls = calls
    return wrapper


def memoize(fn):
    cache = {}

    def wrapper(n):
        if n in cache:
            return cache[n]
        r = fn(n)
        cache[n] = r
        return r
    wrapper.cache = cache
    return wrapper


def non_negative(fn):
    def wrapper(x):
        if x < 0:
            raise ValueError(x)
        return fn(x)
    return wrapper


@counted
@non_negative
def square(x):
    return x * x


@memoize
def partitions(n):
    # Partition numbers by Euler's pentagonal recurrence.
    if n < 0:
        return 0
    if n == 0:
        return 1
    total = 0
    k = 1
    while True:
        g1 = k * (3 * k - 1) // 2
        if g1 > n:
            break
        g2 = k * (3 * k + 1) // 2
        sign = 1 if k % 2 else -1
        total += sign * (partitions(n - g1) + partitions(n - g2))
        k += 1
    return total


def compose(*fns):
    def composed(x):
        for f in reversed(fns):
            x = f(x)
        return x
    return composed


def main():
    counters = [make_counter(s) for s in range(1, 6)]
    acc = 0
    for i in range(700000):
        acc += counters[i % 5]()
    print("counters", acc)
    adders = make_adders(10)
    s = 0
    for i in range(350000):
        for add in adders:
            s = add(s) % 1000003
    print("adders", s)
    sq = 0
    for i in range(1000000):
        sq += square(i % 1000)
    print("square", sq, square.calls[0], square.__name__)
    # Filled bottom-up so the memoised recursion stays shallow.
    for n in range(600):
        partitions(n)
    p = partitions(600) % 1000000007
    print("partitions", p)
    f = compose(lambda x: x + 1, lambda x: x * 2, functools.partial(pow, 3))
    c = 0
    for i in range(700000):
        c = (c + f(i % 20)) % 1000000007
    print("compose", c)
    print("checksum", (acc + s + sq + p + c) % 1000000007)


main()
