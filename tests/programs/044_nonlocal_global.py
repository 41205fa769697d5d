# nonlocal and global: rebinding in nested scopes, global declared in nested
# functions, module globals modified via globals(), UnboundLocalError, and
# the interplay of class scopes with nonlocal.

total = 0
names = []


def add_global(n):
    global total
    total += n
    names.append(n)


for i in range(5):
    add_global(i)
print(total, names)


def outer():
    x = "outer"

    def middle():
        nonlocal x
        x = "middle"

        def inner():
            nonlocal x
            x = "inner"

        inner()
        return x

    print(middle(), x)


outer()


def global_in_nested():
    def setter():
        global created_later
        created_later = "set from nested"

    setter()


global_in_nested()
print(created_later)  # noqa: F821


def unbound():
    try:
        print(total)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    total = 5  # noqa: F841


unbound()


def counter_pair():
    n = 0

    def up():
        nonlocal n
        n += 1
        return n

    def down():
        nonlocal n
        n -= 1
        return n

    return up, down


up, down = counter_pair()
print(up(), up(), down(), up())


def nonlocal_from_class():
    value = 1

    class C:
        def bump(self):
            nonlocal value
            value += 10
            return value

    c = C()
    c.bump()
    return c.bump(), value


print(nonlocal_from_class())


def loop_nonlocal():
    best = None

    def consider(v):
        nonlocal best
        if best is None or v > best:
            best = v

    for v in [3, 9, 2, 11, 4]:
        consider(v)
    return best


print(loop_nonlocal())
globals()["dynamic_global"] = 42
print(dynamic_global)  # noqa: F821


def reads_dynamic():
    return dynamic_global  # noqa: F821


print(reads_dynamic())
del globals()["dynamic_global"]
try:
    reads_dynamic()
except NameError as e:
    print("NameError:", e)

x = "module"


class Scope:
    x = "class"

    def method(self):
        return x

    y = x + "-derived"


print(Scope().method(), Scope.y)


def global_and_local_same_name():
    global x
    x = "rebound by function"


global_and_local_same_name()
print(x)
for stmt in ["def f():\n    x = 1\n    global x\n", "def f():\n    nonlocal q\n", "nonlocal z\n",
             "def f(a):\n    global a\n"]:
    try:
        compile(stmt, "<s>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)


def deep_nonlocal():
    a = 0

    def l1():
        def l2():
            def l3():
                nonlocal a
                a += 1
            for _ in range(4):
                l3()
        l2()

    l1()
    return a


print(deep_nonlocal())


def generator_global():
    global total
    for k in range(3):
        total += k
        yield total


print(list(generator_global()), total)
