# sys.exc_info()/sys.exception() inside and after handlers, in nested
# functions called from handlers, in generators, in finally; and
# traceback.print_exc()/format_exc() from interpreted code (stderr and a
# StringIO), which must list the interpreted frames.
import io
import sys
import traceback


def state():
    t, v, tb = sys.exc_info()
    return (t.__name__ if t else None, str(v) if v else None, tb is not None)


print("idle:", state(), sys.exception())
try:
    raise ValueError("first")
except ValueError:
    print("in handler:", state(), repr(sys.exception()))

    def helper():
        return state()

    print("in called function:", helper())
    try:
        raise KeyError("nested")
    except KeyError:
        print("nested handler:", state())
    print("back in outer handler:", state())
print("after handler:", state())


def gen():
    yield state()
    try:
        raise IndexError("in gen")
    except IndexError:
        yield state()
    yield state()


try:
    raise OSError("outside gen")
except OSError:
    g = gen()
    print("gen first (caller's exception visible):", next(g))
print("gen second:", next(g))
print("gen third:", next(g))


def finally_state():
    try:
        raise TypeError("t")
    finally:
        print("in finally during exception:", state())


try:
    finally_state()
except TypeError:
    pass
print("cleared again:", state())


def deep(n):
    if n == 0:
        raise LookupError("deep failure")
    return deep(n - 1)


try:
    deep(3)
except LookupError:
    print(traceback.format_exc(), end="")
    buf = io.StringIO()
    traceback.print_exc(file=buf)
    print("print_exc to buffer has", buf.getvalue().count("in deep"), "deep frames")
    traceback.print_exc()
    traceback.print_exc(limit=1, file=sys.stdout)
    sys.stderr.flush()


def chained():
    try:
        {}["missing"]
    except KeyError:
        raise RuntimeError("while handling")


try:
    chained()
except RuntimeError:
    traceback.print_exc(file=sys.stdout)
    print(traceback.format_exc(chain=False), end="")
print(repr(traceback.format_exc()))


class Recorder:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        print("__exit__ args:", et.__name__ if et else None, ev, tb is not None, "exc_info:", state())
        return True


with Recorder():
    raise ArithmeticError("inside with")
print("exc_info after suppressed with:", state())
try:
    raise ValueError("stored")
except ValueError:
    saved = sys.exc_info()
print(saved[0].__name__, saved[1], saved[2].tb_lineno, saved[1].__traceback__ is saved[2])
print(saved[2].tb_frame.f_code.co_name)
e = saved[1]
print(traceback.format_tb(e.__traceback__)[0].strip().splitlines()[1])
sys.stdout.flush()
try:
    raise ValueError("to stderr via excepthook-like printing")
except ValueError as exc:
    sys.stderr.write("".join(traceback.format_exception(exc)))
