"""Generators: a pipeline of generator functions (source, filter, map,
windowing), `yield from` delegation, generator expressions consumed by
sum/any/max, and send() into a coroutine-style accumulator."""


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def squares(src):
    for x in src:
        yield x * x


def pairs(src):
    prev = None
    for x in src:
        if prev is not None:
            yield prev, x
        prev = x


def chained(n):
    yield from numbers(n)
    yield from squares(numbers(n))


def tree(depth):
    if depth == 0:
        yield 1
        return
    yield from tree(depth - 1)
    yield depth
    yield from tree(depth - 1)


def accumulator():
    total = 0
    while True:
        x = yield total
        if x is None:
            return
        total += x


def main():
    a = sum(b - a for a, b in pairs(squares(evens(numbers(1500000)))))
    print("pipeline", a)
    c = sum(chained(500000)) % 1000000007
    print("chained", c)
    t = sum(tree(18))
    print("tree", t)
    g = sum(x * 3 for x in range(1000000) if x % 3 != 0)
    m = max(x % 1009 for x in range(500000))
    found = any(x > 499990 for x in numbers(500000))
    print("genexp", g, m, found)
    acc = accumulator()
    next(acc)
    last = 0
    for i in range(500000):
        last = acc.send(i % 100)
    print("send", last)
    print("checksum", (a + c + t + g + m + last) % 1000000007)


main()
