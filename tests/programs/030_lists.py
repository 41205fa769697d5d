# Lists: construction, mutation methods, sorting (stable, key, reverse),
# copying, aliasing, nested lists, comparison, and list errors.
import copy

a = [3, 1, 4, 1, 5, 9, 2, 6]
print(a, len(a), a.count(1), a.index(5), a.index(1, 2), 9 in a, 7 not in a)
a.append(5)
a.extend([3, 5])
a.insert(0, 0)
a.insert(100, 100)
a.insert(-1, -1)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(5)
print(a)
a.reverse()
print(a)
a.sort()
print(a)
a.sort(reverse=True)
print(a)
print(sorted(a), sorted(a, reverse=True), a)
b = a.copy()
b.clear()
print(a, b)

words = ["banana", "Apple", "cherry", "apple", "Banana", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=lambda w: (len(w), w)))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "y")]
print(sorted(pairs, key=lambda p: p[0]), sorted(pairs, key=lambda p: p[0], reverse=True))
print(list(reversed(pairs)), pairs[::-1] == list(reversed(pairs)))

m = [[0] * 3 for _ in range(3)]
m[0][0] = 1
bad = [[0] * 3] * 3
bad[0][0] = 1
print(m, bad)
orig = [1, [2, 3], {"k": [4]}]
shallow = copy.copy(orig)
deep = copy.deepcopy(orig)
orig[1].append(99)
orig[2]["k"].append(100)
print(orig, shallow, deep)
alias = orig
alias.append("end")
print(orig is alias, len(orig))
print([1, 2] + [3], [0] * 4, [[]] * 2, [1, 2] * 0, -1 * [1])
c = [1, 2]
c += (3, 4)
c += "ab"
c *= 2
print(c)
print([1, 2, 3] == [1, 2, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] == [], [1] != [1.0])
print(list(), list("abc"), list(range(3)), list((1, 2)), list({"x": 1}), list(map(abs, [-1, -2])))
print(max([[1, 2], [1, 3]]), min([[], [0]]), sum([[1], [2]], []))
e = [5, 3, 8]
e[1] = e
print(e)
print(len(e), e[1][1][1][0])
for bad in [lambda: [].pop(), lambda: [1].index(2), lambda: [1].remove(2), lambda: [1][5],
            lambda: [1, "a"].sort(), lambda: [1].insert("x", 1), lambda: [] + (), lambda: [1] * 1.5]:
    try:
        bad()
    except Exception as ex:
        print(type(ex).__name__, ex)

# In-place algorithms on lists
data = [38, 27, 43, 3, 9, 82, 10]


def merge_sort(xs):
    if len(xs) <= 1:
        return xs
    mid = len(xs) // 2
    left, right = merge_sort(xs[:mid]), merge_sort(xs[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    return out + left[i:] + right[j:]


def bubble(xs):
    xs = list(xs)
    for i in range(len(xs)):
        for j in range(len(xs) - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
    return xs


print(merge_sort(data), bubble(data), sorted(data) == merge_sort(data) == bubble(data))
stack = []
for ch in "((a)(b(c)))":
    if ch == "(":
        stack.append(len(stack))
    elif ch == ")":
        stack.pop()
print("balanced", not stack)
# Stable sort check
recs = [("x", 2), ("y", 1), ("z", 2), ("w", 1)]
print(sorted(recs, key=lambda r: r[1]))
recs.sort(key=lambda r: r[1], reverse=True)
print(recs)
print([i * j for i in range(1, 4) for j in range(1, 4)])
print(list(enumerate("abc", 1)), list(zip([1, 2, 3], "ab")))
