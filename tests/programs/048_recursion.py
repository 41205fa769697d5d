# Recursion: classic recursive algorithms, mutual recursion, memoized
# recursion, recursion through methods and generators, and recursion in
# data-structure processing (trees, nested lists).
import functools


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)


def power_set(items):
    if not items:
        return [[]]
    rest = power_set(items[1:])
    return rest + [[items[0]] + r for r in rest]


def permutations(s):
    if len(s) <= 1:
        return [s]
    out = []
    for i, ch in enumerate(s):
        for p in permutations(s[:i] + s[i + 1:]):
            out.append(ch + p)
    return out


def hanoi(n, src, dst, via, moves):
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append((n, src, dst))
        hanoi(n - 1, via, dst, src, moves)
    return moves


def is_even(n):
    return True if n == 0 else is_odd(n - 1)


def is_odd(n):
    return False if n == 0 else is_even(n - 1)


def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


print([fact(i) for i in range(10)], fact(25))
print([fib(i) for i in range(20)])
print(gcd(1071, 462), gcd(17, 5))
print(power_set([1, 2, 3]))
print(permutations("abc"), len(permutations("abcde")))
print(hanoi(3, "A", "C", "B", []), len(hanoi(10, "A", "C", "B", [])))
print(is_even(100), is_odd(7), is_even(33))
print(ackermann(2, 3), ackermann(3, 3))


@functools.lru_cache(maxsize=None)
def fib_memo(n):
    return n if n < 2 else fib_memo(n - 1) + fib_memo(n - 2)


print(fib_memo(200), fib_memo.cache_info().hits > 0)


def flatten(x):
    if isinstance(x, list):
        return [y for item in x for y in flatten(item)]
    return [x]


print(flatten([1, [2, [3, [4, [5]]]], [[6]], 7]))


def depth(x):
    return 1 + max((depth(i) for i in x), default=0) if isinstance(x, list) else 0


print(depth([1, [2, [3, [4]]], []]), depth(5), depth([]))


class Node:
    def __init__(self, value, *children):
        self.value = value
        self.children = list(children)

    def total(self):
        return self.value + sum(c.total() for c in self.children)

    def walk(self, level=0):
        yield level, self.value
        for c in self.children:
            yield from c.walk(level + 1)

    def height(self):
        return 1 + max((c.height() for c in self.children), default=0)


tree = Node(1, Node(2, Node(4), Node(5, Node(8))), Node(3, Node(6), Node(7)))
print(tree.total(), tree.height(), list(tree.walk()))
print("\n".join("  " * lvl + str(v) for lvl, v in tree.walk()))


def bst_insert(node, v):
    if node is None:
        return [v, None, None]
    if v < node[0]:
        node[1] = bst_insert(node[1], v)
    else:
        node[2] = bst_insert(node[2], v)
    return node


def inorder(node):
    return [] if node is None else inorder(node[1]) + [node[0]] + inorder(node[2])


root = None
for v in [50, 30, 70, 20, 40, 60, 80, 35]:
    root = bst_insert(root, v)
print(inorder(root))


def n_queens(n, row=0, cols=(), out=None):
    out = [] if out is None else out
    if row == n:
        out.append(cols)
        return out
    for c in range(n):
        if all(c != pc and abs(c - pc) != row - pr for pr, pc in enumerate(cols)):
            n_queens(n, row + 1, cols + (c,), out)
    return out


sols = n_queens(6)
print(len(sols), sols[0], len(n_queens(8)))


def parse_expr(tokens, pos=0):
    def term(p):
        value, p = factor(p)
        while p < len(tokens) and tokens[p] in "*/":
            op = tokens[p]
            rhs, p = factor(p + 1)
            value = value * rhs if op == "*" else value / rhs
        return value, p

    def factor(p):
        if tokens[p] == "(":
            value, p = expr(p + 1)
            return value, p + 1
        return float(tokens[p]), p + 1

    def expr(p):
        value, p = term(p)
        while p < len(tokens) and tokens[p] in "+-":
            op = tokens[p]
            rhs, p = term(p + 1)
            value = value + rhs if op == "+" else value - rhs
        return value, p

    return expr(pos)[0]


print(parse_expr(list("2*(3+4)-8/(1+1)")), parse_expr(list("((1+2)*(3+4))")))
