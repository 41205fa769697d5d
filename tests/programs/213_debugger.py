# bdb and pdb on interpreted code: breakpoints, step/next/return/up/down,
# printing and changing locals, breakpoint() with commands read from stdin.
import bdb
import io
import os
import pdb
import re
import sys


def compute(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def target(k):
    x = compute(k)
    y = x + 1
    try:
        raise ValueError(y)
    except ValueError:
        y += 1
    return y


HERE = os.path.basename(target.__code__.co_filename)


def clean(text):
    # Paths differ between runs (source, .pyc): keep file names only.
    return re.sub(r"[^\s()<>]*?([\w.]+\.py)c?\b", r"\1", text)


class Recorder(bdb.Bdb):
    def __init__(self):
        super().__init__()
        self.log = []

    def where(self, frame):
        return "%s:%d" % (frame.f_code.co_name, frame.f_lineno)

    def user_call(self, frame, args):
        self.log.append("call " + self.where(frame))
        self.set_step()

    def user_line(self, frame):
        self.log.append("line " + self.where(frame))
        if frame.f_code.co_name == "compute" and frame.f_locals.get("i") == 1:
            self.set_return(frame)
        else:
            self.set_step()

    def user_return(self, frame, value):
        self.log.append("return %s -> %r" % (self.where(frame), value))
        self.set_step()

    def user_exception(self, frame, exc_info):
        self.log.append("exception %s %s" % (self.where(frame), exc_info[0].__name__))
        self.set_step()


r = Recorder()
print("bdb result", r.runcall(target, 3))
for line in r.log:
    print("  ", line)

# A breakpoint set by bdb, then continue.
class Breaker(Recorder):
    def user_line(self, frame):
        self.log.append("stop " + self.where(frame) + " total=%r" % frame.f_locals.get("total"))
        self.set_continue()


b = Breaker()
b.set_break(target.__code__.co_filename, compute.__code__.co_firstlineno + 3)
print("break result", b.runcall(target, 2), b.log)
b.clear_all_breaks()

# pdb with scripted commands.
cmds = [
    "step", "next", "p x", "step", "where", "step", "step", "p total",
    "up", "p k", "down", "return", "p total", "next", "next", "next",
    "!y = 100", "next", "p y", "continue",
]
out = io.StringIO()
p = pdb.Pdb(stdin=io.StringIO("\n".join(cmds) + "\n"), stdout=out, nosigint=True)
p.use_rawinput = False
print("pdb result", p.runcall(target, 2))
text = clean(out.getvalue())
# Only frames of this file: the host's own bdb frames show their paths.
print("\n".join(l for l in text.splitlines() if "bdb.py" not in l and "pdb.py" not in l))


# breakpoint() reads its commands from stdin (213_debugger.stdin).
class Cleaner(io.TextIOBase):
    def __init__(self, out):
        self.out = out

    def write(self, s):
        return self.out.write(clean(s))

    def flush(self):
        self.out.flush()


def with_breakpoint():
    a = 1
    breakpoint()
    b = a + 1
    return a, b


real = sys.stdout
sys.stdout = Cleaner(real)
try:
    print("breakpoint result", with_breakpoint())
finally:
    sys.stdout = real
print("done", sys.gettrace())
