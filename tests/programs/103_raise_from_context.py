# Exception chaining: implicit __context__, explicit __cause__ (raise from),
# raise ... from None (__suppress_context__), chaining across functions and
# generators, re-raising preserving context, and attribute assignments.


def implicit():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("implicit chain")


def explicit():
    try:
        {}["k"]
    except KeyError as e:
        raise RuntimeError("explicit chain") from e


def suppressed():
    try:
        [][0]
    except IndexError:
        raise TypeError("context hidden") from None


def cause_without_context():
    raise OSError("cause only") from ValueError("the cause")


def describe(fn):
    try:
        fn()
    except Exception as e:
        ctx, cause = e.__context__, e.__cause__
        print(f"{fn.__name__:<22} {e!r}")
        print(f"    __context__={ctx!r} __cause__={cause!r} __suppress_context__={e.__suppress_context__}")
        print(f"    has traceback: {e.__traceback__ is not None}")


for fn in (implicit, explicit, suppressed, cause_without_context):
    describe(fn)


def chain_of_three():
    try:
        try:
            try:
                raise ValueError(1)
            except ValueError:
                raise KeyError(2)
        except KeyError:
            raise IndexError(3)
    except IndexError as e:
        chain = []
        while e is not None:
            chain.append(repr(e))
            e = e.__context__
        return chain


print(chain_of_three())


def reraise_keeps_context():
    try:
        try:
            raise ValueError("inner")
        except ValueError:
            try:
                raise KeyError("middle")
            except KeyError as k:
                saved = k
        raise saved
    except KeyError as e:
        return repr(e), repr(e.__context__)


print(reraise_keeps_context())


def manual_attributes():
    e = RuntimeError("manual")
    e.__cause__ = ValueError("set by hand")
    print(e.__suppress_context__)
    e.__context__ = KeyError("ctx by hand")
    try:
        raise e
    except RuntimeError as caught:
        return repr(caught.__cause__), repr(caught.__context__), caught.__suppress_context__


print(manual_attributes())
try:
    raise ValueError("x") from 5
except TypeError as e:
    print("TypeError", e)
try:
    raise ValueError("x") from KeyError
except ValueError as e:
    print("from a class:", repr(e.__cause__))


def gen_chain():
    try:
        yield 1
    except GeneratorExit:
        raise
    except Exception as e:
        raise LookupError("from generator") from e


g = gen_chain()
next(g)
try:
    g.throw(ValueError("thrown in"))
except LookupError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__))


def no_self_cycle():
    try:
        try:
            raise ValueError("same")
        except ValueError as e:
            raise e
    except ValueError as e:
        return e.__context__ is None


print(no_self_cycle())


def context_set_when_raising_in_handler_function():
    def helper():
        raise KeyError("helper")

    try:
        try:
            raise ValueError("handled")
        except ValueError:
            helper()
    except KeyError as e:
        return repr(e.__context__)


print(context_set_when_raising_in_handler_function())


def from_none_then_reraise():
    try:
        try:
            raise ValueError("hidden")
        except ValueError:
            raise KeyError("shown") from None
    except KeyError as e:
        return e.__suppress_context__, repr(e.__context__), e.__cause__


print(from_none_then_reraise())


class CustomError(Exception):
    def __init__(self, code, msg):
        super().__init__(f"[{code}] {msg}")
        self.code = code


def wrap_errors(fn):
    try:
        return fn()
    except (ValueError, KeyError) as e:
        raise CustomError(500, "wrapped") from e


try:
    wrap_errors(lambda: int("nope"))
except CustomError as e:
    print(e, e.code, type(e.__cause__).__name__, e.__cause__)
