// Remaining slow paths of the eval loop: call-argument errors, iterable
// unpacking, special-method lookup, awaitable and name errors, and the
// loop's interned names. Semantics and messages of CPython 3.11's ceval.c
// (check_args_iterable, format_kwargs_error, unpack_iterable,
// format_awaitable_error, format_exc_check_arg, format_exc_unbound).
#include "core/ref.h"
#include "vm/ops_internal.h"
#include "vm/ops_support.h"

// Exported by libpython 3.11 under this name, but cpython/object.h maps the
// name to the _Py_Identifier variant; declare the real symbol.
#undef _PyObject_LookupSpecial
extern "C" PyObject* _PyObject_LookupSpecial(PyObject* self, PyObject* attr);

namespace xp::vm {
namespace {

constexpr const char* kNameErrorMsg = "name '%.200s' is not defined";
constexpr const char* kUnboundLocalMsg =
    "cannot access local variable '%s' where it is not associated with a value";
constexpr const char* kUnboundFreeMsg =
    "cannot access free variable '%s' where it is not associated with a value in enclosing scope";

// Sets `exc` with `format` applied to the UTF-8 of `name`; a NameError also
// records the name (the host's traceback printer uses it for "Did you mean").
void format_exc_check_arg(PyObject* exc, const char* format, PyObject* name) {
  if (name == nullptr) return;
  const char* name_str = PyUnicode_AsUTF8(name);
  if (name_str == nullptr) return;
  PyErr_Format(exc, format, name_str);
  if (exc != PyExc_NameError) return;
  PyObject* type = nullptr;
  PyObject* value = nullptr;
  PyObject* tb = nullptr;
  PyErr_Fetch(&type, &value, &tb);
  PyErr_NormalizeException(&type, &value, &tb);
  if (PyErr_GivenExceptionMatches(value, PyExc_NameError) &&
      reinterpret_cast<PyNameErrorObject*>(value)->name == nullptr) {
    // Failure is ignored: the NameError is restored either way.
    static PyObject* const name_attr = detail::interned("name");
    if (PyObject_SetAttr(value, name_attr, name) < 0) PyErr_Clear();
  }
  PyErr_Restore(type, value, tb);
}

Names g_names{};
bool g_names_ready = false;

}  // namespace

int check_args_iterable(PyObject* func, PyObject* args) {
  if (Py_TYPE(args)->tp_iter == nullptr && !PySequence_Check(args)) {
    // May be called with a live exception: clear it before
    // _PyObject_FunctionStr(), which must not run with one set.
    PyErr_Clear();
    Ref funcstr = steal(_PyObject_FunctionStr(func));
    if (funcstr) {
      PyErr_Format(PyExc_TypeError, "%U argument after * must be an iterable, not %.200s",
                   funcstr.get(), Py_TYPE(args)->tp_name);
    }
    return -1;
  }
  return 0;
}

void format_kwargs_error(PyObject* func, PyObject* kwargs) {
  if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
    // Dict merging looks up .keys(): a non-mapping shows up as AttributeError.
    PyErr_Clear();
    Ref funcstr = steal(_PyObject_FunctionStr(func));
    if (funcstr) {
      PyErr_Format(PyExc_TypeError, "%U argument after ** must be a mapping, not %.200s",
                   funcstr.get(), Py_TYPE(kwargs)->tp_name);
    }
  } else if (PyErr_ExceptionMatches(PyExc_KeyError)) {
    // A duplicate key is reported by the merge as KeyError((key,)) in
    // unnormalised form. If the error was normalised on the way (inside an
    // except block the host normalises for context chaining), the value is no
    // longer a tuple and the KeyError stays, exactly as in CPython.
    PyObject* type = nullptr;
    PyObject* value = nullptr;
    PyObject* tb = nullptr;
    PyErr_Fetch(&type, &value, &tb);
    if (value != nullptr && PyTuple_Check(value) && PyTuple_GET_SIZE(value) == 1) {
      Ref owned_type = steal(type);
      Ref owned_value = steal(value);
      Ref owned_tb = steal(tb);
      Ref funcstr = steal(_PyObject_FunctionStr(func));
      if (funcstr) {
        PyErr_Format(PyExc_TypeError, "%U got multiple values for keyword argument '%S'",
                     funcstr.get(), PyTuple_GET_ITEM(value, 0));
      }
    } else {
      PyErr_Restore(type, value, tb);
    }
  }
}

int unpack_iterable(PyObject* v, int argcnt, int argcnt_after, PyObject*** sp) {
  Ref it = steal(PyObject_GetIter(v));
  if (!it) {
    if (PyErr_ExceptionMatches(PyExc_TypeError) && Py_TYPE(v)->tp_iter == nullptr &&
        !PySequence_Check(v)) {
      PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object", Py_TYPE(v)->tp_name);
    }
    return -1;
  }
  const int total = argcnt + (argcnt_after < 0 ? 0 : 1 + argcnt_after);
  PyObject** const base = *sp;
  PyObject** top = base + total;   // filled downwards: the first item ends on top
  int filled = 0;
  auto fail = [&]() {
    for (PyObject** p = top; p < base + total; p++) {
      Py_DECREF(*p);
      *p = nullptr;
    }
    return -1;
  };

  for (; filled < argcnt; filled++) {
    PyObject* w = PyIter_Next(it.get());
    if (w == nullptr) {
      if (!PyErr_Occurred()) {
        if (argcnt_after < 0) {
          PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected %d, got %d)", argcnt,
                       filled);
        } else {
          PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected at least %d, got %d)",
                       argcnt + argcnt_after, filled);
        }
      }
      return fail();
    }
    *--top = w;
  }

  if (argcnt_after < 0) {
    Ref extra = steal(PyIter_Next(it.get()));
    if (!extra) {
      if (PyErr_Occurred()) return fail();
      *sp = base + total;
      return 0;
    }
    PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %d)", argcnt);
    return fail();
  }

  PyObject* rest = PySequence_List(it.get());
  if (rest == nullptr) return fail();
  *--top = rest;
  Py_ssize_t ll = PyList_GET_SIZE(rest);
  if (ll < argcnt_after) {
    PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected at least %d, got %zd)",
                 argcnt + argcnt_after, argcnt + ll);
    return fail();
  }
  // The trailing targets take the last items of the starred list.
  for (int j = argcnt_after; j > 0; j--) *--top = Py_NewRef(PyList_GET_ITEM(rest, ll - j));
  if (argcnt_after > 0 && PyList_SetSlice(rest, ll - argcnt_after, ll, nullptr) < 0) return fail();
  *sp = base + total;
  return 0;
}

PyObject* lookup_special(PyObject* obj, PyObject* name) { return _PyObject_LookupSpecial(obj, name); }

void format_awaitable_error(PyTypeObject* type, int oparg) {
  // Only for a type with no __await__ at all; other errors (e.g. from a
  // broken __await__) stay as they are.
  if (type->tp_as_async != nullptr && type->tp_as_async->am_await != nullptr) return;
  if (oparg == 1) {
    PyErr_Format(PyExc_TypeError,
                 "'async with' received an object from __aenter__ that does not implement __await__: %.100s",
                 type->tp_name);
  } else if (oparg == 2) {
    PyErr_Format(PyExc_TypeError,
                 "'async with' received an object from __aexit__ that does not implement __await__: %.100s",
                 type->tp_name);
  }
}

void format_name_error(PyObject* name) { format_exc_check_arg(PyExc_NameError, kNameErrorMsg, name); }

void format_unbound_error(PyObject* name, bool is_free) {
  if (PyErr_Occurred()) return;   // don't replace an error already raised
  if (is_free) {
    format_exc_check_arg(PyExc_NameError, kUnboundFreeMsg, name);
  } else {
    format_exc_check_arg(PyExc_UnboundLocalError, kUnboundLocalMsg, name);
  }
}

const Names& names() {
  if (!g_names_ready) init_names();
  return g_names;
}

void init_names() {
  if (g_names_ready) return;
  g_names = Names{
      .build_class = detail::interned("__build_class__"),
      .enter = detail::interned("__enter__"),
      .exit = detail::interned("__exit__"),
      .aenter = detail::interned("__aenter__"),
      .aexit = detail::interned("__aexit__"),
      .annotations = detail::interned("__annotations__"),
      .import = detail::interned("__import__"),
      .name = detail::interned("__name__"),
      .all = detail::interned("__all__"),
      .dict = detail::interned("__dict__"),
      .displayhook = detail::interned("displayhook"),
      .class_ = detail::interned("__class__"),
      .classcell = detail::interned("__classcell__"),
      .qualname = detail::interned("__qualname__"),
      .module = detail::interned("__module__"),
      .send = detail::interned("send"),
      .throw_ = detail::interned("throw"),
      .close = detail::interned("close"),
  };
  g_names_ready = true;
  detail::capture_original_import();
}

}  // namespace xp::vm
