# Operator overloading: binary arithmetic, reflected (__radd__ etc.),
# in-place (__iadd__ etc., with fallback to binary), unary, NotImplemented
# negotiation, subclass reflected-first rule, matrix multiply, pow with mod.


class V:
    def __init__(self, *c):
        self.c = tuple(c)

    def __repr__(self):
        return f"V{self.c}"

    def _zip(self, other, fn):
        if isinstance(other, V):
            return V(*(fn(a, b) for a, b in zip(self.c, other.c)))
        if isinstance(other, (int, float)):
            return V(*(fn(a, other) for a in self.c))
        return NotImplemented

    def __add__(self, o):
        return self._zip(o, lambda a, b: a + b)

    def __radd__(self, o):
        return self._zip(o, lambda a, b: b + a)

    def __sub__(self, o):
        return self._zip(o, lambda a, b: a - b)

    def __rsub__(self, o):
        return self._zip(o, lambda a, b: b - a)

    def __mul__(self, o):
        return self._zip(o, lambda a, b: a * b)

    __rmul__ = __mul__

    def __truediv__(self, o):
        return self._zip(o, lambda a, b: a / b)

    def __rtruediv__(self, o):
        return self._zip(o, lambda a, b: b / a)

    def __floordiv__(self, o):
        return self._zip(o, lambda a, b: a // b)

    def __mod__(self, o):
        return self._zip(o, lambda a, b: a % b)

    def __divmod__(self, o):
        return (self // o, self % o)

    def __pow__(self, o, mod=None):
        if mod is None:
            return self._zip(o, lambda a, b: a ** b)
        return self._zip(o, lambda a, b: pow(a, b, mod))

    def __rpow__(self, o):
        return self._zip(o, lambda a, b: b ** a)

    def __matmul__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return sum(a * b for a, b in zip(self.c, o.c))

    def __neg__(self):
        return V(*(-a for a in self.c))

    def __pos__(self):
        return V(*(+a for a in self.c))

    def __abs__(self):
        return sum(a * a for a in self.c) ** 0.5

    def __invert__(self):
        return V(*reversed(self.c))

    def __and__(self, o):
        return self._zip(o, lambda a, b: a & b)

    def __or__(self, o):
        return self._zip(o, lambda a, b: a | b)

    def __xor__(self, o):
        return self._zip(o, lambda a, b: a ^ b)

    def __lshift__(self, o):
        return self._zip(o, lambda a, b: a << b)

    def __rshift__(self, o):
        return self._zip(o, lambda a, b: a >> b)

    def __eq__(self, o):
        return isinstance(o, V) and self.c == o.c

    __hash__ = None


a, b = V(1, 2, 3), V(4, 5, 6)
print(a + b, a - b, a * b, b / a, b // a, b % a, divmod(b, a), a ** 2, pow(a, 3, 5))
print(a + 1, 1 + a, 10 - a, a - 10, 2 * a, a * 2, 12 / a, 2 ** a, a @ b)
print(-a, +a, abs(V(3, 4)), ~a, a & 5, a | 8, a ^ 1, a << 2, V(8, 16) >> 2)
print(sum([a, b], V(0, 0, 0)), a == V(1, 2, 3), a != b)
for bad in [lambda: a + "s", lambda: "s" + a, lambda: a @ 5, lambda: a < b, lambda: hash(a)]:
    try:
        print(bad())
    except TypeError as e:
        print("TypeError", e)


class Acc:
    def __init__(self, v):
        self.v = v
        self.ops = []

    def __iadd__(self, o):
        self.ops.append(f"iadd {o}")
        self.v += o
        return self

    def __add__(self, o):
        self.ops.append(f"add {o}")
        return Acc(self.v + o)

    def __isub__(self, o):
        self.ops.append(f"isub {o}")
        return NotImplemented

    def __sub__(self, o):
        return Acc(self.v - o)

    def __imul__(self, o):
        self.v *= o
        return self

    def __ipow__(self, o):
        self.v **= o
        return self

    def __imatmul__(self, o):
        return "imatmul result"

    def __ior__(self, o):
        self.v |= o
        return self


x = Acc(1)
orig = x
x += 5
print(x is orig, x.v, orig.ops)
x -= 2
print(x is orig, x.v, orig.ops)
y = Acc(2)
y *= 10
y **= 2
y |= 1
print(y.v)
y @= 0
print(y)


class OnlyAdd:
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return OnlyAdd(self.v + o)


z = OnlyAdd(1)
z0 = z
z += 1
print(z.v, z is z0)
lst = [1]
lst2 = lst
lst += [2]
tup = (1,)
tup2 = tup
tup += (2,)
print(lst is lst2, tup is tup2, lst2, tup2)


class Base:
    def __add__(self, o):
        return "Base.__add__"

    def __radd__(self, o):
        return "Base.__radd__"


class Derived(Base):
    def __radd__(self, o):
        return "Derived.__radd__"


print(Base() + Derived(), Derived() + Base(), Base() + Base(), 1 + Base())


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if other == 0:
            return self
        return NotImplemented

    __radd__ = __add__

    def __repr__(self):
        return f"${self.cents / 100:.2f}"

    def __round__(self, n=0):
        return Money(round(self.cents, -2 + n) if n < 2 else self.cents)

    def __index__(self):
        return self.cents

    def __int__(self):
        return self.cents // 100

    def __float__(self):
        return self.cents / 100

    def __complex__(self):
        return complex(self.cents / 100)

    def __trunc__(self):
        return self.cents // 100

    def __floor__(self):
        return "floor"

    def __ceil__(self):
        return "ceil"


import math  # noqa: E402

m = Money(1999)
print(sum([Money(100), Money(250)]), round(m), int(m), float(m), complex(m), math.trunc(m), math.floor(m), math.ceil(m))
print(bin(Money(5)), [10, 20, 30][Money(1)], hex(m), operator_idx := Money(2).__index__())
