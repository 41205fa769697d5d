#include "vm/shell_code.h"

#include "core/python.h"
#include "vm/exec_code.h"

#include <vector>

namespace xp::vm {

namespace {

// The original co_stacksize of a code object the VM runs (a shell's host
// value may be larger); -1 if `code` is no such object or shows its own.
int faithful_stacksize(PyObject* code) {
  const ExecCode* ec = exec_code_of(code);
  if (ec == nullptr || ec->stacksize == reinterpret_cast<PyCodeObject*>(code)->co_stacksize) return -1;
  return ec->stacksize;
}

// co_stacksize: a read-only int, as the host's member.
PyObject* get_stacksize(PyObject* self, void*) {
  const int faithful = faithful_stacksize(self);
  return PyLong_FromLong(faithful >= 0 ? faithful : reinterpret_cast<PyCodeObject*>(self)->co_stacksize);
}

PyGetSetDef g_stacksize_getset = {"co_stacksize", get_stacksize, nullptr, nullptr, nullptr};

// code.replace(): the host's method, given co_stacksize=<the original> for a
// shell unless the caller gave one (a copy is a plain host code object,
// with nothing of the trampoline).
PyObject* g_host_replace = nullptr;   // the host's method descriptor (strong)

PyObject* replace(PyObject* self, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const int faithful = faithful_stacksize(self);
  const Py_ssize_t nkw = kwnames != nullptr ? PyTuple_GET_SIZE(kwnames) : 0;
  bool given = false;
  for (Py_ssize_t i = 0; i < nkw && !given; ++i)
    given = PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, i), "co_stacksize") == 0;
  std::vector<PyObject*> call_args;
  call_args.reserve(static_cast<size_t>(1 + nargs + nkw + 1));
  call_args.push_back(self);
  for (Py_ssize_t i = 0; i < nargs + nkw; ++i) call_args.push_back(args[i]);
  if (faithful < 0 || given)
    return PyObject_Vectorcall(g_host_replace, call_args.data(), static_cast<size_t>(1 + nargs), kwnames);
  Ref stacksize = steal(PyLong_FromLong(faithful));
  Ref names = steal(PyTuple_New(nkw + 1));
  Ref key = steal(PyUnicode_FromString("co_stacksize"));
  if (!stacksize || !names || !key) return nullptr;
  for (Py_ssize_t i = 0; i < nkw; ++i) PyTuple_SET_ITEM(names.get(), i, Py_NewRef(PyTuple_GET_ITEM(kwnames, i)));
  PyTuple_SET_ITEM(names.get(), nkw, key.release());
  call_args.push_back(stacksize.get());
  return PyObject_Vectorcall(g_host_replace, call_args.data(), static_cast<size_t>(1 + nargs), names.get());
}

PyMethodDef g_replace_def = {"replace", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(replace)),
                             METH_FASTCALL | METH_KEYWORDS, nullptr};

// __sizeof__ of generators, coroutines, async generators and frames: the
// host counts co_stacksize slots; for a frame of a shell, the original's.
enum SizedKind { kGenerator, kCoroutine, kAsyncGenerator, kFrame, kSizedKinds };
PyObject* g_host_sizeof[kSizedKinds] = {};

template <int Kind>
PyObject* shell_sizeof(PyObject* self, PyObject*) {
  PyObject* res = PyObject_CallOneArg(g_host_sizeof[Kind], self);
  if (res == nullptr) return nullptr;
  Ref code = Kind == kFrame ? steal(reinterpret_cast<PyObject*>(PyFrame_GetCode(reinterpret_cast<PyFrameObject*>(self))))
                            : borrow(reinterpret_cast<PyObject*>(reinterpret_cast<PyGenObject*>(self)->gi_code));
  const int faithful = faithful_stacksize(code.get());
  if (faithful < 0) return res;
  const long extra = reinterpret_cast<PyCodeObject*>(code.get())->co_stacksize - faithful;
  const Py_ssize_t host = PyLong_AsSsize_t(res);
  Py_DECREF(res);
  if (host == -1 && PyErr_Occurred()) return nullptr;
  return PyLong_FromSsize_t(host - extra * static_cast<Py_ssize_t>(sizeof(PyObject*)));
}

PyMethodDef g_sizeof_defs[kSizedKinds] = {
    {"__sizeof__", shell_sizeof<kGenerator>, METH_NOARGS, nullptr},
    {"__sizeof__", shell_sizeof<kCoroutine>, METH_NOARGS, nullptr},
    {"__sizeof__", shell_sizeof<kAsyncGenerator>, METH_NOARGS, nullptr},
    {"__sizeof__", shell_sizeof<kFrame>, METH_NOARGS, nullptr},
};

int patch_sizeof(PyTypeObject* type, int kind) {
  PyObject* host = PyDict_GetItemString(type->tp_dict, "__sizeof__");
  if (host == nullptr) {
    PyErr_Format(PyExc_SystemError, "xpython: the host's %s type has no __sizeof__", type->tp_name);
    return -1;
  }
  g_sizeof_defs[kind].ml_doc = reinterpret_cast<PyMethodDescrObject*>(host)->d_method->ml_doc;
  Ref ours = steal(PyDescr_NewMethod(type, &g_sizeof_defs[kind]));
  if (!ours) return -1;
  g_host_sizeof[kind] = Py_NewRef(host);
  if (PyDict_SetItemString(type->tp_dict, "__sizeof__", ours.get()) < 0) return -1;
  PyType_Modified(type);
  return 0;
}

// CPython 3.11 compares code objects by their executable units, which for a
// shell are longer than co_code and differ at the jump: a shell compares as
// the plain copy code.replace() makes of it (co_code, the original units),
// so that it equals such copies of itself as natively.
richcmpfunc g_code_richcompare = nullptr;

bool is_shell(PyObject* code) {
  const ExecCode* ec = exec_code_of_code(code);
  return ec != nullptr && ec->host_entry;
}

PyObject* code_richcompare(PyObject* a, PyObject* b, int op) {
  if ((op == Py_EQ || op == Py_NE) && PyCode_Check(a) && PyCode_Check(b) && a != b && (is_shell(a) || is_shell(b))) {
    Ref plain_a = is_shell(a) ? steal(PyObject_CallMethod(a, "replace", nullptr)) : borrow(a);
    if (!plain_a) return nullptr;
    Ref plain_b = is_shell(b) ? steal(PyObject_CallMethod(b, "replace", nullptr)) : borrow(b);
    if (!plain_b) return nullptr;
    return g_code_richcompare(plain_a.get(), plain_b.get(), op);
  }
  return g_code_richcompare(a, b, op);
}

}  // namespace

int init_shell_code_type() {
  if (g_host_replace != nullptr) return 0;
  PyObject* dict = PyCode_Type.tp_dict;
  PyObject* host_replace = PyDict_GetItemString(dict, "replace");
  if (host_replace == nullptr) {
    PyErr_SetString(PyExc_SystemError, "xpython: the host's code type has no replace()");
    return -1;
  }
  Ref stacksize = steal(PyDescr_NewGetSet(&PyCode_Type, &g_stacksize_getset));
  g_replace_def.ml_doc = reinterpret_cast<PyMethodDescrObject*>(host_replace)->d_method->ml_doc;
  Ref replace_method = steal(PyDescr_NewMethod(&PyCode_Type, &g_replace_def));
  if (!stacksize || !replace_method) return -1;
  g_host_replace = Py_NewRef(host_replace);
  if (PyDict_SetItemString(dict, "co_stacksize", stacksize.get()) < 0 ||
      PyDict_SetItemString(dict, "replace", replace_method.get()) < 0)
    return -1;
  PyType_Modified(&PyCode_Type);
  if (patch_sizeof(&PyGen_Type, kGenerator) < 0 || patch_sizeof(&PyCoro_Type, kCoroutine) < 0 ||
      patch_sizeof(&PyAsyncGen_Type, kAsyncGenerator) < 0 || patch_sizeof(&PyFrame_Type, kFrame) < 0)
    return -1;
  g_code_richcompare = PyCode_Type.tp_richcompare;
  PyCode_Type.tp_richcompare = code_richcompare;
  return 0;
}

}  // namespace xp::vm
