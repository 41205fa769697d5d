# try/except/else/finally in all combinations, with and without exceptions,
# multiple except clauses, tuples of types, bare except, except order, the
# "as" name being unbound after the handler, and re-raising.


def run(label, raise_what):
    trace = []
    try:
        trace.append("try")
        if raise_what:
            raise raise_what
        trace.append("try-end")
    except ValueError as e:
        trace.append(f"except ValueError({e})")
    except (KeyError, IndexError) as e:
        trace.append(f"except tuple {type(e).__name__}")
    except ArithmeticError:
        trace.append("except ArithmeticError")
    except Exception as e:
        trace.append(f"except Exception {type(e).__name__}")
    else:
        trace.append("else")
    finally:
        trace.append("finally")
    print(f"{label:<18}", trace)


run("none", None)
run("ValueError", ValueError("v"))
run("KeyError", KeyError("k"))
run("IndexError", IndexError)
run("ZeroDivisionError", ZeroDivisionError())
run("OverflowError", OverflowError)
run("TypeError", TypeError("t"))
run("UnicodeError", UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"))


def try_finally_only(fail):
    trace = []
    try:
        try:
            trace.append("body")
            if fail:
                raise RuntimeError("x")
        finally:
            trace.append("finally")
    except RuntimeError:
        trace.append("outer caught")
    return trace


print(try_finally_only(False), try_finally_only(True))


def try_else_raises():
    try:
        try:
            pass
        except Exception:
            return "not reached"
        else:
            raise ValueError("from else")
        finally:
            print("  finally after else-raise")
    except ValueError as e:
        return f"outer got {e}"


print(try_else_raises())


def handler_raises():
    try:
        try:
            raise KeyError("first")
        except KeyError:
            raise ValueError("second")
        finally:
            print("  finally during handler exception")
    except ValueError as e:
        return f"{e!r} context={e.__context__!r}"


print(handler_raises())


def bare_except():
    out = []
    for exc in (ValueError, SystemExit, KeyboardInterrupt, GeneratorExit):
        try:
            raise exc
        except Exception:
            out.append(f"Exception caught {exc.__name__}")
        except:  # noqa: E722
            out.append(f"bare caught {exc.__name__}")
    return out


print(bare_except())


def as_name_unbound():
    e = "before"
    try:
        raise ValueError("x")
    except ValueError as e:  # noqa: F841
        pass
    try:
        return e
    except UnboundLocalError as err:
        return f"UnboundLocalError: {err}"


print(as_name_unbound())


def reraise():
    try:
        try:
            int("x")
        except ValueError:
            raise
    except ValueError as e:
        return f"re-raised: {e}"


print(reraise())


def reraise_modified():
    try:
        try:
            raise ValueError("orig")
        except ValueError as e:
            e.args = ("modified",)
            raise
    except ValueError as e:
        return e.args


print(reraise_modified())


def exc_in_else_and_finally_order():
    log = []
    for fail_in in ("try", "else", None):
        try:
            log.append("try")
            if fail_in == "try":
                raise OSError
        except OSError:
            log.append("except")
        else:
            log.append("else")
        finally:
            log.append("finally")
        log.append("|")
    return log


print(exc_in_else_and_finally_order())


def exception_matching_by_class_hierarchy():
    results = []
    classes = [FileNotFoundError, PermissionError, ConnectionResetError, ModuleNotFoundError, RecursionError]
    for cls in classes:
        try:
            raise cls("m")
        except OSError as e:
            results.append(("OSError", type(e).__name__, e.errno))
        except ImportError as e:
            results.append(("ImportError", type(e).__name__, e.name))
        except RuntimeError as e:
            results.append(("RuntimeError", type(e).__name__))
    return results


print(exception_matching_by_class_hierarchy())


def loop_with_try():
    out = []
    for i in range(6):
        try:
            if i % 3 == 0:
                raise ValueError(i)
            if i == 4:
                continue
            out.append(f"ok{i}")
        except ValueError as e:
            out.append(f"err{e}")
            if i == 3:
                break
        finally:
            out.append(f"f{i}")
    return out


print(loop_with_try())
try:
    raise TypeError
except (ValueError, TypeError) as e:
    print("class raised gives instance:", type(e).__name__, e.args)
try:
    raise 5
except TypeError as e:
    print("TypeError", e)


class NotAnException:
    pass


try:
    try:
        raise ValueError
    except NotAnException:
        pass
except TypeError as e:
    print("TypeError", e)
