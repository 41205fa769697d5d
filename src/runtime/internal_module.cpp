#include "runtime/internal_module.h"

#include "core/error.h"
#include "core/ref.h"
#include "runtime/namespace.h"
#include "runtime/code_loader.h"
#include "vm/eval.h"

namespace xp::rt {

namespace {


// The get_code of the VM's loaders (import_hook.cpp), called as
// get_code(loader, fullname) with m_self `original`: the get_code of the
// host loader class it extends (SourceFileLoader.get_code: reads the
// __pycache__ entry or compiles the source, as natively), or None for
// .pyc files, which xpython's own reader loads (any version's). The code
// object comes back prepared for the VM; the host's exec_module then runs it
// with builtins.exec through _call_with_frames_removed exactly as natively,
// and the frame hook sends code prepared for the VM to the VM
// (vm/call.cpp). Being a C function, it adds no frame to tracebacks.
PyObject* loader_get_code(PyObject* original, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_Format(PyExc_TypeError, "get_code() takes exactly one argument (%zd given)", nargs - 1);
    return nullptr;
  }
  PyObject* loader = args[0];
  PyObject* fullname = args[1];
  if (original != Py_None) {
    Ref code = steal(PyObject_CallFunctionObjArgs(original, loader, fullname, nullptr));
    if (!code || code.get() == Py_None) return code.release();
    Ref shell = prepare_host_code(code.get());
    return shell.release();
  }
  Ref path = steal(PyObject_CallMethod(loader, "get_filename", "O", fullname));
  if (!path) return nullptr;
  PyObject* raw = nullptr;
  if (!PyUnicode_FSConverter(path.get(), &raw)) return nullptr;
  Ref encoded = steal(raw);
  try {
    return load_pyc(PyBytes_AS_STRING(encoded.get())).release();
  } catch (const InputError& e) {
    PyErr_Format(PyExc_ImportError, "%s", e.what());
    return nullptr;
  }
}

PyMethodDef g_get_code_def = {"get_code", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(loader_get_code)),
                              METH_FASTCALL, "get_code(fullname): the module's code object, prepared for the VM"};

// vm_get_code(original): a get_code method (an instancemethod, so it binds
// to the loader like a function) for a loader class; see loader_get_code.
PyObject* vm_get_code(PyObject*, PyObject* original) {
  Ref func = steal(PyCFunction_NewEx(&g_get_code_def, original, nullptr));
  if (!func) return nullptr;
  return PyInstanceMethod_New(func.get());
}

PyMethodDef g_methods[] = {
    {"vm_get_code", vm_get_code, METH_O, "vm_get_code(original): a get_code method whose code objects run in the VM"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef g_def = {PyModuleDef_HEAD_INIT, "_xpython", "xpython VM internals", -1, g_methods};

}  // namespace

PyObject* make_internal_module() {
  PyObject* m = PyModule_Create(&g_def);
  if (m == nullptr) return nullptr;
  PyObject* modules = PyImport_GetModuleDict();
  if (PyDict_SetItemString(modules, "_xpython", m) < 0) {
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}

}  // namespace xp::rt
