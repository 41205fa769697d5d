# Tracer features: f_trace_opcodes ('opcode' events), f_trace_lines = False,
# writes to f_locals taken back into the frame, f_lineno jumps and their errors.
import sys


def first_line(fn):
    return fn.__code__.co_firstlineno


# ---- opcode events ------------------------------------------------------
def opcodes_target(a):
    b = a * 2
    if b > 2:
        b = -b
    return b


def run_opcodes(lines_too):
    seen = []

    def tr(frame, event, arg):
        if frame.f_code is opcodes_target.__code__:
            if event == "call":
                frame.f_trace_opcodes = True
                frame.f_trace_lines = lines_too
            seen.append((event, frame.f_lineno - first_line(opcodes_target), frame.f_lasti))
            return tr
        return None

    sys.settrace(tr)
    r = opcodes_target(3)
    sys.settrace(None)
    print("opcodes, lines=%s ->" % lines_too, r)
    for s in seen:
        print("   ", *s)


run_opcodes(True)
run_opcodes(False)


# ---- f_trace_lines = False keeps call/return/exception -----------------------
def quiet(n):
    try:
        raise KeyError(n)
    except KeyError:
        return n + 1


def tr_quiet(frame, event, arg):
    if frame.f_code is quiet.__code__:
        frame.f_trace_lines = False
        print("  quiet event", event, frame.f_lineno - first_line(quiet))
        return tr_quiet


sys.settrace(tr_quiet)
quiet(1)
sys.settrace(None)


# ---- f_locals writes ------------------------------------------------------
def locals_target():
    x = 1
    y = "before"
    z = x + 1
    return x, y, z


def tr_locals(frame, event, arg):
    if frame.f_code is locals_target.__code__ and event == "line":
        rel = frame.f_lineno - first_line(locals_target)
        if rel == 3:
            frame.f_locals["x"] = 41
            frame.f_locals["y"] = "changed"
        if rel == 4:
            print("  z will be computed from x =", frame.f_locals["x"])
    return tr_locals


sys.settrace(tr_locals)
print("locals:", locals_target())
sys.settrace(None)


def cell_target():
    c = 1

    def inner():
        return c
    c = 2
    return inner()


def tr_cell(frame, event, arg):
    if frame.f_code is cell_target.__code__ and event == "line":
        if frame.f_lineno - first_line(cell_target) == 6:
            frame.f_locals["c"] = 99
    return tr_cell


sys.settrace(tr_cell)
print("cell:", cell_target())
sys.settrace(None)


# ---- f_lineno jumps -----------------------------------------------------------
class Jump:
    def __init__(self, code, at, to, event="line"):
        self.code, self.at, self.to, self.event = code, at, to, event
        self.done = False

    def __call__(self, frame, event, arg):
        if frame.f_code is not self.code:
            return None if event == "call" else self
        rel = frame.f_lineno - self.code.co_firstlineno
        if not self.done and event == self.event and rel == self.at:
            self.done = True
            try:
                frame.f_lineno = self.code.co_firstlineno + self.to
                print("  jumped %d -> %d" % (self.at, self.to))
            except ValueError as e:
                print("  ValueError:", e)
        return self


def jump(fn, at, to, event="line", *args):
    out = []
    sys.settrace(Jump(fn.__code__, at, to, event))
    try:
        r = fn(out, *args)
    except Exception as e:
        r = "raised %s: %s" % (type(e).__name__, e)
    sys.settrace(None)
    print(fn.__name__, at, "->", to, ":", out, r)


def forward(out):
    out.append(1)
    out.append(2)
    out.append(3)
    return "end"


def backward(out):
    out.append(1)
    out.append(2)
    if len(out) < 5:
        pass
    return "end"


def out_of_loop(out):
    for i in range(3):
        out.append(i)
        out.append("body")
    out.append("after")
    return "end"


def into_loop(out):
    out.append(0)
    for i in range(2):
        out.append(i)
    return "end"


def out_of_try(out):
    try:
        out.append(1)
        raise KeyError
    except KeyError:
        out.append(2)
        out.append(3)
    out.append(4)
    return sys.exc_info()[0]


def out_of_with(out):
    class CM:
        def __enter__(self):
            return self

        def __exit__(self, *a):
            out.append("exit")
    with CM():
        out.append("in")
        out.append("still")
    out.append("after")
    return "end"


def into_except(out):
    try:
        out.append(1)
    except KeyError:
        out.append(2)
    return "end"


def nested_loops(out):
    for i in range(2):
        for j in range(2):
            out.append((i, j))
            out.append("inner")
    out.append("done")
    return "end"


def gen_jump_target(out):
    def g():
        yield 1
        yield 2
    return list(g())


jump(forward, 1, 3)
jump(backward, 4, 1)
jump(out_of_loop, 3, 4)
jump(into_loop, 1, 3)
jump(out_of_try, 5, 7)
jump(out_of_with, 9, 11)
jump(into_except, 1, 4)
jump(nested_loops, 3, 5)
jump(nested_loops, 4, 1)
jump(forward, 1, 100)
jump(forward, 1, -100)
jump(forward, 0, 2, "call")
jump(forward, 4, 2, "return")
jump(out_of_try, 3, 5, "exception")


def bad_type(frame, event, arg):
    if frame.f_code is forward.__code__ and event == "line":
        try:
            frame.f_lineno = "3"
        except ValueError as e:
            print("  ValueError:", e)
        sys.settrace(None)
    return bad_type


sys.settrace(bad_type)
forward([])
sys.settrace(None)


def no_trace_set():
    f = sys._getframe()
    try:
        f.f_lineno = f.f_lineno + 1
    except ValueError as e:
        print("  ValueError:", e)


no_trace_set()


# ---- a tracer that raises -------------------------------------------------------
def raising_tracer(frame, event, arg):
    if frame.f_code is forward.__code__ and event == "line":
        raise RuntimeError("tracer failed")
    return raising_tracer


sys.settrace(raising_tracer)
try:
    forward([])
except RuntimeError as e:
    print("tracer error:", e, sys.gettrace())
