# An exception raised while warning about a never-awaited coroutine goes to
# sys.unraisablehook (CPython's _PyErr_WarnUnawaitedCoroutine).
import sys
import warnings


def hook(u):
    print("unraisable:", type(u.exc_value).__name__, u.exc_value, "| object is coroutine:",
          type(u.object).__name__ == "coroutine")


sys.unraisablehook = hook


async def never():
    pass


# The warning becomes an error.
with warnings.catch_warnings():
    warnings.simplefilter("error", RuntimeWarning)
    c = never()
    del c


# showwarning itself fails.
def bad_show(*args, **kwargs):
    raise ValueError("showwarning failed")


with warnings.catch_warnings():
    warnings.simplefilter("always")
    warnings.showwarning = bad_show
    c = never()
    del c

print("done")
