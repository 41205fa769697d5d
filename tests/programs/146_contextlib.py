# contextlib: contextmanager (setup/teardown, exceptions into the generator,
# suppression by catching, re-raise, yielding values, reuse errors),
# suppress, ExitStack (callbacks, enter_context, pop_all, exception
# propagation and suppression order), closing, nullcontext, redirect_stdout,
# ContextDecorator, chdir-free usage.
import contextlib
import io

log = []


@contextlib.contextmanager
def tag(name):
    log.append(f"<{name}>")
    try:
        yield name.upper()
    except KeyError as e:
        log.append(f"{name} swallowed KeyError {e}")
    except ValueError:
        log.append(f"{name} saw ValueError, re-raising")
        raise
    finally:
        log.append(f"</{name}>")


with tag("a") as v:
    log.append(f"body {v}")
with tag("b"):
    raise KeyError("k")
try:
    with tag("c"):
        raise ValueError("v")
except ValueError:
    log.append("outer caught ValueError")
print(log)
log.clear()


@contextlib.contextmanager
def no_yield():
    if False:
        yield


try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError", e)


@contextlib.contextmanager
def two_yields():
    yield 1
    yield 2


try:
    with two_yields():
        pass
except RuntimeError as e:
    print("RuntimeError", e)
cm = tag("once")
with cm:
    pass
try:
    with cm:
        pass
except (RuntimeError, AttributeError) as e:
    print(type(e).__name__, "on reuse")
log.clear()


@contextlib.contextmanager
def transaction(store):
    snapshot = dict(store)
    try:
        yield store
    except Exception:
        store.clear()
        store.update(snapshot)
        raise


data = {"x": 1}
try:
    with transaction(data) as d:
        d["x"] = 2
        d["y"] = 3
        raise RuntimeError("abort")
except RuntimeError:
    pass
print(data)
with contextlib.suppress(FileNotFoundError, ZeroDivisionError):
    1 / 0
print("suppressed")
with contextlib.suppress():
    pass
try:
    with contextlib.suppress(KeyError):
        raise IndexError("not suppressed")
except IndexError as e:
    print("IndexError", e)
with contextlib.ExitStack() as stack:
    stack.callback(log.append, "cb1")
    stack.callback(lambda: log.append("cb2"))
    names = [stack.enter_context(tag(n)) for n in ("x", "y")]
    log.append(f"entered {names}")
print(log)
log.clear()


def failing_callback():
    raise KeyError("from callback")


try:
    with contextlib.ExitStack() as stack:
        stack.callback(log.append, "runs after the failing one")
        stack.callback(failing_callback)
        stack.enter_context(tag("z"))
except KeyError as e:
    print("KeyError from ExitStack", e, log)
log.clear()
with contextlib.ExitStack() as stack:
    stack.enter_context(tag("kept"))
    moved = stack.pop_all()
log.append("stack exited without closing 'kept'")
moved.close()
print(log)
log.clear()


class Resource:
    def __init__(self):
        self.closed = False

    def close(self):
        self.closed = True


r = Resource()
with contextlib.closing(r) as rr:
    print("same object", rr is r, r.closed)
print("closed after", r.closed)
with contextlib.nullcontext("value") as nv:
    print("nullcontext gives", nv)
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured line 1")
    print("captured line 2")
print("captured:", buf.getvalue().splitlines())
err = io.StringIO()
with contextlib.redirect_stderr(err):
    import sys
    print("to stderr", file=sys.stderr)
print("stderr captured:", err.getvalue().strip())


class timed_section(contextlib.ContextDecorator):
    def __init__(self, label):
        self.label = label

    def __enter__(self):
        log.append(f"enter {self.label}")
        return self

    def __exit__(self, *exc):
        log.append(f"exit {self.label} {exc[0].__name__ if exc[0] else None}")
        return False


@timed_section("decorated")
def work(x):
    log.append(f"work {x}")
    return x * 2


print(work(21), log)
log.clear()


@contextlib.contextmanager
def as_decorator():
    log.append("before")
    yield
    log.append("after")


@as_decorator()
def decorated_by_generator_cm():
    log.append("inside")


decorated_by_generator_cm()
decorated_by_generator_cm()
print(log)
log.clear()
with contextlib.ExitStack() as outer:
    for i in range(3):
        outer.push(lambda et, ev, tb, i=i: log.append(f"push {i} saw {et.__name__ if et else None}"))
    raise_it = False
print(log)
log.clear()
with contextlib.ExitStack() as st:
    st.push(lambda et, ev, tb: True)
    raise LookupError("suppressed by pushed exit")
print("ExitStack suppressed via push")
