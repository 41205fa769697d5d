# f_lasti / tb_lasti of frames that are calling an interpreted function:
# CPython 3.11 shows the CALL's last inline-cache unit; a frame calling a
# builtin shows the CALL itself. Checked through sys._getframe, tracebacks
# (caught, re-raised, chained) and the instruction the offset falls in.
import dis
import sys


def op_at(code, offset):
    # The instruction whose code units (with its caches) cover `offset`.
    best = None
    for ins in dis.get_instructions(code, show_caches=True):
        if ins.offset <= offset and ins.opname != "CACHE":
            best = ins
    return best.opname, offset - best.offset


def callee():
    f = sys._getframe(1)
    return f.f_lasti, op_at(f.f_code, f.f_lasti)


def caller():
    return callee()


print("caller of a VM function:", caller())


def via_builtin():
    return list(map(lambda _: sys._getframe(1).f_lasti, [0]))


print("frame under a builtin:", via_builtin())


def outer_lasti():
    return sys._getframe(0).f_lasti, sys._getframe(1).f_lasti


def middle():
    return outer_lasti()


print("two levels:", middle())


def fails():
    raise ValueError("x")


def calls_fails():
    y = 1
    return fails() + y


def tb_lastis(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lasti, op_at(tb.tb_frame.f_code, tb.tb_lasti)))
        tb = tb.tb_next
    return out


try:
    calls_fails()
except ValueError as e:
    for row in tb_lastis(e.__traceback__):
        print("tb:", row)


def reraises():
    try:
        calls_fails()
    except ValueError:
        raise


try:
    reraises()
except ValueError as e:
    for row in tb_lastis(e.__traceback__):
        print("reraised tb:", row)


def chained():
    try:
        calls_fails()
    except ValueError as exc:
        raise KeyError("k") from exc


try:
    chained()
except KeyError as e:
    for row in tb_lastis(e.__traceback__):
        print("chained tb:", row)
    for row in tb_lastis(e.__cause__.__traceback__):
        print("cause tb:", row)


def kw_call():
    return callee_kw(a=1)


def callee_kw(a):
    f = sys._getframe(1)
    return f.f_lasti, op_at(f.f_code, f.f_lasti)


print("keyword call:", kw_call())


class C:
    def meth(self):
        f = sys._getframe(1)
        return f.f_lasti, op_at(f.f_code, f.f_lasti)


def method_call():
    return C().meth()


print("method call:", method_call())


def gen():
    f = sys._getframe(1)
    yield f.f_code.co_name, op_at(f.f_code, f.f_lasti)


def drives_gen():
    return next(gen())


print("frame resuming a generator:", drives_gen())
