// The eval loop's slow-path helpers (src/vm/ops_*.cpp) against the host:
// every case runs the equivalent Python construct natively (match
// statements, except*, raise ... from, imports, unpacking) and compares
// result values, exception types and messages with what our function does
// on the same objects.
#include "core/ref.h"
#include "vm/ops_support.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using xp::Ref;
using xp::borrow;
using xp::steal;
namespace vm = xp::vm;

namespace {

// Native oracles and comparison helpers, run in the host interpreter.
constexpr const char* kHelpers = R"PY(
import sys, types, collections, collections.abc

def outcome(fn, *a, **k):
    try:
        return ('ok', fn(*a, **k))
    except BaseException as e:
        return ('err', type(e).__name__, str(e), e)

def build(src, **env):
    d = dict(env)
    exec(src, d)
    return d['_f']

# --- pattern matching ------------------------------------------------------
def native_match_class(subject, cls, npos, kw):
    names = [f'_p{i}' for i in range(npos)] + [f'_k{i}' for i in range(len(kw))]
    pats = [f'_p{i}' for i in range(npos)] + [f'{k}=_k{i}' for i, k in enumerate(kw)]
    src = ("def _f(subject, C):\n"
           "    match subject:\n"
           f"        case C({', '.join(pats)}):\n"
           f"            return ({''.join(n + ', ' for n in names)})\n"
           "        case _:\n"
           "            return None\n")
    return outcome(build(src), subject, cls)

def native_match_keys(subject, keys):
    K = types.SimpleNamespace(**{f'k{i}': k for i, k in enumerate(keys)})
    pats = ', '.join(f'K.k{i}: _v{i}' for i in range(len(keys)))
    vals = ''.join(f'_v{i}, ' for i in range(len(keys)))
    src = ("def _f(subject, K):\n"
           "    match subject:\n"
           f"        case {{{pats}}}:\n"
           f"            return ({vals})\n"
           "        case _:\n"
           "            return None\n")
    return outcome(build(src), subject, K)

class Point:
    __match_args__ = ('x', 'y')
    def __init__(self, x, y):
        self.x, self.y = x, y

class Plain:
    def __init__(self):
        self.a = 1

class ListArgs:
    __match_args__ = ['x']
    x = 1

class DupArgs:
    __match_args__ = ('x', 'x')
    x = 1

class NonStrArgs:
    __match_args__ = (1,)

class IntWithArgs(int):
    __match_args__ = ('real',)

class IntSub(int):
    pass

class Boom:
    __match_args__ = ('bad',)
    @property
    def bad(self):
        raise ValueError('property failed')

class Meta(type):
    def __instancecheck__(cls, obj):
        raise RuntimeError('instancecheck failed')

class Weird(metaclass=Meta):
    pass

class MetaArgs(type):
    @property
    def __match_args__(cls):
        raise KeyError('match args failed')

class BadArgs(metaclass=MetaArgs):
    pass

class DefaultGet(collections.abc.Mapping):
    """A mapping whose get() always answers the default (nothing matches)."""
    def __init__(self, d): self.d = d
    def __getitem__(self, k): return self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
    def get(self, k, default=None): return default

class RaisingGet(DefaultGet):
    def get(self, k, default=None): raise LookupError('get failed')

class InstanceGet(DefaultGet):
    """get as an instance attribute: not a method, called without self."""
    def __init__(self, d):
        super().__init__(d)
        self.get = lambda k, default=None: ('inst', k)

# --- except / except* ------------------------------------------------------
def native_except(t):
    def f():
        try:
            raise ValueError('x')
        except t:
            return 'caught'
    return outcome(f)

def native_except_star(t):
    def f():
        try:
            raise ValueError('x')
        except* t:
            pass
        return 'caught'
    return outcome(f)

def shape(e, orig=None):
    """Structure of an exception for comparison: groups by type, message,
    metadata identity and children; leaves by identity. With `orig`, also
    whether a group shares orig's notes list (split() copies it)."""
    if e is None:
        return None
    if isinstance(e, BaseExceptionGroup):
        notes = getattr(e, '__notes__', None)
        shared = notes is not None and notes is getattr(orig, '__notes__', None)
        return ('G', type(e), e.message, id(e.__traceback__), id(e.__cause__),
                id(e.__context__), e.__suppress_context__, notes, shared,
                tuple(shape(x, orig) for x in e.exceptions))
    return ('L', id(e))

def native_eg_match(make, t):
    """Raises make() into an except* T clause; returns (raised, match seen)."""
    exc = make()
    seen = []
    def f():
        try:
            raise exc
        except* t as e:
            seen.append(e)
    outcome(f)
    return exc, (seen[0] if seen else None)

def host_split(exc, t):
    if isinstance(exc, BaseExceptionGroup):
        return exc.split(t)[1]
    return None if isinstance(exc, t) else exc

def native_star(make, clauses):
    """Runs try/except* with the given clauses natively. Returns (orig,
    excs as the loop hands them to PREP_RERAISE_STAR, result)."""
    lines = ["def _f(make, T, rec):",
             "    orig = make()",
             "    rec['orig'] = orig",
             "    try:",
             "        try:",
             "            raise orig"]
    for i, (t, action) in enumerate(clauses):
        lines.append(f"        except* T[{i}] as e:")
        body = {
            'pass': ["pass"],
            'reraise': ["rec['excs'].append(e)", "raise"],
            'raise_e': ["rec['excs'].append(e)", "raise e"],
            'new': [f"x = KeyError({i})", "rec['excs'].append(x)", "raise x"],
            'new_from': [f"x = KeyError({i})", "rec['excs'].append(x)", "raise x from e"],
            'new_group': [f"x = ExceptionGroup('new{i}', [KeyError({i}), OSError({i})])",
                          "rec['excs'].append(x)", "raise x"],
        }[action]
        lines += ["            " + b for b in body]
    lines += ["    except BaseException as r:", "        return r", "    return None"]
    f = build('\n'.join(lines) + '\n')
    rec = {'excs': []}
    types_ = tuple(t for t, _ in clauses)
    result = f(make, types_, rec)
    orig = rec['orig']
    rest = orig
    for t in types_:
        if rest is not None:
            rest = host_split(rest, t)
    return orig, rec['excs'] + [rest], result

def make_nested():
    return ExceptionGroup('eg', [ValueError(1), TypeError(2),
                                 ExceptionGroup('inner', [ValueError(3), KeyError(4)])])

def make_noted():
    eg = make_nested()
    eg.add_note('note on the group')
    return eg

class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + '+', excs)

class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return 42

def make_derived():
    return MyEG('my', [ValueError(1), MyEG('sub', [TypeError(2), ValueError(3)])])

def make_bad_derive():
    return BadDerive('bad', [ValueError(1), TypeError(2)])

def make_odd_notes():
    eg = make_nested()
    eg.__notes__ = 123
    return eg

def make_base():
    return BaseExceptionGroup('base', [ValueError(1), KeyboardInterrupt()])

# --- raise -------------------------------------------------------------------
class NotAnException(Exception):
    def __new__(cls):
        return 5

class FailingInit(Exception):
    def __init__(self):
        raise OSError('init failed')

def native_raise(exc, cause, has_cause, ctx):
    def body():
        if has_cause:
            raise exc from cause
        raise exc
    def f():
        if ctx is None:
            body()
        try:
            raise ctx
        except BaseException:
            body()
    return outcome(f)[3]

def describe_raise(e):
    c = e.__cause__
    x = e.__context__
    return (type(e).__name__, str(e), type(c).__name__, str(c), e.__suppress_context__,
            type(x).__name__, str(x))

# --- calls -------------------------------------------------------------------
def plain_function(*a, **k):
    return a, k

class Callable:
    def method(self, *a, **k):
        return a, k

def native_star_args(func, args):
    return outcome(lambda: func(*args))

def native_star_kwargs(func, kwargs):
    return outcome(lambda: func(**kwargs))

def native_dup_kwargs(func, a, b):
    return outcome(lambda: func(**a, **b))

def native_dup_kwargs_in_handler(func, a, b):
    def f():
        try:
            raise ValueError('handled')
        except ValueError:
            return func(**a, **b)
    return outcome(f)

class KeysFail:
    def keys(self):
        raise ZeroDivisionError('keys failed')
    def __getitem__(self, k):
        return k

class OnlyGetitem:
    def __getitem__(self, i):
        if i < 2:
            return i
        raise IndexError

# --- imports -----------------------------------------------------------------
def native_import_stmt(src, g, l=None):
    def f():
        exec(src, g, l if l is not None else g)
    return outcome(f)

calls = []
def recording_import(*args):
    calls.append(args)
    return 'recorded'

def native_from_import(modname, attr):
    d = {}
    return outcome(lambda: exec(f"from {modname} import {attr} as _r", d) or d['_r'])

def native_import_star(modname, target=None):
    d = target if target is not None else {}
    r = outcome(lambda: exec(f"from {modname} import *", {'__builtins__': __builtins__}, d))
    d.pop('__builtins__', None)
    return r, d

class RecordingMapping(collections.abc.MutableMapping):
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = ('set', v)
    def __delitem__(self, k): del self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)

# --- unpacking ---------------------------------------------------------------
def native_unpack(v, argcnt, after):
    if after < 0:
        targets = ', '.join(f'_t{i}' for i in range(argcnt))
        names = [f'_t{i}' for i in range(argcnt)]
        lhs = targets + (',' if argcnt == 1 else '')
    else:
        names = ([f'_t{i}' for i in range(argcnt)] + ['_star'] +
                 [f'_u{i}' for i in range(after)])
        parts = names[:argcnt] + ['*_star'] + names[argcnt + 1:]
        lhs = ', '.join(parts) + (',' if len(parts) == 1 else '')
    src = f"def _f(v):\n    {lhs} = v\n    return ({''.join(n + ', ' for n in names)})\n"
    return outcome(build(src), v)

def gen(n, fail_at=None):
    for i in range(n):
        if i == fail_at:
            raise ArithmeticError('iteration failed')
        yield i

class IterNone:
    __iter__ = None

# --- with / async with ---------------------------------------------------------
class CM:
    def __enter__(self): return ('enter', self)
    def __exit__(self, *a): return False
    @staticmethod
    def __aenter__(): return 'static aenter'

class CallableAttr:
    def __call__(self, *a): return ('callable attr', a)

class CMCallable:
    __enter__ = CallableAttr()

def instance_only_cm():
    o = types.SimpleNamespace()
    o.__enter__ = lambda: 'instance'
    return o

def native_with(obj):
    def f():
        with obj as v:
            return v
    return outcome(f)

def run_coro(coro_fn):
    def f():
        c = coro_fn()
        try:
            c.send(None)
        finally:
            c.close()
    return outcome(f)

class AEnterNotAwaitable:
    def __aenter__(self): return 5
    async def __aexit__(self, *a): return False

class AExitNotAwaitable:
    async def __aenter__(self): return self
    def __aexit__(self, *a): return 'not awaitable'

class BadAwait:
    def __await__(self): return 5

class AEnterBadAwait:
    def __aenter__(self): return BadAwait()
    async def __aexit__(self, *a): return False

async def async_with(cm):
    async with cm:
        pass

async def await_obj(o):
    await o

# --- names -----------------------------------------------------------------------
def native_unbound_local():
    def f():
        print(xp_local)
        xp_local = 1
    return outcome(f)

def native_unbound_free():
    def outer():
        def inner():
            return xp_free
        r = outcome(inner)
        xp_free = 1
        return r
    return outer()
)PY";

PyObject* g_ns = nullptr;   // the helpers' namespace (a dict), for the whole run

// Evaluates an expression in the helpers' namespace; fails the test on error.
Ref py(const std::string& expr) {
  Ref r = steal(PyRun_String(expr.c_str(), Py_eval_input, g_ns, g_ns));
  if (!r) {
    PyErr_Print();
    ADD_FAILURE() << "python expression failed: " << expr;
  }
  return r;
}

void py_exec(const std::string& src) {
  Ref r = steal(PyRun_String(src.c_str(), Py_file_input, g_ns, g_ns));
  if (!r) {
    PyErr_Print();
    ADD_FAILURE() << "python code failed: " << src;
  }
}

// Calls a helper with positional arguments (borrowed).
Ref call(const char* helper, std::initializer_list<PyObject*> args) {
  Ref fn = borrow(PyDict_GetItemString(g_ns, helper));
  EXPECT_TRUE(fn) << helper;
  if (!fn) return {};
  Ref tuple = steal(PyTuple_New(static_cast<Py_ssize_t>(args.size())));
  Py_ssize_t i = 0;
  for (PyObject* a : args) PyTuple_SET_ITEM(tuple.get(), i++, Py_NewRef(a));
  Ref r = steal(PyObject_Call(fn.get(), tuple.get(), nullptr));
  if (!r) {
    PyErr_Print();
    ADD_FAILURE() << "helper failed: " << helper;
  }
  return r;
}

std::string str_of(PyObject* o) {
  Ref s = steal(PyObject_Str(o));
  if (!s) {
    PyErr_Clear();
    return "<str failed>";
  }
  return PyUnicode_AsUTF8(s.get());
}

std::string repr_of(PyObject* o) {
  Ref s = steal(PyObject_Repr(o));
  if (!s) {
    PyErr_Clear();
    return "<repr failed>";
  }
  return PyUnicode_AsUTF8(s.get());
}

// What one side did: a value, an exception (type name + message), or, for
// the "nullptr without exception" convention, nothing.
struct Outcome {
  bool raised = false;
  std::string type;
  std::string message;
  Ref value;   // the result, or the exception instance

  std::string describe() const {
    return raised ? type + ": " + message : (value ? repr_of(value.get()) : "<no result>");
  }
};

// Takes the pending exception (if any) or the result.
Outcome ours(PyObject* result) {
  Outcome o;
  if (result != nullptr) {
    EXPECT_FALSE(PyErr_Occurred()) << "result returned with an exception set";
    o.value = steal(result);
    return o;
  }
  if (!PyErr_Occurred()) return o;
  PyObject* type = nullptr;
  PyObject* value = nullptr;
  PyObject* tb = nullptr;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  if (tb != nullptr) PyException_SetTraceback(value, tb);
  o.raised = true;
  o.type = reinterpret_cast<PyTypeObject*>(type)->tp_name;
  o.message = str_of(value);
  o.value = steal(value);
  Py_XDECREF(type);
  Py_XDECREF(tb);
  return o;
}

// Converts a helper's outcome() tuple.
Outcome native(const Ref& r) {
  Outcome o;
  if (!r) return o;
  std::string tag = PyUnicode_AsUTF8(PyTuple_GET_ITEM(r.get(), 0));
  if (tag == "ok") {
    o.value = borrow(PyTuple_GET_ITEM(r.get(), 1));
  } else {
    o.raised = true;
    o.type = PyUnicode_AsUTF8(PyTuple_GET_ITEM(r.get(), 1));
    o.message = PyUnicode_AsUTF8(PyTuple_GET_ITEM(r.get(), 2));
    o.value = borrow(PyTuple_GET_ITEM(r.get(), 3));
  }
  return o;
}

// Equal outcomes: same exception type and message, or equal values (None
// standing for "no result" where the native side returns None).
void expect_same(const Outcome& nat, const Outcome& mine, const std::string& what) {
  ASSERT_EQ(nat.raised, mine.raised) << what << "\n native: " << nat.describe()
                                     << "\n ours:   " << mine.describe();
  if (nat.raised) {
    EXPECT_EQ(nat.type, mine.type) << what;
    EXPECT_EQ(nat.message, mine.message) << what;
    return;
  }
  PyObject* a = nat.value ? nat.value.get() : Py_None;
  PyObject* b = mine.value ? mine.value.get() : Py_None;
  int eq = PyObject_RichCompareBool(a, b, Py_EQ);
  if (eq < 0) PyErr_Clear();
  EXPECT_EQ(eq, 1) << what << "\n native: " << repr_of(a) << "\n ours:   " << repr_of(b);
}

Ref tuple_of_str(std::initializer_list<const char*> items) {
  Ref t = steal(PyTuple_New(static_cast<Py_ssize_t>(items.size())));
  Py_ssize_t i = 0;
  for (const char* s : items) PyTuple_SET_ITEM(t.get(), i++, PyUnicode_InternFromString(s));
  return t;
}

Ref pylong(long v) { return steal(PyLong_FromLong(v)); }

class OpsSupport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    vm::init_names();
    if (g_ns == nullptr) {
      g_ns = PyDict_New();
      PyDict_SetItemString(g_ns, "__builtins__", PyEval_GetBuiltins());
      Ref r = steal(PyRun_String(kHelpers, Py_file_input, g_ns, g_ns));
      if (!r) PyErr_Print();
      ASSERT_TRUE(r) << "test helpers failed to load";
    }
  }
  void TearDown() override {
    EXPECT_FALSE(PyErr_Occurred()) << "a test left an exception set";
    PyErr_Clear();
    PyErr_SetHandledException(nullptr);
  }
};

// ---- match_class --------------------------------------------------------------

void check_match_class(const std::string& subject_expr, const std::string& cls_expr, Py_ssize_t npos,
                       std::initializer_list<const char*> kw) {
  std::string what = "case " + cls_expr + "(" + std::to_string(npos) + " positional, " +
                     std::to_string(kw.size()) + " keyword) on " + subject_expr;
  Ref subject = py(subject_expr);
  Ref cls = py(cls_expr);
  Ref kwnames = tuple_of_str(kw);
  ASSERT_TRUE(subject && cls);
  Ref npos_obj = steal(PyLong_FromSsize_t(npos));
  Outcome nat = native(call("native_match_class", {subject.get(), cls.get(), npos_obj.get(), kwnames.get()}));
  Outcome mine = ours(vm::match_class(subject.get(), cls.get(), npos, kwnames.get()));
  expect_same(nat, mine, what);
}

TEST_F(OpsSupport, MatchClassPositionalAndKeyword) {
  check_match_class("Point(1, 2)", "Point", 2, {});
  check_match_class("Point(1, 2)", "Point", 1, {"y"});
  check_match_class("Point(1, 2)", "Point", 0, {"y", "x"});
  check_match_class("Point(1, 2)", "Point", 0, {});
  check_match_class("Point(1, 2)", "Point", 0, {"missing"});   // no match
  check_match_class("Plain()", "Point", 0, {});                  // not an instance
  check_match_class("Plain()", "Plain", 0, {"a"});
}

TEST_F(OpsSupport, MatchClassErrors) {
  check_match_class("Point(1, 2)", "Point", 3, {});        // accepts 2 ... (3 given)
  check_match_class("Plain()", "Plain", 1, {});            // no __match_args__: accepts 0
  check_match_class("ListArgs()", "ListArgs", 1, {});      // must be a tuple (got list)
  check_match_class("DupArgs()", "DupArgs", 2, {});        // multiple sub-patterns
  check_match_class("Point(1, 2)", "Point", 1, {"x"});     // positional x + keyword x
  check_match_class("NonStrArgs()", "NonStrArgs", 1, {});  // elements must be strings
  check_match_class("Boom()", "Boom", 1, {});              // property raises ValueError
  check_match_class("Weird()", "Weird", 0, {});            // isinstance raises
  check_match_class("BadArgs()", "BadArgs", 1, {});        // __match_args__ lookup raises
  check_match_class("5", "5", 0, {});                      // not a type
}

TEST_F(OpsSupport, MatchClassSelfMatchingBuiltins) {
  check_match_class("5", "int", 1, {});
  check_match_class("'s'", "str", 1, {});
  check_match_class("True", "bool", 1, {});
  check_match_class("True", "int", 1, {});
  check_match_class("5", "int", 2, {});            // accepts 1 positional sub-pattern
  check_match_class("5", "int", 1, {"real"});
  check_match_class("IntWithArgs(7)", "IntWithArgs", 1, {});   // __match_args__ wins
  check_match_class("IntSub(7)", "IntSub", 1, {});             // inherited self-matching
  check_match_class("5.0", "int", 1, {});                      // not an instance
}

// ---- match_keys -----------------------------------------------------------------

void check_match_keys(const std::string& subject_expr, const std::string& keys_expr) {
  std::string what = "mapping pattern " + keys_expr + " on " + subject_expr;
  Ref subject = py(subject_expr);
  Ref keys = py(keys_expr);
  ASSERT_TRUE(subject && keys);
  Outcome nat = native(call("native_match_keys", {subject.get(), keys.get()}));
  Outcome mine = ours(vm::match_keys(subject.get(), keys.get()));
  expect_same(nat, mine, what);
}

TEST_F(OpsSupport, MatchKeys) {
  check_match_keys("{1: 'a', 2: 'b', 3: 'c'}", "(1, 3)");
  check_match_keys("{1: 'a', 2: 'b', 3: 'c'}", "(1, 4)");   // missing key: None
  check_match_keys("{1: 'a', 2: 'b'}", "()");
  check_match_keys("{1: 'a', 2: 'b'}", "(1, 1.0)");         // duplicate key (1.0)
  check_match_keys("{1: 'a', 'x': 'b'}", "('x', 'x')");
  check_match_keys("{1: 'a', 2: 'b'}", "([],)");            // unhashable key
  check_match_keys("DefaultGet({1: 'a'})", "(1,)");         // get() answers the default
  check_match_keys("RaisingGet({1: 'a'})", "(1,)");
  check_match_keys("InstanceGet({1: 'a'})", "(1,)");        // get not a method
  check_match_keys("collections.OrderedDict([(1, 'a'), (2, 'b')])", "(2, 1)");
}

TEST_F(OpsSupport, MatchKeysDoesNotGrowDefaultdict) {
  py_exec("dd = collections.defaultdict(list, {1: 'a'})");
  Ref dd = py("dd");
  Ref keys = py("(2,)");
  Outcome mine = ours(vm::match_keys(dd.get(), keys.get()));
  ASSERT_FALSE(mine.raised);
  EXPECT_EQ(mine.value.get(), Py_None);
  EXPECT_EQ(PyObject_Length(dd.get()), 1);
  check_match_keys("collections.defaultdict(list, {1: 'a'})", "(2,)");
}

// ---- except / except* type checks ------------------------------------------------

TEST_F(OpsSupport, CheckExceptTypeValid) {
  for (const char* expr : {"ValueError", "(ValueError, TypeError)", "()", "5", "int",
                           "(ValueError, 5)", "[ValueError]", "Exception", "BaseException"}) {
    Ref t = py(expr);
    Outcome nat = native(call("native_except", {t.get()}));
    int rc = vm::check_except_type_valid(t.get());
    Outcome mine = ours(nullptr);
    bool native_rejects = nat.raised && nat.type == "TypeError";
    EXPECT_EQ(rc == -1, native_rejects) << expr;
    if (native_rejects) expect_same(nat, mine, expr);
  }
}

TEST_F(OpsSupport, CheckExceptStarTypeValid) {
  for (const char* expr : {"ValueError", "(ValueError, TypeError)", "5", "(ValueError, 5)",
                           "ExceptionGroup", "BaseExceptionGroup", "(ValueError, ExceptionGroup)",
                           "type('EGSub', (ExceptionGroup,), {})", "Exception"}) {
    Ref t = py(expr);
    Outcome nat = native(call("native_except_star", {t.get()}));
    int rc = vm::check_except_star_type_valid(t.get());
    Outcome mine = ours(nullptr);
    bool native_rejects = nat.raised && nat.type == "TypeError";
    EXPECT_EQ(rc == -1, native_rejects) << expr << " native: " << nat.describe();
    if (native_rejects) expect_same(nat, mine, expr);
  }
}

// ---- exception_group_match (CHECK_EG_MATCH) -------------------------------------

void expect_same_shape(PyObject* a, PyObject* b, const std::string& what, PyObject* orig = Py_None) {
  Ref sa = call("shape", {a, orig});
  Ref sb = call("shape", {b, orig});
  ASSERT_TRUE(sa && sb);
  int eq = PyObject_RichCompareBool(sa.get(), sb.get(), Py_EQ);
  EXPECT_EQ(eq, 1) << what << "\n native: " << repr_of(a) << " " << repr_of(sa.get())
                   << "\n ours:   " << repr_of(b) << " " << repr_of(sb.get());
}

void check_eg_match(const std::string& make_expr, const std::string& type_expr) {
  std::string what = "except* " + type_expr + " on " + make_expr;
  Ref make = py(make_expr);
  Ref t = py(type_expr);
  Ref r = call("native_eg_match", {make.get(), t.get()});
  ASSERT_TRUE(r);
  PyObject* exc = PyTuple_GET_ITEM(r.get(), 0);
  PyObject* native_match = PyTuple_GET_ITEM(r.get(), 1);
  PyObject* match = nullptr;
  PyObject* rest = nullptr;
  ASSERT_EQ(vm::exception_group_match(exc, t.get(), &match, &rest), 0) << what;
  Ref m = steal(match);
  Ref rs = steal(rest);
  expect_same_shape(native_match, m.get(), what + " (match)");
  if (native_match != Py_None && !PyObject_IsInstance(exc, PyExc_BaseExceptionGroup)) {
    // A naked exception is wrapped in a fresh group with an empty message.
    Ref nat_excs = steal(PyObject_GetAttrString(native_match, "exceptions"));
    Ref our_excs = steal(PyObject_GetAttrString(m.get(), "exceptions"));
    EXPECT_EQ(PyObject_RichCompareBool(nat_excs.get(), our_excs.get(), Py_EQ), 1) << what;
  }
  // The rest is the host's split() of a group; a naked exception has none
  // (on no match the loop keeps the exception itself).
  if (PyObject_IsInstance(exc, PyExc_BaseExceptionGroup)) {
    Ref host_rest = call("host_split", {exc, t.get()});
    expect_same_shape(host_rest.get(), rs.get(), what + " (rest)");
  } else {
    EXPECT_EQ(rs.get(), Py_None) << what;
  }
}

TEST_F(OpsSupport, ExceptionGroupMatch) {
  check_eg_match("make_nested", "ValueError");
  check_eg_match("make_nested", "(ValueError, KeyError)");
  check_eg_match("make_nested", "Exception");                  // full match of the group
  check_eg_match("make_nested", "OSError");                    // no match
  check_eg_match("make_noted", "ValueError");
  check_eg_match("lambda: ValueError('naked')", "ValueError");  // wrapped
  check_eg_match("lambda: ValueError('naked')", "TypeError");
  check_eg_match("make_base", "KeyboardInterrupt");
}

TEST_F(OpsSupport, ExceptionGroupMatchNone) {
  PyObject* match = nullptr;
  PyObject* rest = nullptr;
  ASSERT_EQ(vm::exception_group_match(Py_None, PyExc_ValueError, &match, &rest), 0);
  EXPECT_EQ(match, Py_None);
  EXPECT_EQ(rest, Py_None);
  Py_DECREF(match);
  Py_DECREF(rest);
}

// ---- prep_reraise_star (PREP_RERAISE_STAR) -------------------------------------

void check_star(const std::string& make_expr, const std::string& clauses_expr) {
  std::string what = "try/except* " + clauses_expr + " on " + make_expr;
  Ref make = py(make_expr);
  Ref clauses = py(clauses_expr);
  Ref r = call("native_star", {make.get(), clauses.get()});
  ASSERT_TRUE(r);
  PyObject* orig = PyTuple_GET_ITEM(r.get(), 0);
  PyObject* excs = PyTuple_GET_ITEM(r.get(), 1);
  PyObject* native_result = PyTuple_GET_ITEM(r.get(), 2);
  Outcome mine = ours(vm::prep_reraise_star(orig, excs));
  ASSERT_FALSE(mine.raised) << what << ": " << mine.describe();
  expect_same_shape(native_result, mine.value.get(), what, orig);
  if (native_result != Py_None && !PyObject_IsInstance(native_result, PyExc_BaseExceptionGroup)) {
    EXPECT_EQ(native_result, mine.value.get()) << what << " (a leaf is passed through as is)";
  }
}

TEST_F(OpsSupport, PrepReraiseStarReraise) {
  check_star("make_nested", "[(ValueError, 'reraise'), (TypeError, 'pass')]");   // partial re-raise
  check_star("make_nested", "[(ValueError, 'reraise')]");                        // + unhandled rest
  check_star("make_nested", "[(ValueError, 'reraise'), (TypeError, 'reraise'), (KeyError, 'reraise')]");
  check_star("make_nested", "[(ValueError, 'pass'), (TypeError, 'pass'), (KeyError, 'pass')]");  // None
  check_star("make_nested", "[(OSError, 'pass')]");   // nothing matched: whole group again
  check_star("make_noted", "[(ValueError, 'reraise')]");
  check_star("make_odd_notes", "[(ValueError, 'reraise')]");   // non-sequence notes: not copied
  check_star("make_derived", "[(ValueError, 'reraise')]");     // the subclass's derive()
  check_star("make_derived", "[(TypeError, 'new')]");
}

TEST_F(OpsSupport, PrepReraiseStarDeriveError) {
  // `except* Exception` matches the whole group without split(); the re-raise
  // then rebuilds it with derive(), which returns 42.
  Ref make = py("make_bad_derive");
  Ref clauses = py("[(Exception, 'reraise')]");
  Ref r = call("native_star", {make.get(), clauses.get()});
  ASSERT_TRUE(r);
  PyObject* native_result = PyTuple_GET_ITEM(r.get(), 2);
  Outcome mine = ours(vm::prep_reraise_star(PyTuple_GET_ITEM(r.get(), 0), PyTuple_GET_ITEM(r.get(), 1)));
  ASSERT_TRUE(mine.raised);
  EXPECT_STREQ(Py_TYPE(native_result)->tp_name, mine.type.c_str());
  EXPECT_EQ(str_of(native_result), mine.message);
}

TEST_F(OpsSupport, PrepReraiseStarRaised) {
  check_star("make_nested", "[(ValueError, 'new')]");                 // new + rest in a new group
  check_star("make_nested", "[(ValueError, 'new'), (TypeError, 'new'), (KeyError, 'pass')]");
  check_star("make_nested", "[(ValueError, 'new'), (TypeError, 'reraise')]");
  check_star("make_nested", "[(ValueError, 'raise_e')]");             // `raise e`: counts as new
  check_star("make_nested", "[(ValueError, 'new_from'), (TypeError, 'pass'), (KeyError, 'pass')]");
  check_star("make_nested", "[(ValueError, 'new_group'), (TypeError, 'reraise')]");
  check_star("make_base", "[(ValueError, 'new')]");                   // BaseExceptionGroup kept
}

TEST_F(OpsSupport, PrepReraiseStarNaked) {
  check_star("lambda: ValueError('naked')", "[(ValueError, 'reraise')]");
  check_star("lambda: ValueError('naked')", "[(ValueError, 'new')]");
  check_star("lambda: ValueError('naked')", "[(ValueError, 'pass')]");
  check_star("lambda: ValueError('naked')", "[(TypeError, 'pass')]");
}

TEST_F(OpsSupport, PrepReraiseStarEmptyList) {
  Ref orig = py("make_nested()");
  Ref excs = steal(PyList_New(0));
  Outcome mine = ours(vm::prep_reraise_star(orig.get(), excs.get()));
  EXPECT_EQ(mine.value.get(), Py_None);
}

// ---- do_raise / do_reraise --------------------------------------------------------

// `raise EXC [from CAUSE]` (optionally while handling CTX) natively and with
// do_raise(); each side gets fresh objects from the same expressions.
void check_raise(const std::string& exc_expr, const char* cause_expr, const char* ctx_expr) {
  std::string what = "raise " + exc_expr + (cause_expr ? std::string(" from ") + cause_expr : "") +
                     (ctx_expr ? std::string(" while handling ") + ctx_expr : "");
  Ref exc_n = py(exc_expr);
  Ref cause_n = cause_expr ? py(cause_expr) : borrow(Py_None);
  Ref ctx_n = ctx_expr ? py(ctx_expr) : borrow(Py_None);
  Ref has_cause = borrow(cause_expr ? Py_True : Py_False);
  Ref nat = call("native_raise", {exc_n.get(), cause_n.get(), has_cause.get(), ctx_n.get()});
  ASSERT_TRUE(nat);

  Ref exc = py(exc_expr);
  Ref cause = cause_expr ? py(cause_expr) : Ref();
  Ref ctx = ctx_expr ? py(ctx_expr) : Ref();
  if (ctx) PyErr_SetHandledException(ctx.get());
  EXPECT_EQ(vm::do_raise(exc.get(), cause.get()), -1);
  Outcome mine = ours(nullptr);
  PyErr_SetHandledException(nullptr);
  ASSERT_TRUE(mine.raised) << what;

  Ref dn = call("describe_raise", {nat.get()});
  Ref dm = call("describe_raise", {mine.value.get()});
  EXPECT_EQ(PyObject_RichCompareBool(dn.get(), dm.get(), Py_EQ), 1)
      << what << "\n native: " << repr_of(dn.get()) << "\n ours:   " << repr_of(dm.get());
  // An instance is raised as is; a cause instance is used as is.
  if (PyExceptionInstance_Check(exc.get()) && PyObject_IsInstance(nat.get(), (PyObject*)Py_TYPE(exc_n.get()))) {
    EXPECT_EQ(mine.value.get(), exc.get()) << what;
  }
  if (cause && PyExceptionInstance_Check(cause.get()) && mine.value.get() == exc.get()) {
    Ref c = steal(PyException_GetCause(mine.value.get()));
    EXPECT_EQ(c.get(), cause.get()) << what;
  }
  if (ctx && mine.value.get() != ctx.get()) {
    Ref c = steal(PyException_GetContext(mine.value.get()));
    EXPECT_EQ(c.get(), ctx.get()) << what << " (context chaining)";
  }
}

TEST_F(OpsSupport, DoRaise) {
  check_raise("ValueError", nullptr, nullptr);
  check_raise("ValueError('x')", nullptr, nullptr);
  check_raise("5", nullptr, nullptr);                        // must derive from BaseException
  check_raise("NotAnException", nullptr, nullptr);           // should have returned an instance
  check_raise("FailingInit", nullptr, nullptr);              // instantiation error propagates
  check_raise("KeyboardInterrupt", nullptr, nullptr);
}

TEST_F(OpsSupport, DoRaiseFrom) {
  check_raise("ValueError('x')", "KeyError('c')", nullptr);
  check_raise("ValueError", "KeyError", nullptr);            // cause class instantiated
  check_raise("ValueError('x')", "None", nullptr);           // suppresses context
  check_raise("ValueError('x')", "5", nullptr);              // causes must derive from BaseException
  check_raise("ValueError('x')", "FailingInit", nullptr);    // cause instantiation error
  check_raise("ValueError('x')", "NotAnException", nullptr); // cause not checked, like CPython
  check_raise("5", "KeyError('c')", nullptr);
}

TEST_F(OpsSupport, DoRaiseChainsContext) {
  check_raise("ValueError('x')", nullptr, "KeyError('ctx')");
  check_raise("ValueError('x')", "None", "KeyError('ctx')");
  check_raise("ValueError('x')", "TypeError('c')", "KeyError('ctx')");
  check_raise("5", nullptr, "KeyError('ctx')");              // the TypeError is chained too
  check_raise("ValueError('x')", "5", "KeyError('ctx')");
}

TEST_F(OpsSupport, DoReraise) {
  Outcome nat = native(py("outcome(lambda: exec('raise'))"));
  EXPECT_EQ(vm::do_reraise(), -1);
  Outcome mine = ours(nullptr);
  expect_same(nat, mine, "bare raise without an active exception");

  Ref handled = py("outcome(lambda: exec('raise KeyError(1)'))[3]");
  Ref tb = steal(PyException_GetTraceback(handled.get()));
  ASSERT_TRUE(tb);
  PyErr_SetHandledException(handled.get());
  EXPECT_EQ(vm::do_reraise(), -1);
  PyObject* type = nullptr;
  PyObject* value = nullptr;
  PyObject* ftb = nullptr;
  PyErr_Fetch(&type, &value, &ftb);
  EXPECT_EQ(type, reinterpret_cast<PyObject*>(Py_TYPE(handled.get())));
  EXPECT_EQ(value, handled.get());
  EXPECT_EQ(ftb, tb.get());
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(ftb);
}

// ---- calls ------------------------------------------------------------------------

TEST_F(OpsSupport, CheckArgsIterable) {
  for (const char* func : {"plain_function", "len", "Callable().method", "Callable"}) {
    for (const char* args : {"5", "None", "OnlyGetitem()", "[1]", "gen(2)", "IterNone()"}) {
      std::string what = std::string(func) + "(*" + args + ")";
      Ref f = py(func);
      Ref a = py(args);
      Outcome nat = native(call("native_star_args", {f.get(), a.get()}));
      int rc = vm::check_args_iterable(f.get(), a.get());
      Outcome mine = ours(nullptr);
      bool native_rejects = nat.raised && nat.message.find("argument after *") != std::string::npos;
      EXPECT_EQ(rc == -1, native_rejects) << what << " native: " << nat.describe();
      if (native_rejects) expect_same(nat, mine, what);
    }
  }
}

// Emulates DICT_MERGE (the host's _PyDict_MergeEx with override=2), then
// lets format_kwargs_error() rewrite the error.
Outcome merge_kwargs(PyObject* func, PyObject* first, PyObject* second) {
  Ref d = steal(PyDict_New());
  if (first != nullptr && _PyDict_MergeEx(d.get(), first, 2) < 0) {
    vm::format_kwargs_error(func, first);
    return ours(nullptr);
  }
  if (_PyDict_MergeEx(d.get(), second, 2) < 0) {
    vm::format_kwargs_error(func, second);
    return ours(nullptr);
  }
  return ours(Py_NewRef(Py_None));
}

TEST_F(OpsSupport, FormatKwargsErrorNotAMapping) {
  for (const char* func : {"plain_function", "Callable().method", "len"}) {
    for (const char* kwargs : {"5", "[1, 2]", "KeysFail()"}) {
      std::string what = std::string(func) + "(**" + kwargs + ")";
      Ref f = py(func);
      Ref k = py(kwargs);
      Outcome nat = native(call("native_star_kwargs", {f.get(), k.get()}));
      Outcome mine = merge_kwargs(f.get(), nullptr, k.get());
      ASSERT_TRUE(mine.raised) << what;
      expect_same(nat, mine, what);
    }
  }
}

TEST_F(OpsSupport, FormatKwargsErrorDuplicateKeyword) {
  Ref f = py("plain_function");
  Ref a = py("{'a': 1}");
  Ref b = py("{'a': 2, 'b': 3}");
  Outcome nat = native(call("native_dup_kwargs", {f.get(), a.get(), b.get()}));
  Outcome mine = merge_kwargs(f.get(), a.get(), b.get());
  expect_same(nat, mine, "f(**{'a': 1}, **{'a': 2})");

  // Inside an except block the host normalises the KeyError for context
  // chaining, and CPython then leaves it a KeyError: same here.
  nat = native(call("native_dup_kwargs_in_handler", {f.get(), a.get(), b.get()}));
  Ref handled = py("ValueError('handled')");
  PyErr_SetHandledException(handled.get());
  mine = merge_kwargs(f.get(), a.get(), b.get());
  PyErr_SetHandledException(nullptr);
  expect_same(nat, mine, "f(**{'a': 1}, **{'a': 2}) in an except block");
}

// ---- imports ------------------------------------------------------------------------

TEST_F(OpsSupport, ImportNameFastPath) {
  Ref builtins = borrow(PyEval_GetBuiltins());
  Ref globals = py("{'__name__': 'xp_test_mod'}");
  struct Case {
    const char* name;
    const char* fromlist;
    int level;
  };
  for (Case c : {Case{"os.path", "None", 0}, Case{"os", "('path',)", 0}, Case{"os.path", "('join',)", 0},
                 Case{"xp_no_such_module", "None", 0}, Case{"xp_no.such", "None", 0},
                 Case{"anything", "None", 1}, Case{"", "('x',)", 1}}) {
    std::string what = std::string("__import__(") + c.name + ", fromlist=" + c.fromlist +
                       ", level=" + std::to_string(c.level) + ")";
    Ref name = steal(PyUnicode_FromString(c.name));
    Ref fromlist = py(c.fromlist);
    Ref level = pylong(c.level);
    Ref fn = py("__import__");
    Ref args = steal(PyTuple_Pack(5, name.get(), globals.get(), Py_None, fromlist.get(), level.get()));
    Outcome nat = ours(PyObject_Call(fn.get(), args.get(), nullptr));
    Outcome mine = ours(vm::import_name(builtins.get(), globals.get(), nullptr, name.get(),
                                        fromlist.get(), level.get()));
    ASSERT_EQ(nat.raised, mine.raised) << what << " native: " << nat.describe() << " ours: " << mine.describe();
    if (nat.raised) {
      expect_same(nat, mine, what);
    } else {
      EXPECT_EQ(nat.value.get(), mine.value.get()) << what;
    }
  }
}

TEST_F(OpsSupport, ImportNameCallsReplacedImport) {
  // A program's own builtins with a replaced __import__: called with
  // (name, globals, locals or None, fromlist, level), as the native statement does.
  py_exec("custom_builtins = dict(__builtins__ if isinstance(__builtins__, dict) else vars(__builtins__))\n"
          "custom_builtins['__import__'] = recording_import\n"
          "calls.clear()\n"
          "g = {'__builtins__': custom_builtins}\n"
          "l = {}\n"
          "native_import_stmt('from a.b import c, d', g, l)\n");
  Ref native_call = py("calls[0]");
  Ref b = py("custom_builtins");
  Ref g = py("g");
  Ref l = py("l");
  Ref name = steal(PyUnicode_FromString("a.b"));
  Ref fromlist = py("('c', 'd')");
  Ref level = pylong(0);
  py_exec("calls.clear()");
  Outcome mine = ours(vm::import_name(b.get(), g.get(), l.get(), name.get(), fromlist.get(), level.get()));
  ASSERT_FALSE(mine.raised) << mine.describe();
  EXPECT_EQ(str_of(mine.value.get()), "recorded");
  Ref our_call = py("calls[0]");
  ASSERT_TRUE(native_call && our_call);
  ASSERT_EQ(PyTuple_GET_SIZE(native_call.get()), 5);
  ASSERT_EQ(PyTuple_GET_SIZE(our_call.get()), 5);
  for (Py_ssize_t i = 0; i < 5; i++) {
    EXPECT_EQ(PyObject_RichCompareBool(PyTuple_GET_ITEM(native_call.get(), i),
                                       PyTuple_GET_ITEM(our_call.get(), i), Py_EQ), 1)
        << "argument " << i;
  }
  EXPECT_EQ(PyTuple_GET_ITEM(our_call.get(), 1), g.get());
  EXPECT_EQ(PyTuple_GET_ITEM(our_call.get(), 2), l.get());

  // Without locals (optimised frame): None is passed.
  py_exec("calls.clear()");
  Ref r = steal(vm::import_name(b.get(), g.get(), nullptr, name.get(), fromlist.get(), level.get()));
  ASSERT_TRUE(r);
  Ref call2 = py("calls[0]");
  EXPECT_EQ(PyTuple_GET_ITEM(call2.get(), 2), Py_None);
}

TEST_F(OpsSupport, ImportNameSeesReplacementInRealBuiltins) {
  // Replacing builtins.__import__ after start-up must disable the fast path.
  py_exec("import builtins\n"
          "saved_import = builtins.__import__\n"
          "builtins.__import__ = recording_import\n"
          "calls.clear()\n");
  Ref name = steal(PyUnicode_FromString("os"));
  Ref level = pylong(0);
  Ref g = py("{}");
  Ref r = steal(vm::import_name(PyEval_GetBuiltins(), g.get(), nullptr, name.get(), Py_None, level.get()));
  py_exec("builtins.__import__ = saved_import\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(str_of(r.get()), "recorded");
}

TEST_F(OpsSupport, ImportNameWithoutImport) {
  Ref nat = py("native_import_stmt('import os', {'__builtins__': {}})");
  Ref empty = steal(PyDict_New());
  Ref g = py("{}");
  Ref name = steal(PyUnicode_FromString("os"));
  Ref level = pylong(0);
  Outcome mine = ours(vm::import_name(empty.get(), g.get(), nullptr, name.get(), Py_None, level.get()));
  expect_same(native(nat), mine, "import without __import__");
}

void check_import_from(const std::string& modname, const std::string& attr) {
  std::string what = "from " + modname + " import " + attr;
  Ref mn = steal(PyUnicode_FromString(modname.c_str()));
  Ref an = steal(PyUnicode_InternFromString(attr.c_str()));
  Outcome nat = native(call("native_from_import", {mn.get(), an.get()}));
  Ref module = py("sys.modules['" + modname + "']");
  ASSERT_TRUE(module);
  Outcome mine = ours(vm::import_from(module.get(), an.get()));
  ASSERT_EQ(nat.raised, mine.raised) << what << " native: " << nat.describe() << " ours: " << mine.describe();
  if (nat.raised) {
    expect_same(nat, mine, what);
    for (const char* field : {"name", "path"}) {
      Ref a = steal(PyObject_GetAttrString(nat.value.get(), field));
      Ref b = steal(PyObject_GetAttrString(mine.value.get(), field));
      ASSERT_TRUE(a && b) << what;
      EXPECT_EQ(PyObject_RichCompareBool(a.get(), b.get(), Py_EQ), 1)
          << what << " ImportError." << field << ": " << repr_of(a.get()) << " vs " << repr_of(b.get());
    }
  } else {
    EXPECT_EQ(nat.value.get(), mine.value.get()) << what;
  }
}

TEST_F(OpsSupport, ImportFrom) {
  py_exec(
      "m = types.ModuleType('xp_nofile'); m.present = 1; sys.modules['xp_nofile'] = m\n"
      "m = types.ModuleType('xp_circ'); m.__file__ = '/tmp/xp_circ.py'\n"
      "m.__spec__ = types.SimpleNamespace(_initializing=True); sys.modules['xp_circ'] = m\n"
      "m = types.ModuleType('xp_done'); m.__file__ = '/tmp/xp_done.py'\n"
      "m.__spec__ = types.SimpleNamespace(_initializing=False); sys.modules['xp_done'] = m\n"
      "m = types.ModuleType('xp_pkg'); m.__file__ = '/tmp/xp_pkg/__init__.py'; sys.modules['xp_pkg'] = m\n"
      "sys.modules['xp_pkg.sub'] = types.ModuleType('xp_pkg.sub')\n"
      "m = types.ModuleType('xp_badname'); m.__name__ = 5; sys.modules['xp_badname'] = m\n"
      "m = types.ModuleType('xp_noname'); del m.__name__; sys.modules['xp_noname'] = m\n"
      "sys.modules['xp_notmodule'] = types.SimpleNamespace(__name__='xp_notmodule', a=1)\n");
  check_import_from("os", "path");
  check_import_from("os", "xp_missing");
  check_import_from("xp_nofile", "present");
  check_import_from("xp_nofile", "absent");       // (unknown location)
  check_import_from("xp_circ", "absent");         // partially initialized module
  check_import_from("xp_done", "absent");
  check_import_from("xp_pkg", "sub");             // sys.modules fallback
  check_import_from("xp_pkg", "other");
  check_import_from("xp_badname", "absent");      // <unknown module name>
  check_import_from("xp_noname", "absent");
  check_import_from("xp_notmodule", "a");
  check_import_from("xp_notmodule", "absent");
}

void check_import_star(const std::string& modname, const char* target_expr = nullptr) {
  std::string what = "from " + modname + " import *";
  Ref mn = steal(PyUnicode_FromString(modname.c_str()));
  Ref nat_target = target_expr ? py(target_expr) : borrow(Py_None);
  Ref r = call("native_import_star", {mn.get(), nat_target.get()});
  ASSERT_TRUE(r);
  Outcome nat = native(borrow(PyTuple_GET_ITEM(r.get(), 0)));
  PyObject* nat_dict = PyTuple_GET_ITEM(r.get(), 1);
  Ref module = py("sys.modules['" + modname + "']");
  Ref target = target_expr ? py(target_expr) : steal(PyDict_New());
  int rc = vm::import_all_from(target.get(), module.get());
  Outcome mine = ours(rc == 0 ? Py_NewRef(Py_None) : nullptr);
  expect_same(nat, mine, what);
  Ref ours_view = target_expr ? steal(PyObject_GetAttrString(target.get(), "d")) : target;
  Ref nat_view = target_expr ? steal(PyObject_GetAttrString(nat_dict, "d")) : borrow(nat_dict);
  EXPECT_EQ(PyObject_RichCompareBool(nat_view.get(), ours_view.get(), Py_EQ), 1)
      << what << "\n native: " << repr_of(nat_view.get()) << "\n ours:   " << repr_of(ours_view.get());
}

TEST_F(OpsSupport, ImportAllFrom) {
  py_exec(
      "def mkmod(name, **attrs):\n"
      "    m = types.ModuleType(name)\n"
      "    for k, v in attrs.items(): setattr(m, k, v)\n"
      "    sys.modules[name] = m\n"
      "    return m\n"
      "mkmod('xp_star_plain', a=1, _b=2, c=3)\n"
      "mkmod('xp_star_all', a=1, _b=2, c=3, __all__=['_b', 'a'])\n"
      "mkmod('xp_star_tuple_all', a=1, __all__=('a',))\n"
      "mkmod('xp_star_bad_item', a=1, __all__=['a', 5])\n"
      "m = mkmod('xp_star_bad_key', a=1); m.__dict__[5] = 'five'\n"
      "mkmod('xp_star_missing', a=1, __all__=['a', 'zz'])\n"
      "m = mkmod('xp_star_badname', __all__=[5]); m.__name__ = 7\n"
      "sys.modules['xp_star_nodict'] = 5\n"
      "sys.modules['xp_star_obj'] = types.SimpleNamespace(x=1, _y=2)\n");
  check_import_star("xp_star_plain");
  check_import_star("xp_star_all");
  check_import_star("xp_star_tuple_all");
  check_import_star("xp_star_bad_item");
  check_import_star("xp_star_bad_key");
  check_import_star("xp_star_missing");
  check_import_star("xp_star_badname");
  check_import_star("xp_star_nodict");
  check_import_star("xp_star_obj");
  check_import_star("xp_star_plain", "RecordingMapping()");   // a non-dict locals mapping
}

// ---- unpacking ------------------------------------------------------------------------

void check_unpack(const std::string& v_expr, int argcnt, int after) {
  std::string what = "unpack " + v_expr + " into " + std::to_string(argcnt) +
                     (after >= 0 ? " + *rest + " + std::to_string(after) : "");
  Ref v_nat = py(v_expr);
  Ref v = py(v_expr);   // fresh object: iterators are consumed
  Ref ac = pylong(argcnt);
  Ref af = pylong(after);
  Outcome nat = native(call("native_unpack", {v_nat.get(), ac.get(), af.get()}));

  const int total = argcnt + (after < 0 ? 0 : 1 + after);
  std::vector<PyObject*> stack(static_cast<size_t>(total) + 2, nullptr);
  PyObject** sp = stack.data() + 1;   // one guard slot below
  PyObject** const start = sp;
  int rc = vm::unpack_iterable(v.get(), argcnt, after, &sp);
  Outcome mine;
  if (rc == 0) {
    EXPECT_EQ(sp, start + total) << what;
    // The first target is on top of the stack.
    Ref t = steal(PyTuple_New(total));
    for (int i = 0; i < total; i++) PyTuple_SET_ITEM(t.get(), i, start[total - 1 - i]);
    mine = ours(t.release());
  } else {
    EXPECT_EQ(sp, start) << what << ": nothing may stay pushed";
    for (int i = 0; i < total; i++) EXPECT_EQ(start[i], nullptr) << what;
    mine = ours(nullptr);
  }
  EXPECT_EQ(stack.front(), nullptr);
  EXPECT_EQ(stack.back(), nullptr);
  expect_same(nat, mine, what);
}

TEST_F(OpsSupport, UnpackSequence) {
  check_unpack("gen(3)", 3, -1);
  check_unpack("gen(2)", 3, -1);           // not enough values (expected 3, got 2)
  check_unpack("gen(4)", 3, -1);           // too many values (expected 3)
  check_unpack("gen(0)", 1, -1);
  check_unpack("gen(5, fail_at=1)", 3, -1);
  check_unpack("gen(5, fail_at=3)", 3, -1);   // error while checking for extras
  check_unpack("5", 2, -1);                 // cannot unpack non-iterable int object
  check_unpack("None", 2, -1);
  check_unpack("IterNone()", 2, -1);        // __iter__ = None: the host's own message
  check_unpack("OnlyGetitem()", 2, -1);     // sequence protocol
  check_unpack("{'a': 1, 'b': 2}", 2, -1);
  check_unpack("'xy'", 2, -1);
  check_unpack("{1}", 1, -1);
}

TEST_F(OpsSupport, UnpackEx) {
  check_unpack("gen(5)", 1, 1);
  check_unpack("gen(2)", 1, 1);
  check_unpack("gen(1)", 1, 1);             // expected at least 2, got 1 (from the list)
  check_unpack("gen(0)", 1, 1);             // expected at least 2, got 0 (from the iterator)
  check_unpack("gen(3)", 0, 0);
  check_unpack("gen(3)", 0, 2);
  check_unpack("gen(1)", 0, 2);
  check_unpack("gen(6)", 2, 3);
  check_unpack("gen(4)", 2, 3);
  check_unpack("gen(5, fail_at=4)", 1, 1);  // error while building the starred list
  check_unpack("5", 1, 1);
  check_unpack("OnlyGetitem()", 0, 1);
}

// ---- with / async with ------------------------------------------------------------------

TEST_F(OpsSupport, LookupSpecial) {
  Ref cm = py("CM()");
  Ref bound = steal(vm::lookup_special(cm.get(), vm::names().enter));
  ASSERT_TRUE(bound);
  Ref mine_result = steal(PyObject_CallNoArgs(bound.get()));
  Outcome nat = native(call("native_with", {cm.get()}));
  expect_same(nat, ours(mine_result.release()), "__enter__ bound to the instance");

  Ref aenter = steal(vm::lookup_special(cm.get(), vm::names().aenter));   // staticmethod
  ASSERT_TRUE(aenter);
  Ref r = steal(PyObject_CallNoArgs(aenter.get()));
  EXPECT_EQ(str_of(r.get()), "static aenter");

  Ref cmc = py("CMCallable()");   // a plain callable in the class: no binding
  Ref enter = steal(vm::lookup_special(cmc.get(), vm::names().enter));
  Ref attr = py("CMCallable.__dict__['__enter__']");
  EXPECT_EQ(enter.get(), attr.get());

  // Instance attributes are not special methods: missing, no exception, and
  // natively `with` refuses the object.
  Ref inst = py("instance_only_cm()");
  EXPECT_EQ(vm::lookup_special(inst.get(), vm::names().enter), nullptr);
  EXPECT_FALSE(PyErr_Occurred());
  Outcome nat_inst = native(call("native_with", {inst.get()}));
  EXPECT_TRUE(nat_inst.raised);
  EXPECT_EQ(nat_inst.type, "TypeError");
}

void check_awaitable_error(const std::string& coro_expr, PyTypeObject* type, int oparg,
                           const char* preset_type_error) {
  Ref fn = py(coro_expr);
  Outcome nat = native(call("run_coro", {fn.get()}));
  // The loop reaches format_awaitable_error() with the host's
  // _PyCoro_GetAwaitableIter() error already set.
  PyErr_SetString(PyExc_TypeError, preset_type_error);
  vm::format_awaitable_error(type, oparg);
  Outcome mine = ours(nullptr);
  expect_same(nat, mine, coro_expr);
}

TEST_F(OpsSupport, FormatAwaitableError) {
  check_awaitable_error("lambda: async_with(AEnterNotAwaitable())", &PyLong_Type, 1,
                        "object int can't be used in 'await' expression");
  check_awaitable_error("lambda: async_with(AExitNotAwaitable())", &PyUnicode_Type, 2,
                        "object str can't be used in 'await' expression");
  check_awaitable_error("lambda: await_obj(5)", &PyLong_Type, 0,
                        "object int can't be used in 'await' expression");
  Ref bad = py("BadAwait");
  check_awaitable_error("lambda: async_with(AEnterBadAwait())", reinterpret_cast<PyTypeObject*>(bad.get()), 1,
                        "__await__() returned non-iterator of type 'int'");
}

// ---- name errors -------------------------------------------------------------------------

void expect_same_name_error(const Outcome& nat, const Outcome& mine, const std::string& what) {
  expect_same(nat, mine, what);
  ASSERT_TRUE(nat.raised && mine.raised) << what;
  Ref a = steal(PyObject_GetAttrString(nat.value.get(), "name"));
  Ref b = steal(PyObject_GetAttrString(mine.value.get(), "name"));
  ASSERT_TRUE(a && b) << what;
  EXPECT_EQ(PyObject_RichCompareBool(a.get(), b.get(), Py_EQ), 1)
      << what << " .name: " << repr_of(a.get()) << " vs " << repr_of(b.get());
}

TEST_F(OpsSupport, FormatNameError) {
  for (std::string name : {std::string("xp_undefined"), std::string(250, 'n')}) {
    Outcome nat = native(py("outcome(eval, '" + name + "', {})"));
    Ref n = steal(PyUnicode_FromString(name.c_str()));
    vm::format_name_error(n.get());
    Outcome mine = ours(nullptr);
    expect_same_name_error(nat, mine, "NameError " + name.substr(0, 20));
  }
}

TEST_F(OpsSupport, FormatUnboundError) {
  Ref local = steal(PyUnicode_FromString("xp_local"));
  vm::format_unbound_error(local.get(), false);
  Outcome mine = ours(nullptr);   // taken before running Python again
  expect_same_name_error(native(py("native_unbound_local()")), mine, "unbound local");

  Ref free_name = steal(PyUnicode_FromString("xp_free"));
  vm::format_unbound_error(free_name.get(), true);
  mine = ours(nullptr);
  expect_same_name_error(native(py("native_unbound_free()")), mine, "unbound free variable");

  // An error already raised is kept.
  PyErr_SetString(PyExc_KeyError, "earlier");
  vm::format_unbound_error(local.get(), false);
  Outcome kept = ours(nullptr);
  EXPECT_EQ(kept.type, "KeyError");
}

// ---- names -----------------------------------------------------------------------------

TEST_F(OpsSupport, Names) {
  const vm::Names& n = vm::names();
  struct Expect {
    PyObject* obj;
    const char* text;
  };
  for (Expect e : {Expect{n.build_class, "__build_class__"}, Expect{n.enter, "__enter__"},
                   Expect{n.exit, "__exit__"}, Expect{n.aenter, "__aenter__"}, Expect{n.aexit, "__aexit__"},
                   Expect{n.annotations, "__annotations__"}, Expect{n.import, "__import__"},
                   Expect{n.name, "__name__"}, Expect{n.all, "__all__"}, Expect{n.dict, "__dict__"},
                   Expect{n.displayhook, "displayhook"}, Expect{n.class_, "__class__"},
                   Expect{n.classcell, "__classcell__"}, Expect{n.qualname, "__qualname__"},
                   Expect{n.module, "__module__"}, Expect{n.send, "send"}, Expect{n.throw_, "throw"},
                   Expect{n.close, "close"}}) {
    ASSERT_NE(e.obj, nullptr) << e.text;
    ASSERT_TRUE(PyUnicode_CheckExact(e.obj)) << e.text;
    EXPECT_STREQ(PyUnicode_AsUTF8(e.obj), e.text);
    // Interned: the same object the host uses for the identifier.
    Ref again = steal(PyUnicode_InternFromString(e.text));
    EXPECT_EQ(again.get(), e.obj) << e.text;
  }
}

}  // namespace

// ---- reference leaks ---------------------------------------------------------------------

namespace {

Py_ssize_t allocated_blocks() {
  PyErr_Clear();
  Ref r = py("sys.getallocatedblocks()");
  return r ? PyLong_AsSsize_t(r.get()) : -1;
}

// Runs `op` (which may leave an exception set; it is cleared) many times and
// checks that the host's count of allocated memory blocks does not grow with
// the number of runs: a leaked reference keeps at least one block per run.
template <class Op>
void expect_no_leak(const char* what, Op op) {
  constexpr int kWarmup = 200;
  constexpr int kRuns = 2000;
  for (int i = 0; i < kWarmup; i++) {
    op();
    PyErr_Clear();
  }
  Py_ssize_t before = allocated_blocks();
  for (int i = 0; i < kRuns; i++) {
    op();
    PyErr_Clear();
  }
  Py_ssize_t after = allocated_blocks();
  EXPECT_LT(after - before, kRuns / 2) << what << ": " << (after - before) << " blocks more after "
                                       << kRuns << " runs";
}

}  // namespace

TEST_F(OpsSupport, NoReferenceLeaks) {
  Ref point = py("Point(1, 2)");
  Ref point_cls = py("Point");
  Ref dup = py("DupArgs()");
  Ref dup_cls = py("DupArgs");
  Ref no_kw = tuple_of_str({});
  Ref kw_missing = tuple_of_str({"missing"});
  expect_no_leak("match_class", [&] { Py_XDECREF(vm::match_class(point.get(), point_cls.get(), 2, no_kw.get())); });
  expect_no_leak("match_class no match",
                 [&] { Py_XDECREF(vm::match_class(point.get(), point_cls.get(), 0, kw_missing.get())); });
  expect_no_leak("match_class error", [&] { Py_XDECREF(vm::match_class(dup.get(), dup_cls.get(), 2, no_kw.get())); });

  Ref mapping = py("{1: 'a', 2: 'b'}");
  Ref keys_ok = py("(1, 2)");
  Ref keys_missing = py("(1, 3)");
  Ref keys_dup = py("(1, 1)");
  Ref dd = py("collections.defaultdict(list, {1: 'a'})");
  for (PyObject* keys : {keys_ok.get(), keys_missing.get(), keys_dup.get()}) {
    expect_no_leak("match_keys", [&] { Py_XDECREF(vm::match_keys(mapping.get(), keys)); });
  }
  expect_no_leak("match_keys defaultdict", [&] { Py_XDECREF(vm::match_keys(dd.get(), keys_missing.get())); });

  Ref eg = py("make_nested()");
  Ref naked = py("ValueError('naked')");
  for (PyObject* exc : {eg.get(), naked.get()}) {
    expect_no_leak("exception_group_match", [&] {
      PyObject* m = nullptr;
      PyObject* r = nullptr;
      vm::exception_group_match(exc, PyExc_ValueError, &m, &r);
      Py_XDECREF(m);
      Py_XDECREF(r);
    });
  }
  for (const char* clauses : {"[(ValueError, 'reraise'), (TypeError, 'pass')]", "[(ValueError, 'new')]",
                              "[(ValueError, 'raise_e'), (KeyError, 'reraise')]"}) {
    Ref star = py(std::string("native_star(make_nested, ") + clauses + ")");
    ASSERT_TRUE(star);
    PyObject* orig = PyTuple_GET_ITEM(star.get(), 0);
    PyObject* excs = PyTuple_GET_ITEM(star.get(), 1);
    expect_no_leak(clauses, [&] { Py_XDECREF(vm::prep_reraise_star(orig, excs)); });
  }

  Ref ctx = py("KeyError('ctx')");
  Ref cause = py("TypeError('cause')");
  Ref five = py("5");
  expect_no_leak("do_raise class from class", [&] {
    PyErr_SetHandledException(ctx.get());
    vm::do_raise(PyExc_ValueError, PyExc_KeyError);
    PyErr_SetHandledException(nullptr);
  });
  expect_no_leak("do_raise instance from instance", [&] {
    Ref v = steal(PyObject_CallNoArgs(PyExc_ValueError));
    vm::do_raise(v.get(), cause.get());
  });
  expect_no_leak("do_raise bad", [&] { vm::do_raise(five.get(), nullptr); });
  expect_no_leak("do_raise bad cause", [&] { vm::do_raise(PyExc_ValueError, five.get()); });
  expect_no_leak("do_reraise", [&] {
    PyErr_SetHandledException(ctx.get());
    vm::do_reraise();
    PyErr_SetHandledException(nullptr);
  });

  Ref func = py("plain_function");
  expect_no_leak("check_args_iterable", [&] { vm::check_args_iterable(func.get(), five.get()); });
  Ref dup_a = py("{'a': 1}");
  expect_no_leak("format_kwargs_error", [&] {
    Ref d = steal(PyDict_New());
    _PyDict_MergeEx(d.get(), dup_a.get(), 2);
    _PyDict_MergeEx(d.get(), dup_a.get(), 2);
    vm::format_kwargs_error(func.get(), dup_a.get());
  });

  Ref os_name = steal(PyUnicode_FromString("os"));
  Ref zero = pylong(0);
  Ref globals = py("{'__name__': 'xp_leak'}");
  expect_no_leak("import_name", [&] {
    Py_XDECREF(vm::import_name(PyEval_GetBuiltins(), globals.get(), nullptr, os_name.get(), Py_None, zero.get()));
  });
  Ref os_mod = py("sys.modules['os']");
  Ref path_name = steal(PyUnicode_FromString("path"));
  Ref missing_name = steal(PyUnicode_FromString("xp_missing"));
  expect_no_leak("import_from", [&] { Py_XDECREF(vm::import_from(os_mod.get(), path_name.get())); });
  expect_no_leak("import_from missing", [&] { Py_XDECREF(vm::import_from(os_mod.get(), missing_name.get())); });
  py_exec("sys.modules['xp_leak_mod'] = types.ModuleType('xp_leak_mod'); sys.modules['xp_leak_mod'].a = 1");
  Ref leak_mod = py("sys.modules['xp_leak_mod']");
  expect_no_leak("import_all_from", [&] {
    Ref d = steal(PyDict_New());
    vm::import_all_from(d.get(), leak_mod.get());
  });

  for (int n : {2, 3, 4}) {
    expect_no_leak("unpack_iterable", [&] {
      Ref g = py("gen(" + std::to_string(n) + ")");
      PyObject* stack[4] = {};
      PyObject** sp = stack;
      if (vm::unpack_iterable(g.get(), 3, -1, &sp) == 0) {
        for (PyObject** p = stack; p < sp; p++) Py_DECREF(*p);
      }
    });
    expect_no_leak("unpack_iterable starred", [&] {
      Ref g = py("gen(" + std::to_string(n) + ")");
      PyObject* stack[4] = {};
      PyObject** sp = stack;
      if (vm::unpack_iterable(g.get(), 1, 2, &sp) == 0) {
        for (PyObject** p = stack; p < sp; p++) Py_DECREF(*p);
      }
    });
  }

  Ref cm = py("CM()");
  expect_no_leak("lookup_special", [&] { Py_XDECREF(vm::lookup_special(cm.get(), vm::names().enter)); });
  Ref name = steal(PyUnicode_FromString("xp_name"));
  expect_no_leak("format_name_error", [&] { vm::format_name_error(name.get()); });
  expect_no_leak("format_unbound_error", [&] { vm::format_unbound_error(name.get(), true); });
}
