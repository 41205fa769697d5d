// The VM's __build_class__: CPython 3.11's algorithm (bases updated through
// __mro_entries__, metaclass calculation, __prepare__, the class body run
// with the namespace as its locals, the __class__ cell check), with the body
// executed by the VM.
#include "runtime/build_class.h"

#include "core/ref.h"
#include "vm/call.h"

namespace xp::rt {

namespace {

PyObject* g_function = nullptr;

// PEP 560: replaces bases that define __mro_entries__. Returns `bases` itself
// (new ref) when nothing changes.
PyObject* update_bases(PyObject* bases) {
  static PyObject* const mro_entries = PyUnicode_InternFromString("__mro_entries__");
  const Py_ssize_t n = PyTuple_GET_SIZE(bases);
  Ref out;  // list, made on the first base that changes
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* base = PyTuple_GET_ITEM(bases, i);
    if (PyType_Check(base)) {
      if (out && PyList_Append(out.get(), base) < 0) return nullptr;
      continue;
    }
    PyObject* meth = nullptr;
    if (_PyObject_LookupAttr(base, mro_entries, &meth) < 0) return nullptr;
    if (meth == nullptr) {
      if (out && PyList_Append(out.get(), base) < 0) return nullptr;
      continue;
    }
    Ref m = steal(meth);
    Ref entries = steal(PyObject_CallOneArg(m.get(), bases));
    if (!entries) return nullptr;
    if (!PyTuple_Check(entries.get())) {
      PyErr_SetString(PyExc_TypeError, "__mro_entries__ must return a tuple");
      return nullptr;
    }
    if (!out) {
      out = steal(PyList_New(0));
      if (!out) return nullptr;
      for (Py_ssize_t j = 0; j < i; ++j)
        if (PyList_Append(out.get(), PyTuple_GET_ITEM(bases, j)) < 0) return nullptr;
    }
    Ref none = steal(_PyList_Extend(reinterpret_cast<PyListObject*>(out.get()), entries.get()));
    if (!none) return nullptr;
  }
  if (!out) return Py_NewRef(bases);
  return PyList_AsTuple(out.get());
}

PyObject* build_class(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs < 2) {
    PyErr_SetString(PyExc_TypeError, "__build_class__: not enough arguments");
    return nullptr;
  }
  PyObject* func = args[0];
  if (!PyFunction_Check(func)) {
    PyErr_SetString(PyExc_TypeError, "__build_class__: func must be a function");
    return nullptr;
  }
  PyObject* name = args[1];
  if (!PyUnicode_Check(name)) {
    PyErr_SetString(PyExc_TypeError, "__build_class__: name is not a string");
    return nullptr;
  }
  Ref orig_bases = steal(PyTuple_New(nargs - 2));
  if (!orig_bases) return nullptr;
  for (Py_ssize_t i = 2; i < nargs; ++i) PyTuple_SET_ITEM(orig_bases.get(), i - 2, Py_NewRef(args[i]));
  Ref bases = steal(update_bases(orig_bases.get()));
  if (!bases) return nullptr;

  static PyObject* const metaclass_key = PyUnicode_InternFromString("metaclass");
  Ref meta, mkw;
  bool isclass = false;
  if (kwnames != nullptr) {
    mkw = steal(_PyStack_AsDict(args + nargs, kwnames));
    if (!mkw) return nullptr;
    PyObject* m = PyDict_GetItemWithError(mkw.get(), metaclass_key);
    if (m != nullptr) {
      meta = borrow(m);
      if (PyDict_DelItem(mkw.get(), metaclass_key) < 0) return nullptr;
      isclass = PyType_Check(meta.get());
    } else if (PyErr_Occurred()) {
      return nullptr;
    }
  }
  if (!meta) {
    meta = borrow(PyTuple_GET_SIZE(bases.get()) == 0
                      ? reinterpret_cast<PyObject*>(&PyType_Type)
                      : reinterpret_cast<PyObject*>(Py_TYPE(PyTuple_GET_ITEM(bases.get(), 0))));
    isclass = true;
  }
  if (isclass) {
    PyTypeObject* winner = _PyType_CalculateMetaclass(reinterpret_cast<PyTypeObject*>(meta.get()), bases.get());
    if (winner == nullptr) return nullptr;
    meta = borrow(reinterpret_cast<PyObject*>(winner));
  }

  static PyObject* const prepare_name = PyUnicode_InternFromString("__prepare__");
  PyObject* prep = nullptr;
  Ref ns;
  if (_PyObject_LookupAttr(meta.get(), prepare_name, &prep) < 0) return nullptr;
  if (prep == nullptr) {
    ns = steal(PyDict_New());
  } else {
    Ref p = steal(prep);
    PyObject* pargs[2] = {name, bases.get()};
    ns = steal(PyObject_VectorcallDict(p.get(), pargs, 2, mkw.get()));
  }
  if (!ns) return nullptr;
  if (!PyMapping_Check(ns.get())) {
    PyErr_Format(PyExc_TypeError, "%.200s.__prepare__() must return a mapping, not %.200s",
                 isclass ? reinterpret_cast<PyTypeObject*>(meta.get())->tp_name : "<metaclass>",
                 Py_TYPE(ns.get())->tp_name);
    return nullptr;
  }

  // The body runs in the VM with the namespace as its locals.
  Ref cell = steal(vm::is_vm_function(func) ? vm::call_with_locals(func, ns.get())
                                            : PyObject_CallNoArgs(func));
  if (!cell) return nullptr;
  if (bases.get() != orig_bases.get() &&
      PyMapping_SetItemString(ns.get(), "__orig_bases__", orig_bases.get()) < 0)
    return nullptr;
  PyObject* margs[3] = {name, bases.get(), ns.get()};
  Ref cls = steal(PyObject_VectorcallDict(meta.get(), margs, 3, mkw.get()));
  if (cls && PyType_Check(cls.get()) && PyCell_Check(cell.get())) {
    PyObject* cell_cls = PyCell_GET(cell.get());
    if (cell_cls != cls.get()) {
      if (cell_cls == nullptr)
        PyErr_Format(PyExc_RuntimeError,
                     "__class__ not set defining %.200R as %.200R. Was __classcell__ propagated to type.__new__?",
                     name, cls.get());
      else
        PyErr_Format(PyExc_TypeError, "__class__ set to %.200R defining %.200R as %.200R", cell_cls, name,
                     cls.get());
      return nullptr;
    }
  }
  return cls.release();
}

PyMethodDef g_def = {"__build_class__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(build_class)),
                     METH_FASTCALL | METH_KEYWORDS,
                     "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\n"
                     "Internal helper function used by the class statement."};

}  // namespace

void init_build_class() {
  if (g_function != nullptr) return;
  Ref module_name = steal(PyUnicode_FromString("builtins"));
  // Bound to the builtins module as the host's own builtins are, so
  // profilers name it as they name those ("built-in method builtins....").
  PyObject* builtins_module = PyImport_AddModule("builtins");   // borrowed
  g_function = PyCFunction_NewEx(&g_def, builtins_module, module_name.get());
}

PyObject* build_class_function() { return g_function; }

}  // namespace xp::rt
