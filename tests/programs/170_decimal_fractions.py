# decimal and fractions: exact arithmetic, contexts (precision, rounding),
# quantize, signals/traps, formatting, conversions, and Fraction operations
# mixed with ints/floats; interpreted classes implementing numbers ABCs.
import decimal
import fractions
import numbers
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_DOWN
from fractions import Fraction as F

print(D("0.1") + D("0.2"), D("0.1") + D("0.2") == D("0.3"), D(1) / D(3), D("1.10") * 3, D("-0") == 0)
print(D(0.1), D("1e3"), D("1.23E+5").normalize(), D("100").normalize(), D("12.500").as_tuple())
print(D("2.675").quantize(D("0.01"), rounding=ROUND_HALF_UP), D("2.665").quantize(D("0.01"), rounding=ROUND_HALF_EVEN),
      D("-7.5").quantize(D("1"), rounding=ROUND_DOWN), round(D("2.5")), round(D("3.14159"), 3))
with decimal.localcontext() as ctx:
    ctx.prec = 5
    print(D(1) / D(7), D("123456789") * 1, +D("3.14159265"))
ctx = decimal.Context(prec=3, rounding=decimal.ROUND_CEILING)
print(ctx.divide(D(2), D(3)), ctx.add(D("1.001"), D("1.001")), ctx.sqrt(D(2)))
print(D(2).sqrt(), D(10).ln().quantize(D("1e-10")), D(100).log10(), D(2) ** 10, D("1.5").exp().quantize(D("0.0001")))
for bad in ("1 / D(0)", "D('abc')", "D(1).quantize(D('1e-100000000'))", "D('inf') - D('inf')"):
    try:
        print(bad, "=", eval(bad))
    except decimal.DecimalException as e:
        print(bad, "->", type(e).__name__)
    except ZeroDivisionError as e:
        print(bad, "->", type(e).__name__)
print(D("inf"), D("-inf") < 0, D("nan").is_nan(), D("1.5").is_signed(), D("-1.5").copy_abs(), D("3").max(D("7")))
print(f"{D('1234567.891'):,.2f}", f"{D('0.000123'):.2e}", f"{D('42'):>8}", f"{D('-3.5'):+08.2f}", str(D("1E+2")), D("1E+2").to_eng_string())
print(int(D("7.9")), float(D("0.5")), D(3).as_integer_ratio(), D("0.75").as_integer_ratio(), sum([D("0.1")] * 10))
print(sorted([D("1.1"), D("-2"), D("0.33")]), max(D("1"), 1.5), D(5) == 5.0, hash(D("1.0")) == hash(1))
print(F(1, 3) + F(1, 6), F(3, 4) * 2, F(5, 10), F("0.125"), F("-3/9"), F(1.5), F(D("0.1")), F(0.1).limit_denominator(100))
print(F(7, 3).numerator, F(7, 3).denominator, int(F(7, 3)), round(F(7, 2)), round(F(5, 2)), float(F(1, 8)), F(1, 3) ** 2, F(4, 9) ** F(1, 2))
print(F(1, 2) < 0.6, F(1, 2) == 0.5, F(2, 1) == 2, F(1, 3) + 1, 1 - F(1, 3), F(1, 3) * 1.5, divmod(F(7, 2), 2), F(7, 2) % F(2, 3))
print(sum(F(1, n) for n in range(1, 11)), sorted([F(2, 3), F(1, 2), F(5, 7)]), F(-1, 2).__abs__(), f"{float(F(22, 7)):.5f}")
try:
    F(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    F("one half")
except ValueError as e:
    print("ValueError", e)
print(isinstance(F(1, 2), numbers.Rational), isinstance(D(1), numbers.Number), isinstance(D(1), numbers.Real), isinstance(1, numbers.Integral))


class Money(numbers.Number):
    def __init__(self, cents):
        self.cents = int(cents)

    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return NotImplemented

    def __repr__(self):
        return f"Money({self.cents // 100}.{self.cents % 100:02d})"

    __hash__ = None


print(Money(150) + Money(275), isinstance(Money(1), numbers.Number), isinstance(Money(1), numbers.Real))
harmonic = fractions.Fraction(0)
for n in range(1, 21):
    harmonic += fractions.Fraction(1, n)
print(harmonic, float(harmonic))
interest = D("1000.00")
for year in range(1, 4):
    interest = (interest * D("1.035")).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    print(f"year {year}: {interest}")
