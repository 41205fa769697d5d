# Nested exception handlers and with statements: exceptions raised in
# handlers of handlers, with-statement suppression inside try, multiple
# context managers (parenthesized form), exceptions raised by __exit__,
# contextlib.suppress/ExitStack interplay, and exception state restoration.
import contextlib
import sys


class CM:
    def __init__(self, name, log, suppress=()):
        self.name, self.log, self.suppress = name, log, suppress

    def __enter__(self):
        self.log.append(f"+{self.name}")
        return self

    def __exit__(self, et, e, tb):
        self.log.append(f"-{self.name}:{et.__name__ if et else '-'}")
        return et is not None and issubclass(et, self.suppress)


def nested_levels():
    log = []
    try:
        try:
            try:
                raise ValueError("L3")
            except ValueError as e3:
                log.append(f"caught {e3}")
                try:
                    raise KeyError("L3b")
                except KeyError as e3b:
                    log.append(f"caught {e3b!r} ctx={e3b.__context__!r}")
                    raise IndexError("L2") from e3b
        except IndexError as e2:
            log.append(f"caught {e2} cause={e2.__cause__!r}")
            raise
    except IndexError as e1:
        log.append(f"outermost {e1}")
    return log


print(nested_levels())


def with_in_try():
    log = []
    try:
        with CM("a", log), CM("b", log, suppress=(KeyError,)):
            raise KeyError("suppressed by b")
        log.append("after with (suppressed)")
        with (
            CM("c", log),
            CM("d", log, suppress=(ValueError,)),
            CM("e", log),
        ):
            raise TypeError("not suppressed")
    except TypeError as e:
        log.append(f"caught {e}")
    return log


print(with_in_try())


def handler_state():
    out = []
    try:
        raise ValueError("outer")
    except ValueError:
        out.append(sys.exc_info()[1].args[0])
        try:
            raise KeyError("inner")
        except KeyError:
            out.append(sys.exc_info()[1].args[0])
        out.append(sys.exc_info()[1].args[0])
    out.append(sys.exc_info()[0])
    return out


print(handler_state())


def suppress_and_exitstack():
    log = []
    with contextlib.suppress(ZeroDivisionError, KeyError):
        log.append("before")
        {}["missing"]
        log.append("not reached")
    log.append("after suppress")
    with contextlib.ExitStack() as stack:
        for n in "xyz":
            stack.enter_context(CM(n, log))
        stack.callback(log.append, "callback")
        log.append("body")
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(CM("s1", log, suppress=(OSError,)))
            stack.enter_context(CM("s2", log))
            raise OSError("suppressed by s1")
        log.append("stack suppressed")
    except OSError:
        log.append("not expected")
    with contextlib.ExitStack() as outer:
        inner = contextlib.ExitStack()
        inner.enter_context(CM("moved", log))
        outer.push(inner.pop_all())
        log.append("moved to outer")
    return log


print(suppress_and_exitstack())


class ExitRaises:
    def __enter__(self):
        return self

    def __exit__(self, et, e, tb):
        raise RuntimeError(f"exit saw {et.__name__ if et else None}")


def exit_raises():
    results = []
    for inside in (None, ValueError("body error")):
        try:
            with ExitRaises():
                if inside:
                    raise inside
        except RuntimeError as e:
            results.append((str(e), repr(e.__context__)))
    return results


print(exit_raises())


def exception_in_except_in_finally():
    log = []
    try:
        try:
            raise ValueError("a")
        finally:
            try:
                raise KeyError("b")
            except KeyError:
                log.append(f"finally handler active: {sys.exc_info()[0].__name__}")
            log.append(f"finally restored: {sys.exc_info()[0].__name__}")
    except ValueError as e:
        log.append(f"original propagates: {e}")
    return log


print(exception_in_except_in_finally())


def loop_handlers():
    out = []
    for i, exc in enumerate([ValueError, None, KeyError, StopIteration]):
        try:
            try:
                if exc:
                    raise exc(i)
                out.append(f"{i}:clean")
            except ValueError:
                out.append(f"{i}:inner-ValueError")
                continue
            finally:
                out.append(f"{i}:inner-finally")
        except KeyError:
            out.append(f"{i}:outer-KeyError")
        except Exception as e:
            out.append(f"{i}:outer-{type(e).__name__}")
            break
    return out


print(loop_handlers())


@contextlib.contextmanager
def tag(name, log):
    log.append(f"<{name}>")
    try:
        yield name
    except LookupError as e:
        log.append(f"{name} handled {type(e).__name__}")
    finally:
        log.append(f"</{name}>")


def generator_cms():
    log = []
    with tag("html", log), tag("body", log) as b:
        log.append(f"in {b}")
        [][1]
    with tag("p", log):
        pass
    try:
        with tag("div", log):
            raise ValueError("through div")
    except ValueError as e:
        log.append(f"escaped {e}")
    return log


print(generator_cms())
