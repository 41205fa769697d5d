# Imports of helper modules beside the program: a package with relative
# imports (., .., from . import x), sub-packages, import-once semantics,
# module attributes (__name__, __package__, __all__), star imports, circular
# imports, a module failing at import time, and sys.modules bookkeeping.
import sys

import helpers_shapes
import helpers_shapes.sub.deep
import helpers_shapes.sub.deep as deep_alias
from helpers_shapes import Circle, describe as desc
from helpers_shapes.util import square as sq, PI
from helpers_shapes.sub import BASE

print("--- after imports")
c = Circle(2)
print(c, desc(c), sq(3), PI, BASE, helpers_shapes.util.calls)
print(helpers_shapes.__name__, helpers_shapes.__package__, helpers_shapes.__all__, helpers_shapes.LOADED)
print(helpers_shapes.util.where(), Circle.module_info(), helpers_shapes.sub.deep.info())
print(helpers_shapes.sub.deep.cube(3), deep_alias is helpers_shapes.sub.deep, deep_alias.big_circle())
print(helpers_shapes.sq is helpers_shapes.util.square, helpers_shapes.circle.square is sq)
print(sorted(k for k in sys.modules if k.startswith("helpers_shapes")))
import helpers_shapes.util  # noqa: E402  (second import: no output, same module)
print(helpers_shapes.util is sys.modules["helpers_shapes.util"])

ns = {}
exec("from helpers_shapes import *", ns)
print(sorted(k for k in ns if not k.startswith("__")))
ns2 = {}
exec("from helpers_shapes.util import *", ns2)
print(sorted(k for k in ns2 if not k.startswith("__")))

import mod_counter  # noqa: E402
import mod_counter as again  # noqa: E402
from mod_counter import bump, Registry  # noqa: E402

print(again is mod_counter, bump(), bump(5), mod_counter.count, mod_counter.history)
mod_counter.count = 100
print(bump(), Registry.add("x"), Registry.add("y"), mod_counter.Registry.items)
try:
    mod_counter.raise_inside()
except ValueError as e:
    tb = e.__traceback__
    while tb.tb_next:
        tb = tb.tb_next
    print("ValueError", e, "raised in", tb.tb_frame.f_code.co_filename.rsplit("/", 1)[-1], tb.tb_frame.f_code.co_name)

import mod_cycle_a  # noqa: E402

print("cycle:", mod_cycle_a.A_LATE, sys.modules["mod_cycle_b"].B_VALUE)
for attempt in range(2):
    try:
        import mod_broken  # noqa: F401
    except RuntimeError as e:
        print(f"attempt {attempt}: RuntimeError {e}, in sys.modules: {'mod_broken' in sys.modules}")
try:
    import helpers_shapes.nonexistent  # noqa: F401
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e, e.name)
try:
    from helpers_shapes import nothing_here  # noqa: F401
except ImportError as e:
    print("ImportError", e)
try:
    from helpers_shapes.util import missing  # noqa: F401
except ImportError as e:
    print("ImportError", e.name, str(e).split(" (")[0])
try:
    import no_such_module_xyz  # noqa: F401
except ImportError as e:
    print(type(e).__name__, e.name)


def local_import():
    from helpers_shapes.util import square
    import helpers_shapes.circle as hc
    return square(4), hc.Circle(1).area()


print(local_import(), "square" in globals())
