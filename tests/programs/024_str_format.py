# %-formatting and str.format: positional/keyword fields, attribute and index
# lookups, conversions, format specs, __format__ of user classes, errors.
from string import Formatter, Template

print("%d %i %5d %-5d| %05d %+d % d" % (42, -3, 7, 7, 42, 5, 5))
print("%x %X %#x %o %#o %e %E %.3g %G" % (255, 255, 255, 8, 8, 12345.6789, 0.00012, 1234567, 1e-10))
print("%s %r %a %c %c %%" % ("s", "r", "é", 65, "z"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 33})
print("%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
print("%s" % (1, ), "%s" % [1, 2], "%s %s" % ("a", (1, 2)))
for bad in [lambda: "%d" % "x", lambda: "%s %s" % ("a",), lambda: "%s" % ("a", "b"),
            lambda: "%(k)s" % {"x": 1}, lambda: "%z" % 1, lambda: "{} {}".format(1),
            lambda: "{0} {}".format(1, 2), lambda: "{x}".format(y=1), lambda: "{:d}".format("s"),
            lambda: "{!z}".format(1), lambda: "{".format(), lambda: format(1, "invalid")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)

print("{} {} {}".format(1, "two", 3.0))
print("{2} {1} {0} {1}".format("a", "b", "c"))
print("{x} {y} {x}".format(x=1, y=2))
print("{0[1]} {0[k]} {1.real} {1.imag}".format({1: "one", "k": "kay"}, 3 + 4j))
print("{0!r} {0!s} {0!a}".format("é"))
print("{:>8}|{:<8}|{:^8}|{:*^9}|{:08.3f}".format("r", "l", "c", "s", -3.14159))
print("{:,} {:_} {:_b} {:#x} {:#o} {:#b} {:c}".format(1234567, 1234567, 255, 255, 8, 5, 9731))
print("{:+} {:-} {: } {:=+8}".format(5, -5, 5, -42))
print("{:.2%} {:.1e} {:g} {:.0f} {:n}".format(0.12345, 123456.0, 0.00001, 2.5, 1234))
print("{:{w}.{p}f}|{:>{w}}".format(3.14159, "x", w=10, p=3))
print("{0:{1}}".format("nested", ">12"))
print("{:10}|{:<10}|{:10}".format(12, 12, "s"))
print("{{literal}} {}".format("braces"))
print(format(3.5), format("s"), format(10, "b"), format(-0.0, "+.1f"), format(1e100, ".3g"))
print("{:z.1f} {:z.1f}".format(-0.04, 0.04))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        if spec == "short":
            return f"${self.cents // 100}"
        return f"${self.cents / 100:{spec or '.2f'}}"

    def __str__(self):
        return "Money(%d)" % self.cents

    def __repr__(self):
        return "<Money %d>" % self.cents


m = Money(12345)
print("{}".format(m), "{:short}".format(m), "{:.1f}".format(m), "{!s}".format(m), "{!r}".format(m))
print(format(m, "short"), f"{m:>10}" if False else "skip", "%s %r" % (m, m))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


p = Point(3, 4)
print("({0.x}, {0.y})".format(p), "{p.x}-{p.y}".format(p=p))
try:
    "{0.z}".format(p)
except AttributeError as e:
    print("AttributeError", e)

print(list(Formatter().parse("a{0}b{name!r:>5}c{{")))
print(Formatter().format("{0}+{x}", 1, x=2), Formatter().vformat("{a}", (), {"a": "A"}))
t = Template("$who likes ${what}s, $$5")
print(t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"))
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError", e)

# A table formatted with computed widths
rows = [("apple", 3, 1.25), ("kiwi", 12, 0.5), ("watermelon", 1, 4.0)]
w = max(len(r[0]) for r in rows)
for name, qty, price in rows:
    print("{:<{w}} x{:>3} @ {:>6.2f} = {:>7.2f}".format(name, qty, price, qty * price, w=w))
print("%-10s|%10s" % ("left", "right"), "%3d%%" % 50, "%.3s" % "abcdef")
print("%c%c%c" % (72, 105, 33), "%5s|%-5s|" % ("ab", "cd"), "%#.3g" % 1.0)
print(str.format("{} {}", *"ab"), "{0}{0}".format(*[7]), "{a}{b}".format(**{"a": 1, "b": 2}))
print("{:^7.3}".format("abcdefg"), "{:.3}".format(3.14159), "{:e}".format(0), "{:%}".format(1))
