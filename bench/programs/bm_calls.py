"""Function calls: recursive fib plus many small calls that use positional
arguments, defaults, keyword arguments, keyword-only parameters, *args and
**kwargs. Measures the cost of making and returning from a Python call."""


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def add3(a, b, c=1):
    return a + b + c


def scaled(a, *, scale=2, offset=0):
    return a * scale + offset


def count_args(*args):
    return len(args)


def count_kwargs(**kwargs):
    return len(kwargs)


def forward(x, y):
    return add3(x, y, c=x & 7)


def small_calls(n):
    total = 0
    for i in range(n):
        total += add3(i, 1)
        total += add3(i, 2, 3)
        total += scaled(i, scale=3)
        total += scaled(i, offset=1)
        total += count_args(i, i, i)
        total += count_kwargs(a=i, b=2)
        total += forward(i, 5)
    return total % 1000000007


def main():
    f = fib(31)
    c = small_calls(900000)
    print("fib(31) =", f)
    print("small calls =", c)
    print("checksum", (f * 31 + c) % 1000000007)


main()
