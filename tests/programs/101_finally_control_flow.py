# return/break/continue interacting with finally: finally overriding
# return values, swallowing exceptions with return in finally, break and
# continue inside finally, finally running on return from nested loops, and
# the value of the returned expression being computed before finally runs.


def return_override():
    try:
        return "try"
    finally:
        return "finally"  # noqa: B012


def return_swallows_exception():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"  # noqa: B012


def return_value_computed_first():
    x = [1]
    try:
        return x
    finally:
        x.append(2)


def return_value_rebound():
    x = "original"
    try:
        return x
    finally:
        x = "changed in finally"  # noqa: F841


def break_in_finally():
    log = []
    for i in range(3):
        try:
            log.append(i)
            raise KeyError(i)
        finally:
            break  # noqa: B012
    return log


def continue_in_finally():
    log = []
    for i in range(3):
        try:
            if i == 1:
                raise ValueError("swallowed by continue")
            log.append(i)
        finally:
            continue  # noqa: B012
    return log


def nested_finally_order():
    log = []

    def inner():
        try:
            try:
                return "inner"
            finally:
                log.append("inner finally")
        finally:
            log.append("outer finally")

    r = inner()
    return r, log


def finally_in_loop_return():
    log = []
    for i in range(5):
        try:
            for j in range(5):
                try:
                    if i * j == 2:
                        return (i, j), log
                finally:
                    log.append(f"in{i}{j}")
        finally:
            log.append(f"out{i}")
    return None, log


def while_break_finally():
    n = 0
    log = []
    while True:
        try:
            n += 1
            if n == 3:
                break
            if n == 1:
                continue
            log.append(n)
        finally:
            log.append(f"f{n}")
    return log


def generator_finally():
    try:
        yield 1
        return
    finally:
        print("  generator finally on return")


def exception_in_finally_replaces():
    try:
        try:
            raise ValueError("first")
        finally:
            raise KeyError("second")
    except Exception as e:
        return repr(e), repr(e.__context__)


def finally_with_raise_in_except():
    log = []
    try:
        try:
            raise ValueError
        except ValueError:
            log.append("except")
            raise TypeError("from except")
        finally:
            log.append("finally")
    except TypeError as e:
        log.append(f"outer {e}")
    return log


def counter_with_finally(n):
    total = 0
    for i in range(n):
        try:
            if i % 2:
                continue
            total += i
        finally:
            total += 100
    return total


print(return_override())
print(return_swallows_exception())
print(return_value_computed_first())
print(return_value_rebound())
print(break_in_finally())
print(continue_in_finally())
print(nested_finally_order())
print(finally_in_loop_return())
print(while_break_finally())
print(list(generator_finally()))
print(exception_in_finally_replaces())
print(finally_with_raise_in_except())
print(counter_with_finally(5))


def finally_sees_exception_state():
    import sys
    try:
        try:
            raise OSError("active")
        finally:
            print("  in finally, exc_info:", sys.exc_info()[0].__name__)
    except OSError:
        pass
    print("  after, exc_info:", sys.exc_info())


finally_sees_exception_state()


class Res:
    def __init__(self):
        self.closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.closed = True
        print("  resource closed")


def deep_return():
    for a in range(3):
        try:
            with Res() as fh:  # a with inside try in a loop
                try:
                    if a == 1:
                        return f"returned at a={a}, closed={fh.closed}"
                finally:
                    print(f"  inner finally a={a}")
        finally:
            print(f"  finally a={a}")


print(deep_return())
