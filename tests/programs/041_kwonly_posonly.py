# Keyword-only and positional-only parameters, and how they mix with
# defaults, *args and **kwargs (including a kwargs key named like a
# positional-only parameter).


def pos_only(a, b, /, c, d=4):
    return a, b, c, d


print(pos_only(1, 2, 3), pos_only(1, 2, c=3), pos_only(1, 2, 3, d=0))


def kw_only(a, *, b, c=3):
    return a, b, c


print(kw_only(1, b=2), kw_only(a=1, b=2, c=0), kw_only(1, c=5, b=6))


def both(p, /, n, *, k):
    return p, n, k


print(both(1, 2, k=3), both(1, n=2, k=3))


def posonly_and_kwargs(name, /, **kwargs):
    return name, sorted(kwargs.items())


print(posonly_and_kwargs("pos", name="kw"))
print(posonly_and_kwargs("x", a=1, b=2))


def all_kinds(a, b=2, /, c=3, *args, d, e=5, **kwargs):
    return a, b, c, args, d, e, sorted(kwargs.items())


print(all_kinds(1, d=4))
print(all_kinds(1, 20, 30, 40, 50, d=4, f=6))
print(all_kinds(1, c=7, d=8, e=9, z=0))


def star_then_kw(*args, sep=" ", end="."):
    return sep.join(map(str, args)) + end


print(star_then_kw(1, 2, 3), star_then_kw("a", "b", sep="-", end="!"))


def defaults_posonly(a=1, b=2, /):
    return a, b


print(defaults_posonly(), defaults_posonly(5), defaults_posonly(5, 6))


class Vec:
    def __init__(self, x, y, /, *, label=""):
        self.x, self.y, self.label = x, y, label

    def scale(self, factor, /):
        return Vec(self.x * factor, self.y * factor, label=self.label)

    def __repr__(self):
        return f"Vec({self.x}, {self.y}, label={self.label!r})"


print(Vec(1, 2), Vec(1, 2, label="v").scale(3))
code = all_kinds.__code__
print(code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount, code.co_varnames[:code.co_nlocals])
print(all_kinds.__defaults__, all_kinds.__kwdefaults__)
print(pos_only.__code__.co_posonlyargcount, kw_only.__code__.co_kwonlyargcount)
print(divmod(7, 2), pow(2, 5), len("abc"))
try:
    divmod(a=7, b=2)
except TypeError as e:
    print("TypeError", e)


def kwonly_no_default(*, required):
    return required


try:
    kwonly_no_default()
except TypeError as e:
    print("TypeError", e)
try:
    kwonly_no_default(1)
except TypeError as e:
    print("TypeError", e)
print(kwonly_no_default(required="yes"))
lam = lambda a, /, b, *, c: (a, b, c)  # noqa: E731
print(lam(1, 2, c=3), lam(1, b=2, c=3))
try:
    lam(a=1, b=2, c=3)
except TypeError as e:
    print("TypeError", e)


def forward(*args, **kwargs):
    return all_kinds(*args, **kwargs)


print(forward(9, d=0), forward(1, 2, 3, 4, d=5, extra=6))
