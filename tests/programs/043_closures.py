# Closures and cells: late binding, cells shared between closures, cells of
# parameters, closures over loop variables, deeply nested functions,
# __closure__ contents and cell_contents, and free variables in classes.


def make_counter(start=0):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count

    def get():
        return count

    return inc, get


inc, get = make_counter(10)
print(inc(), inc(5), get(), inc(-20), get())
inc2, get2 = make_counter()
print(inc2(), get(), get2())


def late_binding():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return [f() for f in fns]


def early_binding():
    fns = []
    for i in range(3):
        def capture(v=i):
            return v
        fns.append(capture)
    return [f() for f in fns]


def factory_binding():
    def make(v):
        return lambda: v
    return [make(i)() for i in range(3)]


print(late_binding(), early_binding(), factory_binding())


def level1(a):
    def level2(b):
        def level3(c):
            def level4(d):
                return a + b + c + d
            return level4
        return level3
    return level2


print(level1(1)(10)(100)(1000))
adder = level1("a")("b")
print(adder("c")("d"), adder("x")("y"))


def cells():
    x = 1
    y = [2]

    def reader():
        return x, y

    print([type(c).__name__ for c in reader.__closure__], [c.cell_contents for c in reader.__closure__])
    x = 100
    y.append(3)
    print(reader(), reader.__code__.co_freevars, cells.__code__.co_cellvars)
    return reader


r = cells()
print(r())
r.__closure__[0].cell_contents = "patched"
print(r())
print(make_counter.__closure__, inc.__code__.co_freevars)


def param_cell(p):
    def show():
        return p
    p = p * 2
    return show


print(param_cell(21)())


def unbound_cell():
    def use():
        return value
    try:
        use()
    except NameError as e:
        print("NameError:", e)
    value = "bound"
    return use()


print(unbound_cell())


def class_in_function(n):
    class Inner:
        scale = n

        def times(self, x):
            return x * n

        @classmethod
        def get_n(cls):
            return n

    return Inner


K = class_in_function(7)
print(K().times(3), K.scale, K.get_n())


def memo_factory():
    cache = {}

    def fib(k):
        if k in cache:
            return cache[k]
        result = k if k < 2 else fib(k - 1) + fib(k - 2)
        cache[k] = result
        return result

    return fib, cache


fib, cache = memo_factory()
print(fib(60), len(cache))


def accumulate():
    total = []

    def add(x):
        total.append(x)
        return sum(total)

    return add


acc = accumulate()
print([acc(i) for i in range(5)])


def compose(*fns):
    def composed(x):
        for fn in reversed(fns):
            x = fn(x)
        return x
    return composed


pipeline = compose(str, lambda v: v * 2, abs)
print(repr(pipeline(-21)))


def gen_closure():
    state = 0

    def bump():
        nonlocal state
        state += 1

    def g():
        for _ in range(3):
            bump()
            yield state

    return g()


print(list(gen_closure()))
x = "global-x"


def shadow():
    x = "enclosing-x"

    def inner():
        return x

    return inner()


print(shadow(), x)
