# cr_origin under sys.set_coroutine_origin_tracking_depth(n), and the
# "Coroutine created at" text of the never-awaited RuntimeWarning.
import os
import re
import sys
import warnings


async def work():
    return 1


def make():
    return work()


def make_deeper():
    return make()


def short(origin):
    if origin is None:
        return None
    return [(os.path.basename(f), line, name) for f, line, name in origin]


c = work()
print("untracked:", c.cr_origin)
c.close()

for depth in (1, 2, 3, 10):
    sys.set_coroutine_origin_tracking_depth(depth)
    print("depth", sys.get_coroutine_origin_tracking_depth())
    c = make_deeper()
    print(" ", short(c.cr_origin))
    c.close()
sys.set_coroutine_origin_tracking_depth(0)


def show(message, category, filename, lineno, file=None, line=None):
    text = re.sub(r'File "([^"]*)"', lambda m: 'File "%s"' % os.path.basename(m.group(1)), str(message))
    print("warning:", category.__name__, text)


warnings.showwarning = show
sys.set_coroutine_origin_tracking_depth(2)
c = make_deeper()
del c
sys.set_coroutine_origin_tracking_depth(0)
c = make_deeper()
del c
print("done")
