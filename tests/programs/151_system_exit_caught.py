# SystemExit caught inside the program: sys.exit() with no argument, ints,
# strings, None, tuples; exit() raised in functions and finally; code
# attribute; SystemExit not caught by "except Exception"; atexit ordering
# (atexit handlers print after the program's last line).
import atexit
import sys


def trial(label, fn):
    try:
        fn()
        print(f"{label}: no exit")
    except SystemExit as e:
        print(f"{label}: SystemExit code={e.code!r} args={e.args!r}")


trial("sys.exit()", lambda: sys.exit())
trial("sys.exit(0)", lambda: sys.exit(0))
trial("sys.exit(3)", lambda: sys.exit(3))
trial("sys.exit('msg')", lambda: sys.exit("msg"))
trial("sys.exit(None)", lambda: sys.exit(None))
trial("sys.exit((1, 2))", lambda: sys.exit((1, 2)))
trial("raise SystemExit", lambda: (_ for _ in ()).throw(SystemExit))
trial("raise SystemExit(7)", lambda: (_ for _ in ()).throw(SystemExit(7)))


def not_caught_by_exception():
    try:
        sys.exit(4)
    except Exception:
        return "caught by Exception (wrong)"
    return "unreachable"


trial("except Exception", not_caught_by_exception)


def exit_in_finally_overrides():
    try:
        raise ValueError("lost")
    finally:
        sys.exit("from finally")


trial("exit in finally", exit_in_finally_overrides)


def finally_runs_on_exit():
    try:
        sys.exit(5)
    finally:
        print("  finally ran during SystemExit")


trial("finally runs", finally_runs_on_exit)


def exit_from_generator():
    def gen():
        yield 1
        sys.exit("gen exit")
    for _ in gen():
        pass


trial("from generator", exit_from_generator)


class Ctx:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        print(f"  __exit__ saw {et.__name__} code={ev.code!r}")
        return False


def exit_through_with():
    with Ctx():
        sys.exit(9)


trial("through with", exit_through_with)
e = SystemExit(2)
print(isinstance(e, BaseException), isinstance(e, Exception), e.code)
print(exit is not None and hasattr(exit, "__call__"), type(quit).__name__ if False else "quit callable:", callable(quit))
trial("builtin exit(6)", lambda: exit(6))
atexit.register(print, "atexit: registered first, runs last")
atexit.register(lambda: print("atexit: registered second, runs first"))


def with_args(a, b=0):
    print("atexit with args:", a, b)


atexit.register(with_args, 1, b=2)
def never_runs():
    print("this one is unregistered")


atexit.register(never_runs)
atexit.unregister(never_runs)
print("last line of the program")
