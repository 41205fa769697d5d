# Exception objects and custom hierarchies: args/str/repr of builtin and
# custom exceptions, extra attributes, __str__ overrides, OSError subclass
# mapping by errno, KeyError repr quirk, add_note, with_traceback,
# exception __init__ not calling super, pickling-free copy of args.
import errno


class AppError(Exception):
    """Base of the app's errors."""


class ConfigError(AppError):
    def __init__(self, key, reason="missing"):
        super().__init__(key, reason)
        self.key = key
        self.reason = reason

    def __str__(self):
        return f"config key {self.key!r}: {self.reason}"


class NetworkError(AppError):
    pass


class TimeoutErr(NetworkError, TimeoutError):
    pass


class NoSuper(Exception):
    def __init__(self, a, b):
        self.a, self.b = a, b


for exc in [Exception(), Exception("one"), Exception("a", 2), ValueError("v"), KeyError("k"), KeyError(),
            IndexError(3), ConfigError("db.host"), ConfigError("port", "not an int"), NoSuper(1, 2),
            UnicodeDecodeError("utf-8", b"\xff\xfe", 1, 2, "invalid"), StopIteration(42), SystemExit(3)]:
    print(f"{type(exc).__name__:<20} args={exc.args!r:<28} str={str(exc)!r:<40} repr={exc!r}")

print([c.__name__ for c in TimeoutErr.__mro__])
try:
    raise TimeoutErr("slow")
except TimeoutError as e:
    print("caught as builtin TimeoutError:", e, isinstance(e, AppError), isinstance(e, OSError))
for handler in (ConfigError, AppError, Exception):
    try:
        raise ConfigError("x")
    except handler as e:
        print(f"caught by {handler.__name__}: {e}")
print(OSError(errno.ENOENT, "no such file").__class__.__name__, OSError(errno.EACCES, "denied").__class__.__name__,
      OSError(errno.EEXIST, "exists").__class__.__name__, OSError(999999, "odd").__class__.__name__)
ose = OSError(errno.ENOENT, "No such file", "missing.txt")
print(ose.errno, ose.strerror, ose.filename, str(ose), ose.args)
print(IOError is OSError, EnvironmentError is OSError)
e = ValueError("with note")
e.add_note("first note")
e.add_note("second note")
print(e.__notes__, str(e))
try:
    e.add_note(5)
except TypeError as err:
    print("TypeError", err)


def make_tb():
    try:
        raise RuntimeError("for traceback")
    except RuntimeError as err:
        return err.__traceback__


tb = make_tb()
e2 = KeyError("k").with_traceback(tb)
print(e2.__traceback__ is tb, e2.__traceback__.tb_lineno > 0)
e3 = Exception("mutable args")
e3.args = ("changed", 1)
print(e3, repr(e3))
e3.custom = {"x": 1}
print(e3.custom, sorted(vars(e3)))
print(issubclass(KeyboardInterrupt, Exception), issubclass(KeyboardInterrupt, BaseException),
      issubclass(StopIteration, Exception), issubclass(GeneratorExit, Exception), issubclass(SystemExit, Exception))
print(issubclass(ModuleNotFoundError, ImportError), issubclass(FileNotFoundError, OSError), issubclass(UnicodeError, ValueError),
      issubclass(RecursionError, RuntimeError), issubclass(NotImplementedError, RuntimeError), issubclass(IndentationError, SyntaxError))
se = SyntaxError("bad syntax", ("file.py", 3, 5, "x = = 1\n", 3, 6))
print(se.msg, se.filename, se.lineno, se.offset, repr(se.text), se.end_lineno, se.end_offset, str(se))
ie = ImportError("cannot import", name="modname", path="/p")
print(ie.name, ie.path, ie.msg, str(ie))
ae = AttributeError("no attr", name="attr", obj=5)
print(ae.name, ae.obj, str(ae))
ne = NameError("undefined", name="zz")
print(ne.name, str(ne))
si = StopIteration("value")
print(si.value, StopIteration().value)
sx = SystemExit("message")
print(sx.code, SystemExit().code, SystemExit(1, 2).code)
try:
    raise ConfigError("key") from None
except AppError as err:
    print(err.key, err.reason, err.__suppress_context__, err.__doc__ if False else AppError.__doc__)


class WithSlots(Exception):
    __slots__ = ("extra",)


ws = WithSlots("s")
ws.extra = 1
print(ws.extra, ws.args)
errors = []
for value in ["1", "x", None, "3.5", "4"]:
    try:
        errors.append(int(value))
    except (TypeError, ValueError) as err:
        errors.append(type(err).__name__)
print(errors)
print(BaseException.__subclasses__().__len__() > 3, [c.__name__ for c in AppError.__subclasses__()])
