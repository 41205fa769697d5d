# Complex numbers: construction, arithmetic, attributes, cmath, errors.
import cmath
import math


def show(label, value):
    print(f"{label:<30} {value!r}")


z = 3 + 4j
w = complex(1, -2)
show("z", z)
show("w", w)
show("z + w", z + w)
show("z - w", z - w)
show("z * w", z * w)
show("z / w", z / w)
show("z ** 2", z ** 2)
show("z ** 0.5", z ** 0.5)
show("1j ** 2", 1j ** 2)
show("abs(z)", abs(z))
show("z.real, z.imag", (z.real, z.imag))
show("z.conjugate()", z.conjugate())
show("-z", -z)
show("+z", +z)
show("z == 3+4j", z == 3 + 4j)
show("z != w", z != w)
show("complex('1+2j')", complex("1+2j"))
show("complex(' -1.5e1j ')", complex(" -1.5e1j "))
show("complex(2)", complex(2))
show("complex(1.5, 0)", complex(1.5, 0))
show("complex(1j, 1j)", complex(1j, 1j))
show("0j", 0j)
show("-0j", -0j)
show("complex(0, -0.0)", complex(0, -0.0))
show("2 + 0j == 2", 2 + 0j == 2)
show("bool(0j)", bool(0j))
show("bool(1e-300j)", bool(1e-300j))
show("hash(2+0j) == hash(2)", hash(2 + 0j) == hash(2))
show("format(z, '.2f')", format(z, ".2f"))
show("format(w, '^20')", format(w, "^20"))
show("f'{z:+.1e}'", f"{z:+.1e}")

show("cmath.sqrt(-1)", cmath.sqrt(-1))
show("cmath.phase(-1)", cmath.phase(-1))
show("cmath.polar(z)", cmath.polar(z))
r, phi = cmath.polar(z)
back = cmath.rect(r, phi)
show("rect(polar(z)) close", cmath.isclose(back, z))
show("cmath.exp(1j*pi) close -1", cmath.isclose(cmath.exp(1j * math.pi), -1, abs_tol=1e-12))
show("cmath.log(1j)", cmath.log(1j))
show("cmath.isinf(complex('inf'))", cmath.isinf(complex("inf")))

for bad in [lambda: z < w, lambda: z // w, lambda: z % w, lambda: divmod(z, w),
            lambda: int(z), lambda: float(z), lambda: z / 0, lambda: complex("1+"),
            lambda: 0j ** -1, lambda: round(z), lambda: complex("1", 2)]:
    try:
        bad()
        print("no error")
    except Exception as e:
        print(f"{type(e).__name__}: {e}")

# Roots of unity sum to ~0
n = 7
roots = [cmath.exp(2j * math.pi * k / n) for k in range(n)]
s = sum(roots)
show("|sum of 7th roots| < 1e-12", abs(s) < 1e-12)
prod = 1
for r in roots:
    prod *= r
show("prod of roots close 1", cmath.isclose(prod, 1, abs_tol=1e-12))

# Mandelbrot membership as a compact complex workout
rows = []
for y in range(-6, 7):
    line = ""
    for x in range(-20, 8):
        c = complex(x / 10, y / 5)
        zz = 0
        for _ in range(30):
            zz = zz * zz + c
            if abs(zz) > 2:
                line += "."
                break
        else:
            line += "#"
    rows.append(line)
print("\n".join(rows))
