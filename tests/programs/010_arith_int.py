# Integer arithmetic: operators, floor division and modulo signs, powers,
# bit operations, conversions and builtins on ints.

def show(label, value):
    print(f"{label:<28} {value!r}")


pairs = [(7, 3), (-7, 3), (7, -3), (-7, -3), (0, 5), (12, 4), (1, 7)]
for a, b in pairs:
    show(f"{a} + {b}", a + b)
    show(f"{a} - {b}", a - b)
    show(f"{a} * {b}", a * b)
    show(f"{a} // {b}", a // b)
    show(f"{a} % {b}", a % b)
    show(f"divmod({a}, {b})", divmod(a, b))
    show(f"{a} / {b}", a / b)

for base in (2, 3, -2, 10, 0):
    for exp in (0, 1, 5, 10):
        show(f"{base} ** {exp}", base ** exp)
show("2 ** -1", 2 ** -1)
show("pow(3, 4, 5)", pow(3, 4, 5))
show("pow(3, -1, 7)", pow(3, -1, 7))
show("pow(-2, 3, 5)", pow(-2, 3, 5))

x = 0b1011_0110
show("x", x)
show("x & 0xF", x & 0xF)
show("x | 0x100", x | 0x100)
show("x ^ 0xFF", x ^ 0xFF)
show("~x", ~x)
show("x << 3", x << 3)
show("x >> 2", x >> 2)
show("-x >> 2", -x >> 2)
show("-1 >> 10", -1 >> 10)
show("1 << 70", 1 << 70)

show("int('42')", int("42"))
show("int('-0x1f', 16)", int("-0x1f", 16))
show("int('0o17', 0)", int("0o17", 0))
show("int('0b101', 0)", int("0b101", 0))
show("int('z', 36)", int("z", 36))
show("int(' 12_000 ')", int(" 12_000 "))
show("int(3.99)", int(3.99))
show("int(-3.99)", int(-3.99))
show("int(True)", int(True))
show("bin(37)", bin(37))
show("oct(-37)", oct(-37))
show("hex(255)", hex(255))
show("abs(-9)", abs(-9))
show("round(1234, -2)", round(1234, -2))
show("round(1250, -2)", round(1250, -2))
show("round(1350, -2)", round(1350, -2))
show("(255).bit_length()", (255).bit_length())
show("(-256).bit_length()", (-256).bit_length())
show("(1023).to_bytes(2, 'big')", (1023).to_bytes(2, "big"))
show("(-2).to_bytes(2, 'little', signed=True)", (-2).to_bytes(2, "little", signed=True))
show("int.from_bytes(b'\\x01\\x00', 'little')", int.from_bytes(b"\x01\x00", "little"))
show("int.from_bytes(b'\\xff\\xfe', 'big', signed=True)", int.from_bytes(b"\xff\xfe", "big", signed=True))
show("(10).as_integer_ratio()", (10).as_integer_ratio())
show("(7).conjugate()", (7).conjugate())
show("(7).numerator, denominator", ((7).numerator, (7).denominator))
show("sum(range(101))", sum(range(101)))
show("max(3, -5, 9, 2)", max(3, -5, 9, 2))
show("min([4, 1, 8])", min([4, 1, 8]))

# Augmented assignments on ints
v = 10
for op in "+-*/%&|^<>":
    w = v
    if op == "+":
        w += 3
    elif op == "-":
        w -= 3
    elif op == "*":
        w *= 3
    elif op == "/":
        w //= 3
    elif op == "%":
        w %= 3
    elif op == "&":
        w &= 3
    elif op == "|":
        w |= 3
    elif op == "^":
        w ^= 3
    elif op == "<":
        w <<= 3
    elif op == ">":
        w >>= 3
    show(f"10 {op}= 3", w)
w = 2
w **= 10
show("2 **= 10", w)

# Bools are ints
show("True + True", True + True)
show("True * 7", True * 7)
show("False - 1", False - 1)
show("sum([True, False, True])", sum([True, False, True]))
show("isinstance(True, int)", isinstance(True, int))

# Int caching must not be observable through equality
a = 1000
b = 999 + 1
show("a == b", a == b)
show("hash(12345) == 12345", hash(12345) == 12345)
show("hash(-1)", hash(-1))

# Large loops accumulate
total = 0
for i in range(1, 2000):
    if i % 3 == 0 or i % 5 == 0:
        total += i
show("euler1(2000)", total)
acc = 1
for i in range(1, 21):
    acc *= i
show("20!", acc)
