# Recursion depth accounting: a caught RecursionError gives back exactly the
# depth it took (repeated overflows reach the same depth, and the limit is
# not raised behind the program's back); the current depth as
# sys.setrecursionlimit sees it; recursion inside except handlers ends.
import sys


def r(n):
    try:
        return r(n + 1)
    except RecursionError:
        return n


sys.setrecursionlimit(60)
print([r(0) for i in range(4)])
sys.setrecursionlimit(1000)
print([r(0) for i in range(3)])
print("same depth again:", len({r(0) for _ in range(20)}) == 1)


def current_depth():
    # The lowest limit that is accepted is one more than the current depth.
    saved = sys.getrecursionlimit()
    depth = 1
    while True:
        try:
            sys.setrecursionlimit(depth)
        except RecursionError as e:
            depth += 1
            last = str(e)
        else:
            break
    sys.setrecursionlimit(saved)
    return depth, last


print("depth at module level:", current_depth())


def nested(k):
    return current_depth() if k == 0 else nested(k - 1)


print("depth 10 frames down:", nested(10))
print("depth in a comprehension:", [current_depth() for _ in range(1)])


def recurse_in_except():
    try:
        1 / 0
    except ZeroDivisionError:
        recurse_in_except()


def recurse_after_except():
    try:
        1 / 0
    except ZeroDivisionError:
        pass
    recurse_after_except()


def recurse_in_body_and_except():
    try:
        recurse_in_body_and_except()
    except RecursionError:
        recurse_in_body_and_except()


base = current_depth()[0]
for func in (recurse_in_except, recurse_after_except, recurse_in_body_and_except):
    sys.setrecursionlimit(base + 10)
    try:
        func()
    except RecursionError as e:
        print(func.__name__, "RecursionError:", e)
    finally:
        sys.setrecursionlimit(1000)
    print("after", func.__name__, [r(0) for _ in range(2)])
