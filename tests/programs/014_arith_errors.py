# Arithmetic errors: ZeroDivisionError, OverflowError, ValueError, TypeError
# from operators and conversions, caught and printed with messages.
import math


def attempt(label, fn):
    try:
        result = fn()
        print(f"{label}: ok {result!r}")
    except ArithmeticError as e:
        print(f"{label}: ArithmeticError/{type(e).__name__}: {e}")
    except (TypeError, ValueError, LookupError) as e:
        print(f"{label}: {type(e).__name__}: {e}")


attempt("1 / 0", lambda: 1 / 0)
attempt("1 // 0", lambda: 1 // 0)
attempt("1 % 0", lambda: 1 % 0)
attempt("divmod(1, 0)", lambda: divmod(1, 0))
attempt("1.0 / 0", lambda: 1.0 / 0)
attempt("1.0 // 0.0", lambda: 1.0 // 0.0)
attempt("1.5 % 0", lambda: 1.5 % 0)
attempt("0 ** -1", lambda: 0 ** -1)
attempt("0.0 ** -1", lambda: 0.0 ** -1)
attempt("pow(2, -1, 4)", lambda: pow(2, -1, 4))
attempt("pow(2, 3, 0)", lambda: pow(2, 3, 0))
attempt("pow(2.0, 3, 5)", lambda: pow(2.0, 3, 5))
attempt("10.0 ** 400", lambda: 10.0 ** 400)
attempt("math.exp(1000)", lambda: math.exp(1000))
attempt("float(10**400)", lambda: float(10 ** 400))
attempt("int(float('inf'))", lambda: int(float("inf")))
attempt("int(float('nan'))", lambda: int(float("nan")))
attempt("round(float('inf'))", lambda: round(float("inf")))
attempt("math.sqrt(-1)", lambda: math.sqrt(-1))
attempt("math.log(0)", lambda: math.log(0))
attempt("math.log(-5)", lambda: math.log(-5))
attempt("int('abc')", lambda: int("abc"))
attempt("int('12', 1)", lambda: int("12", 1))
attempt("int('')", lambda: int(""))
attempt("float('x1')", lambda: float("x1"))
attempt("1 + '1'", lambda: 1 + "1")
attempt("'a' * 2.5", lambda: "a" * 2.5)
attempt("[1] * 'x'", lambda: [1] * "x")
attempt("-'x'", lambda: -"x")
attempt("~1.5", lambda: ~1.5)
attempt("1 << 1.0", lambda: 1 << 1.0)
attempt("1 < 'a'", lambda: 1 < "a")
attempt("None + 1", lambda: None + 1)
attempt("abs('x')", lambda: abs("x"))
attempt("(256).to_bytes(1, 'big')", lambda: (256).to_bytes(1, "big"))
attempt("chr(-1)", lambda: chr(-1))
attempt("chr(0x110000)", lambda: chr(0x110000))
attempt("range(1, 2, 0)", lambda: range(1, 2, 0))
attempt("[].pop()", lambda: [].pop())
attempt("math.factorial(2.5)", lambda: math.factorial(2.5))
attempt("divmod(5, 0.0)", lambda: divmod(5, 0.0))

# Exception class relationships
print(issubclass(ZeroDivisionError, ArithmeticError))
print(issubclass(OverflowError, ArithmeticError))
print(issubclass(FloatingPointError, ArithmeticError))
print(ZeroDivisionError.__mro__[1:3])


# A function that catches, counts and re-raises
def safe_ratio(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return None
    finally:
        safe_ratio.calls += 1


safe_ratio.calls = 0
print([safe_ratio(a, b) for a, b in [(1, 2), (3, 0), (0, 5), (-4, 0), (9, 3)]])
print("calls", safe_ratio.calls)

# Errors in nested arithmetic expressions keep the right type
exprs = ["(1 + 2) * (3 / (4 - 4))", "2 ** (10 ** 1) % (5 - 5)", "int('3') + int('x')",
         "1e300 * 1e300", "math.pow(10, 400)", "sum([1, 2, None])"]
for e in exprs:
    try:
        print(e, "=", eval(e))
    except Exception as exc:
        print(e, "raised", type(exc).__name__, "-", exc)

# Exception objects carry args
try:
    1 // 0
except ZeroDivisionError as e:
    print("args", e.args, "str", str(e), "repr", repr(e))
