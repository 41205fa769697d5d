# Frame introspection from interpreted code: sys._getframe (f_code.co_name,
# f_back chain, f_lineno, f_locals, f_globals), inspect.currentframe,
# inspect.stack() names, a caller-name helper used by a logger, and frames
# seen from generators and class bodies.
import inspect
import sys


def chain(depth=0):
    f = sys._getframe()
    names = []
    while f is not None and len(names) < 4:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names


def a():
    return b()


def b():
    return chain()


print(a())


def lineno_here():
    return sys._getframe().f_lineno, sys._getframe(1).f_lineno


print(lineno_here())


def caller_name():
    return sys._getframe(2).f_code.co_name


def log(msg):
    return f"[{caller_name()}] {msg}"


def business_logic():
    return log("doing work")


print(business_logic())


def locals_view():
    x, y = 1, "two"
    frame = inspect.currentframe()
    return sorted((k, v) for k, v in frame.f_locals.items() if k != "frame")


print(locals_view())


def globals_view():
    return sys._getframe().f_globals is globals(), sys._getframe().f_globals["__name__"]


print(globals_view())


def stack_names():
    return [fi.function for fi in inspect.stack()[:3]]


def outer_for_stack():
    return stack_names()


print(outer_for_stack())


def gen():
    yield sys._getframe().f_code.co_name
    yield sys._getframe(1).f_code.co_name


def consume():
    return list(gen())


print(consume())


class Body:
    where = sys._getframe().f_code.co_name
    caller = sys._getframe(1).f_code.co_name


print(Body.where, Body.caller)


def modify_via_frame():
    value = "original"
    sys._getframe().f_locals["value"] = "changed?"
    return value


print(modify_via_frame())


def frame_code_info():
    code = sys._getframe().f_code
    return code.co_name, code.co_filename.endswith("142_frame_introspection.py"), code.co_argcount


print(frame_code_info())
try:
    sys._getframe(10000)
except ValueError as e:
    print("ValueError", e)
print(sys._getframe().f_code.co_name, sys._getframe().f_back is None or sys._getframe().f_back.f_code.co_name)


def traceback_frames():
    try:
        raise RuntimeError("x")
    except RuntimeError as e:
        tb = e.__traceback__
        return tb.tb_frame.f_code.co_name, tb.tb_lineno - sys._getframe().f_code.co_firstlineno


print(traceback_frames())
print(inspect.getframeinfo(inspect.currentframe()).function, inspect.getframeinfo(inspect.currentframe()).lineno)
