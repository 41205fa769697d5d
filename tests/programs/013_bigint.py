# Arbitrary-precision integers: big powers, factorials, division, bit ops,
# str/int conversions, hashes and mixed operations with floats.
import math


def show(label, value):
    print(f"{label:<26} {value}")


big = 2 ** 200
show("2**200", big)
show("-(2**200) // 7", -big // 7)
show("2**200 % 1000007", big % 1000007)
show("divmod(3**100, 7**30)", divmod(3 ** 100, 7 ** 30))
show("(2**200).bit_length()", big.bit_length())
show("2**200 >> 190", big >> 190)
show("2**200 & (2**64 - 1)", big & (2 ** 64 - 1))
show("~(2**100)", ~(2 ** 100))
show("-(2**100) >> 3", -(2 ** 100) >> 3)
show("(2**100) ^ (2**99)", (2 ** 100) ^ (2 ** 99))
show("hex(2**130 - 1)", hex(2 ** 130 - 1))
show("bin(3**20)", bin(3 ** 20))
show("oct(-(8**30))", oct(-(8 ** 30)))
show("factorial(50)", math.factorial(50))
show("digits of 100!", len(str(math.factorial(100))))
show("sum digits 2**1000", sum(int(c) for c in str(2 ** 1000)))
show("isqrt(10**50)", math.isqrt(10 ** 50))
show("gcd(2**80, 6**40)", math.gcd(2 ** 80, 6 ** 40))
show("pow(2, 10**5, 10**9+7)", pow(2, 10 ** 5, 10 ** 9 + 7))
show("pow(12345678901234567, -1, 10**18+9)", pow(12345678901234567, -1, 10 ** 18 + 9))
show("int('9'*40) + 1", int("9" * 40) + 1)
show("int('1'*30, 2)", int("1" * 30, 2))
show("big == float(big)", big == float(big))
show("float(2**200)", float(big))
show("2**200 / 2**190", big / 2 ** 190)
show("10**30 // 3", 10 ** 30 // 3)
show("-10**30 // 3", -10 ** 30 // 3)
show("(10**30).to_bytes(13,'big')", (10 ** 30).to_bytes(13, "big").hex())
show("from_bytes(b'\\xff'*16)", int.from_bytes(b"\xff" * 16, "big"))
show("hash(2**61 - 1)", hash(2 ** 61 - 1))
show("hash(2**61)", hash(2 ** 61))
show("hash(-(2**70))", hash(-(2 ** 70)))
show("(2**64).__index__()", (2 ** 64).__index__())
show("round(123456789, -4)", round(123456789, -4))
show("round(10**25 + 5, -1)", round(10 ** 25 + 5, -1))
show("abs(-(10**40))", abs(-(10 ** 40)))
show("format(2**70, ',')", format(2 ** 70, ","))
show("format(2**70, '_x')", format(2 ** 70, "_x"))
show("format(-2**70, '>40')", format(-(2 ** 70), ">40"))
show("f'{3**50:e}'", f"{3 ** 50:e}")
show("max(2**100, 2.0**99)", max(2 ** 100, 2.0 ** 99))
show("2**100 > 1e30", 2 ** 100 > 1e30)
show("2**1024 > 1e308", 2 ** 1024 > 1e308)

# Fibonacci with big numbers
a, b = 0, 1
for _ in range(300):
    a, b = b, a + b
show("fib(300)", a)


# Miller-Rabin style check on a big prime, deterministic bases
def is_probable_prime(n):
    if n < 2:
        return False
    for p in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


show("2**127-1 prime", is_probable_prime(2 ** 127 - 1))
show("2**128+1 prime", is_probable_prime(2 ** 128 + 1))
show("primes near 10**20", [n for n in range(10 ** 20, 10 ** 20 + 200) if is_probable_prime(n)])

# Errors specific to bigints
for expr in ["float(10**400)", "2.0 ** 10**4", "math.factorial(-1)", "(10**400) / 3",
             "int('1'*5000)", "1 << -1", "math.isqrt(-1)"]:
    try:
        r = eval(expr)
        print(expr, "->", r)
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
