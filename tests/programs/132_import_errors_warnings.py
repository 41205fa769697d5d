# Errors and warnings raised while a module is imported: tracebacks show the
# user's frames only (CPython removes importlib's frames from the traceback
# of a failed import statement), importlib.import_module keeps importlib's
# frames as natively, and warnings.warn(stacklevel=N) inside an imported
# module names the importing line (warnings skips importlib's frames). Also
# modules written at run time to a temporary directory: a .pyc without its
# source (SourcelessFileLoader), a syntax error, a failing package.
import importlib
import os
import py_compile
import sys
import tempfile
import traceback
import warnings


def frames(tb):
    return [(fs.filename.rsplit("/", 1)[-1], fs.name, fs.line) for fs in traceback.extract_tb(tb)]


for attempt in range(2):
    try:
        import mod_imp_fail  # noqa: F401
    except ValueError as e:
        print(attempt, type(e).__name__, e, "mod_imp_fail" in sys.modules)
        for f in frames(e.__traceback__):
            print("   ", f)
try:
    import mod_imp_missing  # noqa: F401
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e.name, frames(e.__traceback__))
try:
    __import__("mod_imp_fail")
except ValueError as e:
    print("__import__", frames(e.__traceback__))
try:
    importlib.import_module("mod_imp_fail")
except ValueError as e:
    print("import_module:")
    for f in frames(e.__traceback__):
        print("   ", f)
try:
    exec("import mod_imp_missing", {})
except ImportError as e:
    print("exec", frames(e.__traceback__))

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import mod_imp_warn
    mod_imp_warn.later()
for w in caught:
    print(w.category.__name__, w.filename.rsplit("/", 1)[-1], w.lineno, w.message)
del sys.modules["mod_imp_warn"], sys.modules["mod_imp_warn_inner"]
# Again with the default filters: printed to stderr (the DeprecationWarnings
# only where the importer is __main__).
import mod_imp_warn  # noqa: E402,F811

# Modules in a temporary directory (run in the VM with --interpret-imports=all).
tmp = tempfile.mkdtemp()
sys.path.insert(0, tmp)


def write(name, text):
    path = os.path.join(tmp, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return path


src = write("sourceless_132.py", "def boom():\n    raise KeyError('sourceless')\nVALUE = 132\nboom()\n")
py_compile.compile(src, cfile=os.path.join(tmp, "sourceless_132.pyc"), dfile="sourceless_132.py", doraise=True)
os.remove(src)
try:
    import sourceless_132  # noqa: F401
except KeyError as e:
    print("sourceless", frames(e.__traceback__))
write("syntax_132.py", "x = 1\ny = (\n")
try:
    import syntax_132  # noqa: F401
except SyntaxError as e:
    print("SyntaxError", e.msg, e.filename.rsplit("/", 1)[-1], e.lineno, frames(e.__traceback__))
write("pkg_132/__init__.py", "from . import part\n")
write("pkg_132/part.py", "import warnings\nwarnings.warn('part', stacklevel=2)\nraise OSError('part failed')\n")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        import pkg_132  # noqa: F401
    except OSError as e:
        print("package", frames(e.__traceback__))
print([(w.filename.rsplit("/", 1)[-1], w.lineno, str(w.message)) for w in caught])
for name in sorted(os.listdir(tmp)):
    path = os.path.join(tmp, name)
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path, topdown=False):
            for f in files:
                os.remove(os.path.join(root, f))
            os.rmdir(root)
    else:
        os.remove(path)
os.rmdir(tmp)

print("last: an uncaught error during import")
sys.stdout.flush()
import mod_imp_fail  # noqa: E402,F401,F811
