# Every argument-binding error message: missing positional, too many
# positional, unexpected keyword, multiple values, positional-only passed as
# keyword, missing keyword-only, with methods, lambdas and defaults.


def attempt(label, fn, *args, **kwargs):
    try:
        result = fn(*args, **kwargs)
        print(f"{label}: ok {result!r}")
    except TypeError as e:
        print(f"{label}: TypeError: {e}")


def f0():
    return 0


def f1(a):
    return a


def f2(a, b):
    return a + b


def f3(a, b, c=3):
    return a + b + c


def fpos(a, b, /, c):
    return a, b, c


def fkw(a, *, k, m):
    return a, k, m


def fkwdef(*, k=1, m):
    return k, m


def fstar(a, *args):
    return a, args


def fall(a, /, b, *args, c, **kw):
    return a, b, args, c, kw


attempt("f0(1)", f0, 1)
attempt("f0(x=1)", f0, x=1)
attempt("f1()", f1)
attempt("f1(1, 2)", f1, 1, 2)
attempt("f2(1)", f2, 1)
attempt("f2()", f2)
attempt("f2(1, 2, 3)", f2, 1, 2, 3)
attempt("f2(1, a=1)", f2, 1, a=1)
attempt("f2(1, c=1)", f2, 1, c=1)
attempt("f2(b=1)", f2, b=1)
attempt("f3()", f3)
attempt("f3(1)", f3, 1)
attempt("f3(1, 2, 3, 4)", f3, 1, 2, 3, 4)
attempt("f3(1, 2, 3, 4, 5)", f3, 1, 2, 3, 4, 5)
attempt("f3(1, 2, c=3, d=4)", f3, 1, 2, c=3, d=4)
attempt("fpos(1, 2)", fpos, 1, 2)
attempt("fpos(1, b=2, c=3)", fpos, 1, b=2, c=3)
attempt("fpos(a=1, b=2, c=3)", fpos, a=1, b=2, c=3)
attempt("fkw(1)", fkw, 1)
attempt("fkw(1, k=2)", fkw, 1, k=2)
attempt("fkw(1, 2, 3)", fkw, 1, 2, 3)
attempt("fkw(1, 2, k=3, m=4)", fkw, 1, 2, k=3, m=4)
attempt("fkwdef()", fkwdef)
attempt("fkwdef(1)", fkwdef, 1)
attempt("fkwdef(m=1, z=2)", fkwdef, m=1, z=2)
attempt("fstar()", fstar)
attempt("fstar(1, 2, a=3)", fstar, 1, 2, a=3)
attempt("fall()", fall)
attempt("fall(1)", fall, 1)
attempt("fall(1, 2)", fall, 1, 2)
attempt("fall(1, 2, 3, c=4, a=5)", fall, 1, 2, 3, c=4, a=5)
attempt("fall(1, 2, b=3, c=4)", fall, 1, 2, b=3, c=4)


class Thing:
    def method(self, x):
        return x

    @classmethod
    def cm(cls, y):
        return y

    @staticmethod
    def sm(z, /):
        return z

    def __init__(self, size):
        self.size = size


t = Thing(1)
attempt("t.method()", t.method)
attempt("t.method(1, 2)", t.method, 1, 2)
attempt("Thing.method(t)", Thing.method, t)
attempt("Thing.method()", Thing.method)
attempt("t.cm()", t.cm)
attempt("Thing.sm(z=1)", Thing.sm, z=1)
attempt("Thing()", Thing)
attempt("Thing(1, 2)", Thing, 1, 2)
attempt("Thing(size=1, other=2)", Thing, size=1, other=2)
attempt("t.method(x=1, y=2)", t.method, x=1, y=2)
lam = lambda p, q=1: (p, q)  # noqa: E731
attempt("lam()", lam)
attempt("lam(1, 2, 3)", lam, 1, 2, 3)
attempt("lam(1, r=2)", lam, 1, r=2)


def many(a, b, c, d, e):
    return a


attempt("many(1)", many, 1)
attempt("many(1, 2, 3)", many, 1, 2, 3)
attempt("many(e=1)", many, e=1)


def manykw(*, a, b, c):
    return a


attempt("manykw()", manykw)
attempt("manykw(b=1)", manykw, b=1)


def nested_outer():
    def inner(x, y):
        return x

    return inner


attempt("inner()", nested_outer())
attempt("dict-unpacked dup", f2, 1, **{"a": 2})
attempt("f2(*[1,2,3])", f2, *[1, 2, 3])
try:
    f2(1, 2, **{"b": 3})
except TypeError as e:
    print("direct call:", e)
try:
    f2(1, b=2, **{"b": 3})
except TypeError as e:
    print("direct call:", e)
