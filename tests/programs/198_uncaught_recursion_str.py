# Ends with an uncaught RecursionError from recursion through str() and a
# class body: the traceback's "[Previous line repeated N more times]" counts
# depend on what each level costs in recursion depth (CPython 3.11 calls
# str(x) without an extra depth unit once the calling code is warm).
import sys

sys.setrecursionlimit(150)


class Chain:
    def __init__(self, n):
        self.n = n

    def __str__(self):
        return str(Chain(self.n + 1))


def build(n):
    class Level:
        inner = sum(build(n + 1) for _ in range(1))
    return Level


try:
    build(0)
except RecursionError as e:
    print("class body and genexpr:", e)
print(str(Chain(0)))
