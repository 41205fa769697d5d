// Structural pattern matching helpers (MATCH_CLASS, MATCH_KEYS), with the
// semantics and messages of CPython 3.11's ceval.c (match_class,
// match_class_attr, match_keys).
#include "core/ref.h"
#include "vm/ops_internal.h"
#include "vm/ops_support.h"

namespace xp::vm {
namespace {

const char* type_name(PyObject* type) { return reinterpret_cast<PyTypeObject*>(type)->tp_name; }

// One attribute of a class pattern. Returns an empty Ref without an exception
// when the subject lacks the attribute (no match); with one on error. `seen`
// catches a name requested twice (positional via __match_args__ + keyword).
Ref match_class_attr(PyObject* subject, PyObject* type, PyObject* name, PyObject* seen) {
  // CPython treats a failing PySet_Contains (-1) like "seen" and then keeps
  // the pending exception; same here.
  if (PySet_Contains(seen, name) != 0 || PySet_Add(seen, name) < 0) {
    if (!PyErr_Occurred()) {
      PyErr_Format(PyExc_TypeError, "%s() got multiple sub-patterns for attribute %R",
                   type_name(type), name);
    }
    return {};
  }
  Ref attr = steal(PyObject_GetAttr(subject, name));
  if (!attr && PyErr_ExceptionMatches(PyExc_AttributeError)) PyErr_Clear();
  return attr;
}

}  // namespace

PyObject* match_class(PyObject* subject, PyObject* type, Py_ssize_t nargs, PyObject* kwargs_names) {
  if (!PyType_Check(type)) {
    PyErr_SetString(PyExc_TypeError, "called match pattern must be a type");
    return nullptr;
  }
  // isinstance() first: a failed check (0) is "no match", -1 an error.
  if (PyObject_IsInstance(subject, type) <= 0) return nullptr;

  Ref seen = steal(PySet_New(nullptr));
  if (!seen) return nullptr;
  Ref attrs = steal(PyList_New(0));
  if (!attrs) return nullptr;

  if (nargs) {
    bool match_self = false;
    Ref match_args = steal(PyObject_GetAttrString(type, "__match_args__"));
    if (match_args) {
      if (!PyTuple_CheckExact(match_args.get())) {
        PyErr_Format(PyExc_TypeError, "%s.__match_args__ must be a tuple (got %s)", type_name(type),
                     Py_TYPE(match_args.get())->tp_name);
        return nullptr;
      }
    } else if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
      PyErr_Clear();
      // The self-matching flag (int, str, ...) only counts when the type does
      // not define __match_args__, so a subclass that defines it loses it.
      match_args = steal(PyTuple_New(0));
      if (!match_args) return nullptr;
      match_self = PyType_HasFeature(reinterpret_cast<PyTypeObject*>(type), _Py_TPFLAGS_MATCH_SELF);
    } else {
      return nullptr;
    }
    Py_ssize_t allowed = match_self ? 1 : PyTuple_GET_SIZE(match_args.get());
    if (allowed < nargs) {
      PyErr_Format(PyExc_TypeError, "%s() accepts %zd positional sub-pattern%s (%zd given)",
                   type_name(type), allowed, allowed == 1 ? "" : "s", nargs);
      return nullptr;
    }
    if (match_self) {
      if (PyList_Append(attrs.get(), subject) < 0) return nullptr;
    } else {
      for (Py_ssize_t i = 0; i < nargs; i++) {
        PyObject* name = PyTuple_GET_ITEM(match_args.get(), i);
        if (!PyUnicode_CheckExact(name)) {
          PyErr_Format(PyExc_TypeError, "__match_args__ elements must be strings (got %s)",
                       Py_TYPE(name)->tp_name);
          return nullptr;
        }
        Ref attr = match_class_attr(subject, type, name, seen.get());
        if (!attr || PyList_Append(attrs.get(), attr.get()) < 0) return nullptr;
      }
    }
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwargs_names); i++) {
    Ref attr = match_class_attr(subject, type, PyTuple_GET_ITEM(kwargs_names, i), seen.get());
    if (!attr || PyList_Append(attrs.get(), attr.get()) < 0) return nullptr;
  }
  return PyList_AsTuple(attrs.get());
}

PyObject* match_keys(PyObject* subject, PyObject* keys) {
  static PyObject* const get_name = detail::interned("get");
  Py_ssize_t nkeys = PyTuple_GET_SIZE(keys);
  if (nkeys == 0) return PyTuple_New(0);   // no keys: nothing to look up

  // map.get(key, dummy) checks and fetches in one step and, unlike
  // map[key], never triggers __missing__ (defaultdict would grow).
  PyObject* get_raw = nullptr;
  int meth_found = _PyObject_GetMethod(subject, get_name, &get_raw);
  Ref get = steal(get_raw);
  if (!get) return nullptr;
  Ref seen = steal(PySet_New(nullptr));
  if (!seen) return nullptr;
  Ref dummy = steal(PyObject_CallNoArgs(reinterpret_cast<PyObject*>(&PyBaseObject_Type)));
  if (!dummy) return nullptr;
  Ref values = steal(PyTuple_New(nkeys));
  if (!values) return nullptr;

  for (Py_ssize_t i = 0; i < nkeys; i++) {
    PyObject* key = PyTuple_GET_ITEM(keys, i);
    if (PySet_Contains(seen.get(), key) != 0 || PySet_Add(seen.get(), key) < 0) {
      if (!PyErr_Occurred()) {
        PyErr_Format(PyExc_ValueError, "mapping pattern checks duplicate key (%R)", key);
      }
      return nullptr;
    }
    PyObject* args[] = {subject, key, dummy.get()};
    Ref value = steal(meth_found ? PyObject_Vectorcall(get.get(), args, 3, nullptr)
                                 : PyObject_Vectorcall(get.get(), args + 1, 2, nullptr));
    if (!value) return nullptr;
    if (value.get() == dummy.get()) return Py_NewRef(Py_None);   // key missing: no match
    PyTuple_SET_ITEM(values.get(), i, value.release());
  }
  return values.release();
}

}  // namespace xp::vm
