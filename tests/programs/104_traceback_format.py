# Tracebacks of interpreted code printed via the traceback module:
# format_exception for simple, nested-call, chained (cause/context) and
# suppressed exceptions; format_exception_only; extract_tb entries (function
# names, line numbers, source lines); print_exception to stdout; tb walking.
import sys
import traceback


def level3(x):
    return 10 / x


def level2(x):
    return level3(x - 1) + 1


def level1(x):
    return level2(x) * 2


def show(exc):
    print("".join(traceback.format_exception(exc)), end="")
    print("-" * 40)


try:
    level1(1)
except ZeroDivisionError as e:
    show(e)
    for fs in traceback.extract_tb(e.__traceback__):
        print(f"  frame {fs.name} line {fs.lineno}: {fs.line}")
    print(traceback.format_exception_only(type(e), e))
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(names)


def parse(s):
    try:
        return int(s)
    except ValueError as err:
        raise RuntimeError(f"cannot parse {s!r}") from err


try:
    parse("abc")
except RuntimeError as e:
    show(e)


def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        return d["fallback"]


try:
    lookup({}, "x")
except KeyError as e:
    show(e)
try:
    try:
        raise ValueError("hidden")
    except ValueError:
        raise TypeError("visible only") from None
except TypeError as e:
    show(e)


class Custom(Exception):
    def __str__(self):
        return "custom str with args " + repr(self.args)


try:
    raise Custom(1, "two")
except Custom as e:
    show(e)
    traceback.print_exception(e, file=sys.stdout)
    print(traceback.format_exception_only(e))


def gen():
    yield 1
    raise LookupError("raised inside a generator")


try:
    list(gen())
except LookupError as e:
    show(e)
try:
    eval("1 +")
except SyntaxError as e:
    print("".join(traceback.format_exception_only(e)), end="")
    print(e.msg, e.lineno, e.offset, e.text)
try:
    exec("def f():\n    return undefined_name\nf()")
except NameError as e:
    show(e)
try:
    (lambda: [][5])()
except IndexError as e:
    show(e)
stack = traceback.extract_stack()
print([f.name for f in stack][-1:], stack[-1].lineno)


def where():
    return [(f.name, f.lineno) for f in traceback.extract_stack(limit=2)]


print(where())
e = ValueError("never raised")
print(traceback.format_exception(e), e.__traceback__)
try:
    level1(1)
except ZeroDivisionError as e:
    print("".join(traceback.format_exception(e, limit=2)), end="")
    print("".join(traceback.format_tb(e.__traceback__, limit=-1)), end="")
