# Generator send/throw/close: priming, send(None), values returned by
# throw(), exceptions caught inside the generator, GeneratorExit handling,
# close() on finished/unstarted generators, RuntimeError for yield in
# GeneratorExit handler, throw with traceback-free instances and classes.


def echo():
    received = []
    try:
        while True:
            try:
                value = yield len(received)
                received.append(value)
            except ValueError as e:
                received.append(f"caught {e}")
                yield "after-catch"
    except GeneratorExit:
        print("GeneratorExit seen; received =", received)
        raise
    finally:
        print("echo finally")


g = echo()
print(next(g))
print(g.send("a"), g.send("b"), g.send(None))
print(g.throw(ValueError("bad")))
print(g.send("c"))
print(g.throw(ValueError, ValueError("second")))
g.close()
g.close()
print("closed twice ok")
try:
    g.send(1)
except StopIteration:
    print("send on closed generator -> StopIteration")

fresh = echo()
try:
    fresh.send("x")
except TypeError as e:
    print("TypeError", e)
fresh.close()
print("closing an unstarted generator runs nothing")


def uncaught():
    yield 1
    yield 2


u = uncaught()
next(u)
try:
    u.throw(KeyError("k"))
except KeyError as e:
    print("KeyError propagated", e)
print(next(u, "finished after throw"))
u2 = uncaught()
try:
    u2.throw(IndexError("before start"))
except IndexError as e:
    print("IndexError", e, next(u2, "dead"))


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield "refuses to close"


s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError", e)
print(next(s, "finished for real"))


def returns_on_close():
    try:
        yield 1
    except GeneratorExit:
        return "value ignored by close"


r = returns_on_close()
next(r)
print(r.close())


def throw_returns():
    try:
        yield 1
    except ZeroDivisionError:
        return "returned from handler"


t = throw_returns()
next(t)
try:
    t.throw(ZeroDivisionError)
except StopIteration as e:
    print("StopIteration value", e.value)


def accumulator():
    total = 0
    while True:
        cmd = yield total
        if cmd is None:
            continue
        op, val = cmd
        if op == "add":
            total += val
        elif op == "mul":
            total *= val
        elif op == "stop":
            return total


acc = accumulator()
next(acc)
print(acc.send(("add", 5)), acc.send(("mul", 3)), acc.send(None), acc.send(("add", -1)))
try:
    acc.send(("stop", 0))
except StopIteration as e:
    print("final total", e.value)


def coroutine(fn):
    def start(*a, **k):
        gen = fn(*a, **k)
        next(gen)
        return gen
    return start


@coroutine
def grep(pattern, sink):
    while True:
        line = yield
        if pattern in line:
            sink.send(line.upper())


@coroutine
def collector(out):
    while True:
        out.append((yield))


lines = []
pipeline = grep("py", collector(lines))
for text in ["python", "ruby", "pypy", "perl", "cpython"]:
    pipeline.send(text)
print(lines)


def throw_tb():
    try:
        yield
    except Exception as e:
        yield type(e).__name__, str(e), e.__traceback__ is not None


tt = throw_tb()
next(tt)
print(tt.throw(RuntimeError("with tb")))


def gen_state():
    yield "a"


gs = gen_state()
print(next(gs), list(gs), list(gs), next(gs, "empty"))


def self_send():
    yield me.send(None)


me = self_send()
try:
    next(me)
except ValueError as e:
    print("ValueError", e)
