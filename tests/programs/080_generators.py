# Generators: lazy evaluation order, state across yields, return values
# (StopIteration.value), infinite generators with islice, generator methods
# on instances, generators in for/zip/next(default), pipelines, try/finally.
import itertools

trace = []


def numbers(n):
    trace.append("start")
    for i in range(n):
        trace.append(f"yield {i}")
        yield i
    trace.append("end")
    return "done"


g = numbers(3)
print(trace, hasattr(g, "__next__"), iter(g) is g)
print(next(g), trace)
print(list(g), trace)
print(next(g, "exhausted"))
trace.clear()
g = numbers(1)
next(g)
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value, e.args)


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


print(list(itertools.islice(fib(), 15)), next(x for x in fib() if x > 1000))


def take_while_sum(limit):
    total = 0
    for v in fib():
        if total + v > limit:
            return total
        total += v
        yield total


print(list(take_while_sum(100)))


def read_lines(text):
    for line in text.splitlines():
        yield line


def strip_comments(lines):
    for line in lines:
        code = line.split("#", 1)[0].rstrip()
        if code:
            yield code


def numbered(lines):
    for i, line in enumerate(lines, 1):
        yield f"{i:02d}: {line}"


src = "x = 1  # set x\n# comment only\n\ny = x + 1\nprint(y)  # out"
print(list(numbered(strip_comments(read_lines(src)))))


def with_finally():
    try:
        yield 1
        yield 2
    finally:
        trace.append("finally ran")


trace.clear()
for v in with_finally():
    pass
print(trace)
trace.clear()
g = with_finally()
next(g)
g.close()
print(trace)
trace.clear()
wf = with_finally()
for v in wf:
    break
print("after break, still suspended:", trace)
wf.close()
print("after explicit close:", trace)


class Tree:
    def __init__(self, v, *kids):
        self.v, self.kids = v, kids

    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k

    def leaves(self):
        if not self.kids:
            yield self.v
        for k in self.kids:
            yield from k.leaves()


t = Tree(1, Tree(2, Tree(3)), Tree(4, Tree(5), Tree(6)))
print(list(t), list(t.leaves()), sum(t), max(t), 5 in t)


def gen_with_locals():
    x = 10
    yield x
    x += 5
    yield x
    y = x * 2
    yield (x, y)


print(list(gen_with_locals()))
gens = [numbers(2) for _ in range(2)]
print(list(zip(*gens)))
trace.clear()
print([list(numbers(i)) for i in range(3)])


def empty():
    return
    yield  # noqa: unreachable but makes this a generator


print(list(empty()), empty().__class__ is numbers(0).__class__)


def chunked(iterable, n):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


print(list(chunked(range(10), 3)), list(chunked([], 2)))


def interleave(*its):
    its = [iter(i) for i in its]
    while its:
        for it in list(its):
            try:
                yield next(it)
            except StopIteration:
                its.remove(it)


print(list(interleave("abc", [1, 2], "XYZW")))


def running_avg():
    total = count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count


ra = running_avg()
next(ra)
print([ra.send(v) for v in [10, 20, 30, 40]])


def gen_raises():
    yield 1
    raise ValueError("inside generator")


g = gen_raises()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("ValueError", e)
print(next(g, "closed after error"))


def recursive_perms(items):
    if len(items) <= 1:
        yield items
        return
    for i in range(len(items)):
        for rest in recursive_perms(items[:i] + items[i + 1:]):
            yield items[i:i + 1] + rest


print(list(recursive_perms("abc")), sum(1 for _ in recursive_perms("abcde")))
