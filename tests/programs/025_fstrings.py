# f-strings: expressions, conversions !r !s !a, format specs, nested specs,
# quotes, multi-line, calls, dict/attr access, lambdas and walrus inside.
import datetime
import decimal

name = "World"
n = 42
pi = 3.14159265
items = ["a", "b", "c"]
d = {"key": "value", "n": 7}
print(f"Hello {name}!")
print(f"{n} {n + 1} {n * 2:>6} {n:#x} {n:08b} {n:,} {-n:+d}")
print(f"{pi:.2f} {pi:10.4f}| {pi:<10.3}| {pi:e} {pi:%} {pi!r}")
print(f"{name!r} {name!s} {'é'!a} {name!r:>10} {name:^11}")
print(f"{items} {items[0]} {items[-1]} {len(items)} {d['key']} {d['n'] * 2}")
print(f"{'nested quotes'} {1}" if False else f'{"nested quotes"} {"dq"!r}')
width, prec = 12, 3
print(f"{pi:{width}.{prec}f}|{name:{'*'}^{width}}|{n:{'>'}{width}}")
print(f"{pi:.{prec}}|{pi:{width}}|")
print(f"{{braces}} {{{n}}} {'{'}")
print(f"{(lambda x: x * 2)(21)}")
print(f"{[x ** 2 for x in range(5)]} {sum(x for x in range(10))}")
print(f"{(y := 10) + y} {y}")
print(f"{'yes' if n > 40 else 'no'} {n if n < 0 else -n}")
print(f"{name.upper()} {name.lower()!r} {name[::-1]} {len(name):03}")
print(f"""multi
line {n}
  {name}""")
print(f"{'a' 'b'} {n!r:>5} {3.0!s:>5}")
print(f"{n=}, {pi=:.2f}, {name=!s}, {name = }, {items[1]=}, {n + 1 = }")
print(rf"raw \n {n}", fr"{name}\t")
print(f"{1:{'d'}}", f"{'x':{'<'}5}|")


class C:
    def __init__(self):
        self.attr = "attr-value"

    def __format__(self, spec):
        return f"C<{spec}>"

    def __str__(self):
        return "C-str"

    def __repr__(self):
        return "C-repr"


c = C()
print(f"{c} {c!s} {c!r} {c:custom spec} {c.attr} {c.attr:>12}")
dt = datetime.datetime(2023, 7, 14, 9, 5, 3, 123456)
print(f"{dt:%Y-%m-%d %H:%M:%S} {dt:%A %d %B %Y} {dt:%j %U %I%p} {dt.date()} {dt.time()}")
print(f"{dt!r}")
print(f"{dt.isoformat()} {dt:%H:%M:%S.%f} {dt.timestamp() if False else 0}")
td = datetime.timedelta(days=2, hours=3, minutes=4, seconds=5)
print(f"{td} {td.total_seconds()} {-td} {td * 2} {td // 3}")
dec = decimal.Decimal("1234.5678")
print(f"{dec} {dec:.2f} {dec:,.3f} {dec:>15} {dec:e} {dec!r} {decimal.Decimal('0.1') * 3}")
print(f"{decimal.Decimal('1') / decimal.Decimal('7'):.10f}")
for v in [0, 1, -1, 255, 2 ** 40]:
    print(f"|{v:>15,}|{v:<#12x}|{v:^+10}|{v:_o}|")
for v in [0.0, 1.5, -2.25, 1e-5, 123456789.0]:
    print(f"|{v:>12.3f}|{v:<12.2e}|{v:^12g}|{v:+.1%}|")
table = {"alice": 90.5, "bob": 72.25, "carol": 100.0}
for who, score in sorted(table.items()):
    print(f"{who:<8}{score:>8.2f}{'*' * int(score // 10):>12}")
print(f"{'-' * 20}")
print(f"{3+4j:.1f} {complex(1, -1)!r} {True:d} {True!s} {None!r}")
print(f"{b'bytes'!r} {b'bytes'}")
try:
    print(f"{n:s}")
except ValueError as e:
    print("ValueError", e)
try:
    print(f"{name:d}")
except ValueError as e:
    print("ValueError", e)
try:
    print(f"{undefined_name}")  # noqa: F821
except NameError as e:
    print("NameError", e)
