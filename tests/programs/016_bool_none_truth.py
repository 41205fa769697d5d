# Truthiness of builtins, and/or/not short-circuit values, None handling,
# conditional expressions, bool() of user objects.


def truth(x):
    return "T" if x else "F"


values = [0, 1, -1, 0.0, 0.1, 0j, "", "0", " ", [], [0], (), (None,), {}, {0: 0},
          set(), {0}, None, True, False, range(0), range(1), b"", b"\x00", bytearray(),
          frozenset(), float("nan")]
for val in values:
    print(f"{val!r:<14} {truth(val)} {bool(val)!r} {not val!r}")

print("and/or results")
print(0 and 1, 1 and 2, [] and 1, "a" and "b" and "c", 1 and 0 and 2)
print(0 or 1, 1 or 2, [] or {} or "x", None or 0, "" or [] or ())
print(not 0, not "", not [1], not not 5)
print((0 or None) is None, (1 and None) is None)


trace = []


def t(x):
    trace.append(x)
    return x


r = t(0) and t(1)
print(r, trace)
trace.clear()
r = t(1) or t(2)
print(r, trace)
trace.clear()
r = t(0) or t("") or t(3) or t(4)
print(r, trace)
trace.clear()
r = t(1) and t(2) and t(0) and t(5)
print(r, trace)
trace.clear()

for n in range(-2, 3):
    print(n, "pos" if n > 0 else "zero" if n == 0 else "neg")


class AlwaysFalse:
    def __bool__(self):
        return False


class LenThree:
    def __len__(self):
        return 3


class LenZero:
    def __len__(self):
        return 0


class BothDefined:
    def __bool__(self):
        return True

    def __len__(self):
        return 0


class BadBool:
    def __bool__(self):
        return 1


class NegLen:
    def __len__(self):
        return -1


class Plain:
    pass


for obj in [AlwaysFalse(), LenThree(), LenZero(), BothDefined(), Plain()]:
    print(type(obj).__name__, bool(obj), truth(obj), "yes" if obj else "no")

for obj in [BadBool(), NegLen()]:
    try:
        bool(obj)
    except (TypeError, ValueError) as e:
        print(type(obj).__name__, type(e).__name__, e)

# None
print(None is None, None == None, type(None).__name__, repr(None), str(None))  # noqa: E711
print([x for x in [1, None, 0, None, 2] if x is not None])
print({None: "none-key"}[None])


def returns_nothing():
    pass


print(returns_nothing() is None)
print(sorted([3, None, 1], key=lambda v: (v is None, v or 0)))
nothing = None
try:
    nothing()
except TypeError as e:
    print("TypeError", e)
try:
    None.attr
except AttributeError as e:
    print("AttributeError", e)

# bool is an int subclass with its own repr
print(True == 1, False == 0, True + 0, repr(True), str(False), int(True), bool(2))
print(True & False, True | False, True ^ True, ~True, -True)
print(isinstance(False, int), issubclass(bool, int), bool.__mro__[1].__name__)
print(all([]), any([]), all([1, 2, 0]), any([0, 0, 3]), all(x > 0 for x in [1, 2]))
print(any(t(i) for i in [0, 0, 5, 7]), trace)
