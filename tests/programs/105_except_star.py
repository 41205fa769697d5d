# ExceptionGroup and except*: matching subgroups, multiple except* clauses,
# nested groups, split/subgroup/derive, raising inside except*, re-raising
# unhandled parts, naked exceptions wrapped by except*, and formatting.
import traceback


def leaves(eg):
    if isinstance(eg, BaseExceptionGroup):
        return [x for e in eg.exceptions for x in leaves(e)]
    return [repr(eg)]


eg = ExceptionGroup("many", [ValueError("v1"), TypeError("t1"), ValueError("v2"), KeyError("k")])
print(eg, repr(eg.message), len(eg.exceptions), leaves(eg))
try:
    raise eg
except* ValueError as g:
    print("ValueError part:", leaves(g), type(g).__name__, g.message)
except* (TypeError, KeyError) as g:
    print("Type/Key part:", leaves(g))

try:
    try:
        raise ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [KeyError("b"), OSError("c")])])
    except* KeyError as g:
        print("handled keys:", leaves(g), "structure kept:", repr(g))
except ExceptionGroup as rest:
    print("unhandled rest:", repr(rest))

match, rest = eg.split(ValueError)
print("split:", leaves(match), leaves(rest))
print("subgroup:", leaves(eg.subgroup(lambda e: isinstance(e, (KeyError, TypeError)))))
print("no match:", eg.subgroup(OSError), eg.split(OSError)[0])
try:
    raise ValueError("naked")
except* ValueError as g:
    print("naked wrapped:", type(g).__name__, leaves(g))

try:
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise KeyError("raised in except*")
except ExceptionGroup as e:
    print("combined:", repr(e), [repr(x) for x in e.exceptions])
    print("context of new:", repr(e.exceptions[0].__context__) if e.exceptions else None)

try:
    try:
        raise ExceptionGroup("g", [ValueError("x")])
    except* ValueError:
        raise
except ExceptionGroup as e:
    print("bare raise keeps group:", repr(e))


class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + "*", excs)


try:
    raise MyGroup("mine", [ValueError(1), KeyError(2)])
except* ValueError as g:
    print("derived type:", type(g).__name__, g.message)
except* KeyError as g:
    print("derived type:", type(g).__name__, g.message)

beg = BaseExceptionGroup("base", [KeyboardInterrupt(), ValueError()])
print(type(beg).__name__, type(BaseExceptionGroup("ok", [ValueError()])).__name__)
for bad in [lambda: ExceptionGroup("x", []), lambda: ExceptionGroup("x", [1]), lambda: ExceptionGroup(1, [ValueError()]),
            lambda: ExceptionGroup("x", [KeyboardInterrupt()])]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)


def handler_order():
    log = []
    try:
        raise ExceptionGroup("all", [OSError("o"), ValueError("v"), ZeroDivisionError("z")])
    except* ArithmeticError as g:
        log.append(("arith", leaves(g)))
    except* ValueError as g:
        log.append(("value", leaves(g)))
    except* OSError as g:
        log.append(("os", leaves(g)))
    return log


print(handler_order())
try:
    raise ExceptionGroup("formatted", [ValueError("one"), ExceptionGroup("sub", [KeyError("two")])])
except ExceptionGroup as e:
    print("".join(traceback.format_exception(e)), end="")
e = ExceptionGroup("n", [ValueError(1)])
e.add_note("a note on the group")
try:
    raise e
except* ValueError as g:
    print("notes:", getattr(g, "__notes__", None))
try:
    try:
        raise ExceptionGroup("cont", [ValueError(1), TypeError(2)])
    except* ValueError:
        pass
    except* TypeError:
        pass
    print("all handled, no exception escapes")
except Exception as e:
    print("unexpected", e)


def loop_with_except_star():
    out = []
    for i in range(3):
        try:
            raise ExceptionGroup("loop", [ValueError(i)])
        except* ValueError as g:
            out.append(g.exceptions[0].args[0])
    return out


print(loop_with_except_star())
