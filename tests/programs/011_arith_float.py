# Float arithmetic: repr round-trips, special values, rounding, formatting,
# float methods and math-module helpers.
import math


def show(label, value):
    print(f"{label:<32} {value!r}")


vals = [0.1, 0.5, 1.5, 2.5, -2.5, 1e16, 1e-7, 123.456, -0.0, 3.0]
for v in vals:
    show(f"repr({v!r})", v)
    show(f"str({v!r})", str(v))
    show(f"round({v!r})", round(v))
    show(f"round({v!r}, 1)", round(v, 1))
    show(f"int({v!r})", int(v))

show("0.1 + 0.2", 0.1 + 0.2)
show("0.1 + 0.2 == 0.3", 0.1 + 0.2 == 0.3)
show("math.isclose", math.isclose(0.1 + 0.2, 0.3))
show("1 / 3", 1 / 3)
show("2 / 3", 2 / 3)
show("7.5 // 2", 7.5 // 2)
show("-7.5 // 2", -7.5 // 2)
show("7.5 % 2", 7.5 % 2)
show("-7.5 % 2", -7.5 % 2)
show("divmod(7.5, -2)", divmod(7.5, -2))
show("2.0 ** 0.5", 2.0 ** 0.5)
show("(-8) ** (1/3)", (-8) ** (1 / 3))
show("10 ** -2", 10 ** -2)
show("1e308 * 10", 1e308 * 10)
show("-1e308 * 10", -1e308 * 10)

inf = float("inf")
nan = float("nan")
show("inf", inf)
show("-inf", -inf)
show("inf - inf", inf - inf)
show("nan == nan", nan == nan)
show("nan != nan", nan != nan)
show("math.isnan(nan)", math.isnan(nan))
show("math.isinf(-inf)", math.isinf(-inf))
show("inf > 1e308", inf > 1e308)
show("float('-0.0')", float("-0.0"))
show("math.copysign(1, -0.0)", math.copysign(1, -0.0))
show("float(' 12.5e1 ')", float(" 12.5e1 "))
show("float('1_000.5')", float("1_000.5"))

show("(0.5).as_integer_ratio()", (0.5).as_integer_ratio())
show("(0.1).as_integer_ratio()", (0.1).as_integer_ratio())
show("(3.0).is_integer()", (3.0).is_integer())
show("(3.2).is_integer()", (3.2).is_integer())
show("(1.5).hex()", (1.5).hex())
show("float.fromhex('0x1.8p1')", float.fromhex("0x1.8p1"))
show("math.floor(-2.5)", math.floor(-2.5))
show("math.ceil(-2.5)", math.ceil(-2.5))
show("math.trunc(-2.5)", math.trunc(-2.5))
show("math.sqrt(2)", math.sqrt(2))
show("math.hypot(3, 4)", math.hypot(3, 4))
show("math.fsum([.1]*10)", math.fsum([0.1] * 10))
show("sum([.1]*10)", sum([0.1] * 10))
show("math.pi", math.pi)
show("math.e", math.e)
show("math.log(8, 2)", math.log(8, 2))
show("math.log10(1000)", math.log10(1000))
show("math.exp(1)", math.exp(1))
show("math.sin(math.pi/2)", math.sin(math.pi / 2))
show("math.atan2(1, 1)", math.atan2(1, 1))
show("math.degrees(math.pi)", math.degrees(math.pi))
show("math.factorial(10)", math.factorial(10))
show("math.gcd(84, 36)", math.gcd(84, 36))
show("math.lcm(4, 6, 10)", math.lcm(4, 6, 10))
show("math.comb(10, 3)", math.comb(10, 3))
show("math.perm(5, 2)", math.perm(5, 2))
show("math.isqrt(10**10 + 5)", math.isqrt(10 ** 10 + 5))
show("math.prod([1.5, 2, 4])", math.prod([1.5, 2, 4]))
show("math.dist((0,0),(3,4))", math.dist((0, 0), (3, 4)))

for spec in [".2f", ".3e", "g", ".10g", "+.1f", "010.3f", ",.2f", "%", ".1%", "_.1f", "^12.2f", "<10", "e"]:
    show(f"format(12345.678, {spec!r})", format(12345.678, spec))
show("'%5.2f|%-8.3e|%g' %", "%5.2f|%-8.3e|%g" % (3.14159, 0.000123, 1e20))

# Mixed int/float comparisons and conversions
show("1 == 1.0", 1 == 1.0)
show("2**53 + 1 == float(2**53 + 1)", 2 ** 53 + 1 == float(2 ** 53 + 1))
show("10**20 < 1e21", 10 ** 20 < 1e21)
show("hash(1.0) == hash(1)", hash(1.0) == hash(1))
show("hash(0.5)", hash(0.5))
show("sorted mixed", sorted([3, 1.5, -2, 2.25, 0]))

# Accumulation
x = 0.0
for i in range(1, 1001):
    x += 1.0 / (i * i)
show("basel(1000)", x)
show("basel close to pi^2/6", abs(x - math.pi ** 2 / 6) < 1e-2)
