# Loops: for/while with else (taken or skipped by break), continue, nested
# loops with flags, loop variables after the loop, iteration over changing
# containers, range edge cases, enumerate/zip unpacking, and pass.

for i in range(3):
    pass
print("loop variable after loop:", i)
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")


def find(items, target):
    for idx, item in enumerate(items):
        if item == target:
            print(f"found {target!r} at {idx}")
            break
    else:
        print(f"{target!r} not found")


find("abc", "b")
find("abc", "z")
find([], 1)
k = 0
while k < 3:
    k += 1
else:
    print("while-else runs when the condition becomes false, k =", k)
while True:
    k -= 1
    if k == 0:
        break
else:
    print("not printed")
print("after while-break k =", k)
evens = []
for x in range(10):
    if x % 2:
        continue
    evens.append(x)
print(evens)
count = 0
for a in range(5):
    for b in range(5):
        if b > a:
            break
        if (a + b) % 3 == 0:
            continue
        count += 1
print("nested count", count)
found = None
for row_i, row in enumerate([[1, 2], [3, 4], [5, 6]]):
    for col_i, val in enumerate(row):
        if val == 4:
            found = (row_i, col_i)
            break
    if found:
        break
print("found 4 at", found)
print(list(range(0)), list(range(5, 0)), list(range(5, 0, -2)), list(range(-3, 3)), range(10)[-1], len(range(1, 100, 7)))
for i, (a, b) in enumerate(zip("xyz", range(3)), start=1):
    print(i, a, b, end="; ")
print()
items = [1, 2, 3, 4]
for it in items[:]:
    if it % 2 == 0:
        items.remove(it)
print(items)
queue = [1]
for q in queue:
    if q < 20:
        queue.append(q * 3)
print(queue)
d = {"a": 1, "b": 2}
for key in list(d):
    d[key + key] = d.pop(key)
print(d)
total = 0
n = 10
while n:
    n, r = divmod(n, 2)
    total = total * 10 + r
print("reversed binary digits of 10:", total)
i = 0
while i < 10:
    i += 1
    if i % 3 == 0:
        continue
    if i == 8:
        break
    print(i, end=" ")
print()
for ch in "hello":
    if ch == "l":
        print("first l")
        break
for _ in range(0):
    print("never")
else:
    print("for-else on empty iterable runs")
collatz = [27]
while collatz[-1] != 1:
    c = collatz[-1]
    collatz.append(c // 2 if c % 2 == 0 else 3 * c + 1)
print(len(collatz), max(collatz))
x = 5
for x in []:
    pass
print("x unchanged by empty loop:", x)
matrix = [[i * j for j in range(4)] for i in range(4)]
for row in matrix:
    print(" ".join(f"{v:2d}" for v in row))
fizz = []
for v in range(1, 16):
    fizz.append("FizzBuzz" if v % 15 == 0 else "Fizz" if v % 3 == 0 else "Buzz" if v % 5 == 0 else str(v))
print(",".join(fizz))
