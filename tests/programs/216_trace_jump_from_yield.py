# A tracer may set f_lineno from the 'return' event of a yield (the frame
# is suspended then); the generator goes on from the new position when it is
# resumed, with CPython 3.11's quirks: it resumes after the target's first
# instruction, and the value sent in stays on the stack.
import sys


def g():
    x = 0
    while x < 100:
        x += 1
        yield x
        print("after yield", x)


jumped = []


def tracer(frame, event, arg):
    if frame.f_code.co_name != "g":
        return tracer
    if event == "return" and not jumped and arg == 2:
        jumped.append(1)
        try:
            frame.f_lineno = 10   # the `while` line
            print("jumped")
        except ValueError as e:
            print("refused:", e)
    if event == "line" and jumped:
        print("line", frame.f_lineno)
    return tracer


sys.settrace(tracer)
it = g()
try:
    print(next(it), next(it), next(it), next(it))
except TypeError as e:
    print("TypeError:", e)
sys.settrace(None)


# A jump from a plain function's 'return' event is refused.
def f():
    return 1


def tracer2(frame, event, arg):
    if frame.f_code.co_name == "f" and event == "return":
        try:
            frame.f_lineno = frame.f_code.co_firstlineno
        except ValueError as e:
            print("refused:", e)
    return tracer2


sys.settrace(tracer2)
f()
sys.settrace(None)
