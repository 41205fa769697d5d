// IMPORT_NAME / IMPORT_FROM / IMPORT_STAR, as CPython 3.11's ceval.c
// (import_name, import_from, import_all_from).
#include "core/ref.h"
#include "vm/ops_internal.h"
#include "vm/ops_support.h"

#include <cstring>

namespace xp::vm {
namespace {

// builtins.__import__ as found at start-up, if it was the interpreter's own
// (CPython compares with interp->import_func, which public headers hide).
PyObject* g_original_import = nullptr;

}  // namespace

void detail::capture_original_import() {
  if (g_original_import != nullptr) return;
  Ref builtins = steal(PyImport_ImportModule("builtins"));
  if (!builtins) {
    PyErr_Clear();
    return;
  }
  Ref func = steal(PyObject_GetAttrString(builtins.get(), "__import__"));
  if (!func) {
    PyErr_Clear();
    return;
  }
  // Only the real builtin (a C function of the builtins module) qualifies:
  // if something replaced it before we started, the fast path is never
  // taken, since it would skip the replacement.
  if (!PyCFunction_Check(func.get()) || PyCFunction_GET_SELF(func.get()) != builtins.get() ||
      std::strcmp(reinterpret_cast<PyCFunctionObject*>(func.get())->m_ml->ml_name, "__import__") != 0) {
    return;
  }
  g_original_import = func.release();   // kept for the life of the process
}

PyObject* import_name(PyObject* builtins, PyObject* globals, PyObject* locals, PyObject* name,
                      PyObject* fromlist, PyObject* level) {
  Ref import_func;
  if (PyDict_Check(builtins)) {
    import_func = borrow(PyDict_GetItemWithError(builtins, names().import));
  } else {
    // Frames made by the host always have a dict; a mapping is tolerated.
    import_func = steal(PyObject_GetItem(builtins, names().import));
    if (!import_func && PyErr_ExceptionMatches(PyExc_KeyError)) PyErr_Clear();
  }
  if (!import_func) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_ImportError, "__import__ not found");
    return nullptr;
  }
  PyObject* locals_arg = locals == nullptr ? Py_None : locals;
  if (import_func.get() == g_original_import) {
    // Unmodified builtin: skip the call and its argument parsing.
    int ilevel = _PyLong_AsInt(level);
    if (ilevel == -1 && PyErr_Occurred()) return nullptr;
    return PyImport_ImportModuleLevelObject(name, globals, locals_arg, fromlist, ilevel);
  }
  PyObject* stack[] = {name, globals, locals_arg, fromlist, level};
  return PyObject_Vectorcall(import_func.get(), stack, 5, nullptr);
}

PyObject* import_from(PyObject* module, PyObject* name) {
  PyObject* found = nullptr;
  if (_PyObject_LookupAttr(module, name, &found) != 0) return found;   // found, or error

  // A circular (relative) import may have put the submodule in sys.modules
  // before binding it as an attribute of its package (issue #17636).
  Ref pkgname = steal(PyObject_GetAttr(module, names().name));
  if (pkgname && !PyUnicode_Check(pkgname.get())) pkgname.reset();
  if (pkgname) {
    Ref fullmodname = steal(PyUnicode_FromFormat("%U.%U", pkgname.get(), name));
    if (!fullmodname) return nullptr;
    PyObject* sub = PyImport_GetModule(fullmodname.get());
    if (sub != nullptr || PyErr_Occurred()) return sub;
  }

  // ImportError, naming where the module came from when it is known.
  static PyObject* const spec_name = detail::interned("__spec__");
  Ref pkgpath = steal(PyModule_GetFilenameObject(module));
  Ref pkgname_or_unknown = pkgname;
  if (!pkgname_or_unknown) {
    pkgname_or_unknown = steal(PyUnicode_FromString("<unknown module name>"));
    if (!pkgname_or_unknown) return nullptr;
  }
  Ref errmsg;
  if (!pkgpath || !PyUnicode_Check(pkgpath.get())) {
    PyErr_Clear();
    errmsg = steal(PyUnicode_FromFormat("cannot import name %R from %R (unknown location)", name,
                                        pkgname_or_unknown.get()));
    // PyErr_SetImportError copes with a null message or name.
    PyErr_SetImportError(errmsg.get(), pkgname.get(), nullptr);
  } else {
    Ref spec = steal(PyObject_GetAttr(module, spec_name));
    const char* fmt = _PyModuleSpec_IsInitializing(spec.get())
                          ? "cannot import name %R from partially initialized module %R "
                            "(most likely due to a circular import) (%S)"
                          : "cannot import name %R from %R (%S)";
    errmsg = steal(PyUnicode_FromFormat(fmt, name, pkgname_or_unknown.get(), pkgpath.get()));
    PyErr_SetImportError(errmsg.get(), pkgname.get(), pkgpath.get());
  }
  return nullptr;
}

int import_all_from(PyObject* locals, PyObject* module) {
  PyObject* raw = nullptr;
  if (_PyObject_LookupAttr(module, names().all, &raw) < 0) return -1;
  Ref all = steal(raw);
  bool skip_leading_underscores = false;
  if (!all) {
    if (_PyObject_LookupAttr(module, names().dict, &raw) < 0) return -1;
    Ref dict = steal(raw);
    if (!dict) {
      PyErr_SetString(PyExc_ImportError, "from-import-* object has no __dict__ and no __all__");
      return -1;
    }
    all = steal(PyMapping_Keys(dict.get()));
    if (!all) return -1;
    skip_leading_underscores = true;
  }

  // Indexes until IndexError, so any sequence works for __all__.
  for (Py_ssize_t pos = 0;; pos++) {
    Ref name = steal(PySequence_GetItem(all.get(), pos));
    if (!name) {
      if (!PyErr_ExceptionMatches(PyExc_IndexError)) return -1;
      PyErr_Clear();
      return 0;
    }
    if (!PyUnicode_Check(name.get())) {
      Ref modname = steal(PyObject_GetAttr(module, names().name));
      if (!modname) return -1;
      if (!PyUnicode_Check(modname.get())) {
        PyErr_Format(PyExc_TypeError, "module __name__ must be a string, not %.100s",
                     Py_TYPE(modname.get())->tp_name);
      } else {
        PyErr_Format(PyExc_TypeError, "%s in %U.%s must be str, not %.100s",
                     skip_leading_underscores ? "Key" : "Item", modname.get(),
                     skip_leading_underscores ? "__dict__" : "__all__", Py_TYPE(name.get())->tp_name);
      }
      return -1;
    }
    if (skip_leading_underscores && PyUnicode_GET_LENGTH(name.get()) > 0 &&
        PyUnicode_READ_CHAR(name.get(), 0) == '_') {
      continue;
    }
    Ref value = steal(PyObject_GetAttr(module, name.get()));
    if (!value) return -1;
    int err = PyDict_CheckExact(locals) ? PyDict_SetItem(locals, name.get(), value.get())
                                        : PyObject_SetItem(locals, name.get(), value.get());
    if (err != 0) return -1;
  }
}

}  // namespace xp::vm
