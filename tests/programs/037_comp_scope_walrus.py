# Comprehension scoping: the loop variable does not leak, class-body
# comprehensions cannot see class names (except the first iterable), walrus
# binds in the enclosing scope, and walrus in loops/conditions/comprehensions.

x = "outer"
print([x for x in range(3)], x)
print({x for x in "ab"} == {"a", "b"}, x)
print(list(x for x in [1]), x)


def f():
    y = "local"
    res = [y for y in range(2)]
    return res, y


print(f())

if (n := 10) > 5:
    print("n is", n)
data = [1, 2, 3, 4, 5, 6]
print([y for v in data if (y := v * v) > 10], y)
total = 0
print([total := total + v for v in data], total)


def walrus_in_function():
    values = [3, 8, 1]
    if any((hit := v) > 5 for v in values):
        print("first > 5:", hit)
    [last := v for v in values]
    return last


print(walrus_in_function())
lines = iter(["a", "b", "", "c"])
collected = []
while (line := next(lines)) != "":
    collected.append(line)
print(collected)
print([(s, s * 2) for i in range(3) if (s := i + 1) != 2])
print((z := 5, z + 1))
print({k: (sq := k * k) for k in range(3)}, sq)


class K:
    base = 10
    items = [i * 2 for i in range(base)]  # the first iterable is evaluated in the class scope
    try:
        others = [base for _ in range(2)]
    except NameError as e:
        error = str(e)
    doubled = [i * 2 for i in items]


print(K.items, K.error, K.doubled)


def outer():
    acc = []

    def inner():
        return [acc.append(i) or i for i in range(3)]

    inner()
    return acc


print(outer())
i = "module-i"
gen = (i for i in range(2))
print(list(gen), i)
print([[i for i in range(2)] for i in range(2)], i)


def nested_scopes():
    k = "k-outer"
    return [[k for k in range(2)] for _ in range(1)], k


print(nested_scopes())


def make_counter():
    count = 0

    def inc():
        nonlocal count
        return [count := count + 1 for _ in range(3)][-1] if False else (count := count + 1)

    return inc


c = make_counter()
print(c(), c(), c())

for stmt in ["[i := 0 for i in range(3)]", "def g():\n    [(lambda: (q := 1)) for q in range(2)]"]:
    try:
        compile(stmt, "<stmt>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError", e.msg)
print([j for j in range(5) if (w := j % 3) == 0], w)
print(sum(m := [1, 2, 3]), m)
