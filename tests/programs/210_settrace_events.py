# sys.settrace: call/line/return/exception events of plain functions, loops,
# generators, exceptions (caught and uncaught), with, comprehensions, classes.
import sys


def show(v):
    if isinstance(v, (int, str, float, bool, type(None), tuple, list)):
        return repr(v)
    return type(v).__name__


events = []


def tracer(frame, event, arg):
    if frame.f_globals is not globals():
        return None
    if event == "exception":
        a = (arg[0].__name__, str(arg[1]))
    elif event == "return":
        a = show(arg)
    else:
        a = None
    events.append((event, frame.f_code.co_name, frame.f_lineno, a))
    return tracer


def run(label, fn, *args):
    del events[:]
    sys.settrace(tracer)
    try:
        r = fn(*args)
    except Exception as e:
        r = "raised %s" % type(e).__name__
    sys.settrace(None)
    print("==", label, show(r))
    for e in events:
        print("  ", *e)


def simple(x):
    y = x + 1
    return y


def loop(n):
    total = 0
    for i in range(n):
        if i % 2:
            total += i
        else:
            total -= 1
    while n > 0:
        n -= 1
    return total


def gen(n):
    for i in range(n):
        yield i * 2
    return "done"


def use_gen():
    out = []
    for v in gen(3):
        out.append(v)
    g = gen(1)
    out.append(next(g))
    try:
        next(g)
    except StopIteration as e:
        out.append(e.value)
    return out


def raiser(x):
    if x:
        raise ValueError("bad %d" % x)
    return x


def catcher():
    try:
        raiser(1)
    except ValueError as e:
        msg = str(e)
    finally:
        msg2 = "fin"
    return msg, msg2


def uncaught():
    a = 1
    raiser(a)
    return a


class CM:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return True


def with_stmt():
    with CM():
        x = 1
        raise KeyError("k")
    return x


def comprehension():
    sq = [i * i for i in range(3)]
    d = {k: v for k, v in zip("ab", sq)}
    g = sum(x for x in sq)
    return sq, sorted(d.items()), g


def make_class():
    class K:
        a = 1

        def m(self):
            return self.a
    return K().m()


def recursion(n):
    if n == 0:
        return 0
    return 1 + recursion(n - 1)


def lam():
    f = lambda z: z * 2
    return f(3)


def gen_close():
    def g():
        try:
            yield 1
            yield 2
        finally:
            pass
    it = g()
    next(it)
    it.close()
    return "closed"


def gen_throw():
    def g():
        try:
            yield 1
        except KeyError:
            yield "caught"
    it = g()
    next(it)
    return it.throw(KeyError("t"))


def yield_from():
    def inner():
        yield 1
        return 5
    def outer():
        r = yield from inner()
        yield r
    return list(outer())


def multi_line_expr():
    x = (1 +
         2 +
         3)
    return [x,
            x]


def nested_try():
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            raise TypeError("t")
    except TypeError:
        pass
    return "ok"


run("simple", simple, 1)
run("loop", loop, 4)
run("use_gen", use_gen)
run("catcher", catcher)
run("uncaught", uncaught)
run("with_stmt", with_stmt)
run("comprehension", comprehension)
run("make_class", make_class)
run("recursion", recursion, 3)
run("lam", lam)
run("gen_close", gen_close)
run("gen_throw", gen_throw)
run("yield_from", yield_from)
run("multi_line_expr", multi_line_expr)
run("nested_try", nested_try)
print(sys.gettrace())
