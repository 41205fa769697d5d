# A PEP 523 frame function installed by someone else (here _testinternalcapi's
# recorder, as CPython's test_capi.Test_Pep523API uses; debuggers and JITs
# install their own) sees every frame of a Python call, as natively: calls
# between interpreted functions, a special method called by an operator
# (BINARY_SUBSCR), a generator resumed by FOR_ITER and by C (list()), a
# class body; and removing it leaves exec() of code running as before.
import sys

try:
    import _testinternalcapi
except ImportError:
    _testinternalcapi = None


def inner(x=42):
    return x


def func():
    inner()
    inner(42)


class C:
    def __getitem__(self, other):
        return other


def subscript():
    return C()[42]


def gen():
    yield 1
    yield 2


def loop():
    for _ in gen():
        pass
    return list(gen())


def make_class():
    class Local:
        x = inner(7)
    return Local.x


if _testinternalcapi is None:
    print("no _testinternalcapi")
else:
    calls = []
    _testinternalcapi.set_eval_frame_record(calls)
    try:
        for _ in range(3):
            func()
            subscript()
            loop()
            make_class()
    finally:
        _testinternalcapi.set_eval_frame_default()
    print(len(calls))
    for name in calls[: len(calls) // 3]:
        print(name)
    print(calls == calls[: len(calls) // 3] * 3)
exec("y = len(sys.argv) * 7654321")
print(y)
